// test_resample.cpp - the gamma-correct area resampler: known answers and
// agreement with an independent direct (2-D integral, double precision)
// formulation, through the default path (scalar natively; wasm SIMD in the web
// build's test binary, CTest wasm/resample). SIMD-vs-scalar bit identity is
// tests/wasm/test_resample_simd.cpp, which exists only where SIMD does.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/image/jpeg_decode.h"
#include "core/image/resample.h"
#include "random_image.h"
#include "test_helpers.h"

#include "core/model/lesion_segment.h"
static_assert(duck::kAnalysisSide == duck::kAnalysisSize, "images and model must agree on the analysis size");

namespace {

using duck::test::random_image;

duck::ImageRGBA uniform(int w, int h, uint8_t r, uint8_t g, uint8_t b, uint8_t a = 255) {
    duck::ImageRGBA im;
    im.width = w, im.height = h;
    for (int i = 0; i < w * h; ++i) im.pixels.insert(im.pixels.end(), {r, g, b, a});
    return im;
}

// Independent definition: each output pixel integrates the source over its
// footprint [x*sx, (x+1)*sx) x [y*sy, (y+1)*sy), in linear light, in double.
duck::ImageRGBA direct(const duck::ImageRGBA& s, int dw, int dh) {
    duck::ImageRGBA o;
    o.width = dw, o.height = dh;
    o.pixels.resize(size_t(dw) * size_t(dh) * 4);
    const double sx = double(s.width) / dw, sy = double(s.height) / dh;
    auto lin = [](int v) {
        double c = v / 255.0;
        return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    };
    for (int y = 0; y < dh; ++y)
        for (int x = 0; x < dw; ++x) {
            double acc[4] = {0, 0, 0, 0}, wsum = 0;
            for (int j = 0; j < s.height; ++j) {
                double oy = std::min((y + 1) * sy, j + 1.0) - std::max(y * sy, double(j));
                if (oy <= 0) continue;
                for (int i = 0; i < s.width; ++i) {
                    double ox = std::min((x + 1) * sx, i + 1.0) - std::max(x * sx, double(i));
                    if (ox <= 0) continue;
                    const uint8_t* p = &s.pixels[(size_t(j) * size_t(s.width) + size_t(i)) * 4];
                    for (int c = 0; c < 3; ++c) acc[c] += ox * oy * lin(p[c]);
                    acc[3] += ox * oy * p[3] / 255.0;
                    wsum += ox * oy;
                }
            }
            uint8_t* q = &o.pixels[(size_t(y) * size_t(dw) + size_t(x)) * 4];
            for (int c = 0; c < 3; ++c) {
                double l = acc[c] / wsum;
                double e = l <= 0.0031308 ? l * 12.92 : 1.055 * std::pow(l, 1 / 2.4) - 0.055;
                q[c] = uint8_t(std::lround(e * 255));
            }
            q[3] = uint8_t(std::lround(acc[3] / wsum * 255));
        }
    return o;
}

int max_diff(const duck::ImageRGBA& a, const duck::ImageRGBA& b) {
    REQUIRE(a.width == b.width);
    REQUIRE(a.height == b.height);
    int d = 0;
    for (size_t i = 0; i < a.pixels.size(); ++i) d = std::max(d, std::abs(int(a.pixels[i]) - int(b.pixels[i])));
    return d;
}

}  // namespace

TEST_CASE("fit_within keeps the aspect ratio and never upscales") {
    CHECK(duck::fit_within(6000, 4000, 256) == std::pair{256, 171});
    CHECK(duck::fit_within(4000, 6000, 256) == std::pair{171, 256});
    CHECK(duck::fit_within(1872, 1053, 256) == std::pair{256, 144});
    CHECK(duck::fit_within(75, 50, 256) == std::pair{75, 50});
    CHECK(duck::fit_within(6000, 4000, 4096) == std::pair{4096, 2731});
    CHECK(duck::fit_within(10000, 1, 256) == std::pair{256, 1});
    CHECK(duck::fit_within(0, 10, 256) == std::pair{0, 0});
}

TEST_CASE("known answers: uniform stays uniform, 2x2 blocks, black+white is 188") {
    for (auto [w, h, dw, dh] : {std::array{37, 23, 10, 7}, std::array{600, 400, 256, 171}, std::array{5, 3, 7, 4}}) {
        auto out = duck::resample_area(uniform(w, h, 200, 100, 7, 255), dw, dh);
        REQUIRE(out.width == dw);
        REQUIRE(out.height == dh);
        for (size_t i = 0; i < out.pixels.size(); i += 4) {
            CHECK(out.pixels[i] == 200);
            CHECK(out.pixels[i + 1] == 100);
            CHECK(out.pixels[i + 2] == 7);
            CHECK(out.pixels[i + 3] == 255);
        }
    }
    // 4x4 of four uniform 2x2 blocks -> exactly the four block colours.
    duck::ImageRGBA blocks = uniform(4, 4, 0, 0, 0);
    const uint8_t colours[4][3] = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {90, 90, 90}};
    for (int y = 0; y < 4; ++y)
        for (int x = 0; x < 4; ++x)
            std::copy_n(colours[(y / 2) * 2 + x / 2], 3, &blocks.pixels[size_t(y * 4 + x) * 4]);
    auto b2 = duck::resample_area(blocks, 2, 2);
    for (int i = 0; i < 4; ++i)
        for (int c = 0; c < 3; ++c) CHECK(b2.pixels[size_t(i) * 4 + size_t(c)] == colours[i][c]);
    // Black/white checkerboard: mean linear light 0.5 -> sRGB 187.5 -> 188 (not 128).
    duck::ImageRGBA check = uniform(2, 2, 0, 0, 0);
    for (int i : {0, 3}) std::fill_n(&check.pixels[size_t(i) * 4], 3, uint8_t(255));
    auto one = duck::resample_area(check, 1, 1);
    CHECK(one.pixels == std::vector<uint8_t>{188, 188, 188, 255});
    // Alpha is averaged linearly.
    duck::ImageRGBA alpha = uniform(2, 1, 10, 10, 10, 0);
    alpha.pixels[7] = 255;
    CHECK(int(duck::resample_area(alpha, 1, 1).pixels[3]) == 128);
    // sRGB curve round trip is exact for every code.
    for (int v = 0; v < 256; ++v) CHECK(duck::linear_to_srgb(duck::srgb_to_linear(uint8_t(v))) == v);
    CHECK(duck::resample_area({}, 10, 10).empty());
    CHECK(duck::resample_area(uniform(3, 3, 1, 2, 3), 0, 5).empty());
}

