// app_index.h - a lesion index file (docs/index-format.md) loaded beside the
// dataset, so the model scores every indexed lesion without decoding its image.
// The file is checked against the dataset in use and the model's extractor; a
// file that does not belong is refused with the reason (App::problems, status
// bar, log) and the app carries on without it.
#pragma once
#include <cstdint>
#include <span>
#include <string>

#include "app/app.h"
#include "core/base/result.h"
#include "platform/image_io.h"

namespace duck {

// Checks `bytes` (read from `where`) and, when they are a whole index of the
// dataset in use built by the model's extractor, gives every entry with features
// to App::model and marks the others unavailable with their reason. The scores
// follow at the next model step. Refusals are reported and returned.
Status apply_index(App& app, std::span<const uint8_t> bytes, const std::string& where);

// Reads the index at `url` (a URL, a path, or "folder:<id>/..." in the page) and
// applies it if the dataset is still the one it was asked for. `quiet_missing`:
// a file that cannot be fetched (no index at the conventional name) is not an
// error, only a log line.
void load_index(App& app, const std::string& url, bool quiet_missing);

// After a dataset arrived from a URL or a CSV path: the index at the
// conventional name under its base, if there is one (nothing for the demo).
void load_source_index(App& app);
// After a folder's dataset arrived: the folder's index file, if it lists one.
void load_folder_index(App& app, const platform::FolderListing& folder);

// Dataset-wide counts for the overview and state().index: lesions with features
// (from the index or their images), lesions scored, and lesions the model flags;
// and a re-scoring's progress (a whole index is scored over many frames, the
// patient on screen first): patients scored of the patients it scores.
struct ModelCounts {
    size_t indexed = 0, scored = 0, flagged = 0;
    bool scoring = false;
    size_t scoring_done = 0, scoring_total = 0;
};
ModelCounts model_counts(const App& app);

}  // namespace duck
