// test_lab_kernels.cpp - the pixel kernels' known answers (CIELAB of known
// colours, blur of a constant, moments of a known mask, max/min filter, colour
// distance) through the dispatching entry points: the scalar path natively, the
// wasm SIMD path in the web build's test binary (CTest wasm/lab_kernels). The
// SIMD-vs-scalar comparison lane by lane is tests/wasm/test_lab_kernels_simd.cpp.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "core/image/lab_kernels.h"

using namespace duck;

namespace {

void lab_of(uint8_t r, uint8_t g, uint8_t b, float out[3]) {
    uint8_t px[4] = {r, g, b, 255};
    const float gains[3] = {1, 1, 1};
    kern::rgba_to_lab(px, 1, gains, &out[0], &out[1], &out[2]);
}

// The blur's definition, pixel by pixel: k[0] * centre + k[1] * (the pair at
// distance 1) + ... in that order, edges clamped; horizontal pass, then vertical.
std::vector<float> blur_by_definition(const std::vector<float>& src, int w, int h, const float* k, int r) {
    std::vector<float> tmp(src.size()), dst(src.size());
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const float* row = &src[size_t(y) * w];
            float acc = k[0] * row[x];
            for (int t = 1; t <= r; ++t) acc += k[t] * (row[std::max(x - t, 0)] + row[std::min(x + t, w - 1)]);
            tmp[size_t(y) * w + x] = acc;
        }
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            float acc = k[0] * tmp[size_t(y) * w + x];
            for (int t = 1; t <= r; ++t)
                acc += k[t] * (tmp[size_t(std::max(y - t, 0)) * w + x] + tmp[size_t(std::min(y + t, h - 1)) * w + x]);
            dst[size_t(y) * w + x] = acc;
        }
    return dst;
}

}  // namespace

TEST_CASE("kernels: sRGB to CIELAB known values (D65)") {
    float lab[3];
    lab_of(255, 255, 255, lab);
    CHECK(lab[0] == doctest::Approx(100).epsilon(1e-3));
    CHECK(std::fabs(lab[1]) < 0.05f);
    CHECK(std::fabs(lab[2]) < 0.05f);
    lab_of(255, 0, 0, lab);  // reference values of sRGB red
    CHECK(lab[0] == doctest::Approx(53.24).epsilon(2e-3));
    CHECK(lab[1] == doctest::Approx(80.09).epsilon(2e-3));
    CHECK(lab[2] == doctest::Approx(67.20).epsilon(2e-3));
    lab_of(0, 0, 0, lab);
    CHECK(std::fabs(lab[0]) < 1e-3f);
}

TEST_CASE("kernels: blur preserves a constant and the mean, moments of a known mask") {
    int w = 21, h = 13;
    std::vector<float> src(size_t(w) * h, 7.0f), dst(src.size()), tmp(src.size());
    const float k[3] = {0.4f, 0.2f, 0.1f};
    kern::blur(src.data(), dst.data(), tmp.data(), w, h, k, 2);
    for (float v : dst) CHECK(v == doctest::Approx(7.0f));
    std::vector<uint8_t> m(size_t(w) * h, 0);
    m[size_t(3) * w + 5] = 1;
    m[size_t(4) * w + 7] = 1;
    auto mo = kern::moments(m.data(), w, h);
    CHECK(mo.m00 == 2);
    CHECK(mo.m10 == 12);
    CHECK(mo.m01 == 7);
    CHECK(mo.m11 == 15 + 28);
}

TEST_CASE("kernels: the scalar blur is its definition to the bit, edges and narrow images included") {
    // The scalar blur runs tap by tap over whole rows (vectorised natively); the
    // features depend on it giving exactly the pixel-by-pixel sums.
    std::mt19937 rng(7);
    std::uniform_real_distribution<float> value(-20.0f, 100.0f);
    const int sizes[][2] = {{128, 96}, {96, 128}, {17, 5}, {3, 11}, {1, 1}, {8, 8}, {2, 40}};
    for (const auto& size : sizes)
        for (int r : {1, 2, 3, 5, 8}) {
            const int w = size[0], h = size[1];
            std::vector<float> k(size_t(r) + 1);
            for (float& v : k) v = std::uniform_real_distribution<float>(0.01f, 0.5f)(rng);
            std::vector<float> src(size_t(w) * h), dst(src.size(), -1.0f), tmp(src.size());
            for (float& v : src) v = value(rng);
            kern::scalar::blur(src.data(), dst.data(), tmp.data(), w, h, k.data(), r);
            const std::vector<float> want = blur_by_definition(src, w, h, k.data(), r);
            size_t differ = 0;
            for (size_t i = 0; i < src.size(); ++i) differ += dst[i] != want[i];
            CAPTURE(w);
            CAPTURE(h);
            CAPTURE(r);
            CHECK(differ == 0);
        }
}

TEST_CASE("kernels: max/min filter and colour distance known answers") {
    // A single bright pixel grows into a (2r+1)^2 square under max, vanishes under min.
    const int w = 9, h = 7;
    std::vector<float> src(size_t(w) * h, 1.0f), dst(src.size()), tmp(src.size());
    src[3 * w + 4] = 5.0f;
    kern::extreme_filter(src.data(), dst.data(), tmp.data(), w, h, 2, true);
    int big = 0;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const bool inside = std::abs(x - 4) <= 2 && std::abs(y - 3) <= 2;
            CHECK(dst[size_t(y) * w + x] == (inside ? 5.0f : 1.0f));
            big += inside;
        }
    CHECK(big == 25);
    kern::extreme_filter(src.data(), dst.data(), tmp.data(), w, h, 1, false);
    for (float v : dst) CHECK(v == 1.0f);
    const float L[2] = {50, 53}, a[2] = {0, 4}, b[2] = {0, 0}, ref[3] = {50, 0, 0};
    float out[2];
    kern::lab_distance(L, a, b, ref, out, 2);
    CHECK(out[0] == 0.0f);
    CHECK(out[1] == doctest::Approx(5.0f));
}

#if !(defined(__wasm_simd128__) && defined(DUCK_SIMD))
TEST_CASE("kernels: without wasm SIMD the switch stays on the scalar path") {
    // The SIMD kernels exist only in the web build (tests/wasm/test_lab_kernels_simd.cpp
    // compares them with the scalar reference there); asking for them here must not
    // pretend they ran.
    CHECK_FALSE(kern::simd_compiled());
    kern::set_path(kern::Path::Simd);
    CHECK(kern::path() == kern::Path::Scalar);
}
#endif
