// test_predictions_real.cpp - real predictions files (../shared/data/other/
// predictions, read-only) against the real ISIC 2020 train.csv. The expected
// figures were computed outside Duckling from the same files (melanoma patients
// with >= 4 lesions): B5 768 px top-1 0.58, top-3 0.83, AUC 0.87, MRR 0.72;
// B0 128 px top-1 0.45, AUC 0.78. Checked at that precision. (The random top-1
// of 0.17 quoted with them is over all 428 melanoma patients, whatever their
// lesion count; with >= 4 lesions it is lower, and only its order is checked.)
#include <cmath>

#include <doctest/doctest.h>

#include "core/data/dataset_load.h"
#include "core/model/prediction_ranks.h"
#include "core/data/predictions.h"
#include "test_helpers.h"

using namespace duck;
using duck::test::read_file;
using duck::test::shared_path;

namespace {

const Dataset& train() {
    static const Dataset ds = [] {
        auto r = load_csv(read_file(shared_path("data/isic2020/train.csv")), "train.csv");
        REQUIRE(r.ok);
        return std::move(r.dataset);
    }();
    return ds;
}

PredictionsFile load(const std::string& rel) {
    auto r = parse_predictions(read_file(shared_path("data/other/predictions/" + rel)), rel);
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
    return std::move(r.value());
}

// v rounded to two decimals, as the figures were printed.
int hundredths(double v) { return int(std::lround(v * 100)); }

}  // namespace

TEST_CASE("predictions real: the B5 768 px out-of-fold file reproduces its per-patient figures") {
    const Dataset& ds = train();
    const auto f = load("aleixlopezpascual/oof_768_ef5_01.csv");
    CHECK(f.column == "pred");
    CHECK(f.rows.size() == 32692);
    CHECK(f.bad_rows == 0);
    const auto m = match_predictions(f, ds);
    CHECK(m.matched == 32692);
    CHECK(m.unmatched == 0);
    CHECK(m.duplicates == 0);
    CHECK(m.lesions_without == 434);  // the de-duplicated images
    const auto r = evaluate_predictions(ds, m.score, 4, 200);
    CHECK(hundredths(r.top1.value) == 58);
    CHECK(hundredths(r.top3.value) == 83);
    CHECK(hundredths(r.auc.value) == 87);
    CHECK(hundredths(r.mrr.value) == 72);
    CHECK(r.top1.random > 0.05);
    CHECK(r.top1.random < r.top1.value);
    CHECK(r.top1.lo < r.top1.value);
    CHECK(r.top1.hi > r.top1.value);
}

TEST_CASE("predictions real: the B0 128 px file ranks worse, as measured outside") {
    const auto m = match_predictions(load("aleixlopezpascual/oof_128_ef0_01.csv"), train());
    const auto r = evaluate_predictions(train(), m.score, 4, 0);
    CHECK(hundredths(r.top1.value) == 45);
    CHECK(hundredths(r.auc.value) == 78);
}

TEST_CASE("predictions real: a five-fold file picks class_1_oof, a test submission has no labels") {
    const auto fold = load("gao-hongnan/oof_fold_1.csv");
    CHECK(fold.column == "class_1_oof");
    CHECK(fold.bad_rows == 0);
    const auto fm = match_predictions(fold, train());
    CHECK(fm.matched == fold.rows.size());
    CHECK(fm.unmatched == 0);
    const auto sub = load("aleixlopezpascual/submission_768_ef5_01.csv");
    CHECK(sub.column == "target");
    CHECK(sub.rows.size() == 10982);
    const auto sm = match_predictions(sub, train());  // test images are not in train.csv
    CHECK(sm.matched == 0);
    CHECK(sm.unmatched == 10982);
    auto test = load_csv(read_file(shared_path("data/isic2020/test.csv")), "test.csv");
    REQUIRE(test.ok);
    const auto tm = match_predictions(sub, test.dataset);
    CHECK(tm.matched == 10982);
    CHECK_FALSE(tm.labelled);
    CHECK(evaluate_predictions(test.dataset, tm.score, 4, 0).patients == 0);
    const auto ranks = patient_ranks(test.dataset, tm.score);
    size_t firsts = 0;
    for (uint32_t r : ranks) firsts += r == 1;
    CHECK(firsts == test.dataset.patients.size());  // every test patient has a top lesion
}
