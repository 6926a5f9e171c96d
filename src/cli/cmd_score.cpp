// cmd_score.cpp - `duckling-cli score --csv FILE --images DIR [--json]`: the
// ugly-duckling score of every lesion in its patient's context, with reasons.
// JSON: {"lesions":[{"image_name","patient_id","score","rank","level","status",
// "flagged","explanation":[...]}], "summary":{...}}; score/rank/level are null
// when status is not "ok".
#include <cstdio>

#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "cli/model_run.h"
#include "core/image/lab_kernels.h"

namespace duck::cli {

int cmd_score(const Args& args) {
    const std::string csv = flag_value(args, "--csv"), images = flag_value(args, "--images");
    if (csv.empty() || images.empty())
        return print_usage("usage: duckling-cli score --csv FILE --images DIR [--json]\n");
    ModelRun run;
    std::string err = run_model(csv, images, run, !has_flag(args, "--json"));
    if (!err.empty()) {
        nlohmann::json e = {{"error", err}};
        std::printf("%s\n", e.dump().c_str());
        return 1;
    }
    const auto& ls = run.dataset.lesions;
    nlohmann::json out, arr = nlohmann::json::array();
    int ok = 0, flagged = 0;
    for (size_t i = 0; i < ls.size(); ++i) {
        const LesionScore& s = run.scores[i];
        nlohmann::json j = {{"image_name", ls[i].image_name}, {"patient_id", ls[i].patient_id},
                            {"status", s.status}, {"flagged", s.flagged}, {"explanation", s.explanation}};
        j["score"] = s.ok() ? nlohmann::json(s.score) : nlohmann::json(nullptr);
        j["rank"] = s.ok() ? nlohmann::json(s.rank) : nlohmann::json(nullptr);
        j["level"] = s.ok() ? nlohmann::json(s.level) : nlohmann::json(nullptr);
        ok += s.ok();
        flagged += s.flagged;
        arr.push_back(std::move(j));
    }
    out["lesions"] = std::move(arr);
    out["summary"] = {{"lesions", ls.size()}, {"scored", ok}, {"flagged", flagged},
                      {"extractor", std::string(DermFeatureExtractor().name())}, {"model", shipped_malignancy_model().name},
                      {"simd", kern::simd_compiled()},
                      {"calibration", {{"dof", run.model.dof}, {"multiplier", run.model.calibration},
                                       {"lesions", run.model.calibration_lesions}}},
                      {"feature_ms", run.feature_ms}, {"score_ms", run.score_ms},
                      {"problems", run.problems.size()}};
    if (has_flag(args, "--json")) {
        std::printf("%s\n", out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
        return 0;
    }
    // Readable: one line per lesion, grouped by patient in file order.
    for (const auto& p : run.dataset.patients) {
        std::printf("%s (%zu lesions)\n", p.id.c_str(), p.lesions.size());
        for (uint32_t li : p.lesions) {
            const LesionScore& s = run.scores[li];
            if (s.ok())
                std::printf("  %-14s rank %2d  score %6.2f  level %.3f%s\n", ls[li].image_name.c_str(), s.rank,
                            s.score, s.level, s.flagged ? "  OUTLIER" : "");
            else
                std::printf("  %-14s %s\n", ls[li].image_name.c_str(), s.status.c_str());
            if (s.flagged)
                for (const auto& e : s.explanation) std::printf("      - %s\n", e.c_str());
        }
    }
    std::printf("%d of %zu lesions scored, %d flagged; features %.0f ms, scoring %.0f ms\n", ok, ls.size(),
                flagged, run.feature_ms, run.score_ms);
    return 0;
}

}  // namespace duck::cli
