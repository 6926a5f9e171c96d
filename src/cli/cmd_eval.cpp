// cmd_eval.cpp - `duckling-cli eval --csv FILE --images DIR [--json]`: does the
// ugly-duckling score rank each patient's melanoma first? Per-patient AUC,
// top-1/top-3 hit rates and MRR over labelled patients with a scored melanoma and
// at least 4 scored lesions, with the random baseline and 95% bootstrap
// intervals; every other patient is counted under the reason it was left out.
#include <cstdio>

#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "cli/eval_output.h"
#include "cli/model_run.h"
#include "core/model/model_eval.h"

namespace duck::cli {

int cmd_eval(const Args& args) {
    if (has_flag(args, "--predictions")) return cmd_eval_predictions(args);  // cmd_eval_predictions.cpp
    const std::string csv = flag_value(args, "--csv"), images = flag_value(args, "--images");
    if (csv.empty() || images.empty())
        return print_usage("usage: duckling-cli eval --csv FILE --images DIR [--json] [--bootstrap N]\n");
    int boot = std::atoi(flag_value(args, "--bootstrap", "1000").c_str());
    ModelRun run;
    std::string err = run_model(csv, images, run, false);
    if (!err.empty()) {
        std::printf("%s\n", nlohmann::json({{"error", err}}).dump().c_str());
        return 1;
    }
    std::vector<EvalLesion> ev;
    for (size_t i = 0; i < run.dataset.lesions.size(); ++i) {
        const auto& l = run.dataset.lesions[i];
        ev.push_back({l.patient_id, l.label, run.scores[i].ok(), run.scores[i].score, run.scores[i].status});
    }
    EvalReport r = evaluate_ranking(ev, kMinContextLesions, std::max(0, boot));
    nlohmann::json j = {
        {"patients", r.patients}, {"patients_with_auc", r.patients_with_auc}, {"lesions", r.lesions},
        {"melanomas", r.melanomas}, {"bootstrap", r.bootstrap},
        {"skipped", {{"unlabelled", r.skipped_unlabelled}, {"no_melanoma", r.skipped_no_melanoma},
                     {"few_lesions", r.skipped_few_lesions}, {"melanoma_not_scored", r.skipped_melanoma_not_scored}}},
        {"auc", eval_metric_json(r.auc)}, {"top1", eval_metric_json(r.top1)}, {"top3", eval_metric_json(r.top3)},
        {"mrr", eval_metric_json(r.mrr)}};
    // Who is left out and why: every patient is either evaluated or counted in
    // "skipped"; patients with a melanoma who are left out are listed one by one.
    j["patients_total"] = r.patients_total;
    j["min_lesions"] = kMinContextLesions;
    nlohmann::json reasons = nlohmann::json::object();
    for (EvalSkip s : {EvalSkip::Unlabelled, EvalSkip::NoMelanoma, EvalSkip::FewLesions, EvalSkip::MelanomaNotScored})
        reasons[eval_skip_name(s)] = eval_skip_reason(s);
    j["skipped_reasons"] = reasons;
    nlohmann::json left = nlohmann::json::array();
    for (const auto& o : r.left_out) {
        nlohmann::json status = nlohmann::json::object();
        for (const auto& [s, n] : o.unscored_status) status[s] = n;
        left.push_back({{"patient_id", o.patient_id}, {"reason", eval_skip_name(o.why)}, {"lesions", o.lesions},
                        {"scored", o.scored}, {"melanomas", o.melanomas}, {"melanomas_scored", o.melanomas_scored},
                        {"unscored_status", status}});
    }
    j["left_out"] = left;
    if (has_flag(args, "--json")) {
        std::printf("%s\n", j.dump().c_str());
        return 0;
    }
    std::printf("patients evaluated: %d (with a melanoma and >= %d scored lesions; %d melanomas, %d lesions)\n",
                r.patients, kMinContextLesions, r.melanomas, r.lesions);
    std::printf("skipped patients (of %d): %d unlabelled, %d without melanoma, %d with too few scored lesions, "
                "%d whose melanoma has no score\n",
                r.patients_total, r.skipped_unlabelled, r.skipped_no_melanoma, r.skipped_few_lesions,
                r.skipped_melanoma_not_scored);
    for (const auto& o : r.left_out)
        std::printf("  left out %s (%s): %d of %d lesions scored, %d of %d melanomas\n", o.patient_id.c_str(),
                    eval_skip_name(o.why), o.scored, o.lesions, o.melanomas_scored, o.melanomas);
    print_eval_metrics(r);
    return 0;
}

}  // namespace duck::cli
