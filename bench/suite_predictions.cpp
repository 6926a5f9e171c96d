// suite_predictions.cpp - pred_load_native: loading a classifier's predictions
// file beside the metadata, as the app does when one is opened: parse (image
// name + score column of a 33,126-row, 17-column file), match to the loaded
// train.csv by image name, and within-patient ranks. Goal: <= 50 ms in the
// browser (bench/page measures it there, alternating with PapaParse).
#include "core/data/dataset_load.h"
#include "core/model/prediction_ranks.h"
#include "core/data/predictions.h"
#include "harness.h"
#include "predictions_bytes.h"

DUCK_BENCH(pred_load_native) {
    const std::string bytes = duck::bench::joined_oof_folds();
    const duck::LoadResult train = duck::load_csv(duck::bench::read_shared("data/isic2020/train.csv"), "train.csv");
    if (bytes.empty() || train.dataset.lesions.empty())
        return void(std::fprintf(stderr, "pred_load_native: the predictions files or train.csv not found\n"));
    size_t matched = 0;
    const auto s = duck::bench::time_ms(3, 21, [&] {
        auto f = duck::parse_predictions(bytes, "oof_folds.csv");
        if (!f.ok()) return;
        const duck::PredictionMatch m = duck::match_predictions(f.value(), train.dataset);
        matched += m.matched + duck::patient_ranks(train.dataset, m.score).size();
    });
    if (matched == 0) std::fprintf(stderr, "pred_load_native: nothing matched\n");
    duck::bench::report("pred_load_native", "ms", s);
}
