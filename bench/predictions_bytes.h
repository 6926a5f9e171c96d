// predictions_bytes.h - the predictions benchmark's input: the five out-of-fold
// files of one five-fold EfficientNet-B1 model (../shared/data/other/
// predictions/gao-hongnan/oof_fold_{1..5}.csv) joined under one header: 33,126
// rows, 17 columns (train.csv's columns, paths, folds, class_0_oof,
// class_1_oof...), 6.6 MB: the widest real predictions file at full train.csv
// size. bench/page/bench_page.js joins the same bytes the same way.
#pragma once
#include <string>

#include "harness.h"

namespace duck::bench {

inline std::string joined_oof_folds() {
    std::string out;
    for (int k = 1; k <= 5; ++k) {
        const std::string f = read_shared("data/other/predictions/gao-hongnan/oof_fold_" + std::to_string(k) + ".csv");
        if (f.empty()) return {};
        const size_t body = k == 1 ? 0 : f.find('\n') + 1;  // one header, from the first file
        out.append(f, body, std::string::npos);
        if (!out.empty() && out.back() != '\n') out += '\n';
    }
    return out;
}

}  // namespace duck::bench
