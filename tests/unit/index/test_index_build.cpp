// test_index_build.cpp - computing index entries from image bytes, on real
// ISIC 2020 images from ../shared/data, and the index as the model's input.
#include <doctest/doctest.h>

#include <cmath>

#include "core/image/image_pipeline.h"
#include "core/index/index_build.h"
#include "index/index_fixture.h"
#include "test_helpers.h"

using namespace duck;

namespace {

std::span<const uint8_t> as_bytes(const std::string& s) {
    return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

}  // namespace

TEST_CASE("index build: a real image gets the extractor's features, the same as extracting directly") {
    const std::string bytes = test::read_file(test::shared_path("data/isic2020/images/ISIC_0052212.jpg"));
    REQUIRE(!bytes.empty());
    const DermFeatureExtractor ex;
    const RowAnalysis a = analyse_image(as_bytes(bytes), ex);
    REQUIRE_MESSAGE(has_features(a.status), a.reason);
    REQUIRE(a.features.size() == ex.features().size());
    for (float v : a.features) CHECK(std::isfinite(v));
    CHECK((a.status == LesionStatus::Ok) == a.reason.empty());

    // Directly: the pipeline's analysis image, then the extractor.
    PipelineRequest rq;
    rq.thumb_side = 0;
    rq.analysis_side = kAnalysisSide;
    auto d = process_image(as_bytes(bytes), rq);
    REQUIRE(d.ok());
    auto direct = ex.extract(d.analysis);
    REQUIRE(direct.ok());
    CHECK(direct.value().values == a.features);
    // And again: deterministic.
    CHECK(analyse_image(as_bytes(bytes), ex).features == a.features);
}

TEST_CASE("index build: undecodable bytes are a decode error with the decoder's reason") {
    const DermFeatureExtractor ex;
    const std::string junk = "this is not an image at all, just text";
    const RowAnalysis a = analyse_image(as_bytes(junk), ex);
    CHECK(a.status == LesionStatus::DecodeError);
    CHECK(a.reason.rfind("corrupt: ", 0) == 0);
    CHECK(a.features.empty());

    // A real JPEG cut in half.
    std::string cut = test::read_file(test::shared_path("data/isic2020/images/ISIC_0052212.jpg"));
    REQUIRE(cut.size() > 1000);
    cut.resize(200);
    const RowAnalysis b = analyse_image(as_bytes(cut), ex);
    CHECK(b.status == LesionStatus::DecodeError);
    CHECK(!b.reason.empty());
}

TEST_CASE("index build: an empty index names its extractor, keys and dataset, nothing analysed yet") {
    const Dataset ds = test::index_dataset();
    const DermFeatureExtractor ex;
    const LesionIndex ix = empty_index(ds, ex, 1, 3);
    CHECK(ix.extractor == "dermoscopic-v2");
    REQUIRE(ix.feature_keys.size() == ex.features().size());
    CHECK(ix.feature_keys.front() == ex.features().front().key);
    CHECK(ix.image_names.size() == 7);
    CHECK(ix.rows == std::vector<uint32_t>{1, 4});
    CHECK(ix.status == std::vector<LesionStatus>(2, LesionStatus::NoImage));
    CHECK(ix.reasons[0] == "not analysed");
    CHECK(std::isnan(ix.features[0]));
}

TEST_CASE("index build: a feature vector of the wrong length is not stored as features") {
    const Dataset ds = test::index_dataset();
    LesionIndex ix = empty_index(ds, DermFeatureExtractor(), 0, 1);
    RowAnalysis a;
    a.status = LesionStatus::Ok;
    a.features = {1.0f, 2.0f};
    set_entry(ix, 0, a);
    CHECK(ix.status[0] == LesionStatus::Unusable);
    CHECK(ix.reasons[0].find("extractor returned 2 values for") == 0);
    CHECK(std::isnan(ix.entry_features(0)[0]));
}

TEST_CASE("index build: the index is the outlier model's input, row for row") {
    const Dataset ds = test::index_dataset();
    const LesionIndex ix = test::made_up_index(ds);
    const auto items = score_items(ix);
    REQUIRE(items.size() == 7);
    CHECK(items[0].patient_id == "IP_1");
    CHECK(items[0].has_features);
    CHECK(items[0].features == std::vector<float>(ix.entry_features(0), ix.entry_features(0) + ix.n_features()));
    CHECK(items[1].segmentation_fallback);
    CHECK(!items[2].has_features);
    CHECK(items[2].unavailable == "no_image");
    CHECK(items[3].unavailable == "decode_error");
    CHECK(items[4].unavailable == "unusable");
    CHECK(items[6].patient_id == "IP_3");
}
