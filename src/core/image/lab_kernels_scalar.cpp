// lab_kernels_scalar.cpp - scalar reference kernels. These define the expected
// results; the SIMD versions are tested against them. In the web build this file
// is compiled without auto-vectorisation (see src/core/CMakeLists.txt) so that
// "scalar" in the side-by-side benchmark means what it says.
#include <algorithm>
#include <cmath>
#include <vector>

#include "core/image/lab_kernels.h"

namespace duck::kern {

const float* srgb_to_linear_table() {
    // sRGB decoding curve (IEC 61966-2-1), built once on first use.
    static const struct Table {
        float v[256];
        Table() {
            for (int i = 0; i < 256; ++i) {
                double c = i / 255.0;
                v[i] = float(c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4));
            }
        }
    } table;
    return table.v;
}

namespace scalar {

// CIELAB companding function f(t) with the CIE linear segment near black.
static inline float lab_f(float t) {
    return t > 0.008856f ? std::cbrt(t) : 7.787037f * t + 16.0f / 116.0f;
}

void rgba_to_lab(const uint8_t* rgba, size_t n, const float gains[3], float* L, float* a,
                 float* b) {
    const float* lin = srgb_to_linear_table();
    for (size_t i = 0; i < n; ++i) {
        float r = std::min(1.0f, lin[rgba[4 * i + 0]] * gains[0]);
        float g = std::min(1.0f, lin[rgba[4 * i + 1]] * gains[1]);
        float bl = std::min(1.0f, lin[rgba[4 * i + 2]] * gains[2]);
        // sRGB primaries -> XYZ, divided by the D65 white point.
        float x = (0.4124564f * r + 0.3575761f * g + 0.1804375f * bl) * (1.0f / 0.95047f);
        float y = 0.2126729f * r + 0.7151522f * g + 0.0721750f * bl;
        float z = (0.0193339f * r + 0.1191920f * g + 0.9503041f * bl) * (1.0f / 1.08883f);
        float fx = lab_f(x), fy = lab_f(y), fz = lab_f(z);
        L[i] = 116.0f * fy - 16.0f;
        a[i] = 500.0f * (fx - fy);
        b[i] = 200.0f * (fy - fz);
    }
}

void power6_sums(const uint8_t* rgba, const uint8_t* valid, size_t n, double out[3]) {
    const float* lin = srgb_to_linear_table();
    double s[3] = {0, 0, 0};
    for (size_t i = 0; i < n; ++i) {
        if (!valid[i]) continue;
        for (int c = 0; c < 3; ++c) {
            double v = lin[rgba[4 * i + c]];
            double v2 = v * v;
            s[c] += v2 * v2 * v2;
        }
    }
    for (int c = 0; c < 3; ++c) out[c] = s[c];
}

void blur(const float* src, float* dst, float* tmp, int w, int h, const float* k, int radius) {
    // Horizontal pass into tmp, then vertical pass into dst. Each output is
    // k[0] * centre + k[1] * (pair at distance 1) + ... summed in that order;
    // the loops run tap by tap over a whole row (the edge clamps only where a
    // tap leaves the row) so the compiler can vectorise them natively.
    for (int y = 0; y < h; ++y) {
        const float* row = src + size_t(y) * w;
        float* __restrict out = tmp + size_t(y) * w;
        const int lo = std::min(radius, w), hi = std::max(lo, w - radius);  // [lo, hi): no clamp needed
        for (int x = 0; x < w; ++x) out[x] = k[0] * row[x];
        for (int t = 1; t <= radius; ++t) {
            const float kt = k[t];
            for (int x = 0; x < lo; ++x) out[x] += kt * (row[std::max(x - t, 0)] + row[std::min(x + t, w - 1)]);
            for (int x = lo; x < hi; ++x) out[x] += kt * (row[x - t] + row[x + t]);
            for (int x = hi; x < w; ++x) out[x] += kt * (row[std::max(x - t, 0)] + row[std::min(x + t, w - 1)]);
        }
    }
    for (int y = 0; y < h; ++y) {
        float* __restrict out = dst + size_t(y) * w;
        const float* c = tmp + size_t(y) * w;
        for (int x = 0; x < w; ++x) out[x] = k[0] * c[x];
        for (int t = 1; t <= radius; ++t) {
            const float kt = k[t];
            const float* up = tmp + size_t(std::max(y - t, 0)) * w;
            const float* dn = tmp + size_t(std::min(y + t, h - 1)) * w;
            for (int x = 0; x < w; ++x) out[x] += kt * (up[x] + dn[x]);
        }
    }
}

void gradient(const float* src, float* gx, float* gy, int w, int h) {
    for (int y = 0; y < h; ++y) {
        int y0 = std::max(y - 1, 0), y1 = std::min(y + 1, h - 1);
        for (int x = 0; x < w; ++x) {
            int x0 = std::max(x - 1, 0), x1 = std::min(x + 1, w - 1);
            size_t i = size_t(y) * w + x;
            gx[i] = (src[size_t(y) * w + x1] - src[size_t(y) * w + x0]) / float(std::max(x1 - x0, 1));
            gy[i] = (src[size_t(y1) * w + x] - src[size_t(y0) * w + x]) / float(std::max(y1 - y0, 1));
        }
    }
}

void histogram(const float* v, const uint8_t* mask, size_t n, float lo, float hi, int nbins,
               uint32_t* hist) {
    std::fill(hist, hist + nbins, 0u);
    float scale = nbins / (hi - lo);
    for (size_t i = 0; i < n; ++i) {
        if (!mask[i]) continue;
        float f = std::clamp((v[i] - lo) * scale, 0.0f, float(nbins - 1));
        hist[int(f)]++;
    }
}

Moments moments(const uint8_t* mask, int w, int h) {
    Moments m;
    for (int y = 0; y < h; ++y) {
        const uint8_t* row = mask + size_t(y) * w;
        for (int x = 0; x < w; ++x) {
            if (!row[x]) continue;
            double dx = x, dy = y;
            m.m00 += 1;
            m.m10 += dx;
            m.m01 += dy;
            m.m20 += dx * dx;
            m.m11 += dx * dy;
            m.m02 += dy * dy;
        }
    }
    return m;
}

PlaneStats masked_stats(const float* p0, const float* p1, const float* p2, const uint8_t* mask,
                        size_t n) {
    PlaneStats s;
    const float* p[3] = {p0, p1, p2};
    for (size_t i = 0; i < n; ++i) {
        if (!mask[i]) continue;
        s.count += 1;
        for (int c = 0; c < 3; ++c) {
            double v = p[c][i];
            s.sum[c] += v;
            s.sq[c] += v * v;
        }
    }
    return s;
}

void extreme_filter(const float* src, float* dst, float* tmp, int w, int h, int r, bool take_max) {
    auto pick = [take_max](float a, float b) { return take_max ? std::max(a, b) : std::min(a, b); };
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            float v = src[size_t(y) * w + x];
            for (int t = std::max(0, x - r); t <= std::min(w - 1, x + r); ++t) v = pick(v, src[size_t(y) * w + t]);
            tmp[size_t(y) * w + x] = v;
        }
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            float v = tmp[size_t(y) * w + x];
            for (int t = std::max(0, y - r); t <= std::min(h - 1, y + r); ++t) v = pick(v, tmp[size_t(t) * w + x]);
            dst[size_t(y) * w + x] = v;
        }
}

void lab_distance(const float* L, const float* a, const float* b, const float ref[3], float* out, size_t n) {
    for (size_t i = 0; i < n; ++i) {
        const float dl = L[i] - ref[0], da = a[i] - ref[1], db = b[i] - ref[2];
        out[i] = std::sqrt(dl * dl + da * da + db * db);
    }
}

}  // namespace scalar
}  // namespace duck::kern
