// prediction_widgets.h - the pieces of the panels that show classifier
// predictions files (app_predictions.h): the viewer's per-lesion list beside
// the ugly-duckling score, and the overview's per-file table of metrics.
#pragma once
#include "core/model/model_eval.h"
#include "ui/ui.h"

namespace duck::ui {

// The metric / "model [95% CI]" / random table of an evaluation (AUC row only when
// some patient has a benign lesion); shared by the ugly-duckling and file tables.
void draw_eval_table(const char* id, const EvalReport& r);
// The selected lesion's score and within-patient rank under every loaded model,
// after its ugly-duckling level and rank (panel_viewer.cpp).
void draw_lesion_predictions(App& app);
// One block per loaded file: match counts, the score column (a picker when the
// file has several), and per-patient AUC, top-1/top-3 and MRR with bootstrap
// intervals and the random baseline, or "no labels" (panel_overview.cpp).
void draw_predictions_overview(App& app);

}  // namespace duck::ui
