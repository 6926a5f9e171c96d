// demo_overlays.cpp - the parts of a demo image that are not skin or lesion:
// hairs and the millimetre ruler seen in many ISIC images, plus the geometric
// helpers (Worley cells, colour zones) declared in demo_shapes.h.
#include "core/demo/demo_shapes.h"

namespace duck::demo {

CellPoints::CellPoints(float x0, float y0, float x1, float y1, float cell, uint32_t salt)
    : inv_(1.0f / cell), ix0_(ifloor(x0 * inv_) - 2), iy0_(ifloor(y0 * inv_) - 2) {
    nx_ = ifloor(x1 * inv_) + 3 - ix0_;
    ny_ = ifloor(y1 * inv_) + 3 - iy0_;
    if (nx_ < 1 || ny_ < 1) nx_ = ny_ = 0;
    pts_.resize(static_cast<size_t>(nx_ * ny_) * 3);
    for (int j = 0; j < ny_; ++j)
        for (int i = 0; i < nx_; ++i) {
            float* p = &pts_[static_cast<size_t>(j * nx_ + i) * 3];
            const int cx = ix0_ + i, cy = iy0_ + j;
            p[0] = static_cast<float>(cx) + hash2(cx, cy, salt);
            p[1] = static_cast<float>(cy) + hash2(cx, cy, salt + 7u);
            p[2] = hash2(cx, cy, salt + 13u);
        }
}

void CellPoints::query(float px, float py, float& f1, float& f2, float& id) const {
    const float x = px * inv_, y = py * inv_;
    const int i = ifloor(x) - ix0_, j = ifloor(y) - iy0_;
    f1 = f2 = 81.0f;
    id = 0;
    if (i < 1 || j < 1 || i + 1 >= nx_ || j + 1 >= ny_) return;
    for (int dj = -1; dj <= 1; ++dj)
        for (int di = -1; di <= 1; ++di) {
            const float* p = &pts_[static_cast<size_t>((j + dj) * nx_ + i + di) * 3];
            const float d = (p[0] - x) * (p[0] - x) + (p[1] - y) * (p[1] - y);  // squared until the end
            if (d < f1) {
                f2 = f1;
                f1 = d;
                id = p[2];
            } else if (d < f2) {
                f2 = d;
            }
        }
    f1 = std::sqrt(f1);
    f2 = std::sqrt(f2);
}

Zones::Zones(float area, float cx, float cy, float R, Rng& r) {
    if (area <= 0.0f) return;
    const int n = area > 0.15f ? 2 : 1;
    const float rz = R * std::sqrt(area / static_cast<float>(n)) * 1.15f;
    for (int i = 0; i < n; ++i) {
        const float a = r.uniform(), d = R * r.uniform(0.2f, 0.6f);
        const float elong = r.uniform(1.0f, 1.8f), angle = r.uniform();
        blobs_.emplace_back(cx + d * cos_turns(a), cy + d * sin_turns(a), rz, elong, angle);
    }
}

float Zones::weight(float x, float y, float warp) const {
    float w = 0;
    for (const auto& e : blobs_) w = std::max(w, 1.0f - smoothstep(0.35f, 1.0f, e.dist(x, y) + 1.5f * warp));
    return w;
}

void draw_hairs(std::vector<float>& cover, int S, int count, Rng& r) {
    const float fs = static_cast<float>(S);
    for (int h = 0; h < count; ++h) {
        const float x0 = r.uniform(-0.1f, 1.1f) * fs, y0 = r.uniform(-0.1f, 1.1f) * fs;
        const float a = r.uniform(), len = r.uniform(0.25f, 0.9f) * fs;
        const float x2 = x0 + len * cos_turns(a), y2 = y0 + len * sin_turns(a);
        const float bend = r.uniform(-0.35f, 0.35f) * len;
        const float x1 = (x0 + x2) * 0.5f - bend * sin_turns(a), y1 = (y0 + y2) * 0.5f + bend * cos_turns(a);
        const float w = r.uniform(0.5f, 1.1f) * fs / 384.0f + 0.3f;  // half-width in pixels
        const int steps = static_cast<int>(len * 1.5f) + 2;
        for (int k = 0; k <= steps; ++k) {
            const float t = static_cast<float>(k) / static_cast<float>(steps), u = 1 - t;
            const float px = u * u * x0 + 2 * u * t * x1 + t * t * x2, py = u * u * y0 + 2 * u * t * y1 + t * t * y2;
            const int xa = std::max(0, static_cast<int>(px - w - 1)), xb = std::min(S - 1, static_cast<int>(px + w + 1));
            const int ya = std::max(0, static_cast<int>(py - w - 1)), yb = std::min(S - 1, static_cast<int>(py + w + 1));
            for (int y = ya; y <= yb; ++y)
                for (int x = xa; x <= xb; ++x) {
                    const float dx = static_cast<float>(x) + 0.5f - px, dy = static_cast<float>(y) + 0.5f - py;
                    float& c = cover[static_cast<size_t>(y * S + x)];
                    c = std::max(c, clamp01(w + 0.5f - std::sqrt(dx * dx + dy * dy)));
                }
        }
    }
}

void draw_ruler(std::vector<float>& cover, int S, Rng& r) {
    const float fs = static_cast<float>(S);
    const float mm = fs / r.uniform(22.0f, 30.0f);
    const int base = static_cast<int>(fs * r.uniform(0.04f, 0.12f));
    const bool vertical = r.chance(0.6f);
    const int first = static_cast<int>(fs * 0.22f), last = static_cast<int>(fs * 0.78f);
    const int lw = std::max(1, S / 300);
    auto put = [&](int a, int b) {  // a along the ruler, b across it
        const int x = vertical ? b : a, y = vertical ? a : b;
        if (x >= 0 && y >= 0 && x < S && y < S) cover[static_cast<size_t>(y * S + x)] = 0.85f;
    };
    for (int a = first; a <= last; ++a)
        for (int t = 0; t < lw; ++t) put(a, base + t);
    for (int k = 0; first + static_cast<int>(static_cast<float>(k) * mm) <= last; ++k) {
        const int a = first + static_cast<int>(static_cast<float>(k) * mm);
        const int len = static_cast<int>(mm * (k % 10 == 0 ? 1.1f : (k % 5 == 0 ? 0.8f : 0.5f)));
        for (int b = 0; b < len; ++b)
            for (int t = 0; t < lw; ++t) put(a + t, base + b);
    }
}

}  // namespace duck::demo
