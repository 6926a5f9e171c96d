// test_model_eval.cpp - ranking metrics on hand-made patients with known answers,
// and the count of patients left out with the reason.
#include <doctest/doctest.h>

#include "core/model/model_eval.h"

using namespace duck;

namespace {
void add(std::vector<EvalLesion>& v, const std::string& pid, std::vector<std::pair<double, bool>> ls) {
    for (auto [s, mel] : ls) v.push_back({pid, mel ? Label::Malignant : Label::Benign, true, s});
}
}  // namespace

TEST_CASE("eval: AUC, hit rates and MRR with random baselines") {
    std::vector<EvalLesion> v;
    add(v, "A", {{5, true}, {1, false}, {2, false}, {3, false}});   // melanoma ranked 1
    add(v, "B", {{2, true}, {1, false}, {3, false}, {4, false}});   // ranked 3 of 4
    add(v, "C", {{9, false}, {1, false}, {2, false}});              // too few lesions
    add(v, "D", {{1, false}, {2, false}, {3, false}, {4, false}});  // no melanoma
    auto r = evaluate_ranking(v, 4, 200);
    CHECK(r.patients == 2);
    CHECK(r.skipped_few_lesions == 0);  // C has no melanoma: counted there first
    CHECK(r.skipped_no_melanoma == 2);
    CHECK(r.lesions == 8);
    CHECK(r.auc.value == doctest::Approx((1.0 + 1.0 / 3) / 2));
    CHECK(r.top1.value == doctest::Approx(0.5));
    CHECK(r.top3.value == doctest::Approx(1.0));
    CHECK(r.mrr.value == doctest::Approx((1.0 + 1.0 / 3) / 2));
    CHECK(r.top1.random == doctest::Approx(0.25));
    CHECK(r.top3.random == doctest::Approx(0.75));
    CHECK(r.mrr.random == doctest::Approx((1 + 0.5 + 1.0 / 3 + 0.25) / 4));
    CHECK(r.auc.lo <= r.auc.value);
    CHECK(r.auc.hi >= r.auc.value);
    CHECK(r.top1.lo == doctest::Approx(0.0));
    CHECK(r.top1.hi == doctest::Approx(1.0));
}

TEST_CASE("eval: ties count half, unlabelled patients are skipped") {
    std::vector<EvalLesion> v;
    add(v, "A", {{1, true}, {1, false}, {1, false}, {1, false}});
    v.push_back({"U", Label::Unknown, true, 3});
    add(v, "U", {{1, true}, {2, false}, {3, false}});
    auto r = evaluate_ranking(v, 4, 10);
    CHECK(r.patients == 1);
    CHECK(r.skipped_unlabelled == 1);
    CHECK(r.auc.value == doctest::Approx(0.5));
    CHECK(r.top1.value == doctest::Approx(1.0));  // file order breaks the tie
}

TEST_CASE("eval: every patient is evaluated or counted as left out, with the reason") {
    std::vector<EvalLesion> v;
    const auto lesion = [&](const std::string& pid, bool mel, bool scored, double s, const char* status) {
        v.push_back({pid, mel ? Label::Malignant : Label::Benign, scored, s, scored ? "ok" : status});
    };
    // E: evaluated (melanoma ranked first among 5 scored lesions).
    lesion("E", true, true, 9, "");
    for (int i = 0; i < 4; ++i) lesion("E", false, true, i, "");
    // M: 5 benign lesions scored, the melanoma's image is missing.
    lesion("M", true, false, 0, "image_missing");
    for (int i = 0; i < 5; ++i) lesion("M", false, true, i, "");
    // F: 6 lesions, the melanoma scored, but 3 images undecodable: 3 scored < 4.
    lesion("F", true, true, 5, "");
    lesion("F", false, true, 1, "");
    lesion("F", false, true, 2, "");
    for (int i = 0; i < 3; ++i) lesion("F", false, false, 0, "corrupt");
    // S: 3 lesions, none scored (too few for the model), one a melanoma.
    lesion("S", true, false, 0, "insufficient_context");
    lesion("S", false, false, 0, "insufficient_context");
    lesion("S", false, false, 0, "insufficient_context");
    // N: nothing scored, no melanoma. U: an unlabelled lesion.
    lesion("N", false, false, 0, "insufficient_context");
    v.push_back({"U", Label::Unknown, false, 0, "image_missing"});
    lesion("U", true, true, 1, "");

    const auto r = evaluate_ranking(v, 4, 10);
    CHECK(r.patients_total == 6);
    CHECK(r.patients == 1);
    CHECK(r.skipped_unlabelled == 1);
    CHECK(r.skipped_no_melanoma == 1);
    CHECK(r.skipped_few_lesions == 2);
    CHECK(r.skipped_melanoma_not_scored == 1);
    CHECK(r.patients + r.skipped_unlabelled + r.skipped_no_melanoma + r.skipped_few_lesions +
              r.skipped_melanoma_not_scored == r.patients_total);
    CHECK(r.lesions == 5);
    CHECK(r.melanomas == 1);
    CHECK(r.top1.value == doctest::Approx(1.0));

    REQUIRE(r.left_out.size() == 3);  // F, M, S: the patients with a melanoma left out, by id
    const EvalLeftOut& f = r.left_out[0];
    CHECK(f.patient_id == "F");
    CHECK(f.why == EvalSkip::FewLesions);
    CHECK(f.lesions == 6);
    CHECK(f.scored == 3);
    CHECK(f.melanomas == 1);
    CHECK(f.melanomas_scored == 1);
    CHECK(f.unscored_status == std::vector<std::pair<std::string, int>>{{"corrupt", 3}});
    const EvalLeftOut& m = r.left_out[1];
    CHECK(m.patient_id == "M");
    CHECK(m.why == EvalSkip::MelanomaNotScored);
    CHECK(m.scored == 5);
    CHECK(m.melanomas_scored == 0);
    CHECK(m.unscored_status == std::vector<std::pair<std::string, int>>{{"image_missing", 1}});
    const EvalLeftOut& s = r.left_out[2];
    CHECK(s.patient_id == "S");
    CHECK(s.why == EvalSkip::FewLesions);
    CHECK(s.scored == 0);
    CHECK(s.unscored_status == std::vector<std::pair<std::string, int>>{{"insufficient_context", 3}});
    CHECK(std::string(eval_skip_name(EvalSkip::MelanomaNotScored)) == "melanoma_not_scored");
}
