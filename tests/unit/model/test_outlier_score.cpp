// test_outlier_score.cpp - the patient-context score: leave-one-out ranking,
// insufficient context, calibration, explanations, and the "atypical among
// atypical" patient whose similar atypical lesions must not be flagged.
#include <doctest/doctest.h>

#include <cmath>

#include "core/model/outlier_score.h"
#include "drawn_lesions.h"

using namespace duck;
using namespace duck::test;

namespace {

const std::vector<FeatureInfo>& derm_info() { return DermFeatureExtractor().features(); }

ScoreItem item_from(const std::string& pid, const ImageRGBA& img) {
    auto f = compute_features(img);
    REQUIRE(f.ok());
    ScoreItem it;
    it.patient_id = pid;
    it.has_features = true;
    it.features = f.value().values;
    it.segmentation_fallback = f.value().segmentation_fallback;
    return it;
}

}  // namespace

TEST_CASE("score: chi-square CDF through the incomplete gamma function") {
    CHECK(gamma_p(1.0, 1.0) == doctest::Approx(1 - std::exp(-1.0)).epsilon(1e-9));  // chi2(2) at 2
    CHECK(gamma_p(0.5, 0.5 * 3.841459) == doctest::Approx(0.95).epsilon(1e-5));     // chi2(1) 95%
    CHECK(gamma_p(8.5, 0.5 * 27.587) == doctest::Approx(0.95).epsilon(1e-3));       // chi2(17) 95%
    CHECK(gamma_p(3.0, 0.0) == 0.0);
    CHECK(chi_square_quantile(0.95, 1) == doctest::Approx(3.841459).epsilon(1e-5));
}

TEST_CASE("score: the calibration recovers a scaled chi-square from its median and 95th percentile") {
    // Exact quantiles of 3 * chi-square(6) at 1000 evenly spaced probabilities.
    std::vector<double> d2;
    for (int i = 0; i < 1000; ++i) d2.push_back(3 * chi_square_quantile((i + 0.5) / 1000, 6));
    double dof = 0, mult = 0;
    fit_scaled_chi_square(d2, dof, mult);
    CHECK(dof == doctest::Approx(6).epsilon(0.03));
    CHECK(mult == doctest::Approx(1.0 / 3).epsilon(0.03));
}

TEST_CASE("score: few lesions -> insufficient context, missing images keep their status") {
    std::vector<ScoreItem> items;
    for (int i = 0; i < 3; ++i) items.push_back(item_from("P1", drawn_nevus(i)));
    ScoreItem missing;
    missing.patient_id = "P1";
    missing.unavailable = "image_missing";
    items.push_back(missing);
    auto s = score_lesions(items, derm_info());
    for (int i = 0; i < 3; ++i) {
        CHECK(s[i].status == "insufficient_context");
        CHECK(s[i].rank == 0);
        CHECK(s[i].explanation.empty());
    }
    CHECK(s[3].status == "image_missing");
}

TEST_CASE("score: a planted atypical lesion ranks first among drawn nevi, with reasons") {
    std::vector<ScoreItem> items;
    for (int p = 0; p < 3; ++p)
        for (int i = 0; i < 8; ++i)
            items.push_back(item_from("P" + std::to_string(p),
                                      i == 5 ? drawn_atypical(100 + p, 100 + p) : drawn_nevus(10 * p + i)));
    ScoreModel model;
    auto s = score_lesions(items, derm_info(), {}, &model);
    CHECK(model.calibration_lesions == 24);
    for (int p = 0; p < 3; ++p) {
        const LesionScore& out = s[p * 8 + 5];
        CHECK(out.ok());
        CHECK(out.rank == 1);
        CHECK(out.flagged);
        CHECK(out.level > 0.95);
        REQUIRE(!out.explanation.empty());
        INFO(out.explanation[0]);
        bool worded = out.explanation[0].find("than the patient's other lesions") != std::string::npos ||
                      out.explanation[0].find("colours (this patient's other lesions: median") != std::string::npos;
        CHECK(worded);
        for (int i = 0; i < 8; ++i) {
            INFO("nevus " << i << " level " << s[p * 8 + i].level << " " << s[p * 8 + i].explanation[0]);
            if (i != 5) CHECK_FALSE(s[p * 8 + i].flagged);
        }
    }
}

