// test_lesion_features.cpp - known answers on drawn lesions: a disc is
// symmetric with compactness near 1, colours are counted, shapes behave.
#include <doctest/doctest.h>

#include <cmath>

#include "core/model/lesion_features.h"
#include "core/model/lesion_segment.h"
#include "drawn_lesions.h"

using namespace duck;
using namespace duck::test;

namespace {
const Rgb kBrown{120, 70, 45};

LesionFeatures features_of(const ImageRGBA& img) {
    auto r = compute_features(img);
    REQUIRE(r.ok());
    return r.value();
}
}  // namespace

TEST_CASE("features: a drawn disc is symmetric with compactness near 1") {
    auto img = skin_image(256, 256);
    paint(img, 127.5, 127.5, 0, disc(50), solid(kBrown));
    auto f = features_of(img);
    CHECK_FALSE(f.segmentation_fallback);
    CHECK(f.seg.area_fraction == doctest::Approx(M_PI * 50 * 50 / (256.0 * 256)).epsilon(0.1));
    CHECK(f.values[kCompactness] == doctest::Approx(1.0).epsilon(0.08));
    CHECK(f.values[kShapeAsymmetry] < 3.0f);
    CHECK(f.values[kElongation] < 0.05f);
    CHECK(f.values[kBorderIrregularity] < 2.0f);
    CHECK(f.values[kColourCount] == 1);
    CHECK(f.values[kSkinContrast] > 20.0f);
}

TEST_CASE("features: a two-colour lesion counts two colours") {
    auto img = skin_image(256, 256);
    paint(img, 127.5, 127.5, 0.3, disc(55), [](double u, double) {
        return u < 0 ? Rgb{95, 55, 35} : Rgb{105, 115, 140};  // dark brown | blue-grey
    });
    auto f = features_of(img);
    CHECK(f.values[kColourCount] == 2);
    CHECK(f.values[kColourAsymmetry] > 5.0f);
    auto one = skin_image(256, 256);
    paint(one, 127.5, 127.5, 0.3, disc(55), solid({95, 55, 35}));
    CHECK(features_of(one).values[kColourCount] == 1);
}

TEST_CASE("features: shape measures separate an ellipse, a blob and a star") {
    auto ell = skin_image(256, 256);
    paint(ell, 127.5, 127.5, 0.5, ellipse(70, 35), solid(kBrown));
    auto fe = features_of(ell);
    CHECK(fe.values[kElongation] == doctest::Approx(0.5).epsilon(0.1));
    CHECK(fe.values[kShapeAsymmetry] < 4.0f);  // symmetric about both axes

    auto star = skin_image(256, 256);
    paint(star, 127.5, 127.5, 0.2, [](double u, double v) {
        double r = std::hypot(u, v), t = std::atan2(v, u);
        return r <= 45 + 15 * std::sin(7 * t);
    }, solid(kBrown));
    auto fs = features_of(star);
    CHECK(fs.values[kCompactness] > 1.3f);
    CHECK(fs.values[kBorderIrregularity] > 3.0f * features_of(ell).values[kBorderIrregularity]);

    auto blob = skin_image(256, 256);  // a disc with a bulge on one side: asymmetric
    paint(blob, 127.5, 127.5, 0, [](double u, double v) {
        return std::hypot(u, v) <= 40 || std::hypot(u - 40, v - 25) <= 25;
    }, solid(kBrown));
    CHECK(features_of(blob).values[kShapeAsymmetry] > 6.0f);
}

TEST_CASE("features: size-free - the same lesion at 256 and 512 px gives the same numbers") {
    auto small = skin_image(256, 256, {215, 165, 140}, 0);
    paint(small, 127.5, 127.5, 0.4, ellipse(60, 40), solid(kBrown), 0);
    auto big = skin_image(512, 512, {215, 165, 140}, 0);
    paint(big, 255.5, 255.5, 0.4, ellipse(120, 80), solid(kBrown), 0);
    auto a = features_of(small), b = features_of(big);
    const auto& info = DermFeatureExtractor().features();
    for (size_t k = 0; k < info.size(); ++k) {
        INFO(std::string(info[k].key) << " " << a.values[k] << " vs " << b.values[k]);
        CHECK(std::fabs(a.values[k] - b.values[k]) <= std::max(3.0f * info[k].floor, 0.05f * std::fabs(a.values[k])));
    }
}

TEST_CASE("features: bad input is a clear error, not a crash") {
    ImageRGBA empty;
    CHECK_FALSE(compute_features(empty).ok());
    auto tiny = skin_image(8, 8);
    auto r = compute_features(tiny);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("too small") != std::string::npos);
    auto plain = skin_image(128, 128);  // no lesion at all: fallback, flagged
    auto f = compute_features(plain);
    REQUIRE(f.ok());
    CHECK(f.value().segmentation_fallback);
}

TEST_CASE("segmentation: small-disc morphology equals thresholds of the exact distance transform") {
    const int w = 37, h = 29;
    std::vector<uint8_t> m(size_t(w) * h);
    uint32_t x = 12345;
    for (auto& v : m) v = ((x = x * 1103515245u + 12345u) >> 16) % 3 == 0;  // random speckle
    std::vector<uint8_t> comp(m.size());
    for (size_t i = 0; i < m.size(); ++i) comp[i] = !m[i];
    const auto d_in = distance_transform(m, w, h), d_out = distance_transform(comp, w, h);
    for (float r : {0.5f, 1.0f, 1.5f, 2.0f, 2.3f, 3.5f}) {
        const auto dil = morph_disc(m, w, h, r, true), ero = morph_disc(m, w, h, r, false);
        int bad = 0;
        for (size_t i = 0; i < m.size(); ++i) {
            bad += dil[i] != (r < 1 ? m[i] : uint8_t(d_in[i] <= r));
            bad += ero[i] != (r < 1 ? m[i] : uint8_t(d_out[i] > r));
        }
        INFO("radius " << r);
        CHECK(bad == 0);
    }
    // Known distances: one pixel in the middle of an empty 5x5 image.
    std::vector<uint8_t> dot(25, 0);
    dot[12] = 1;
    const auto d = distance_transform(dot, 5, 5);
    CHECK(d[12] == 0.0f);
    CHECK(d[13] == doctest::Approx(1.0f));
    CHECK(d[0] == doctest::Approx(std::sqrt(8.0f)));
    CHECK(d[2] == doctest::Approx(2.0f));
}
