// page_predictions.cpp - pred_load for the browser bench page (bench/page), one
// load per call like page_csv.cpp, so the page alternates it with PapaParse on
// the same bytes: parse a 33,126-row predictions file, match it to train.csv,
// rank within patients (what the app does when a predictions file arrives).
#include <emscripten/emscripten.h>

#include <string>

#include "core/data/dataset_load.h"
#include "core/model/prediction_ranks.h"
#include "core/data/predictions.h"
#include "harness.h"
#include "predictions_bytes.h"

namespace {
std::string& pred_bytes() {
    static std::string bytes;
    return bytes;
}
duck::Dataset& train() {
    static duck::Dataset ds;
    return ds;
}
}  // namespace

extern "C" {

// Joins the five fold files (the page wrote them into the module's file system)
// and loads train.csv to match against; returns the joined size in bytes.
EMSCRIPTEN_KEEPALIVE double duck_bench_pred_prepare() {
    pred_bytes() = duck::bench::joined_oof_folds();
    train() = duck::load_csv(duck::bench::read_shared("data/isic2020/train.csv"), "train.csv").dataset;
    return static_cast<double>(pred_bytes().size());
}

// One load: parse + match + within-patient ranks. Returns the matched lesions
// (0 when the file did not parse), so the page can check the work was done.
EMSCRIPTEN_KEEPALIVE double duck_bench_pred_load() {
    auto f = duck::parse_predictions(pred_bytes(), "oof_folds.csv");
    if (!f.ok()) return 0;
    const duck::PredictionMatch m = duck::match_predictions(f.value(), train());
    static volatile size_t ranked = 0;  // keeps the ranks from being optimised away
    ranked = ranked + duck::patient_ranks(train(), m.score).size();
    return static_cast<double>(m.matched);
}
}
