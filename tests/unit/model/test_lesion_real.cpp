// test_lesion_real.cpp - the feature extractor on real ISIC 2020 images from
// ../shared/data: rotation/flip invariance and segmentation sanity.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "core/image/image_pipeline.h"
#include "core/image/jpeg_decode.h"
#include "core/model/lesion_features.h"
#include "test_helpers.h"

using namespace duck;

namespace {

ImageRGBA load_real(const std::string& name) {
    std::string bytes = test::read_file(test::shared_path("data/isic2020/images/" + name));
    REQUIRE_MESSAGE(!bytes.empty(), "missing real image " << name);
    auto d = decode_jpeg(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
    REQUIRE_MESSAGE(d.ok(), d.error);
    return std::move(d.image);
}

// Rotates by 90 degrees clockwise `quarter` times, then mirrors left-right if `flip`.
ImageRGBA transform(const ImageRGBA& src, int quarter, bool flip) {
    ImageRGBA img = src;
    for (int q = 0; q < quarter; ++q) {
        ImageRGBA r;
        r.width = img.height;
        r.height = img.width;
        r.pixels.resize(img.pixels.size());
        for (int y = 0; y < img.height; ++y)
            for (int x = 0; x < img.width; ++x)
                std::copy_n(&img.pixels[(size_t(y) * img.width + x) * 4], 4,
                            &r.pixels[(size_t(x) * r.width + (r.width - 1 - y)) * 4]);
        img = std::move(r);
    }
    if (flip)
        for (int y = 0; y < img.height; ++y)
            for (int x = 0; x < img.width / 2; ++x)
                std::swap_ranges(&img.pixels[(size_t(y) * img.width + x) * 4],
                                 &img.pixels[(size_t(y) * img.width + x) * 4 + 4],
                                 &img.pixels[(size_t(y) * img.width + img.width - 1 - x) * 4]);
    return img;
}

std::vector<std::string> real_images() {
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(test::shared_path("data/isic2020/images")))
        if (e.path().extension() == ".jpg") names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace

// Stated tolerance: every feature moves by less than its FeatureInfo::floor (the
// smallest between-lesion difference the model treats as meaningful).
TEST_CASE("features: rotating or flipping a real image changes every feature by less than its floor") {
    const auto& info = DermFeatureExtractor().features();
    for (const char* name : {"ISIC_0074311.jpg", "ISIC_0207268.jpg", "ISIC_0052212.jpg"}) {
        ImageRGBA img = load_real(name);
        auto base = compute_features(img);
        REQUIRE(base.ok());
        for (int q = 0; q < 4; ++q)
            for (bool flip : {false, true}) {
                if (q == 0 && !flip) continue;
                auto f = compute_features(transform(img, q, flip));
                REQUIRE(f.ok());
                for (size_t k = 0; k < info.size(); ++k) {
                    INFO(name << " rot " << 90 * q << (flip ? " + flip " : " ") << info[k].key << ": "
                              << base.value().values[k] << " vs " << f.value().values[k]);
                    CHECK(std::fabs(base.value().values[k] - f.value().values[k]) < info[k].floor);
                }
            }
    }
}

TEST_CASE("segmentation: real images give plausible lesion areas, few fallbacks") {
    int fallbacks = 0, n = 0;
    for (const auto& name : real_images()) {
        auto f = compute_features(load_real(name));
        REQUIRE(f.ok());
        ++n;
        INFO(name << " area fraction " << f.value().seg.area_fraction << " " << f.value().note);
        CHECK(f.value().seg.area_fraction > 0.001f);
        CHECK(f.value().seg.area_fraction < 0.6f);
        fallbacks += f.value().segmentation_fallback;
    }
    CHECK(n >= 20);
    CHECK(fallbacks <= n / 10);  // measured: 1 of 22 (a tiny blue lesion under hairs)
}

// The app's worker hands the model process_image()'s analysis image; the CLI
// runs the same pipeline. The model's own reduction must be that resampler too,
// so a full-size decode and the worker's pixels give the same features.
TEST_CASE("features: the model reduces images exactly like the image pipeline") {
    std::string bytes = test::read_file(test::shared_path("data/isic2020/images/ISIC_0074311.jpg"));
    REQUIRE(!bytes.empty());
    auto span = std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    PipelineResult piped = process_image(span);
    REQUIRE(piped.ok());
    ImageRGBA full = load_real("ISIC_0074311.jpg");
    ImageRGBA mine = reduce_to_analysis(full, kAnalysisSide);
    CHECK(mine.width == piped.analysis.width);
    CHECK(mine.height == piped.analysis.height);
    CHECK(mine.pixels == piped.analysis.pixels);
    auto a = compute_features(piped.analysis), b = compute_features(mine);
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(a.value().values == b.value().values);
}
