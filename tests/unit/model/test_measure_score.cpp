// test_measure_score.cpp - the ugly-duckling score from ISIC 2024's own lesion
// measurements (no pixels), on SYNTHETIC rows: a lesion far from its patient's
// others is found and explained in plain words; the same atypical values among a
// patient's equally atypical lesions are not flagged; ModelSession scores a shown
// patient's lesions from it until (or unless) their images give them features.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <string>

#include "core/base/prng.h"
#include "core/data/dataset_load.h"
#include "core/demo/slice3d_synthetic.h"
#include "core/model/measure_score.h"
#include "core/model/model_session.h"

using namespace duck;

namespace {

// Rows of four measurements: `typical` patients have lesions around border 4,
// colour 2, asymmetry 0.35, 4 mm, and their first lesion at border 9.5, colour 8,
// asymmetry 0.9, 9 mm; `atypical` patients have every lesion around those values.
std::string four_measure_csv(int typical, int atypical, int lesions) {
    SplitMix64 rng(7);
    auto jitter = [&rng](float centre, float spread) { return centre + spread * (rng.unit() * 2 - 1); };
    std::string csv = "isic_id,patient_id,tbp_lv_norm_border,tbp_lv_norm_color,tbp_lv_symm_2axis,clin_size_long_diam_mm\n";
    char buf[200];
    for (int p = 0; p < typical + atypical; ++p)
        for (int k = 0; k < lesions; ++k) {
            const bool odd = p >= typical || k == 0;
            const float border = odd ? jitter(9.5f, 0.5f) : jitter(4, 0.5f), colour = odd ? jitter(8, 0.5f) : jitter(2, 0.4f);
            const float symm = odd ? jitter(0.9f, 0.05f) : jitter(0.35f, 0.05f), diam = odd ? jitter(9, 1) : jitter(4, 1);
            std::snprintf(buf, sizeof buf, "SYN_%d_%d,SYNP_%d,%.3f,%.3f,%.3f,%.2f\n", p, k, p, double(border),
                          double(colour), double(symm), double(diam));
            csv += buf;
        }
    return csv;
}

Dataset load(const std::string& csv) {
    LoadResult r = load_csv(csv, "synthetic.csv");
    REQUIRE(r.ok);
    REQUIRE(r.problems.empty());
    return std::move(r.dataset);
}

}  // namespace

TEST_CASE("measure score: uses the catalogue's measurements the dataset has") {
    const Dataset ds = load(four_measure_csv(1, 0, 5));
    const MeasureFeatures mf = measure_features(ds);
    REQUIRE(mf.columns.size() == 4);
    CHECK(std::string(mf.info[0].key) == "tbp_lv_norm_border");
    CHECK(std::string(mf.info[3].key) == "clin_size_long_diam_mm");
    Dataset none = load("isic_id,patient_id,tbp_lv_x\nA,P,1\n");
    CHECK(measure_features(none).empty());
    const ScoreItem it = measure_item(none, measure_features(none), 0);
    CHECK_FALSE(it.has_features);
    CHECK(it.unavailable == "measurements_missing");
}

TEST_CASE("measure score: the planted outlier ranks first and is explained, equally atypical lesions are not flagged") {
    const Dataset ds = load(four_measure_csv(6, 3, 25));
    const std::vector<LesionScore> s = score_by_measurements(ds);
    REQUIRE(s.size() == ds.lesions.size());
    int typical_flagged_first = 0, others_flagged = 0, atypical_flagged = 0;
    for (const Patient& p : ds.patients) {
        const bool atypical = p.id >= "SYNP_6";
        for (size_t k = 0; k < p.lesions.size(); ++k) {
            const LesionScore& sc = s[p.lesions[k]];
            REQUIRE(sc.ok());
            if (atypical) atypical_flagged += sc.flagged;
            else if (k == 0) {
                typical_flagged_first += sc.flagged && sc.rank == 1;
                REQUIRE(sc.explanation.size() >= 2);
                CHECK(sc.explanation[0] == kMeasureSource);
                bool border = false;
                for (const auto& line : sc.explanation)
                    border |= line.find("border") != std::string::npos && line.find("more irregular than the patient's other lesions") != std::string::npos;
                CHECK(border);
            } else
                others_flagged += sc.flagged;
        }
    }
    CHECK(typical_flagged_first == 6);
    CHECK(atypical_flagged == 0);
    // The typical lesions around the planted one: a flag on at most 5% of them.
    CHECK(others_flagged <= 7);
}

