// lab_kernels_simd.cpp - wasm_simd128 versions of the model's hot kernels, four
// pixels per instruction. Compiled only in the web build with DUCK_SIMD; each
// must match kern::scalar within the tolerances stated in test_lab_kernels.cpp
// (the cube root here is a bit trick plus two Newton steps instead of std::cbrt).
#if defined(__wasm_simd128__) && defined(DUCK_SIMD)
#include <wasm_simd128.h>

#include <algorithm>
#include <vector>

#include "core/image/lab_kernels.h"

namespace duck::kern::simd {

namespace {

inline float hsum(v128_t v) {
    return wasm_f32x4_extract_lane(v, 0) + wasm_f32x4_extract_lane(v, 1) +
           wasm_f32x4_extract_lane(v, 2) + wasm_f32x4_extract_lane(v, 3);
}

// 4 mask bytes -> 1.0f where the byte is non-zero, else 0.0f.
inline v128_t load_mask4(const uint8_t* m) {
    v128_t b = wasm_v128_load32_zero(m);
    v128_t w = wasm_u32x4_extend_low_u16x8(wasm_u16x8_extend_low_u8x16(b));
    v128_t nz = wasm_i32x4_ne(w, wasm_i32x4_splat(0));
    return wasm_v128_and(nz, wasm_f32x4_splat(1.0f));
}

// Cube root for t > 0: exponent/3 bit trick, then two Newton steps (rel. error ~1e-6).
inline v128_t cbrt4(v128_t t) {
    v128_t third = wasm_f32x4_splat(1.0f / 3.0f);
    v128_t bits_f = wasm_f32x4_convert_i32x4(t);  // the float's bits read as an integer
    v128_t guess = wasm_i32x4_add(wasm_i32x4_trunc_sat_f32x4(wasm_f32x4_mul(bits_f, third)),
                                  wasm_i32x4_splat(709921077));
    v128_t y = guess;
    for (int it = 0; it < 2; ++it) {
        v128_t y2 = wasm_f32x4_mul(y, y);
        y = wasm_f32x4_mul(wasm_f32x4_add(wasm_f32x4_add(y, y), wasm_f32x4_div(t, y2)), third);
    }
    return y;
}

inline v128_t lab_f4(v128_t t) {
    v128_t lin = wasm_f32x4_add(wasm_f32x4_mul(t, wasm_f32x4_splat(7.787037f)),
                                wasm_f32x4_splat(16.0f / 116.0f));
    v128_t big = wasm_f32x4_gt(t, wasm_f32x4_splat(0.008856f));
    // Keep the Newton iteration away from 0 in lanes that take the linear branch.
    v128_t safe = wasm_f32x4_max(t, wasm_f32x4_splat(0.008856f));
    return wasm_v128_bitselect(cbrt4(safe), lin, big);
}

// Linear RGB of pixels i..i+3 from the sRGB table (lane loads: wasm has no gather).
inline void load_linear4(const uint8_t* p, const float* lin, v128_t& r, v128_t& g, v128_t& b) {
    r = wasm_f32x4_make(lin[p[0]], lin[p[4]], lin[p[8]], lin[p[12]]);
    g = wasm_f32x4_make(lin[p[1]], lin[p[5]], lin[p[9]], lin[p[13]]);
    b = wasm_f32x4_make(lin[p[2]], lin[p[6]], lin[p[10]], lin[p[14]]);
}

}  // namespace

void rgba_to_lab(const uint8_t* rgba, size_t n, const float gains[3], float* L, float* a,
                 float* b) {
    const float* lin = srgb_to_linear_table();
    const v128_t one = wasm_f32x4_splat(1.0f);
    const v128_t g0 = wasm_f32x4_splat(gains[0]), g1 = wasm_f32x4_splat(gains[1]),
                 g2 = wasm_f32x4_splat(gains[2]);
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        v128_t r, g, bl;
        load_linear4(rgba + 4 * i, lin, r, g, bl);
        r = wasm_f32x4_min(wasm_f32x4_mul(r, g0), one);
        g = wasm_f32x4_min(wasm_f32x4_mul(g, g1), one);
        bl = wasm_f32x4_min(wasm_f32x4_mul(bl, g2), one);
        auto mix = [&](float cr, float cg, float cb) {
            return wasm_f32x4_add(wasm_f32x4_add(wasm_f32x4_mul(r, wasm_f32x4_splat(cr)),
                                                 wasm_f32x4_mul(g, wasm_f32x4_splat(cg))),
                                  wasm_f32x4_mul(bl, wasm_f32x4_splat(cb)));
        };
        v128_t x = mix(0.4124564f / 0.95047f, 0.3575761f / 0.95047f, 0.1804375f / 0.95047f);
        v128_t y = mix(0.2126729f, 0.7151522f, 0.0721750f);
        v128_t z = mix(0.0193339f / 1.08883f, 0.1191920f / 1.08883f, 0.9503041f / 1.08883f);
        v128_t fx = lab_f4(x), fy = lab_f4(y), fz = lab_f4(z);
        wasm_v128_store(L + i, wasm_f32x4_sub(wasm_f32x4_mul(fy, wasm_f32x4_splat(116.0f)),
                                              wasm_f32x4_splat(16.0f)));
        wasm_v128_store(a + i, wasm_f32x4_mul(wasm_f32x4_sub(fx, fy), wasm_f32x4_splat(500.0f)));
        wasm_v128_store(b + i, wasm_f32x4_mul(wasm_f32x4_sub(fy, fz), wasm_f32x4_splat(200.0f)));
    }
    if (i < n) scalar::rgba_to_lab(rgba + 4 * i, n - i, gains, L + i, a + i, b + i);
}

