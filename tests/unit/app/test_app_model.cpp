// test_app_model.cpp - the model in the app: the current patient's analysis
// images are featured a slice at a time, the explorer gets the calibrated
// levels, state() tiles carry score/rank/level, and the viewer/quiz words exist.
#include <doctest/doctest.h>

#include <algorithm>

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "app/app.h"
#include "app/app_model.h"
#include "core/data/dataset_load.h"
#include "core/demo/slice3d_synthetic.h"
#include "core/model/measure_score.h"
#include "drawn_lesions.h"

using namespace duck;
using nlohmann::json;

namespace {
// Patient IP_A: 6 drawn nevi and one atypical lesion (ISIC_1000003); IP_B: 2 lesions.
Dataset patients() {
    Dataset ds;
    for (int i = 0; i < 9; ++i) {
        Lesion l;
        l.image_name = "ISIC_" + std::to_string(1000000 + i);
        l.patient_id = i < 7 ? "IP_A" : "IP_B";
        l.patient = i < 7 ? 0 : 1;
        ds.lesions.push_back(l);
    }
    ds.patients = {{"IP_A", {0, 1, 2, 3, 4, 5, 6}}, {"IP_B", {7, 8}}};
    return ds;
}
}  // namespace

TEST_CASE("app model: the current patient's images are scored incrementally and published") {
    App app;
    app.set_dataset(patients(), {});
    REQUIRE(app.view.patient == 0);
    std::map<uint32_t, ImageRGBA> images;  // what the image loader would hold
    for (uint32_t li = 0; li < 7; ++li) images[li] = li == 3 ? test::drawn_atypical(500, 500) : test::drawn_nevus(70 + li);
    auto analysis_of = [&](uint32_t li) -> const ImageRGBA* {
        auto it = images.find(li);
        return it == images.end() ? nullptr : &it->second;
    };
    app.image_status.assign(9, ImageStatus::Ready);
    int ticks = 0;
    while (model_tick(app, analysis_of, 0.0)) {  // zero budget: one lesion per tick,
        ++ticks;
        CHECK(app.model.featured() == std::min<size_t>(size_t(ticks), 7));
    }
    CHECK(ticks > 7);  // then the re-scoring, one unit of it per tick
    CHECK(app.model.featured() == 7);
    const auto levels = app.explorer.scores();
    REQUIRE(levels.size() == 9);
    CHECK(std::isfinite(levels[3]));
    CHECK(std::isnan(levels[7]));  // the other patient: not loaded
    for (uint32_t li = 0; li < 7; ++li)
        if (li != 3) CHECK(levels[3] > levels[li]);
    CHECK(model_summary(app, 3).find("rank 1 of 7") != std::string::npos);
    CHECK_FALSE(model_explanation(app, 3).empty());
    CHECK(model_summary(app, 7) == "model: computing...");
    // The overview's evaluation over the patients scored so far: IP_A's atypical
    // lesion labelled as the melanoma is found first.
    for (uint32_t li = 0; li < 7; ++li) app.dataset.lesions[li].label = li == 3 ? Label::Malignant : Label::Benign;
    app.model.mark_unavailable(8, "image_missing");  // changes the version: the report is recomputed
    const EvalReport& r = model_eval_report(app);
    CHECK(r.patients == 1);
    CHECK(r.melanomas == 1);
    CHECK(r.top1.value == 1.0);
    CHECK(r.top1.random == doctest::Approx(1.0 / 7));
    // Nothing new: a tick does no work.
    CHECK_FALSE(model_tick(app, analysis_of, 0.0));

    const json j = json::parse(app_state_json(app), nullptr, false);
    REQUIRE(j.is_object());
    const json& tiles = j["view"]["tiles"];
    REQUIRE(tiles.size() == 7);
    int rank1 = 0;
    for (const auto& t : tiles) {
        CHECK(t["model_status"] == "ok");
        CHECK(t["score"].is_number());
        CHECK(t["level"].get<double>() >= 0.0);
        CHECK(t["level"].get<double>() <= 1.0);
        if (t["rank"] == 1) {
            ++rank1;
            CHECK(t["image_name"] == "ISIC_1000003");
        }
    }
    CHECK(rank1 == 1);

    // The other patient has 2 lesions, one image missing: no confident number.
    app.select_patient(1);
    images[7] = test::drawn_nevus(90);
    app.image_status[8] = ImageStatus::Missing;
    while (model_tick(app, analysis_of, 0.0)) {}
    CHECK(app.model.scores()[7].status == "insufficient_context");
    CHECK(app.model.scores()[8].status == "image_missing");
    CHECK(model_summary(app, 7).find("not enough lesions") != std::string::npos);
    // A new dataset forgets the model.
    app.set_dataset(patients(), {});
    CHECK(app.model.featured() == 0);
    CHECK(app.explorer.scores().empty());
}

TEST_CASE("app model: a patient with measurements is scored from them while its images are still loading") {
    Slice3dSynthetic spec;  // SYNTHETIC ISIC 2024 rows (no images)
    spec.patients = 2;
    spec.lesions_per_patient = 30;
    LoadResult r = load_csv(slice3d_synthetic_csv(spec), "train-metadata.csv");
    REQUIRE(r.ok);
    App app;
    app.set_dataset(std::move(r.dataset), {});
    app.select_patient(1);
    const auto& lesions = app.dataset.patients[1].lesions;
    // Its image requests are out, none answered yet.
    app.image_status.assign(app.dataset.lesions.size(), ImageStatus::Loading);
    // A link naming other data waits: the patient on screen until then is not scored.
    app.share.link_pending = true;
    app.share.pending.data_url = "https://example.org/other/";
    CHECK_FALSE(model_tick(app, nullptr, 5.0));
    CHECK(app.model.scores()[lesions[0]].status == "pending");
    app.share.link_pending = false;
    model_tick(app, nullptr, 5.0);
    for (uint32_t li : lesions) {
        CHECK(app.model.scores()[li].ok());
        CHECK(app.model.scored_by_measurements(li));
    }
    CHECK(app.model.scores()[lesions[0]].rank == 1);  // the planted lesion
    REQUIRE_FALSE(model_explanation(app, lesions[0]).empty());
    CHECK(model_explanation(app, lesions[0])[0] == kMeasureSource);  // said so on screen
    CHECK(std::isfinite(app.explorer.scores()[lesions[0]]));
    // The patient not shown waits.
    CHECK(app.model.scores()[app.dataset.patients[0].lesions[0]].status == "pending");
    // Its images then fail: the lesions keep their measurement scores.
    app.image_status.assign(app.dataset.lesions.size(), ImageStatus::Missing);
    model_tick(app, nullptr, 5.0);
    for (uint32_t li : lesions) CHECK(app.model.scored_by_measurements(li));
}
