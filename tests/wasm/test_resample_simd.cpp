// test_resample_simd.cpp - the area resampler's wasm SIMD path gives exactly
// the scalar path's bytes (resample.h claims bit identity: both accumulate the
// same floats in the same order, four channels per f32x4). Built only into the
// web build's test binary (CTest wasm/resample_simd): natively both paths are
// the scalar code and the comparison would prove nothing.
#if !(defined(__wasm_simd128__) && defined(DUCK_SIMD))
#error "test_resample_simd.cpp compares the wasm SIMD resampler: build it only with -msimd128 and DUCK_SIMD"
#endif
#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <vector>

#include "core/image/resample.h"
#include "random_image.h"

TEST_CASE("wasm SIMD resampler: bit-identical to the scalar path, byte by byte") {
    REQUIRE(duck::resample_simd_compiled());
    uint32_t seed = 5;
    for (const auto& c : {std::array{97, 61, 13, 9}, std::array{640, 480, 256, 192}, std::array{75, 50, 75, 50},
                          std::array{1001, 3, 256, 1}, std::array{5, 3, 8, 7}, std::array{3, 700, 1, 128}}) {
        const int w = c[0], h = c[1], dw = c[2], dh = c[3];
        INFO(w << "x" << h << " -> " << dw << "x" << dh);
        const auto src = duck::test::random_image(w, h, seed++);
        const auto a = duck::resample_area(src, dw, dh, duck::ResamplePath::Scalar);
        const auto b = duck::resample_area(src, dw, dh, duck::ResamplePath::Simd);
        REQUIRE(a.pixels.size() == b.pixels.size());
        size_t bad = 0, first = 0;
        for (size_t i = 0; i < a.pixels.size(); ++i)
            if (a.pixels[i] != b.pixels[i] && bad++ == 0) first = i;
        INFO(bad << " bytes differ; first: pixel " << first / 4 << " channel " << first % 4 << " scalar "
                 << (bad ? int(a.pixels[first]) : 0) << " simd " << (bad ? int(b.pixels[first]) : 0));
        CHECK(bad == 0);
    }
}
