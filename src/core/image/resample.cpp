// resample.cpp - area-average resampling in linear light (see resample.h). Works
// row by row: each source row is converted to linear floats, reduced
// horizontally, then added with its vertical weight into the accumulators of the
// (at most two) output rows it overlaps. Extra memory: one source row plus the
// output in floats, so a 24 MP original needs ~1 MB beyond its own pixels.
// resample_area_many makes several sizes in one such sweep: the conversion to
// linear light, most of a large image's cost, is then done once per row.
#include "core/image/resample.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

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

// Linear light quantised to 16 bits -> sRGB code. One step is at most 0.05 of
// a code (steepest near black), so the table is as good as evaluating pow()
// per pixel, which dominated the cost of large (viewer-size) outputs.
const std::vector<uint8_t>& encode_table() {
    static const std::vector<uint8_t> t = [] {
        std::vector<uint8_t> a(65536);
        for (size_t i = 0; i < a.size(); ++i) {
            const double l = double(i) / 65535.0;
            const double c = l <= 0.0031308 ? l * 12.92 : 1.055 * std::pow(l, 1.0 / 2.4) - 0.055;
            a[i] = uint8_t(std::lround(std::clamp(c, 0.0, 1.0) * 255.0));
        }
        return a;
    }();
    return t;
}

}  // namespace

float srgb_to_linear(uint8_t v) { return lin_table()[v]; }

uint8_t linear_to_srgb(float v) {
    const float l = std::clamp(v, 0.0f, 1.0f);  // NaN-safe: clamp(NaN) compares false -> stays NaN
    const int idx = l == l ? int(l * 65535.0f + 0.5f) : 0;
    return encode_table()[size_t(idx)];
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

void horizontal_bytes_scalar(const uint8_t* px, const float* lin, const Taps& t, int dst_w, float* out) {
    for (int x = 0; x < dst_w; ++x) {
        float acc[4] = {0, 0, 0, 0};
        const uint8_t* p = px + size_t(t.start[size_t(x)]) * 4;
        const float* w = &t.weight[size_t(t.offset[size_t(x)])];
        for (int k = 0; k < t.count[size_t(x)]; ++k, p += 4) {
            acc[0] = acc[0] + w[k] * lin[p[0]];
            acc[1] = acc[1] + w[k] * lin[p[1]];
            acc[2] = acc[2] + w[k] * lin[p[2]];
            acc[3] = acc[3] + w[k] * (p[3] * (1.0f / 255.0f));
        }
        for (int c = 0; c < 4; ++c) out[size_t(x) * 4 + size_t(c)] = acc[c];
    }
}

void accumulate_scalar(float* acc, const float* row, float w, int n) {
    for (int i = 0; i < n; ++i) acc[i] = acc[i] + w * row[i];
}

}  // namespace resample_kernels

ImageRGBA resample_area(const ImageRGBA& src, int dst_w, int dst_h, ResamplePath path) {
    if (src.empty() || src.pixels.size() < size_t(src.width) * size_t(src.height) * 4) return {};
    return resample_area(src.pixels.data(), src.width, src.height, dst_w, dst_h, path);
}

namespace {
namespace rk = resample_kernels;

// One source row (RGBA bytes) -> linear RGBA floats.
void linearize_row(const uint8_t* p, int width, float* out) {
    const auto& lin = lin_table();
    for (size_t i = 0; i < size_t(width) * 4; i += 4) {
        out[i] = lin[p[i]];
        out[i + 1] = lin[p[i + 1]];
        out[i + 2] = lin[p[i + 2]];
        out[i + 3] = p[i + 3] * (1.0f / 255.0f);
    }
}

void horizontal(bool simd, const float* row, const rk::Taps& t, int dst_w, float* out) {
#if defined(__wasm_simd128__) && defined(DUCK_SIMD)
    if (simd) return rk::horizontal_simd(row, t, dst_w, out);
#endif
    (void)simd;
    rk::horizontal_scalar(row, t, dst_w, out);
}

void horizontal_bytes(bool simd, const uint8_t* px, const rk::Taps& t, int dst_w, float* out) {
#if defined(__wasm_simd128__) && defined(DUCK_SIMD)
    if (simd) return rk::horizontal_bytes_simd(px, lin_table().data(), t, dst_w, out);
#endif
    (void)simd;
    rk::horizontal_bytes_scalar(px, lin_table().data(), t, dst_w, out);
}

void accumulate(bool simd, float* acc, const float* row, float w, int n) {
#if defined(__wasm_simd128__) && defined(DUCK_SIMD)
    if (simd) return rk::accumulate_simd(acc, row, w, n);
#endif
    (void)simd;
    rk::accumulate_scalar(acc, row, w, n);
}

// Output row y's weighted linear sums -> sRGB bytes.
void encode_row(const float* acc, const rk::Taps& tx, float inv_y, int dst_w, uint8_t* o) {
    for (int x = 0; x < dst_w; ++x, o += 4) {
        const float norm = tx.inv_sum[size_t(x)] * inv_y;
        const float* a = &acc[size_t(x) * 4];
        o[0] = linear_to_srgb(a[0] * norm);
        o[1] = linear_to_srgb(a[1] * norm);
        o[2] = linear_to_srgb(a[2] * norm);
        o[3] = uint8_t(std::lround(std::clamp(a[3] * norm, 0.0f, 1.0f) * 255.0f));
    }
}
}  // namespace