TEST_CASE("measure score: synthetic SLICE-3D rows (all 44 columns) find each patient's planted lesion") {
    Slice3dSynthetic spec;
    spec.patients = 4;
    spec.lesions_per_patient = 60;
    const Dataset ds = load(slice3d_synthetic_csv(spec));
    CHECK(measure_features(ds).columns.size() == measure_feature_catalogue().size());
    const std::vector<LesionScore> s = score_by_measurements(ds);
    for (const Patient& p : ds.patients) {
        CHECK(s[p.lesions[0]].rank == 1);
        CHECK(s[p.lesions[0]].flagged);
    }
}

TEST_CASE("measure score: ModelSession scores lesions without images from their measurements") {
    const Dataset ds = load(four_measure_csv(2, 0, 10));
    ModelSession m;
    m.reset(ds);
    CHECK_FALSE(m.needs_step());
    const uint32_t first = ds.patients[0].lesions[0];
    m.mark_unavailable(first, "image_missing");
    CHECK(m.needs_step());
    CHECK(m.step(5));
    while (m.needs_step()) m.step(5);  // a loaded machine may need more than one step
    // The patient's lesions are scored (its context); the other patient waits.
    for (uint32_t li : ds.patients[0].lesions) {
        CHECK(m.scores()[li].ok());
        CHECK(m.scored_by_measurements(li));
    }
    CHECK(m.scores()[first].rank == 1);
    CHECK(m.scores()[first].explanation.front() == kMeasureSource);
    for (uint32_t li : ds.patients[1].lesions) CHECK(m.scores()[li].status == "pending");
    CHECK_FALSE(m.needs_step());
    // Images found missing one frame at a time (as the loader reports them): the
    // lesions keep their measurement scores.
    for (uint32_t li : ds.patients[0].lesions) {
        m.mark_unavailable(li, "image_missing");
        while (m.needs_step()) m.step(5);
        CHECK(m.scores()[li].ok());
    }
    for (uint32_t li : ds.patients[0].lesions) CHECK(m.scores()[li].status == "ok");
}

TEST_CASE("measure score: a shown patient is scored from its measurements before any image is in") {
    const Dataset ds = load(four_measure_csv(2, 0, 10));
    ModelSession m;
    m.reset(ds);
    m.measure_patient(1);
    CHECK(m.needs_step());
    CHECK(m.step(5));
    // Every lesion of the shown patient is scored now, its images neither in nor failed.
    for (uint32_t li : ds.patients[1].lesions) {
        CHECK(m.scores()[li].ok());
        CHECK(m.scored_by_measurements(li));
    }
    const uint32_t planted = ds.patients[1].lesions[0];
    CHECK(m.scores()[planted].rank == 1);
    CHECK(m.scores()[planted].explanation.front() == kMeasureSource);
    for (uint32_t li : ds.patients[0].lesions) CHECK(m.scores()[li].status == "pending");
    // Shown again: nothing to do.
    m.measure_patient(1);
    CHECK_FALSE(m.needs_step());
    // An image arrives after all: that lesion is scored from its image features
    // (alone among them, too few to compare), the others keep their measurement scores.
    const uint32_t imaged = ds.patients[1].lesions[3];
    REQUIRE(m.set_features(imaged, std::vector<float>(m.feature_info().size(), 0.5f)));
    CHECK(m.step(5));
    CHECK_FALSE(m.scored_by_measurements(imaged));
    CHECK(m.scores()[imaged].status == "insufficient_context");
    for (uint32_t li : ds.patients[1].lesions)
        if (li != imaged) CHECK(m.scored_by_measurements(li));
    // Out of range, or data without measurements: nothing happens.
    m.measure_patient(kNone);
    CHECK_FALSE(m.needs_step());
    Dataset none;  // two lesions of one patient, no measurements
    for (uint32_t i = 0; i < 2; ++i) {
        Lesion l;
        l.image_name = "SYN_" + std::to_string(i);
        l.patient_id = "SYNP_0";
        l.patient = 0;
        none.lesions.push_back(l);
    }
    none.patients = {{"SYNP_0", {0, 1}}};
    ModelSession plain;
    plain.reset(none);
    plain.measure_patient(0);
    CHECK_FALSE(plain.needs_step());
}
