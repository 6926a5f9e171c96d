// app_model.h - the ugly-duckling model in the app: the image loader's
// analysis images of the current patient go into App::model (a ModelSession),
// which features them a few milliseconds per frame; its calibrated levels go to
// the explorer (patient list top score, grid order and highlights, badges).
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "app/app.h"
#include "core/image/image.h"
#include "core/model/model_eval.h"

namespace duck {

// Called once per loop iteration after the image loader's pump. `analysis_of`
// returns the loader's analysis image of a lesion of the current patient (or
// nullptr). Features are computed for at most ~budget_ms (one lesion at least);
// returns true while work is pending, so the shell asks for another frame.
// With ISIC 2024 measurements the current patient is scored from them at once
// (ModelSession::measure_patient), before any of its images is in.
bool model_tick(App& app, const std::function<const ImageRGBA*(uint32_t)>& analysis_of, double budget_ms = 4.0);

// One line about a lesion's score for the viewer and the quiz reveal, e.g.
// "rank 1 of 12 - level 0.99 (outlier)", "not enough lesions in this patient to
// compare (needs 4)", "computing..."; empty when the lesion is out of range.
std::string model_summary(const App& app, uint32_t lesion);
// The explanation lines of a scored lesion (empty otherwise).
const std::vector<std::string>& model_explanation(const App& app, uint32_t lesion);

// The model's evaluation (model_eval.h) over the patients scored so far, as
// `duckling-cli eval` computes it for a whole folder; recomputed only when the
// scores change.
const EvalReport& model_eval_report(const App& app);

}  // namespace duck
