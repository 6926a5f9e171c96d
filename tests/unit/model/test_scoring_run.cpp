// test_scoring_run.cpp - scoring in steps (ScoringRun, and ModelSession's
// re-scoring built on it) gives exactly the scores and model of score_lesions in
// one call, on a generated dataset of a few thousand lesions with made-up
// features (patients of 1 to 40 lesions, some without features); the focused
// patient is scored first.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "core/base/prng.h"
#include "core/model/model_session.h"
#include "core/model/scoring_run.h"

using namespace duck;

namespace {

struct Generated {
    Dataset ds;
    std::vector<ScoreItem> items;
};

// `patients` patients of 1-40 lesions; every 23rd lesion has no features
// (image_missing), the others 61 made-up values around a per-patient centre,
// with a few planted outliers and repeated values (ties in the medians).
Generated generated(size_t patients, uint64_t seed) {
    Generated g;
    SplitMix64 rng(seed);
    const auto& info = DermFeatureExtractor().features();
    for (size_t p = 0; p < patients; ++p) {
        Patient pat;
        pat.id = "IP_" + std::to_string(5000 + p);
        const size_t n = 1 + rng.next() % 40;
        std::vector<float> centre(info.size());
        for (auto& c : centre) c = rng.unit() * 4;
        for (size_t l = 0; l < n; ++l) {
            const uint32_t li = uint32_t(g.ds.lesions.size());
            Lesion les;
            les.image_name = "ISIC_" + std::to_string(900000 + li);
            les.patient_id = pat.id;
            les.patient = uint32_t(p);
            g.ds.lesions.push_back(les);
            pat.lesions.push_back(li);
            ScoreItem it;
            it.patient_id = pat.id;
            if (li % 23 == 7) {
                it.unavailable = "image_missing";
            } else {
                it.has_features = true;
                it.segmentation_fallback = li % 17 == 3;
                for (size_t j = 0; j < info.size(); ++j) {
                    float v = centre[j] + (rng.unit() - 0.5f) * (l % 11 == 5 ? 6.f : 1.f);
                    if (j % 9 == 4) v = std::round(v * 2) / 2;  // ties
                    it.features.push_back(v);
                }
            }
            g.items.push_back(std::move(it));
        }
        g.ds.patients.push_back(std::move(pat));
    }
    return g;
}

void check_same(const LesionScore& a, const LesionScore& b) {
    CHECK(a.status == b.status);
    CHECK(a.score == b.score);  // exact: the same operations in the same order
    CHECK(a.context_distance == b.context_distance);
    CHECK(a.malignancy_excess == b.malignancy_excess);
    CHECK(a.rank == b.rank);
    CHECK(a.level == b.level);
    CHECK(a.flagged == b.flagged);
    CHECK(a.explanation == b.explanation);
    REQUIRE(a.top.size() == b.top.size());
    for (size_t k = 0; k < a.top.size(); ++k) {
        CHECK(a.top[k].feature == b.top[k].feature);
        CHECK(a.top[k].z == b.top[k].z);
        CHECK(a.top[k].share == b.top[k].share);
        CHECK(a.top[k].median == b.top[k].median);
    }
}

void check_same(const ScoreModel& a, const ScoreModel& b) {
    CHECK(a.scale == b.scale);
    CHECK(a.inv_corr == b.inv_corr);
    CHECK(a.shrinkage == b.shrinkage);
    CHECK(a.calibration == b.calibration);
    CHECK(a.dof == b.dof);
    CHECK(a.calibration_lesions == b.calibration_lesions);
    CHECK(a.malignancy_scale == b.malignancy_scale);
}

}  // namespace

TEST_CASE("scoring run: one unit per step, the focus moved midway, gives score_lesions' scores exactly") {
    const Generated g = generated(260, 7);
    const auto& info = DermFeatureExtractor().features();
    REQUIRE(g.items.size() > 4000);  // several slices of grouping, levels and correlation blocks
    ScoreModel once_model;
    const std::vector<LesionScore> once = score_lesions(g.items, info, {}, &once_model);
    REQUIRE(once_model.calibration_lesions >= 40);  // the calibration is fitted, not the prior
    REQUIRE(once_model.dof != double(info.size()));

    ScoringRun run(g.items, info);
    const std::string first = g.ds.patients[200].id, second = g.ds.patients[3].id;
    run.focus(first);
    int steps = 0;
    std::vector<size_t> order;  // items in the order their scores arrived
    while (!run.step(0)) {
        ++steps;
        for (size_t i : run.take_scored()) order.push_back(i);
        if (run.patients_scored() == 1) run.focus(second);  // the user opens another patient
    }
    for (size_t i : run.take_scored()) order.push_back(i);
    CHECK(steps > 300);  // it did come in many steps
    CHECK(run.patients() == g.ds.patients.size());
    CHECK(run.patients_scored() == g.ds.patients.size());
    // The focused patients came first (those with at least 4 lesions with features).
    REQUIRE_FALSE(order.empty());
    CHECK(g.items[order.front()].patient_id == first);
    const size_t n_first = std::count_if(order.begin(), order.end(), [&](size_t i) { return g.items[i].patient_id == first; });
    REQUIRE(n_first < order.size());
    CHECK(g.items[order[n_first]].patient_id == second);
    // Every scored lesion arrived once.
    CHECK(std::set<size_t>(order.begin(), order.end()).size() == order.size());

    REQUIRE(run.scores().size() == once.size());
    for (size_t i = 0; i < once.size(); ++i) check_same(run.scores()[i], once[i]);
    check_same(run.model(), once_model);
}

