// app_predictions.h - classifier predictions files in the app: loading them
// (?pred=URL, an opened or dropped folder), matching them to the dataset,
// picking the score column, and what the panels and state() show of them.
#pragma once
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "app/app.h"
#include "platform/image_io.h"

namespace duck {

// Reads every ?pred= URL of the page (web). Call after the data source is chosen;
// a refused parameter is reported as a problem and nothing of it is fetched.
void start_prediction_links(App& app);
// Fetches one predictions file (URL or path) and adds it when it arrives.
void load_predictions_url(App& app, const std::string& url);
// Reads the predictions CSVs of an opened folder (core pick_prediction_csvs) and
// adds the ones that parse. With `only_plausible` (the folder also had metadata)
// a CSV must look like predictions (looks_like_predictions); others are skipped
// with a log line, since a folder holds other CSVs too.
void load_folder_predictions(App& app, const platform::FolderListing& folder, bool only_plausible);
// Parses `bytes` as a predictions file named `name` and adds it (a file of the same
// name is replaced). A file that cannot be read is a problem and a status line.
// Returns false when it was refused.
bool add_predictions(App& app, const std::string& name, std::string bytes, const std::string& source = {});
// Re-reads model `index` with another score column (the overview's picker).
bool set_prediction_column(App& app, size_t index, const std::string& column);
// Forgets model `index`.
void remove_predictions(App& app, size_t index);
// Brings matches, ranks, evaluations and the patient list's columns up to date
// with the dataset and the ugly-duckling scores. Cheap when nothing changed; the
// patient panel calls it every frame, tests call it directly.
void sync_predictions(App& app);

// window.duckling.state().predictions: the files, their match counts and metrics,
// the list options, and the current patient's per-tile scores and ranks.
nlohmann::json predictions_state_json(const App& app);

}  // namespace duck