void power6_sums(const uint8_t* rgba, const uint8_t* valid, size_t n, double out[3]) {
    const float* lin = srgb_to_linear_table();
    double total[3] = {0, 0, 0};
    size_t i = 0;
    while (i + 4 <= n) {
        // Flush the float accumulators to double every 1024 pixels to bound rounding.
        v128_t s0 = wasm_f32x4_splat(0), s1 = s0, s2 = s0;
        size_t end = std::min(n & ~size_t(3), i + 1024);
        for (; i < end; i += 4) {
            v128_t m = load_mask4(valid + i);
            v128_t r, g, b;
            load_linear4(rgba + 4 * i, lin, r, g, b);
            auto p6 = [&](v128_t v) {
                v128_t v3 = wasm_f32x4_mul(wasm_f32x4_mul(v, v), v);
                return wasm_f32x4_mul(wasm_f32x4_mul(v3, v3), m);
            };
            s0 = wasm_f32x4_add(s0, p6(r));
            s1 = wasm_f32x4_add(s1, p6(g));
            s2 = wasm_f32x4_add(s2, p6(b));
        }
        total[0] += hsum(s0);
        total[1] += hsum(s1);
        total[2] += hsum(s2);
    }
    double tail[3] = {0, 0, 0};
    if (i < n) scalar::power6_sums(rgba + 4 * i, valid + i, n - i, tail);
    for (int c = 0; c < 3; ++c) out[c] = total[c] + tail[c];
}

void blur(const float* src, float* dst, float* tmp, int w, int h, const float* k, int radius) {
    // Horizontal: copy each row into a buffer padded with its edge values.
    std::vector<float> pad(size_t(w) + 2 * radius + 4);
    for (int y = 0; y < h; ++y) {
        const float* row = src + size_t(y) * w;
        for (int t = 0; t < radius; ++t) {
            pad[t] = row[0];
            pad[size_t(radius) + w + t] = row[w - 1];
        }
        std::copy(row, row + w, pad.begin() + radius);
        const float* c = pad.data() + radius;
        float* out = tmp + size_t(y) * w;
        int x = 0;
        for (; x + 4 <= w; x += 4) {
            v128_t acc = wasm_f32x4_mul(wasm_v128_load(c + x), wasm_f32x4_splat(k[0]));
            for (int t = 1; t <= radius; ++t) {
                v128_t s = wasm_f32x4_add(wasm_v128_load(c + x - t), wasm_v128_load(c + x + t));
                acc = wasm_f32x4_add(acc, wasm_f32x4_mul(s, wasm_f32x4_splat(k[t])));
            }
            wasm_v128_store(out + x, acc);
        }
        for (; x < w; ++x) {
            float acc = k[0] * c[x];
            for (int t = 1; t <= radius; ++t) acc += k[t] * (c[x - t] + c[x + t]);
            out[x] = acc;
        }
    }
    // Vertical: four neighbouring columns at a time, rows clamped at the edges.
    for (int y = 0; y < h; ++y) {
        float* out = dst + size_t(y) * w;
        const float* mid = tmp + size_t(y) * w;
        int x = 0;
        for (; x + 4 <= w; x += 4) {
            v128_t acc = wasm_f32x4_mul(wasm_v128_load(mid + x), wasm_f32x4_splat(k[0]));
            for (int t = 1; t <= radius; ++t) {
                const float* up = tmp + size_t(std::max(y - t, 0)) * w;
                const float* dn = tmp + size_t(std::min(y + t, h - 1)) * w;
                v128_t s = wasm_f32x4_add(wasm_v128_load(up + x), wasm_v128_load(dn + x));
                acc = wasm_f32x4_add(acc, wasm_f32x4_mul(s, wasm_f32x4_splat(k[t])));
            }
            wasm_v128_store(out + x, acc);
        }
        for (; x < w; ++x) {
            float acc = k[0] * mid[x];
            for (int t = 1; t <= radius; ++t)
                acc += k[t] * (tmp[size_t(std::max(y - t, 0)) * w + x] +
                               tmp[size_t(std::min(y + t, h - 1)) * w + x]);
            out[x] = acc;
        }
    }
}

