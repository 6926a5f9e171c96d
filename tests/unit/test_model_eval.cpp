// test_model_eval.cpp - ranking metrics on hand-made patients with known answers.
#include <doctest/doctest.h>

#include "core/model_eval.h"

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
