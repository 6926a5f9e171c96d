// app_model.cpp - feeding the model from the image loader and publishing its
// scores (see app_model.h).
#include "app/app_model.h"

#include <cstdio>

#include "core/model/outlier_score.h"

namespace duck {

bool model_tick(App& app, const std::function<const ImageRGBA*(uint32_t)>& analysis_of, double budget_ms) {
    ModelSession& m = app.model;
    // App::set_dataset resets the session for each new data generation.
    const uint32_t p = app.view.patient;
    // A link naming its data shows its own patient once that data is in: the one
    // on screen until then is not scored (as the image loader does not load it).
    const bool link_waits = app.share.link_pending && !app.share.pending.data_url.empty();
    if (p < app.dataset.patients.size() && !link_waits) {
        // With the imaging system's measurements the patient is scored from them at
        // once; its images, as they arrive, give their lesions image scores instead.
        m.measure_patient(p);
        for (uint32_t li : app.dataset.patients[p].lesions) {
            if (m.has_features(li) || m.is_queued(li)) continue;  // no 64 KB copy per queued lesion per tick
            const ImageStatus st = li < app.image_status.size() ? app.image_status[li] : ImageStatus::Pending;
            if (st == ImageStatus::Missing || st == ImageStatus::Corrupt || st == ImageStatus::TooLarge) {
                m.mark_unavailable(li, "image_" + std::string(image_status_name(st)));
                continue;
            }
            if (const ImageRGBA* img = analysis_of ? analysis_of(li) : nullptr; img && !img->empty())
                m.submit(li, *img);  // a copy: the loader may drop its own when the patient changes
        }
    }
    if (p < app.dataset.patients.size()) m.focus(app.dataset.patients[p].id);  // scored first
    if (!m.needs_step()) return false;
    if (m.step(budget_ms)) {
        const std::vector<float> levels = m.levels();
        // The explorer's patient index must be the current dataset's (a tick can
        // come before the first frame after set_dataset rebuilt it).
        app.explorer.refresh(app.dataset, app.data_generation);
        app.explorer.set_scores(levels);
        app.request_redraw();
    }
    return m.needs_step();  // queued images, or a re-scoring under way
}

std::string model_summary(const App& app, uint32_t lesion) {
    const auto& scores = app.model.scores();
    if (lesion >= scores.size()) return "";
    const LesionScore& s = scores[lesion];
    if (s.status == "pending") return "model: computing...";
    if (s.status == "insufficient_context")
        return "model: not enough lesions of this patient to compare (needs " + std::to_string(kMinContextLesions) + ")";
    if (!s.ok()) return "model: no score (" + s.status + ")";
    int n = 0;
    const uint32_t p = app.dataset.lesions[lesion].patient;
    if (p < app.dataset.patients.size())
        for (uint32_t li : app.dataset.patients[p].lesions) n += li < scores.size() && scores[li].ok();
    char b[160];
    std::snprintf(b, sizeof b, "model: rank %d of %d - outlier level %.2f%s", s.rank, n, s.level,
                  s.flagged ? " (stands out)" : "");
    return b;
}

const std::vector<std::string>& model_explanation(const App& app, uint32_t lesion) {
    static const std::vector<std::string> none;
    const auto& scores = app.model.scores();
    return lesion < scores.size() && scores[lesion].ok() ? scores[lesion].explanation : none;
}

const EvalReport& model_eval_report(const App& app) {
    // The session's version changes with every score and every reset (a new dataset).
    auto& [report, version] = app.model_eval;
    const auto& scores = app.model.scores();
    if (version == app.model.version()) return report;
    std::vector<EvalLesion> ev;
    for (size_t i = 0; i < scores.size() && i < app.dataset.lesions.size(); ++i) {
        if (!scores[i].ok()) continue;
        ev.push_back({app.dataset.lesions[i].patient_id, app.dataset.lesions[i].label, true, scores[i].score});
    }
    report = evaluate_ranking(ev, kMinContextLesions, 1000);
    version = app.model.version();
    return report;
}

}  // namespace duck
