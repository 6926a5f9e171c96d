// test_image_pipeline.cpp - decode + reduce in one pass: the in-place path gives
// exactly what decoding to an ImageRGBA and resampling it gives, for JPEG and
// DICOM; sizes follow the request; failures keep their status and reason.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/image/image_decode.h"
#include "core/image/image_pipeline.h"
#include "test_helpers.h"

namespace {
std::vector<uint8_t> load(const std::string& rel) {
    std::string s = duck::test::read_file(duck::test::shared_path(rel));
    return {s.begin(), s.end()};
}
}  // namespace

TEST_CASE("pipeline thumbnails equal decode-then-resample, for JPEG and DICOM") {
    for (const char* rel : {"data/isic2020/images/ISIC_0052212.jpg", "data/other/dicom/ISIC_0052212.dcm",
                            "data/isic2020/images/ISIC_2637011.jpg"}) {
        CAPTURE(rel);
        const auto bytes = load(rel);
        duck::PipelineRequest rq;
        rq.viewer_side = 1024;
        const auto r = duck::process_image(bytes, rq);
        REQUIRE_MESSAGE(r.ok(), r.error);
        const auto full = duck::decode_image_file(bytes);
        REQUIRE(full.decoded.ok());
        CHECK(r.width == full.decoded.image.width);
        CHECK(r.height == full.decoded.image.height);
        const auto thumb = duck::downscale_to_fit(full.decoded.image, duck::kThumbnailSide);
        CHECK(r.thumb.width == thumb.width);
        CHECK(r.thumb.height == thumb.height);
        CHECK(r.thumb.pixels == thumb.pixels);
        CHECK(r.analysis.pixels == duck::downscale_to_fit(full.decoded.image, duck::kAnalysisSide).pixels);
        CHECK(r.viewer.pixels == duck::downscale_to_fit(full.decoded.image, 1024).pixels);
        CHECK(r.format == full.format);
        CHECK(r.dicom.has_value() == (r.format == "dicom"));
    }
}

TEST_CASE("pipeline sizes: 6000x4000 original -> 256x171 thumb, 4096x2731 viewer, small images are not upscaled") {
    duck::PipelineRequest rq;
    rq.viewer_side = duck::kViewerMaxSide;
    rq.analysis_side = 128;
    auto r = duck::process_image(load("data/isic2020/images/ISIC_0075914.jpg"), rq);
    REQUIRE(r.ok());
    CHECK(r.width == 6000);
    CHECK(r.thumb.width == 256);
    CHECK(r.thumb.height == 171);
    CHECK(r.analysis.width == 128);
    CHECK(r.analysis.height == 85);
    CHECK(r.viewer.width == 4096);
    CHECK(r.viewer.height == 2731);
    auto small = duck::process_image(load("data/isic2020/images/ISIC_2637011.jpg"));
    REQUIRE(small.ok());
    CHECK(small.thumb.width == 75);
    CHECK(small.thumb.height == 50);
    CHECK(small.viewer.empty());  // not requested
}

TEST_CASE("pipeline failures keep status, reason and header size") {
    auto empty = duck::process_image({});
    CHECK(empty.status == duck::ImageStatus::Corrupt);
    CHECK(empty.error == "empty file (0 bytes)");
    auto bytes = load("data/isic2020/images/ISIC_2637011.jpg");
    bytes.resize(bytes.size() / 2);
    auto cut = duck::process_image(bytes);
    CHECK(cut.status == duck::ImageStatus::Corrupt);
    CHECK(cut.error.rfind("truncated JPEG", 0) == 0);
    CHECK(cut.width == 75);  // the header survived
    CHECK(cut.thumb.empty());
    duck::PipelineRequest tight;
    tight.limits.max_megapixels = 1.0;
    auto big = duck::process_image(load("data/other/dicom/ISIC_0052212.dcm"), tight);
    CHECK(big.status == duck::ImageStatus::TooLarge);
    CHECK(big.error == "image 1872x1053 exceeds the 1 MP limit");
    CHECK(big.dicom.has_value());
    auto dcm = load("data/other/dicom/ISIC_0052212.dcm");
    dcm.resize(dcm.size() - 5000);  // lose the end of the only fragment
    auto broken = duck::process_image(dcm);
    CHECK(broken.status == duck::ImageStatus::Corrupt);
    CHECK(broken.error.find("declares") != std::string::npos);
}
