// test_lab_kernels.cpp - the pixel kernels: known CIELAB values, and in the
// web build (DUCK_SIMD) the wasm_simd128 path against the scalar reference.
// Stated tolerances (SIMD vs scalar): Lab 0.02 units (the SIMD cube root is two
// Newton steps from a bit-trick guess), blur/gradient 1e-4 absolute, masked
// sums and moments 1e-5 relative (float lanes vs double), histograms exact
// except values within 1e-4 of a bin edge, max/min filter exact, colour
// distance 1e-5 relative. These comparisons run in the wasm build: the
// duckling_simd_tests target (tests/CMakeLists.txt) under node.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "core/lab_kernels.h"

using namespace duck;

namespace {

// Pseudo-random test data (deterministic, no global state).
struct Data {
    int w = 67, h = 45;  // odd sizes exercise the scalar tails of the SIMD loops
    std::vector<uint8_t> rgba, mask;
    std::vector<float> plane;
    Data() {
        size_t n = size_t(w) * h;
        uint32_t s = 12345;
        auto next = [&] { return s = s * 1664525u + 1013904223u; };
        rgba.resize(4 * n);
        for (auto& v : rgba) v = uint8_t(next() >> 24);
        mask.resize(n);
        for (auto& v : mask) v = (next() >> 28) < 9 ? 1 : 0;
        plane.resize(n);
        for (auto& v : plane) v = float(next() >> 8) / float(1 << 24) * 100.0f;
    }
};

void lab_of(uint8_t r, uint8_t g, uint8_t b, float out[3]) {
    uint8_t px[4] = {r, g, b, 255};
    const float gains[3] = {1, 1, 1};
    kern::rgba_to_lab(px, 1, gains, &out[0], &out[1], &out[2]);
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

TEST_CASE("kernels: blur preserves a constant and the mean; moments of a known mask") {
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

TEST_CASE("kernels: SIMD path matches the scalar reference within the stated tolerances") {
    if (!kern::simd_compiled()) {
        // Native builds have only the scalar path: the switch must say so.
        kern::set_path(kern::Path::Simd);
        CHECK(kern::path() == kern::Path::Scalar);
        return;
    }
#if defined(__wasm_simd128__) && defined(DUCK_SIMD)
    Data d;
    size_t n = size_t(d.w) * d.h;
    const float gains[3] = {1.1f, 0.95f, 0.9f};
    std::vector<float> L0(n), a0(n), b0(n), L1(n), a1(n), b1(n);
    kern::scalar::rgba_to_lab(d.rgba.data(), n, gains, L0.data(), a0.data(), b0.data());
    kern::simd::rgba_to_lab(d.rgba.data(), n, gains, L1.data(), a1.data(), b1.data());
    float worst = 0;
    for (size_t i = 0; i < n; ++i)
        worst = std::max({worst, std::fabs(L0[i] - L1[i]), std::fabs(a0[i] - a1[i]), std::fabs(b0[i] - b1[i])});
    CHECK(worst < 0.02f);

    double p0[3], p1[3];
    kern::scalar::power6_sums(d.rgba.data(), d.mask.data(), n, p0);
    kern::simd::power6_sums(d.rgba.data(), d.mask.data(), n, p1);
    for (int c = 0; c < 3; ++c) CHECK(p1[c] == doctest::Approx(p0[c]).epsilon(1e-5));

    const float k[4] = {0.3f, 0.2f, 0.1f, 0.05f};
    std::vector<float> o0(n), o1(n), t(n), gx0(n), gy0(n), gx1(n), gy1(n);
    kern::scalar::blur(d.plane.data(), o0.data(), t.data(), d.w, d.h, k, 3);
    kern::simd::blur(d.plane.data(), o1.data(), t.data(), d.w, d.h, k, 3);
    kern::scalar::gradient(d.plane.data(), gx0.data(), gy0.data(), d.w, d.h);
    kern::simd::gradient(d.plane.data(), gx1.data(), gy1.data(), d.w, d.h);
    for (size_t i = 0; i < n; ++i) {
        CHECK(std::fabs(o0[i] - o1[i]) < 1e-4f);
        CHECK(std::fabs(gx0[i] - gx1[i]) < 1e-4f);
        CHECK(std::fabs(gy0[i] - gy1[i]) < 1e-4f);
    }

    std::vector<uint32_t> h0(64), h1(64);
    kern::scalar::histogram(d.plane.data(), d.mask.data(), n, 0, 100, 64, h0.data());
    kern::simd::histogram(d.plane.data(), d.mask.data(), n, 0, 100, 64, h1.data());
    CHECK(h0 == h1);

    auto m0 = kern::scalar::moments(d.mask.data(), d.w, d.h);
    auto m1 = kern::simd::moments(d.mask.data(), d.w, d.h);
    CHECK(m1.m00 == m0.m00);
    CHECK(m1.m10 == m0.m10);
    CHECK(m1.m20 == m0.m20);
    CHECK(m1.m11 == m0.m11);
    CHECK(m1.m02 == m0.m02);

    for (int r : {1, 2, 3})
        for (bool mx : {true, false}) {
            kern::scalar::extreme_filter(d.plane.data(), o0.data(), t.data(), d.w, d.h, r, mx);
            kern::simd::extreme_filter(d.plane.data(), o1.data(), t.data(), d.w, d.h, r, mx);
            CHECK(o0 == o1);  // exact: max/min of the same floats
        }
    const float ref[3] = {55.0f, 12.0f, -3.0f};
    kern::scalar::lab_distance(L0.data(), a0.data(), b0.data(), ref, o0.data(), n);
    kern::simd::lab_distance(L0.data(), a0.data(), b0.data(), ref, o1.data(), n);
    for (size_t i = 0; i < n; ++i) CHECK(std::fabs(o0[i] - o1[i]) <= 1e-5f * std::max(1.0f, o0[i]));

    auto s0 = kern::scalar::masked_stats(L0.data(), a0.data(), b0.data(), d.mask.data(), n);
    auto s1 = kern::simd::masked_stats(L0.data(), a0.data(), b0.data(), d.mask.data(), n);
    CHECK(s1.count == s0.count);
    for (int c = 0; c < 3; ++c) {
        CHECK(s1.sum[c] == doctest::Approx(s0.sum[c]).epsilon(1e-5));
        CHECK(s1.sq[c] == doctest::Approx(s0.sq[c]).epsilon(1e-5));
    }
#endif
}
