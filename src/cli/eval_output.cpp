// eval_output.cpp - text and JSON pieces of `duckling-cli eval` (see eval_output.h).
#include "cli/eval_output.h"

#include <cmath>
#include <cstdio>

namespace duck::cli {

nlohmann::json eval_metric_json(const EvalMetric& m) {
    auto num = [](double v) { return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v); };
    return {{"value", num(m.value)}, {"ci95", {num(m.lo), num(m.hi)}}, {"random", num(m.random)}};
}

void print_eval_report(const EvalReport& r, int min_lesions) {
    std::printf("patients evaluated: %d (with a melanoma and >= %d scored lesions; %d melanomas, %d lesions)\n",
                r.patients, min_lesions, r.melanomas, r.lesions);
    std::printf("skipped patients: %d unlabelled, %d without melanoma, %d with too few lesions\n",
                r.skipped_unlabelled, r.skipped_no_melanoma, r.skipped_few_lesions);
    print_eval_metrics(r);
}

void print_eval_metrics(const EvalReport& r) {
    if (r.patients == 0) return;
    auto line = [](const char* name, const EvalMetric& m) {
        std::printf("  %-22s %.3f  [95%% CI %.3f - %.3f]   random %.3f\n", name, m.value, m.lo, m.hi, m.random);
    };
    line("per-patient AUC", r.auc);
    line("top-1 hit rate", r.top1);
    line("top-3 hit rate", r.top3);
    line("mean reciprocal rank", r.mrr);
}

}  // namespace duck::cli
