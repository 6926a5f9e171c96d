// index_state.h - the lesion index the app loaded beside its dataset (or
// refused): App::index, shown by the overview and state().index.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace duck {

struct IndexState {
    // "none" (no index offered), "loading", "loaded", "refused".
    std::string status = "none";
    std::string source;   // where it came from: a folder path or a URL
    std::string message;  // why it was refused (empty otherwise)
    size_t rows = 0;      // dataset rows the file describes
    size_t entries = 0;   // entries in the file
    size_t applied = 0;   // entries whose features went into the model
    size_t failed = 0;    // entries without features (no image, decode error, unusable)
    size_t fallback = 0;  // entries with features on a fallback segmentation
    // Per lesion: why the index holds no features for it (empty when it does, or without an index).
    std::vector<std::string> reasons;
};

}  // namespace duck
