// cmd_eval_predictions.cpp - `duckling-cli eval --predictions FILE --csv FILE
// [--column NAME] [--json] [--bootstrap N]`: the per-patient metrics of a
// classifier's predictions file (Kaggle OOF or submission CSV), the same table
// the app's overview shows, read from the metadata alone (no image).
#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "cli/eval_output.h"
#include "core/model/outlier_score.h"
#include "core/model/prediction_ranks.h"
#include "core/data/predictions.h"

namespace duck::cli {

namespace {

nlohmann::json report_json(const PredictionsFile& f, const PredictionMatch& m, const EvalReport& r) {
    nlohmann::json j = {{"predictions", f.name},
                        {"column", f.column},
                        {"score_columns", f.score_columns},
                        {"ambiguous", f.ambiguous},
                        {"rows", f.rows.size()},
                        {"bad_rows", f.bad_rows},
                        {"matched", m.matched},
                        {"unmatched", m.unmatched},
                        {"duplicates", m.duplicates},
                        {"lesions_without_prediction", m.lesions_without},
                        {"labelled", m.labelled},
                        {"patients", r.patients},
                        {"patients_with_auc", r.patients_with_auc},
                        {"lesions", r.lesions},
                        {"melanomas", r.melanomas},
                        {"bootstrap", r.bootstrap},
                        {"skipped",
                         {{"unlabelled", r.skipped_unlabelled},
                          {"no_melanoma", r.skipped_no_melanoma},
                          {"few_lesions", r.skipped_few_lesions},
                          {"melanoma_not_scored", r.skipped_melanoma_not_scored}}},
                        {"patients_total", r.patients_total}};
    if (r.patients > 0) {
        j["auc"] = eval_metric_json(r.auc);
        j["top1"] = eval_metric_json(r.top1);
        j["top3"] = eval_metric_json(r.top3);
        j["mrr"] = eval_metric_json(r.mrr);
    }
    return j;
}

}  // namespace

int cmd_eval_predictions(const Args& args) {
    const std::string path = flag_value(args, "--predictions");
    if (path.empty() || flag_values(args, "--csv").empty())
        return print_usage("usage: duckling-cli eval --predictions FILE --csv FILE [--column NAME] [--json] [--bootstrap N]\n");
    CsvInput in;
    if (int rc = load_csv_args(args, "eval", in)) return rc;
    std::string bytes;
    if (!read_whole_file(path, bytes)) {
        std::fprintf(stderr, "duckling-cli eval: cannot read '%s'\n", path.c_str());
        return 2;
    }
    const size_t slash = path.find_last_of('/');
    auto parsed = parse_predictions(bytes, slash == std::string::npos ? path : path.substr(slash + 1),
                                    flag_value(args, "--column"));
    if (!parsed.ok()) {
        if (has_flag(args, "--json")) std::printf("%s\n", nlohmann::json({{"error", parsed.error().message}}).dump().c_str());
        else std::fprintf(stderr, "duckling-cli eval: %s\n", parsed.error().message.c_str());
        return 1;
    }
    const PredictionsFile& f = parsed.value();
    const PredictionMatch m = match_predictions(f, in.dataset);
    const int boot = std::max(0, std::atoi(flag_value(args, "--bootstrap", "1000").c_str()));
    const EvalReport r = evaluate_predictions(in.dataset, m.score, kMinContextLesions, boot);
    if (has_flag(args, "--json")) {
        std::printf("%s\n", report_json(f, m, r).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
        return 0;
    }
    std::printf("%s\n", match_summary(f, m).c_str());
    if (f.ambiguous) std::printf("score column guessed among: %s (pick one with --column NAME)\n",
                                 nlohmann::json(f.score_columns).dump().c_str());
    for (const auto& p : f.problems) std::printf("%s: %s\n", p.where.c_str(), p.message.c_str());
    if (!m.labelled) {
        std::printf("no labels: the matched lesions carry no target, so there is nothing to evaluate\n");
        return 0;
    }
    print_eval_report(r, kMinContextLesions);
    return 0;
}

}  // namespace duck::cli
