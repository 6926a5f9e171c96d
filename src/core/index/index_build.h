// index_build.h - computing the lesion index's entries: the empty index for a
// dataset shard, one image's analysis (decode + features, exactly as the app's
// image worker does it), and the score items the outlier model takes.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/index/lesion_index.h"
#include "core/model/lesion_features.h"
#include "core/model/outlier_score.h"

namespace duck {

// One row's result, before it goes into the index.
struct RowAnalysis {
    LesionStatus status = LesionStatus::NoImage;
    std::string reason;           // empty when ok
    std::vector<float> features;  // extractor.features().size() values when has_features(status)
};

// The index header for shard `shard_index`/`shard_count` of `ds` (extractor,
// feature keys, rows, fingerprint), every entry "no_image" with NaN features
// until set_entry() fills it.
LesionIndex empty_index(const Dataset& ds, const FeatureExtractor& extractor, uint32_t shard_index,
                        uint32_t shard_count);

// Decodes image bytes through the app's pipeline (core/image/image_pipeline.h)
// at analysis size and extracts features. Deterministic: the same bytes give
// the same result on any thread.
RowAnalysis analyse_image(std::span<const uint8_t> bytes, const FeatureExtractor& extractor);

// Puts `a` into entry `entry` of `ix` (features NaN unless has_features).
void set_entry(LesionIndex& ix, size_t entry, RowAnalysis a);

// A whole index as the outlier model's input (core/model/outlier_score.h), in
// row order; unavailable rows carry their status name as the reason.
std::vector<ScoreItem> score_items(const LesionIndex& ix);

}  // namespace duck