TEST_CASE("score: atypical among atypical - a patient of similar atypical lesions is not flagged") {
    std::vector<ScoreItem> items;
    for (int i = 0; i < 7; ++i) items.push_back(item_from("ATYP", drawn_atypical(200, 200 + i)));
    for (int p = 0; p < 2; ++p)  // context: ordinary patients, one planted outlier each
        for (int i = 0; i < 7; ++i)
            items.push_back(item_from("N" + std::to_string(p),
                                      i == 3 ? drawn_atypical(300 + p, 300 + p) : drawn_nevus(50 + 10 * p + i)));
    auto s = score_lesions(items, derm_info());
    for (int i = 0; i < 7; ++i) {
        INFO("atypical lesion " << i << " level " << s[i].level);
        CHECK(s[i].ok());
        CHECK_FALSE(s[i].flagged);
    }
    CHECK(s[7 + 3].flagged);
    CHECK(s[14 + 3].flagged);
}

TEST_CASE("score: explanations name the feature, direction and values") {
    // Hand-made feature vectors: lesion 4 has 5 colours where the others have 2.
    const auto& info = derm_info();
    std::vector<ScoreItem> items;
    for (int i = 0; i < 8; ++i) {
        ScoreItem it;
        it.patient_id = "P";
        it.has_features = true;
        it.features.assign(info.size(), 0.0f);
        for (size_t k = 0; k < info.size(); ++k) it.features[k] = 10.0f + 0.3f * float((i * 7 + k) % 5);
        it.features[kColourCount] = 2;
        if (i == 4) it.features[kColourCount] = 5;
        if (i == 6) it.features[kCompactness] = 30.0f;  // a much less regular border
        items.push_back(it);
    }
    // The words of the context distance: the learned direction is left out here
    // (these vectors are far from any real lesion; its own test is below).
    ScoreOptions context_only;
    context_only.malignancy = nullptr;
    auto s = score_lesions(items, info, context_only);
    REQUIRE(!s[4].explanation.empty());
    CHECK(s[4].explanation[0] == "5 colours (this patient's other lesions: median 2)");
    REQUIRE(!s[6].explanation.empty());
    CHECK(s[6].explanation[0].find("border much less regular than the patient's other lesions") == 0);
    CHECK(s[4].rank <= 2);
    CHECK(s[6].rank <= 2);
}

TEST_CASE("score: the learned direction raises a lesion only when it lies further along it than its patient's others") {
    // Hand-made features and a direction along one feature (colour asymmetry).
    const auto& info = derm_info();
    const int p = int(info.size());
    MalignancyModel dir;
    dir.name = "test";
    for (const auto& f : info) dir.keys.push_back(f.key);
    dir.mean.assign(p, 10.0);
    dir.sd.assign(p, 1.0);
    dir.weight.assign(p, 0.0);
    dir.weight[kColourAsymmetry] = 1.0;
    dir.context_weight = 32;
    std::vector<ScoreItem> items;
    auto add = [&](const std::string& pid, int i, float asym) {
        ScoreItem it;
        it.patient_id = pid;
        it.has_features = true;
        it.features.assign(size_t(p), 0.0f);
        for (int k = 0; k < p; ++k) it.features[size_t(k)] = 10.0f + 0.3f * float((i * 7 + k) % 5);
        it.features[kColourAsymmetry] = asym;
        items.push_back(it);
    };
    // P: lesion 3 lies 4 units further along the direction; Q: lesion 3 lies 4 below.
    for (int i = 0; i < 8; ++i) add("P", i, i == 3 ? 14.0f + 0.1f * i : 10.0f + 0.1f * i);
    for (int i = 0; i < 8; ++i) add("Q", i, i == 3 ? 6.0f : 10.0f + 0.1f * i);
    ScoreOptions with;
    with.malignancy = &dir;
    ScoreOptions without;
    without.malignancy = nullptr;
    auto s = score_lesions(items, info, with);
    auto c = score_lesions(items, info, without);
    CHECK(s[3].rank == 1);
    CHECK(s[3].malignancy_excess > 3);
    CHECK(s[3].score > c[3].score);
    // One-sided: lying less far along the direction adds nothing.
    CHECK(s[8 + 3].malignancy_excess == 0);
    CHECK(s[8 + 3].score == doctest::Approx(s[8 + 3].context_distance));
    REQUIRE(!s[3].explanation.empty());
    CHECK(s[3].explanation[0].find("more asymmetric in colour than the patient's other lesions") != std::string::npos);
}

TEST_CASE("score: the shipped model file parses, matches the features and is used by default") {
    const MalignancyModel& m = shipped_malignancy_model();
    REQUIRE_FALSE(m.empty());
    CHECK(m.keys.size() == derm_info().size());
    CHECK(m.context_weight > 0);
    CHECK(ScoreOptions{}.malignancy == &m);
}
