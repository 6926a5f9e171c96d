// lesion_index.h - the lesion index: for every row of a dataset (or one shard of
// its rows) the feature vector the model scores and searches on, and how the
// row's analysis went. One versioned binary file, documented in
// docs/index-format.md; encode/decode here, no file I/O (the browser reads the
// same bytes). Anything wrong with a file comes back as an Error naming what.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/data/dataset.h"
#include "core/model/lesion_features.h"

namespace duck {

inline constexpr char kIndexMagic[8] = {'D', 'U', 'C', 'K', 'L', 'I', 'D', 'X'};
inline constexpr uint32_t kIndexVersion = 1;

// How one row's analysis went. The numbers are stored in the file: never renumber.
enum class LesionStatus : uint8_t {
    Ok = 0,                    // features from the lesion's own segmentation
    NoImage = 1,               // no image file for the row, or it could not be read
    DecodeError = 2,           // bytes present but not decodable (or too large)
    SegmentationFallback = 3,  // features computed, on a fallback mask (reason says why)
    Unusable = 4,              // decoded, but the extractor could not use the image
};
inline constexpr uint8_t kLesionStatusCount = 5;
// "ok", "no_image", "decode_error", "segmentation_fallback", "unusable".
std::string_view lesion_status_name(LesionStatus s);
// True for the statuses whose row carries features (ok, segmentation_fallback).
constexpr bool has_features(LesionStatus s) {
    return s == LesionStatus::Ok || s == LesionStatus::SegmentationFallback;
}

struct LesionIndex {
    std::string extractor;                  // FeatureExtractor::name(), e.g. "dermoscopic-v2"
    std::vector<std::string> feature_keys;  // FeatureInfo::key, in feature order
    // The dataset the index belongs to: every row, in dataset order (all shards
    // carry all of them), and dataset_fingerprint() of its metadata.
    std::vector<std::string> image_names;
    std::vector<std::string> patient_ids;   // the rows' patients, for patient-context scoring
    uint64_t dataset_fingerprint = 0;
    // Which rows this file holds: those with row % shard_count == shard_index
    // (a whole index is shard 0 of 1), ascending.
    uint32_t shard_index = 0, shard_count = 1;
    std::vector<uint32_t> rows;
    std::vector<LesionStatus> status;  // per entry (aligned with rows)
    std::vector<std::string> reasons;  // per entry: why it is not ok; empty when ok
    // rows.size() x feature_keys.size(), row-major. Entries without features
    // (has_features(status) false) hold NaN.
    std::vector<float> features;

    size_t size() const { return rows.size(); }
    size_t n_features() const { return feature_keys.size(); }
    const float* entry_features(size_t entry) const { return features.data() + entry * n_features(); }
    bool whole() const { return shard_count == 1; }
};

// The dataset rows a shard holds: row % count == index, ascending.
std::vector<uint32_t> shard_rows(uint32_t n_rows, uint32_t index, uint32_t count);

// The file bytes of `ix`; an Error when the struct is inconsistent (sizes that
// do not line up, rows that are not its shard's).
Result<std::vector<uint8_t>> encode_index(const LesionIndex& ix);
// Parses and checks a file: magic, version, declared size (truncation), checksum,
// then every section. The message says which check failed.
Result<LesionIndex> decode_index(std::span<const uint8_t> bytes);

// Refuses an index built by another extractor or with other feature keys.
Status check_extractor(const LesionIndex& ix, const FeatureExtractor& extractor);
// Refuses an index built for other dataset rows or other metadata.
Status check_dataset(const LesionIndex& ix, const Dataset& ds);

}  // namespace duck
