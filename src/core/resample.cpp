// resample.cpp - area-average resampling in linear light (see resample.h). Works
// row by row: each source row is converted to linear floats, reduced
// horizontally, then added with its vertical weight into the accumulators of the
// (at most two) output rows it overlaps. Extra memory: one source row plus the
// output in floats, so a 24 MP original needs ~1 MB beyond its own pixels.
#include "core/resample.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace duck {
namespace {

const std::array<float, 256>& lin_table() {
    static const std::array<float, 256> t = [] {
        std::array<float, 256> a{};
        for (int i = 0; i < 256; ++i) {
            const double c = i / 255.0;
            a[size_t(i)] = float(c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4));
        }
        return a;
    }();
    return t;
}

}  // namespace

float srgb_to_linear(uint8_t v) { return lin_table()[v]; }

uint8_t linear_to_srgb(float v) {
    const double l = std::clamp(double(v), 0.0, 1.0);
    const double c = l <= 0.0031308 ? l * 12.92 : 1.055 * std::pow(l, 1.0 / 2.4) - 0.055;
    return uint8_t(std::lround(std::clamp(c, 0.0, 1.0) * 255.0));
}

bool resample_simd_compiled() {
#if defined(__wasm_simd128__) && defined(DUCK_SIMD)
    return true;
#else
    return false;
#endif
}

std::pair<int, int> fit_within(int w, int h, int max_side) {
    if (w <= 0 || h <= 0 || max_side <= 0) return {0, 0};
    const int longer = std::max(w, h);
    if (longer <= max_side) return {w, h};
    const double s = double(max_side) / longer;
    return {std::max(1, int(std::lround(w * s))), std::max(1, int(std::lround(h * s)))};
}

namespace resample_kernels {

Taps make_taps(int src_len, int dst_len) {
    Taps t;
    const double scale = double(src_len) / dst_len;
    for (int i = 0; i < dst_len; ++i) {
        const double a = i * scale, b = std::min(double(src_len), (i + 1) * scale);
        const int j0 = std::min(src_len - 1, int(std::floor(a)));
        const int j1 = std::max(j0 + 1, std::min(src_len, int(std::ceil(b))));
        t.start.push_back(j0);
        t.offset.push_back(int(t.weight.size()));
        double sum = 0;
        for (int j = j0; j < j1; ++j) {
            const double w = std::min(b, j + 1.0) - std::max(a, double(j));
            t.weight.push_back(float(std::max(w, 0.0)));
            sum += float(std::max(w, 0.0));
        }
        t.count.push_back(j1 - j0);
        t.inv_sum.push_back(sum > 0 ? float(1.0 / sum) : 0.0f);
    }
    return t;
}

void horizontal_scalar(const float* row, const Taps& t, int dst_w, float* out) {
    for (int x = 0; x < dst_w; ++x) {
        float acc[4] = {0, 0, 0, 0};
        const float* p = row + size_t(t.start[size_t(x)]) * 4;
        const float* w = &t.weight[size_t(t.offset[size_t(x)])];
        for (int k = 0; k < t.count[size_t(x)]; ++k, p += 4)
            for (int c = 0; c < 4; ++c) acc[c] = acc[c] + w[k] * p[c];
        for (int c = 0; c < 4; ++c) out[size_t(x) * 4 + size_t(c)] = acc[c];
    }
}

void accumulate_scalar(float* acc, const float* row, float w, int n) {
    for (int i = 0; i < n; ++i) acc[i] = acc[i] + w * row[i];
}

}  // namespace resample_kernels

ImageRGBA resample_area(const ImageRGBA& src, int dst_w, int dst_h, ResamplePath path) {
    namespace rk = resample_kernels;
    ImageRGBA out;
    if (src.empty() || dst_w <= 0 || dst_h <= 0 || src.pixels.size() < size_t(src.width) * size_t(src.height) * 4) return out;
    bool simd = path == ResamplePath::Simd && resample_simd_compiled();
    const rk::Taps tx = rk::make_taps(src.width, dst_w), ty = rk::make_taps(src.height, dst_h);
    const auto& lin = lin_table();
    const int n = dst_w * 4;
    std::vector<float> linear_row(size_t(src.width) * 4), hrow(static_cast<size_t>(n)), acc(size_t(n) * size_t(dst_h), 0.0f);
    // For each output row y the source rows [start, start+count) contribute; walk
    // source rows once and add each to its (one or two) output rows.
    int y_out = 0;
    for (int sy = 0; sy < src.height && y_out < dst_h; ++sy) {
        while (y_out < dst_h && ty.start[size_t(y_out)] + ty.count[size_t(y_out)] <= sy) ++y_out;
        if (y_out >= dst_h || ty.start[size_t(y_out)] > sy) continue;
        const uint8_t* p = &src.pixels[size_t(sy) * size_t(src.width) * 4];
        for (size_t i = 0; i < size_t(src.width) * 4; i += 4) {
            linear_row[i] = lin[p[i]];
            linear_row[i + 1] = lin[p[i + 1]];
            linear_row[i + 2] = lin[p[i + 2]];
            linear_row[i + 3] = p[i + 3] * (1.0f / 255.0f);
        }
#if defined(__wasm_simd128__) && defined(DUCK_SIMD)
        if (simd) rk::horizontal_simd(linear_row.data(), tx, dst_w, hrow.data());
        else rk::horizontal_scalar(linear_row.data(), tx, dst_w, hrow.data());
#else
        rk::horizontal_scalar(linear_row.data(), tx, dst_w, hrow.data());
#endif
        for (int y = y_out; y < dst_h && ty.start[size_t(y)] <= sy; ++y) {
            if (sy >= ty.start[size_t(y)] + ty.count[size_t(y)]) continue;
            const float w = ty.weight[size_t(ty.offset[size_t(y)] + sy - ty.start[size_t(y)])];
            float* a = &acc[size_t(y) * size_t(n)];
#if defined(__wasm_simd128__) && defined(DUCK_SIMD)
            if (simd) rk::accumulate_simd(a, hrow.data(), w, n);
            else rk::accumulate_scalar(a, hrow.data(), w, n);
#else
            rk::accumulate_scalar(a, hrow.data(), w, n);
#endif
        }
    }
    (void)simd;
    out.width = dst_w;
    out.height = dst_h;
    out.pixels.resize(size_t(n) * size_t(dst_h));
    for (int y = 0; y < dst_h; ++y) {
        for (int x = 0; x < dst_w; ++x) {
            const float norm = tx.inv_sum[size_t(x)] * ty.inv_sum[size_t(y)];
            const float* a = &acc[size_t(y) * size_t(n) + size_t(x) * 4];
            uint8_t* o = &out.pixels[size_t(y) * size_t(n) + size_t(x) * 4];
            o[0] = linear_to_srgb(a[0] * norm);
            o[1] = linear_to_srgb(a[1] * norm);
            o[2] = linear_to_srgb(a[2] * norm);
            o[3] = uint8_t(std::lround(std::clamp(a[3] * norm, 0.0f, 1.0f) * 255.0f));
        }
    }
    return out;
}

ImageRGBA downscale_to_fit(const ImageRGBA& src, int max_side, ResamplePath path) {
    auto [w, h] = fit_within(src.width, src.height, max_side);
    if (w == src.width && h == src.height) return src;
    return resample_area(src, w, h, path);
}

}  // namespace duck