void gradient(const float* src, float* gx, float* gy, int w, int h) {
    if (w < 3 || h < 3) {
        scalar::gradient(src, gx, gy, w, h);
        return;
    }
    const v128_t half = wasm_f32x4_splat(0.5f);
    for (int y = 0; y < h; ++y) {
        int y0 = std::max(y - 1, 0), y1 = std::min(y + 1, h - 1);
        v128_t ys = wasm_f32x4_splat(1.0f / float(y1 - y0));
        const float* row = src + size_t(y) * w;
        const float* r0 = src + size_t(y0) * w;
        const float* r1 = src + size_t(y1) * w;
        float* ox = gx + size_t(y) * w;
        float* oy = gy + size_t(y) * w;
        int x = 0;
        for (; x + 4 <= w; x += 4)
            wasm_v128_store(oy + x, wasm_f32x4_mul(wasm_f32x4_sub(wasm_v128_load(r1 + x),
                                                                  wasm_v128_load(r0 + x)), ys));
        for (; x < w; ++x) oy[x] = (r1[x] - r0[x]) / float(y1 - y0);
        ox[0] = row[1] - row[0];
        ox[w - 1] = row[w - 1] - row[w - 2];
        x = 1;
        for (; x + 4 <= w - 1; x += 4)
            wasm_v128_store(ox + x, wasm_f32x4_mul(wasm_f32x4_sub(wasm_v128_load(row + x + 1),
                                                                  wasm_v128_load(row + x - 1)), half));
        for (; x < w - 1; ++x) ox[x] = (row[x + 1] - row[x - 1]) * 0.5f;
    }
}

void histogram(const float* v, const uint8_t* mask, size_t n, float lo, float hi, int nbins,
               uint32_t* hist) {
    std::fill(hist, hist + nbins, 0u);
    const float scale = nbins / (hi - lo);
    const v128_t vlo = wasm_f32x4_splat(lo), vs = wasm_f32x4_splat(scale);
    const v128_t vmax = wasm_f32x4_splat(float(nbins - 1)), zero = wasm_f32x4_splat(0.0f);
    size_t i = 0;
    alignas(16) int32_t idx[4];
    for (; i + 4 <= n; i += 4) {
        if ((i & 15) == 0 && i + 16 <= n && !wasm_v128_any_true(wasm_v128_load(mask + i))) {
            i += 12;  // 16 pixels outside the mask
            continue;
        }
        uint32_t m;
        __builtin_memcpy(&m, mask + i, 4);
        if (!m) continue;  // common: whole quad outside the mask
        v128_t f = wasm_f32x4_mul(wasm_f32x4_sub(wasm_v128_load(v + i), vlo), vs);
        f = wasm_f32x4_min(wasm_f32x4_max(f, zero), vmax);
        wasm_v128_store(idx, wasm_i32x4_trunc_sat_f32x4(f));
        for (int l = 0; l < 4; ++l)
            if (mask[i + l]) hist[idx[l]]++;
    }
    for (; i < n; ++i) {
        if (!mask[i]) continue;
        float f = std::clamp((v[i] - lo) * scale, 0.0f, float(nbins - 1));
        hist[int(f)]++;
    }
}

