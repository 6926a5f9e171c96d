// similar_state.h - what the app keeps for the similar-lesion strip (App::similar):
// the within-patient toggle, and the search's caches. The space (every lesion
// App::model has features for, standardised) is rebuilt when the lesions with
// features grew by a quarter or the lesion asked about is not in it; the strip
// only when the lesion, the model or the toggle changes, never per frame. Computed by app/app_similar.cpp.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/data/dataset.h"  // kNone
#include "core/model/similar.h"

namespace duck {

// One neighbour in the strip.
struct SimilarItem {
    uint32_t lesion = kNone;
    float distance = 0;
    std::vector<std::string> why;  // the 2-3 features that make it alike, in plain words
};

// The strip for one lesion.
struct SimilarStrip {
    uint32_t lesion = kNone;   // the lesion searched for
    bool within_patient = false;
    size_t searched = 0;       // candidate lesions with features (the lesion itself not counted)
    std::string status;        // empty when searched; else why there is nothing ("no features yet ...")
    std::vector<SimilarItem> items;  // nearest first, at most kSimilarDefaultK
};

struct SimilarState {
    bool within_patient = false;  // the toggle: this patient's lesions only

    // Caches (mutable: state() and the panels read through a const App).
    struct SpaceCache {
        SimilarSpace space;
        uint64_t data_generation = ~uint64_t(0);
        size_t featured = 0;  // ModelSession::featured() when built
        size_t present = 0;   // lesions with a feature vector in it
    };
    mutable SpaceCache space;
    struct StripCache {
        SimilarStrip strip;
        uint64_t data_generation = ~uint64_t(0);
        uint64_t model_version = ~uint64_t(0);
        size_t featured = ~size_t(0);
    };
    mutable StripCache strip;
    mutable uint64_t searches = 0;  // searches run so far (the cache's tests count them)
};

}  // namespace duck
