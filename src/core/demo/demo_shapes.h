// demo_shapes.h - drawing helpers shared by the demo painter (demo_paint.cpp) and
// its overlays (demo_overlays.cpp): smooth coarse fields, Worley cells, ellipses
// and colour zones. Internal to the demo generator; all math from demo_rng.h.
#pragma once
#include <algorithm>
#include <vector>

#include "core/demo/demo_design.h"
#include "core/demo/demo_rng.h"

namespace duck::demo {

inline Rgb mix(Rgb a, Rgb b, float t) { return {lerp(a.r, b.r, t), lerp(a.g, b.g, t), lerp(a.b, b.b, t)}; }
inline Rgb times(Rgb a, float k) { return {a.r * k, a.g * k, a.b * k}; }

// Polynomial smooth minimum: unions ellipses into one rounded blob.
inline float smin(float a, float b, float k) {
    const float h = std::max(k - (a > b ? a - b : b - a), 0.0f) / k;
    return std::min(a, b) - h * h * k * 0.25f;
}

// A smooth field over an n x n pixel grid, evaluated every 2^shift pixels and
// bilinearly interpolated: low-frequency noise does not need per-pixel hashing.
class CoarseField {
public:
    template <class F>
    CoarseField(int size, int shift, F f)
        : shift_(shift), mask_((1 << shift) - 1), inv_(1.0f / static_cast<float>(1 << shift)),
          n_((size >> shift) + 2), v_(static_cast<size_t>(n_ * n_)) {
        for (int j = 0; j < n_; ++j)
            for (int i = 0; i < n_; ++i) v_[static_cast<size_t>(j * n_ + i)] = f(i << shift, j << shift);
    }
    float at(int x, int y) const {
        const int ix = x >> shift_, iy = y >> shift_;
        const float fx = static_cast<float>(x & mask_) * inv_, fy = static_cast<float>(y & mask_) * inv_;
        const float* r0 = &v_[static_cast<size_t>(iy * n_ + ix)];
        const float* r1 = r0 + n_;
        return lerp(lerp(r0[0], r0[1], fx), lerp(r1[0], r1[1], fx), fy);
    }

private:
    int shift_, mask_;
    float inv_;
    int n_;
    std::vector<float> v_;
};

// Jittered Worley points of the cells over a box, hashed once per image instead of
// nine times per pixel. query() gives the distances (in cells) to the nearest and
// second-nearest point - F2-F1 draws a network, F1 draws dots - and the nearest
// cell's random id.
class CellPoints {
public:
    CellPoints(float x0, float y0, float x1, float y1, float cell, uint32_t salt);
    void query(float px, float py, float& f1, float& f2, float& id) const;

private:
    float inv_;
    int ix0_, iy0_, nx_ = 0, ny_ = 0;
    std::vector<float> pts_;
};

// An ellipse in pixels; dist() is 1 on its outline and 0 at its centre.
struct Ellipse {
    float cx, cy, c, s, ia, ib;
    Ellipse(float x, float y, float r, float elong, float angle_turns)
        : cx(x), cy(y), c(cos_turns(angle_turns)), s(sin_turns(angle_turns)) {
        const float e = std::sqrt(elong);
        ia = 1.0f / (r * e);
        ib = e / r;
    }
    float dist(float x, float y) const {
        const float dx = x - cx, dy = y - cy;
        const float u = (dx * c + dy * s) * ia, v = (dy * c - dx * s) * ib;
        return std::sqrt(u * u + v * v);
    }
    float extent() const { return 1.0f / std::min(ia, ib); }  // half the major axis
};

// A colour zone (blue-grey veil, black blotch...): 1-2 warped blobs inside the lesion
// covering about `area` of it. weight() is 1 inside, 0 outside.
class Zones {
public:
    Zones(float area, float cx, float cy, float R, Rng& r);
    float weight(float x, float y, float warp) const;

private:
    std::vector<Ellipse> blobs_;
};

// Hairs (quadratic Bezier strokes) and a millimetre ruler, as coverage in [0, 1]
// max-combined into an S x S buffer.
void draw_hairs(std::vector<float>& cover, int S, int count, Rng& r);
void draw_ruler(std::vector<float>& cover, int S, Rng& r);

}  // namespace duck::demo