TEST_CASE("the separable resampler agrees with the direct 2-D area integral") {
    uint32_t seed = 99;
    for (const auto& c : {std::array{97, 61, 13, 9}, std::array{50, 50, 17, 33}, std::array{64, 48, 32, 24},
                          std::array{7, 5, 7, 5}, std::array{5, 3, 8, 7}, std::array{300, 7, 256, 1}}) {
        const int w = c[0], h = c[1], dw = c[2], dh = c[3];  // (clang 14: no structured bindings in INFO's lambda)
        INFO(w << "x" << h << " -> " << dw << "x" << dh);
        auto src = random_image(w, h, seed++);
        CHECK(max_diff(duck::resample_area(src, dw, dh, duck::ResamplePath::Scalar), direct(src, dw, dh)) <= 1);
    }
}

TEST_CASE("several sizes in one pass equal resample_area byte for byte") {
    // resample_area_many shares each source row's conversion to linear light
    // between the sizes; every output must still be exactly resample_area's.
    uint32_t seed = 11;
    for (const auto& src_size : {std::array{640, 427}, std::array{97, 61}, std::array{1001, 3}, std::array{3, 700}}) {
        const int w = src_size[0], h = src_size[1];
        const auto src = random_image(w, h, seed++);
        const std::vector<std::pair<int, int>> sizes = {
            duck::fit_within(w, h, 256), duck::fit_within(w, h, 128), {w, h}, {1, 1}, {7, 5},
            {w + 3, h},   // wider than the source: made by resample_area alone
            {0, 4}};      // nothing asked: left empty
        for (const auto path : {duck::ResamplePath::Scalar, duck::ResamplePath::Simd}) {
            const auto many = duck::resample_area_many(src.pixels.data(), w, h, sizes, path);
            REQUIRE(many.size() == sizes.size());
            for (size_t i = 0; i < sizes.size(); ++i) {
                INFO(w << "x" << h << " -> " << sizes[i].first << "x" << sizes[i].second);
                if (sizes[i].first <= 0) {
                    CHECK(many[i].empty());
                    continue;
                }
                const auto one = duck::resample_area(src, sizes[i].first, sizes[i].second, path);
                CHECK(many[i].width == one.width);
                CHECK(many[i].height == one.height);
                CHECK(many[i].pixels == one.pixels);
            }
        }
    }
}

TEST_CASE("one size in one pass (rows converted as they are read) equals resample_area byte for byte") {
    // With a single size resample_area_many converts each row to linear light
    // inside the horizontal pass; the sums must be exactly resample_area's.
    uint32_t seed = 31;
    for (const auto& src_size : {std::array{600, 450}, std::array{512, 512}, std::array{97, 61}, std::array{3, 700}}) {
        const int w = src_size[0], h = src_size[1];
        auto src = random_image(w, h, seed++);
        for (size_t i = 3; i < src.pixels.size(); i += 4 * 7) src.pixels[i] = uint8_t(i * 13);  // some alpha below 255
        for (const auto& size : {duck::fit_within(w, h, 128), std::pair{1, 1}, std::pair{w, h - 1}})
            for (const auto path : {duck::ResamplePath::Scalar, duck::ResamplePath::Simd}) {
                const std::vector<std::pair<int, int>> sizes = {size};
                const auto many = duck::resample_area_many(src.pixels.data(), w, h, sizes, path);
                const auto one = duck::resample_area(src, size.first, size.second, path);
                INFO(w << "x" << h << " -> " << size.first << "x" << size.second);
                REQUIRE(many.size() == 1);
                CHECK(many[0].width == one.width);
                CHECK(many[0].height == one.height);
                CHECK(many[0].pixels == one.pixels);
            }
    }
}

TEST_CASE("thumbnail of a real ISIC original matches the direct formulation") {
    std::string s = duck::test::read_file(duck::test::shared_path("data/isic2020/images/ISIC_0052212.jpg"));
    auto d = duck::decode_jpeg(std::vector<uint8_t>(s.begin(), s.end()));
    REQUIRE(d.ok());
    auto thumb = duck::downscale_to_fit(d.image, duck::kThumbnailSide);
    CHECK(thumb.width == 256);
    CHECK(thumb.height == 144);
    // Direct formulation on a cropped 208x117 corner (=> 1/7.3 of the work) at the same scale.
    duck::ImageRGBA crop;
    crop.width = 1872 / 9, crop.height = 1053 / 9;
    for (int y = 0; y < crop.height; ++y)
        crop.pixels.insert(crop.pixels.end(), d.image.pixels.begin() + long(size_t(y) * 1872 * 4),
                           d.image.pixels.begin() + long((size_t(y) * 1872 + size_t(crop.width)) * 4));
    CHECK(max_diff(duck::resample_area(crop, 28, 16), direct(crop, 28, 16)) <= 1);
    CHECK(duck::downscale_to_fit(thumb, 512).pixels == thumb.pixels);  // no upscaling
}
