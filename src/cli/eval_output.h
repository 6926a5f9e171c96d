// eval_output.h - how `duckling-cli eval` prints an evaluation (model_eval.h):
// the metric lines of the text output and the metric objects of --json, shared
// by the ugly-duckling mode and --predictions so both read the same.
#pragma once
#include <nlohmann/json.hpp>

#include "core/model/model_eval.h"

namespace duck::cli {

// {"value", "ci95": [lo, hi], "random"}; NaN as null.
nlohmann::json eval_metric_json(const EvalMetric& m);
// "patients evaluated: ..." and "skipped patients: ..." lines, then AUC, top-1,
// top-3 and MRR with their intervals and random baselines (when any patient).
void print_eval_report(const EvalReport& r, int min_lesions);
// The AUC, top-1, top-3 and MRR lines alone (nothing when no patient was evaluated).
void print_eval_metrics(const EvalReport& r);

}  // namespace duck::cli