ImageRGBA resample_area(const uint8_t* pixels, int src_w, int src_h, int dst_w, int dst_h, ResamplePath path) {
    ImageRGBA out;
    if (!pixels || src_w <= 0 || src_h <= 0 || dst_w <= 0 || dst_h <= 0) return out;
    struct {
        int width, height;
        const uint8_t* pixels;
    } src{src_w, src_h, pixels};
    const bool simd = path == ResamplePath::Simd && resample_simd_compiled();
    const rk::Taps tx = rk::make_taps(src.width, dst_w), ty = rk::make_taps(src.height, dst_h);
    const size_t n = size_t(dst_w) * 4;
    std::vector<float> linear_row(size_t(src.width) * 4), acc(n);
    // Horizontally reduced source rows, cached by row index. Output rows walk the
    // source top to bottom and neighbours share at most their boundary row (or,
    // when upscaling, the same row), so two slots mean each row is reduced once.
    std::vector<float> cache[2] = {std::vector<float>(n), std::vector<float>(n)};
    int cached_row[2] = {-1, -1};
    auto hrow = [&](int sy) -> const float* {
        for (int k = 0; k < 2; ++k)
            if (cached_row[k] == sy) return cache[k].data();
        const int slot = cached_row[0] < cached_row[1] ? 0 : 1;  // replace the older row
        linearize_row(src.pixels + size_t(sy) * size_t(src.width) * 4, src.width, linear_row.data());
        horizontal(simd, linear_row.data(), tx, dst_w, cache[slot].data());
        cached_row[slot] = sy;
        return cache[slot].data();
    };
    out.width = dst_w;
    out.height = dst_h;
    out.pixels.resize(n * size_t(dst_h));
    for (int y = 0; y < dst_h; ++y) {
        std::fill(acc.begin(), acc.end(), 0.0f);
        const size_t yi = size_t(y);
        for (int k = 0; k < ty.count[yi]; ++k)
            accumulate(simd, acc.data(), hrow(ty.start[yi] + k), ty.weight[size_t(ty.offset[yi] + k)], int(n));
        encode_row(acc.data(), tx, ty.inv_sum[yi], dst_w, &out.pixels[yi * n]);
    }
    return out;
}

std::vector<ImageRGBA> resample_area_many(const uint8_t* pixels, int src_w, int src_h,
                                          std::span<const std::pair<int, int>> sizes, ResamplePath path) {
    std::vector<ImageRGBA> out(sizes.size());
    if (!pixels || src_w <= 0 || src_h <= 0) return out;
    const bool simd = path == ResamplePath::Simd && resample_simd_compiled();
    // The downscales share the pass; each keeps its own taps, its horizontally
    // reduced copy of the current row and the sums of the output row in progress.
    struct Target {
        size_t index;
        int w, h;
        rk::Taps tx, ty;
        std::vector<float> hrow, acc;
        int y = 0, k = 0;  // output row in progress, and its next source row (start + k)
    };
    std::vector<Target> shared;
    for (size_t i = 0; i < sizes.size(); ++i) {
        const auto [w, h] = sizes[i];
        if (w <= 0 || h <= 0) continue;
        if (w > src_w || h > src_h) {  // not a downscale: rows are not taken in one sweep
            out[i] = resample_area(pixels, src_w, src_h, w, h, path);
            continue;
        }
        shared.push_back({i, w, h, rk::make_taps(src_w, w), rk::make_taps(src_h, h),
                          std::vector<float>(size_t(w) * 4), std::vector<float>(size_t(w) * 4)});
        out[i].width = w;
        out[i].height = h;
        out[i].pixels.resize(size_t(w) * size_t(h) * 4);
    }
    // Downscaling, output row y takes source rows start[y] .. start[y] + count[y] - 1
    // and row y + 1 starts at most at that last row: one top-to-bottom sweep
    // feeds every target, each row's sums built in resample_area's order.
    // With one size (the index's analysis image) each row is converted as the
    // horizontal pass reads it: the same sums, without the row of floats between.
    const bool one_size = shared.size() == 1;
    std::vector<float> linear_row(one_size ? 0 : size_t(src_w) * 4);
    for (int sy = 0; sy < src_h; ++sy) {
        bool linear = false;
        for (Target& t : shared) {
            if (t.y >= t.h || t.ty.start[size_t(t.y)] + t.k != sy) continue;
            const uint8_t* row = pixels + size_t(sy) * size_t(src_w) * 4;
            if (one_size) {
                horizontal_bytes(simd, row, t.tx, t.w, t.hrow.data());
            } else {
                if (!linear) linearize_row(row, src_w, linear_row.data());
                linear = true;
                horizontal(simd, linear_row.data(), t.tx, t.w, t.hrow.data());
            }
            // The row in progress, and the next one when the two share row sy.
            while (t.y < t.h && t.ty.start[size_t(t.y)] + t.k == sy) {
                const size_t yi = size_t(t.y);
                accumulate(simd, t.acc.data(), t.hrow.data(), t.ty.weight[size_t(t.ty.offset[yi] + t.k)], int(t.acc.size()));
                if (++t.k < t.ty.count[yi]) break;
                encode_row(t.acc.data(), t.tx, t.ty.inv_sum[yi], t.w, &out[t.index].pixels[yi * t.acc.size()]);
                std::fill(t.acc.begin(), t.acc.end(), 0.0f);
                ++t.y;
                t.k = 0;
            }
        }
    }
    for (const Target& t : shared)  // (never seen: the taps always cover the source in one sweep)
        if (t.y < t.h) out[t.index] = resample_area(pixels, src_w, src_h, t.w, t.h, path);
    return out;
}

ImageRGBA downscale_to_fit(const ImageRGBA& src, int max_side, ResamplePath path) {
    auto [w, h] = fit_within(src.width, src.height, max_side);
    if (w == src.width && h == src.height) return src;
    return resample_area(src, w, h, path);
}

}  // namespace duck
