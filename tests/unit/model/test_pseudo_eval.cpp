// test_pseudo_eval.cpp - the pseudo-patient evaluation on real images: its
// metrics on cases worked by hand, the drawing of pseudo-patients, the learned
// direction's training and file format, and on a small fixed subset of the real
// ISIC 2018 images (derm2018) that the model beats the grey-level-SD baseline.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "core/model/pseudo_eval.h"
#include "derm2018_subset.h"

using namespace duck;

namespace {

// One pseudo-patient of `n` lesions whose melanoma has the given scores order.
void add_patient(std::vector<EvalLesion>& out, const std::string& pid, const std::vector<double>& scores, int mel) {
    for (size_t i = 0; i < scores.size(); ++i) {
        EvalLesion l;
        l.patient_id = pid;
        l.label = int(i) == mel ? Label::Malignant : Label::Benign;
        l.scored = true;
        l.score = scores[i];
        out.push_back(l);
    }
}

}  // namespace

TEST_CASE("pseudo eval: top-1, top-3, MRR and mean rank on a case worked by hand") {
    std::vector<EvalLesion> ls;
    add_patient(ls, "a", {0.9, 0.1, 0.2, 0.3, 0.4}, 0);  // melanoma ranked 1st
    add_patient(ls, "b", {0.1, 0.8, 0.9, 0.3, 0.2}, 1);  // 2nd
    add_patient(ls, "c", {0.5, 0.4, 0.3, 0.6, 0.7}, 1);  // 4th (0.7, 0.6, 0.5 above it)
    add_patient(ls, "d", {0.5, 0.5, 0.1, 0.2, 0.3}, 1);  // tie with an earlier lesion: 2nd
    RankSummary s = summarise_ranks(ls, 200, 7);
    CHECK(s.report.patients == 4);
    CHECK(s.report.top1.value == doctest::Approx(1.0 / 4));
    CHECK(s.report.top3.value == doctest::Approx(3.0 / 4));
    CHECK(s.report.mrr.value == doctest::Approx((1 + 0.5 + 0.25 + 0.5) / 4));
    CHECK(s.mean_rank.value == doctest::Approx((1 + 2 + 4 + 2) / 4.0));
    // Random order of 5 lesions with one melanoma: 1/5, 3/5, H(5)/5, 3.
    CHECK(s.report.top1.random == doctest::Approx(0.2));
    CHECK(s.report.top3.random == doctest::Approx(0.6));
    CHECK(s.report.mrr.random == doctest::Approx((1 + 1 / 2.0 + 1 / 3.0 + 1 / 4.0 + 1 / 5.0) / 5));
    CHECK(s.mean_rank.random == doctest::Approx(3.0));
    CHECK(s.mean_rank.lo <= s.mean_rank.value);
    CHECK(s.mean_rank.hi >= s.mean_rank.value);
    CHECK(s.mean_rank.lo >= 1.0);
    CHECK(s.mean_rank.hi <= 4.0);
}

TEST_CASE("pseudo eval: melanoma-vs-nevus AUC counts ties as half") {
    CHECK(melanoma_auc({1, 2, 3, 4}, {false, true, false, true}) == doctest::Approx(0.75));
    CHECK(melanoma_auc({1, 1, 1, 1}, {false, true, false, true}) == doctest::Approx(0.5));
    CHECK(melanoma_auc({2, 1, 2, 0}, {true, false, false, false}) == doctest::Approx((1 + 0.5 + 1) / 3.0));
    CHECK(melanoma_auc({1, 2}, {true, true}) == doctest::Approx(0.5));  // no nevus: undefined -> 0.5
}

TEST_CASE("pseudo eval: pseudo-patients hold one melanoma and k distinct nevi, the same for a seed") {
    std::vector<int> mel = {0, 1, 2}, nev;
    for (int i = 10; i < 40; ++i) nev.push_back(i);
    auto a = draw_pseudo_patients(mel, nev, 11, 50, 11), b = draw_pseudo_patients(mel, nev, 11, 50, 11);
    auto c = draw_pseudo_patients(mel, nev, 11, 50, 12);
    REQUIRE(a.size() == 50);
    CHECK(a == b);
    CHECK(a != c);
    int first = 0;
    for (const auto& p : a) {
        REQUIRE(p.size() == 12);
        CHECK(std::count_if(p.begin(), p.end(), [](int i) { return i < 10; }) == 1);
        CHECK(std::set<int>(p.begin(), p.end()).size() == 12);
        first += p[0] < 10;
    }
    CHECK(first < 25);  // the melanoma's position is shuffled (expected 50/12)
    CHECK(draw_pseudo_patients(mel, nev, 31, 5, 1).empty());  // too few nevi
}