Moments moments(const uint8_t* mask, int w, int h) {
    // 16 pixels at a time, in exact integers: per block starting at x0, the count
    // c, and the sums of the local offsets j (0..15) and j^2 over masked pixels
    // (i16 dot products), so sum x = c x0 + sum j and sum x^2 = c x0^2 +
    // 2 x0 sum j + sum j^2. Blocks without a masked pixel (most of the image) are
    // skipped. i32 lanes hold w^3 per row: wider images take the scalar path.
    if (w > 1024) return scalar::moments(mask, w, h);
    Moments m;
    const v128_t ones = wasm_i16x8_splat(1), one8 = wasm_u8x16_splat(1);
    const v128_t j_lo = wasm_i16x8_make(0, 1, 2, 3, 4, 5, 6, 7), j_hi = wasm_i16x8_make(8, 9, 10, 11, 12, 13, 14, 15);
    const v128_t jj_lo = wasm_i16x8_make(0, 1, 4, 9, 16, 25, 36, 49),
                 jj_hi = wasm_i16x8_make(64, 81, 100, 121, 144, 169, 196, 225);
    auto dot2 = [](v128_t lo, v128_t hi, v128_t a, v128_t b) {
        return wasm_i32x4_add(wasm_i32x4_dot_i16x8(lo, a), wasm_i32x4_dot_i16x8(hi, b));
    };
    auto hsum_i = [](v128_t v) {
        return int64_t(wasm_i32x4_extract_lane(v, 0)) + wasm_i32x4_extract_lane(v, 1) +
               wasm_i32x4_extract_lane(v, 2) + wasm_i32x4_extract_lane(v, 3);
    };
    for (int y = 0; y < h; ++y) {
        const uint8_t* row = mask + size_t(y) * w;
        v128_t c = wasm_i32x4_splat(0), cx0 = c, cx00 = c, sj = c, x0sj = c, sjj = c;
        int x = 0;
        for (; x + 16 <= w; x += 16) {
            v128_t b = wasm_v128_load(row + x);
            if (!wasm_v128_any_true(b)) continue;
            b = wasm_u8x16_min(b, one8);  // any non-zero byte counts as 1
            const v128_t lo = wasm_u16x8_extend_low_u8x16(b), hi = wasm_u16x8_extend_high_u8x16(b);
            const v128_t cnt = dot2(lo, hi, ones, ones), s1 = dot2(lo, hi, j_lo, j_hi), s2 = dot2(lo, hi, jj_lo, jj_hi);
            const v128_t x0 = wasm_i32x4_splat(x), x00 = wasm_i32x4_splat(x * x);
            c = wasm_i32x4_add(c, cnt);
            cx0 = wasm_i32x4_add(cx0, wasm_i32x4_mul(cnt, x0));
            cx00 = wasm_i32x4_add(cx00, wasm_i32x4_mul(cnt, x00));
            sj = wasm_i32x4_add(sj, s1);
            x0sj = wasm_i32x4_add(x0sj, wasm_i32x4_mul(s1, x0));
            sjj = wasm_i32x4_add(sjj, s2);
        }
        int64_t rc = hsum_i(c), rx = hsum_i(cx0) + hsum_i(sj), rxx = hsum_i(cx00) + 2 * hsum_i(x0sj) + hsum_i(sjj);
        for (; x < w; ++x)
            if (row[x]) {
                rc += 1;
                rx += x;
                rxx += int64_t(x) * x;
            }
        const double dy = y;
        m.m00 += double(rc);
        m.m10 += double(rx);
        m.m01 += dy * double(rc);
        m.m20 += double(rxx);
        m.m11 += dy * double(rx);
        m.m02 += dy * dy * double(rc);
    }
    return m;
}

