// test_lab_kernels_simd.cpp - the wasm_simd128 kernels against the scalar
// reference, output by output (every lane of every vector, and the scalar
// tails: the 67x45 data is not a multiple of 4 or 16 wide). Built only into the
// web build's test binary (CTest wasm/lab_kernels_simd, run under node): natively
// there is no SIMD path to compare. Tolerances are the ones lab_kernels.h
// states: Lab 0.02 units (the SIMD cube root is two Newton steps from a
// bit-trick guess), blur/gradient 1e-4 absolute, masked sums 1e-5 relative
// (float lanes vs double), colour distance 1e-5 relative; histograms, moments,
// counts and the max/min filter exact.
#if !(defined(__wasm_simd128__) && defined(DUCK_SIMD))
#error "test_lab_kernels_simd.cpp compares the wasm SIMD kernels: build it only with -msimd128 and DUCK_SIMD"
#endif
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "core/image/lab_kernels.h"

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

// Compares two outputs element by element; on a difference names the first
// element, its f32x4 lane and both values, and counts all of them.
template <class T, class Tol>
void same_per_lane(const char* what, const std::vector<T>& scalar, const std::vector<T>& simd, Tol tolerance) {
    REQUIRE(scalar.size() == simd.size());
    size_t bad = 0, first = 0;
    for (size_t i = 0; i < scalar.size(); ++i)
        if (!tolerance(double(scalar[i]), double(simd[i])) && bad++ == 0) first = i;
    INFO(what << ": " << bad << " of " << scalar.size() << " outputs differ; first at " << first << " (lane "
              << first % 4 << "): scalar " << (bad ? double(scalar[first]) : 0.0) << ", simd "
              << (bad ? double(simd[first]) : 0.0));
    CHECK(bad == 0);
}

auto within(double abs) {
    return [abs](double a, double b) { return std::fabs(a - b) <= abs; };
}
auto relative(double rel) {
    return [rel](double a, double b) { return std::fabs(a - b) <= rel * std::max(1.0, std::fabs(a)); };
}
auto exact() {
    return [](double a, double b) { return a == b; };
}

}  // namespace

TEST_CASE("wasm SIMD kernels: the SIMD path is compiled in and selected by default") {
    REQUIRE(kern::simd_compiled());
    CHECK(kern::path() == kern::Path::Simd);
}

TEST_CASE("wasm SIMD kernels: rgba_to_lab and power6_sums per lane") {
    Data d;
    const size_t n = size_t(d.w) * d.h;
    const float gains[3] = {1.1f, 0.95f, 0.9f};
    std::vector<float> L0(n), a0(n), b0(n), L1(n), a1(n), b1(n);
    kern::scalar::rgba_to_lab(d.rgba.data(), n, gains, L0.data(), a0.data(), b0.data());
    kern::simd::rgba_to_lab(d.rgba.data(), n, gains, L1.data(), a1.data(), b1.data());
    same_per_lane("L", L0, L1, within(0.02));
    same_per_lane("a", a0, a1, within(0.02));
    same_per_lane("b", b0, b1, within(0.02));

    std::vector<double> p0(3), p1(3);
    kern::scalar::power6_sums(d.rgba.data(), d.mask.data(), n, p0.data());
    kern::simd::power6_sums(d.rgba.data(), d.mask.data(), n, p1.data());
    same_per_lane("power6 sums", p0, p1, [](double a, double b) { return std::fabs(a - b) <= 1e-5 * std::fabs(a); });
}

TEST_CASE("wasm SIMD kernels: blur, gradient, max/min filter and colour distance per lane") {
    Data d;
    const size_t n = size_t(d.w) * d.h;
    const float k[4] = {0.3f, 0.2f, 0.1f, 0.05f};
    std::vector<float> o0(n), o1(n), t(n), gx0(n), gy0(n), gx1(n), gy1(n);
    kern::scalar::blur(d.plane.data(), o0.data(), t.data(), d.w, d.h, k, 3);
    kern::simd::blur(d.plane.data(), o1.data(), t.data(), d.w, d.h, k, 3);
    same_per_lane("blur", o0, o1, within(1e-4));
    kern::scalar::gradient(d.plane.data(), gx0.data(), gy0.data(), d.w, d.h);
    kern::simd::gradient(d.plane.data(), gx1.data(), gy1.data(), d.w, d.h);
    same_per_lane("gradient x", gx0, gx1, within(1e-4));
    same_per_lane("gradient y", gy0, gy1, within(1e-4));

    for (int r : {1, 2, 3})
        for (bool mx : {true, false}) {
            CAPTURE(r);
            CAPTURE(mx);
            kern::scalar::extreme_filter(d.plane.data(), o0.data(), t.data(), d.w, d.h, r, mx);
            kern::simd::extreme_filter(d.plane.data(), o1.data(), t.data(), d.w, d.h, r, mx);
            same_per_lane("max/min filter", o0, o1, exact());  // max/min of the same floats
        }

    std::vector<float> L(n), a(n), b(n);
    const float gains[3] = {1, 1, 1};
    kern::scalar::rgba_to_lab(d.rgba.data(), n, gains, L.data(), a.data(), b.data());
    const float ref[3] = {55.0f, 12.0f, -3.0f};
    kern::scalar::lab_distance(L.data(), a.data(), b.data(), ref, o0.data(), n);
    kern::simd::lab_distance(L.data(), a.data(), b.data(), ref, o1.data(), n);
    same_per_lane("colour distance", o0, o1, relative(1e-5));
}

TEST_CASE("wasm SIMD kernels: histogram, moments and masked statistics") {
    Data d;
    const size_t n = size_t(d.w) * d.h;
    std::vector<uint32_t> h0(64), h1(64);
    kern::scalar::histogram(d.plane.data(), d.mask.data(), n, 0, 100, 64, h0.data());
    kern::simd::histogram(d.plane.data(), d.mask.data(), n, 0, 100, 64, h1.data());
    same_per_lane("histogram bins", h0, h1, exact());

    const auto m0 = kern::scalar::moments(d.mask.data(), d.w, d.h);
    const auto m1 = kern::simd::moments(d.mask.data(), d.w, d.h);
    same_per_lane("moments m00 m10 m01 m20 m11 m02", std::vector<double>{double(m0.m00), double(m0.m10), double(m0.m01), double(m0.m20), double(m0.m11), double(m0.m02)},
                  std::vector<double>{double(m1.m00), double(m1.m10), double(m1.m01), double(m1.m20), double(m1.m11), double(m1.m02)}, exact());

    std::vector<float> L(n), a(n), b(n);
    const float gains[3] = {1, 1, 1};
    kern::scalar::rgba_to_lab(d.rgba.data(), n, gains, L.data(), a.data(), b.data());
    const auto s0 = kern::scalar::masked_stats(L.data(), a.data(), b.data(), d.mask.data(), n);
    const auto s1 = kern::simd::masked_stats(L.data(), a.data(), b.data(), d.mask.data(), n);
    CHECK(s1.count == s0.count);
    same_per_lane("masked sums", std::vector<double>(s0.sum, s0.sum + 3), std::vector<double>(s1.sum, s1.sum + 3),
                  [](double x, double y) { return std::fabs(x - y) <= 1e-5 * std::fabs(x); });
    same_per_lane("masked squares", std::vector<double>(s0.sq, s0.sq + 3), std::vector<double>(s1.sq, s1.sq + 3),
                  [](double x, double y) { return std::fabs(x - y) <= 1e-5 * std::fabs(x); });
}
