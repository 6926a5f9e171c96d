// test_model_session.cpp - the app's incremental model: lesions featured one
// time slice at a time, cached, and scored in their patients' context with the
// same results as scoring everything at once.
#include <doctest/doctest.h>

#include <cmath>

#include "core/model/model_session.h"
#include "drawn_lesions.h"

using namespace duck;
using namespace duck::test;

namespace {
Dataset two_patients(int per_patient) {
    Dataset ds;
    for (int p = 0; p < 2; ++p)
        for (int i = 0; i < per_patient; ++i) {
            Lesion l;
            l.image_name = "ISIC_" + std::to_string(1000000 + p * 100 + i);
            l.patient_id = "IP_" + std::to_string(p);
            ds.lesions.push_back(l);
        }
    return ds;
}
ImageRGBA image_of(int p, int i) { return i == 2 ? drawn_atypical(400 + p, 400 + p) : drawn_nevus(60 + 10 * p + i); }
}  // namespace

TEST_CASE("model session: incremental features give the same scores as scoring all at once") {
    const Dataset ds = two_patients(6);
    ModelSession s;
    s.reset(ds);
    s.rescore_every = 1000;  // only when the queue drains
    for (uint32_t li = 0; li < ds.lesions.size(); ++li) s.submit(li, image_of(int(li / 6), int(li % 6)));
    s.submit(0, image_of(0, 0));  // a duplicate submit is ignored
    CHECK(s.queued() == 12);
    CHECK(s.is_queued(0));
    CHECK_FALSE(s.is_queued(99));  // out of range
    // A zero budget still makes progress: one lesion per step, no scores until the queue drains.
    CHECK_FALSE(s.step(0));
    CHECK(s.featured() == 1);
    CHECK_FALSE(s.is_queued(0));  // extracted: no longer queued, featured
    CHECK(s.has_features(0));
    CHECK(s.is_queued(1));
    CHECK(s.scores()[0].status == "pending");
    CHECK(std::isnan(s.levels()[0]));
    int steps = 1;
    bool changed = false;
    while (s.queued() > 0) changed = s.step(0), ++steps;
    CHECK(steps == 12);
    // Then the re-scoring: one unit of its work per zero-budget step.
    while (s.needs_step()) changed |= s.step(0);
    CHECK(changed);
    CHECK(s.featured() == 12);
    REQUIRE(s.mask(11) != nullptr);
    CHECK(s.mask(11)->area_fraction > 0.01f);

    // Same as score_lesions on everything at once.
    std::vector<ScoreItem> items;
    for (uint32_t li = 0; li < ds.lesions.size(); ++li) {
        auto f = compute_features(image_of(int(li / 6), int(li % 6)));
        REQUIRE(f.ok());
        ScoreItem it;
        it.patient_id = ds.lesions[li].patient_id;
        it.has_features = true;
        it.features = f.value().values;
        items.push_back(it);
    }
    const auto all = score_lesions(items, DermFeatureExtractor().features());
    for (size_t i = 0; i < items.size(); ++i) {
        CHECK(s.scores()[i].ok());
        CHECK(s.scores()[i].score == doctest::Approx(all[i].score));
        CHECK(s.scores()[i].rank == all[i].rank);
        CHECK(s.levels()[i] == doctest::Approx(all[i].level));
    }
    CHECK(s.scores()[2].rank == 1);  // the planted atypical lesion of each patient
    CHECK(s.scores()[8].rank == 1);
}

TEST_CASE("model session: unavailable images keep their status, a new dataset forgets everything") {
    const Dataset ds = two_patients(3);
    ModelSession s;
    s.reset(ds);
    s.mark_unavailable(1, "image_missing");
    for (uint32_t li : {0u, 2u}) s.submit(li, image_of(0, int(li)));
    s.submit(99, image_of(0, 0));  // out of range: ignored
    CHECK(s.queued() == 2);
    while (s.needs_step()) s.step(50);
    CHECK(s.scores()[0].status == "insufficient_context");  // 2 featured lesions < 4
    CHECK(s.scores()[1].status == "image_missing");
    CHECK(s.scores()[3].status == "pending");
    s.reset(two_patients(2));
    CHECK(s.featured() == 0);
    CHECK(s.scores().size() == 4);
    CHECK(s.mask(0) == nullptr);
    CHECK(s.features(0).empty());
}

TEST_CASE("model session: features set from elsewhere score like extracted ones, bad ones are refused") {
    const Dataset ds = two_patients(6);
    ModelSession extracted, given;
    extracted.reset(ds);
    given.reset(ds);
    const size_t n_features = DermFeatureExtractor().features().size();
    for (uint32_t li = 0; li < ds.lesions.size(); ++li) {
        const ImageRGBA img = image_of(int(li / 6), int(li % 6));
        extracted.submit(li, img);
        auto f = compute_features(img);
        REQUIRE(f.ok());
        CHECK(given.set_features(li, f.value().values, f.value().segmentation_fallback));
    }
    while (extracted.needs_step()) extracted.step(50);
    CHECK(given.needs_step());
    CHECK(given.step(50));  // nothing queued: the re-scoring starts, and (12 lesions) ends within the budget
    CHECK_FALSE(given.needs_step());
    CHECK(given.featured() == ds.lesions.size());
    for (size_t i = 0; i < ds.lesions.size(); ++i) {
        CHECK(given.scores()[i].score == doctest::Approx(extracted.scores()[i].score));
        CHECK(given.scores()[i].rank == extracted.scores()[i].rank);
        CHECK(given.features(uint32_t(i)) == extracted.features(uint32_t(i)));
    }
    CHECK(given.mask(0) == nullptr);  // no image, no outline

    ModelSession s;
    s.reset(ds);
    CHECK_FALSE(s.set_features(99, std::vector<float>(n_features, 0.5f)));         // out of range
    CHECK_FALSE(s.set_features(0, std::vector<float>(n_features - 1, 0.5f)));      // wrong length
    std::vector<float> nan_one(n_features, 0.5f);
    nan_one[3] = std::nanf("");
    CHECK_FALSE(s.set_features(0, nan_one));                                       // not finite
    CHECK(s.featured() == 0);
    CHECK(s.set_features(0, std::vector<float>(n_features, 0.5f)));
    CHECK_FALSE(s.set_features(0, std::vector<float>(n_features, 0.7f)));          // already featured
    CHECK(s.features(0) == std::vector<float>(n_features, 0.5f));
}