PlaneStats masked_stats(const float* p0, const float* p1, const float* p2, const uint8_t* mask,
                        size_t n) {
    PlaneStats s;
    const float* p[3] = {p0, p1, p2};
    size_t i = 0;
    while (i + 4 <= n) {
        v128_t cnt = wasm_f32x4_splat(0), sum[3] = {cnt, cnt, cnt}, sq[3] = {cnt, cnt, cnt};
        size_t end = std::min(n & ~size_t(3), i + 1024);
        for (; i < end; i += 4) {
            // Skip 16 unmasked pixels at once (the skin around a lesion).
            if ((i & 15) == 0 && i + 16 <= end && !wasm_v128_any_true(wasm_v128_load(mask + i))) {
                i += 12;
                continue;
            }
            v128_t m = load_mask4(mask + i);
            cnt = wasm_f32x4_add(cnt, m);
            for (int ch = 0; ch < 3; ++ch) {
                v128_t v = wasm_f32x4_mul(wasm_v128_load(p[ch] + i), m);
                sum[ch] = wasm_f32x4_add(sum[ch], v);
                sq[ch] = wasm_f32x4_add(sq[ch], wasm_f32x4_mul(v, v));
            }
        }
        s.count += hsum(cnt);
        for (int ch = 0; ch < 3; ++ch) {
            s.sum[ch] += hsum(sum[ch]);
            s.sq[ch] += hsum(sq[ch]);
        }
    }
    if (i < n) {
        PlaneStats t = scalar::masked_stats(p0 + i, p1 + i, p2 + i, mask + i, n - i);
        s.count += t.count;
        for (int ch = 0; ch < 3; ++ch) {
            s.sum[ch] += t.sum[ch];
            s.sq[ch] += t.sq[ch];
        }
    }
    return s;
}

void extreme_filter(const float* src, float* dst, float* tmp, int w, int h, int r, bool take_max) {
    if (r <= 0) {
        std::copy(src, src + size_t(w) * h, dst);
        return;
    }
    auto op = [take_max](v128_t a, v128_t b) { return take_max ? wasm_f32x4_pmax(a, b) : wasm_f32x4_pmin(a, b); };
    // Horizontal: rows padded with their edge values (the same as clipping the window).
    std::vector<float> pad(size_t(w) + 2 * r + 4);
    for (int y = 0; y < h; ++y) {
        const float* row = src + size_t(y) * w;
        for (int t = 0; t < r; ++t) {
            pad[t] = row[0];
            pad[size_t(r) + w + t] = row[w - 1];
        }
        std::copy(row, row + w, pad.begin() + r);
        const float* c = pad.data() + r;
        float* out = tmp + size_t(y) * w;
        int x = 0;
        for (; x + 4 <= w; x += 4) {
            v128_t v = wasm_v128_load(c + x - r);
            for (int t = -r + 1; t <= r; ++t) v = op(v, wasm_v128_load(c + x + t));
            wasm_v128_store(out + x, v);
        }
        for (; x < w; ++x) {
            float v = c[x - r];
            for (int t = -r + 1; t <= r; ++t) v = take_max ? std::max(v, c[x + t]) : std::min(v, c[x + t]);
            out[x] = v;
        }
    }
    // Vertical: four columns at a time over the clipped row window.
    for (int y = 0; y < h; ++y) {
        const int y0 = std::max(0, y - r), y1 = std::min(h - 1, y + r);
        float* out = dst + size_t(y) * w;
        int x = 0;
        for (; x + 4 <= w; x += 4) {
            v128_t v = wasm_v128_load(tmp + size_t(y0) * w + x);
            for (int t = y0 + 1; t <= y1; ++t) v = op(v, wasm_v128_load(tmp + size_t(t) * w + x));
            wasm_v128_store(out + x, v);
        }
        for (; x < w; ++x) {
            float v = tmp[size_t(y0) * w + x];
            for (int t = y0 + 1; t <= y1; ++t)
                v = take_max ? std::max(v, tmp[size_t(t) * w + x]) : std::min(v, tmp[size_t(t) * w + x]);
            out[x] = v;
        }
    }
}

void lab_distance(const float* L, const float* a, const float* b, const float ref[3], float* out, size_t n) {
    const v128_t r0 = wasm_f32x4_splat(ref[0]), r1 = wasm_f32x4_splat(ref[1]), r2 = wasm_f32x4_splat(ref[2]);
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        const v128_t dl = wasm_f32x4_sub(wasm_v128_load(L + i), r0);
        const v128_t da = wasm_f32x4_sub(wasm_v128_load(a + i), r1);
        const v128_t db = wasm_f32x4_sub(wasm_v128_load(b + i), r2);
        const v128_t s = wasm_f32x4_add(wasm_f32x4_add(wasm_f32x4_mul(dl, dl), wasm_f32x4_mul(da, da)),
                                        wasm_f32x4_mul(db, db));
        wasm_v128_store(out + i, wasm_f32x4_sqrt(s));
    }
    if (i < n) scalar::lab_distance(L + i, a + i, b + i, ref, out + i, n - i);
}

}  // namespace duck::kern::simd
#endif