TEST_CASE("scoring run: provisional levels use the given calibration, the final ones the run's own") {
    const Generated g = generated(120, 11);
    const auto& info = DermFeatureExtractor().features();
    ScoreModel model;
    const auto once = score_lesions(g.items, info, {}, &model);
    ScoreModel other = model;
    other.calibration *= 0.5;  // a previous run's, different
    ScoringRun run(g.items, info, {}, &other);
    run.focus(g.ds.patients[0].id);
    while (run.patients_scored() == 0) run.step(0);
    const std::vector<size_t> fresh = run.take_scored();
    REQUIRE_FALSE(fresh.empty());
    for (size_t i : fresh) {
        const LesionScore& s = run.scores()[i];
        CHECK(s.score == once[i].score);
        CHECK(s.explanation == once[i].explanation);
        CHECK(s.level == gamma_p(0.5 * other.dof, 0.5 * s.score * s.score * other.calibration));
    }
    while (!run.step(0)) {}
    for (size_t i : fresh) CHECK(run.scores()[i].level == once[i].level);
}

TEST_CASE("model session: a whole index's re-scoring in steps shows the focused patient first and ends as one call") {
    Generated g = generated(200, 3);
    const auto& info = DermFeatureExtractor().features();
    const auto once = score_lesions(g.items, info);
    ModelSession s;
    s.reset(g.ds);
    for (uint32_t li = 0; li < g.items.size(); ++li) {
        if (g.items[li].has_features)
            CHECK(s.set_features(li, g.items[li].features, g.items[li].segmentation_fallback));
        else
            s.mark_unavailable(li, g.items[li].unavailable);
    }
    const Patient& focused = g.ds.patients[150];
    REQUIRE(focused.lesions.size() >= 8);
    s.focus(focused.id);
    const uint64_t v0 = s.version();
    size_t steps = 0;
    bool focused_first = false;
    while (s.needs_step()) {
        s.step(0);
        ++steps;
        if (!s.scoring()) break;
        CHECK((s.scoring_total() == 0 || s.scoring_total() == g.ds.patients.size()));  // known once grouped
        // Once the first patient is scored, it is the focused one and its scores show.
        if (s.scoring_done() == 1) {
            focused_first = true;
            for (uint32_t li : focused.lesions) CHECK(s.scores()[li].status == once[li].status);
            CHECK(s.version() == v0);  // provisional scores: caches keyed on the version wait
        }
    }
    CHECK(focused_first);
    CHECK(steps > 100);
    CHECK_FALSE(s.needs_step());
    CHECK(s.version() > v0);
    for (size_t i = 0; i < once.size(); ++i) check_same(s.scores()[i], once[i]);
}

TEST_CASE("model session: a second re-scoring over shown scores (more features arrived) ends as one call too") {
    // The first run's scores are on show when the second run's provisional ones
    // replace them and its levels complete them: nothing of the first may remain.
    const Generated g = generated(120, 5);
    const auto& info = DermFeatureExtractor().features();
    std::vector<ScoreItem> early = g.items;
    for (size_t i = 0; i < early.size(); i += 3)
        if (early[i].has_features) early[i].has_features = false, early[i].features.clear();
    const auto once_early = score_lesions(early, info);
    const auto once = score_lesions(g.items, info);
    ModelSession s;
    s.reset(g.ds);
    for (uint32_t li = 0; li < early.size(); ++li)
        if (early[li].has_features) CHECK(s.set_features(li, early[li].features, early[li].segmentation_fallback));
    s.focus(g.ds.patients[60].id);
    while (s.needs_step()) s.step(0);
    for (size_t i = 0; i < once_early.size(); ++i)
        if (once_early[i].ok()) check_same(s.scores()[i], once_early[i]);
    for (uint32_t li = 0; li < g.items.size(); ++li)
        if (!early[li].has_features && g.items[li].has_features)
            CHECK(s.set_features(li, g.items[li].features, g.items[li].segmentation_fallback));
        else if (!g.items[li].has_features)
            s.mark_unavailable(li, g.items[li].unavailable);
    s.focus(g.ds.patients[10].id);
    size_t steps = 0;
    while (s.needs_step()) s.step(0.05), ++steps;
    CHECK(steps > 20);
    for (size_t i = 0; i < once.size(); ++i) check_same(s.scores()[i], once[i]);
}