TEST_CASE("pseudo eval: labels need image_id and dx, other diagnoses are counted and left out") {
    int other = 0;
    auto r = parse_pseudo_labels("image_id,dx,source\nA,mel,x\nB,nv,y\nC,bkl,z\nD, NV ,w\n", other);
    REQUIRE(r.ok());
    REQUIRE(r.value().size() == 3);
    CHECK(r.value()[0].melanoma);
    CHECK_FALSE(r.value()[1].melanoma);
    CHECK(r.value()[2].id == "D");
    CHECK(other == 1);
    CHECK_FALSE(parse_pseudo_labels("image_id,label\nA,mel\n", other).ok());
    CHECK_FALSE(parse_pseudo_labels("", other).ok());
}

TEST_CASE("malignancy direction: Newton fit is deterministic, points to the melanomas, and reads back from JSON") {
    const auto& info = DermFeatureExtractor().features();
    std::vector<std::vector<float>> rows;
    std::vector<bool> mel;
    for (int i = 0; i < 60; ++i) {
        std::vector<float> r(info.size());
        for (size_t k = 0; k < r.size(); ++k) r[k] = float((i * 13 + int(k) * 7) % 11);
        bool m = i % 4 == 0;
        r[kColourEntropy] += m ? 8.0f : 0.0f;  // melanomas: more colour variety
        rows.push_back(r);
        mel.push_back(m);
    }
    MalignancyTraining opt;
    MalignancyModel a = train_malignancy(rows, mel, info, opt), b = train_malignancy(rows, mel, info, opt);
    REQUIRE(a.weight.size() == info.size());
    CHECK(a.weight == b.weight);
    const auto top = std::max_element(a.weight.begin(), a.weight.end()) - a.weight.begin();
    CHECK(top == kColourEntropy);
    std::vector<double> pos;
    for (const auto& r : rows) pos.push_back(a.position(r));
    CHECK(melanoma_auc(pos, mel) > 0.9);
    auto back = parse_malignancy_model(malignancy_model_json(a, "{\"what\":\"test\"}"), info);
    REQUIRE(back.ok());
    for (size_t k = 0; k < info.size(); ++k) CHECK(back.value().weight[k] == doctest::Approx(a.weight[k]).epsilon(1e-5));
    CHECK(back.value().context_weight == a.context_weight);
    // A file for other features is refused with a reason.
    auto bad = parse_malignancy_model("{\"name\":\"x\",\"keys\":[\"a\"],\"mean\":[0],\"sd\":[1],\"weight\":[1],"
                                      "\"bias\":0,\"context_weight\":1}",
                                      info);
    CHECK_FALSE(bad.ok());
    CHECK_FALSE(parse_malignancy_model("not json", info).ok());
}

// Real images: the first 20 melanomas and 60 nevi of derm2018 by image id (a
// fixed subset), 2-fold cross-validated, 2 seeds x 60 pseudo-patients of 11
// nevi. Only what is stable is asserted: the model ranks the melanoma better
// than the grey-level-SD baseline does on the same pseudo-patients.
TEST_CASE("pseudo eval on real derm2018 images: the model beats the grey-level-SD baseline") {
    const std::vector<LabelledImage> subset = test::derm2018_subset(20, 60);
    PseudoOptions opt;
    opt.folds = 2;
    opt.patients = 60;
    opt.seeds = {11, 12};
    opt.bootstrap = 200;
    auto r = evaluate_pseudo_patients(subset, opt);
    REQUIRE(r.ok());
    const PseudoReport& rep = r.value();
    MESSAGE("subset: model top-1 " << rep.model.report.top1.value << " MRR " << rep.model.report.mrr.value
                                   << "; grey-SD top-1 " << rep.grey_sd.report.top1.value << " MRR "
                                   << rep.grey_sd.report.mrr.value);
    CHECK(rep.model.report.patients == 120);
    CHECK(rep.model.report.mrr.value > rep.grey_sd.report.mrr.value);
    CHECK(rep.model.mean_rank.value < rep.grey_sd.mean_rank.value);
    CHECK(rep.model.report.mrr.value > rep.model.report.mrr.random);
    REQUIRE(rep.feature_auc.size() == DermFeatureExtractor().features().size());
    // Too few nevi for the folds: a clear error, no crash.
    opt.folds = 10;
    auto few = evaluate_pseudo_patients(subset, opt);
    REQUIRE_FALSE(few.ok());
    CHECK(few.error().message.find("too few usable images") == 0);
}
