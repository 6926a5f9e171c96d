// predictions_state.h - the classifier predictions files loaded beside the
// metadata (App::predictions): each file's rows, how they match the current
// dataset, the within-patient ranks and the evaluation. Kept apart from
// app_predictions.h so app.h can hold it without including the app functions.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/model/model_eval.h"
#include "core/data/predictions.h"

namespace duck {

// One loaded predictions file: a "model" in the UI, named by its file.
struct LoadedPredictions {
    std::string source;        // URL or path it came from
    std::string bytes;         // kept so the user can pick another score column
    PredictionsFile file;      // parsed rows (file.name names the model)
    PredictionMatch match;     // against the current dataset
    std::vector<uint32_t> ranks;  // per lesion: 1 = highest in its patient, 0 = no score
    EvalReport eval;           // per-patient metrics (eval.patients == 0 without labels)
};

struct PredictionsState {
    std::vector<LoadedPredictions> models;
    bool show_on_tiles = true;      // grid tiles show each model's score and rank
    int loading = 0;                // files being fetched
    std::vector<std::string> link_urls;  // the page's ?pred= URLs (kept in copied links)
    // What the derived data was computed for: refreshed by sync_predictions().
    uint64_t matched_generation = 0;  // App::data_generation the models were last matched against
    uint64_t models_version = 0;    // bumped when a file is added, removed or re-read
    uint64_t synced_version = ~uint64_t(0);
    uint64_t synced_model_version = ~uint64_t(0);  // ModelSession::version() last used
    std::vector<std::vector<uint8_t>> disagree;    // [model][patient]: top lesions differ
};

}  // namespace duck
