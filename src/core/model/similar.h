// similar.h - "similar lesions": the nearest lesions to one lesion in feature
// space, over a whole dataset or within one patient, with the few features that
// make two lesions alike in plain words.
// The space: each raw feature (DermFeatureExtractor order) is centred on its
// median over the dataset and divided by its robust spread (MAD x 1.4826, never
// below FeatureInfo::floor), clipped to +-clip so one extreme value (an
// artefact, a segmentation slip) cannot decide a neighbour alone, and divided by
// sqrt(features) so a distance is an RMS over features. With a learned
// direction of malignancy (malignancy_model.h) one more column holds the
// lesion's position along it, scaled by direction_weight: two lesions are then
// near when they look alike overall AND lie alike on what separates melanomas
// from nevi. docs/model.md ("Similar lesions") gives the measured choice.
// Rows are float32, contiguous, padded with zeros to a multiple of 4 so the
// wasm SIMD distance loop (similar_distance.h) has no tail.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/image/lab_kernels.h"
#include "core/model/lesion_features.h"
#include "core/model/malignancy_model.h"

namespace duck {

inline constexpr int kSimilarDefaultK = 12;

struct SimilarOptions {
    double clip = 3.0;  // standardised values clipped to +-clip (0: none)
    // The learned direction for the extra column (nullptr or empty: none).
    const MalignancyModel* malignancy = nullptr;
    // Weight of the direction column relative to the RMS over all features.
    double direction_weight = 1.0;
};

// The standardised, padded matrix the search runs over.
struct SimilarSpace {
    int features = 0;                   // raw features per lesion
    int columns = 0;                    // features (+1 with a direction column)
    int stride = 0;                     // columns rounded up to a multiple of 4
    std::vector<float> centre, scale;   // per raw feature (median, robust spread)
    double clip = 0;
    float feature_factor = 1;           // 1 / sqrt(features)
    float direction_factor = 0;         // 0: no direction column
    const MalignancyModel* malignancy = nullptr;
    std::vector<float> rows;            // size() x stride
    std::vector<uint8_t> present;       // 1 when the lesion has a feature vector
    size_t size() const { return present.size(); }
    const float* row(size_t i) const { return rows.data() + i * size_t(stride); }
    // Clipped standardised value of raw feature j (before the 1/sqrt(features) factor).
    float standardised(float v, int j) const;
};

// Builds the space from a row-major n x features matrix (NaN-free rows where
// present[i] != 0; the values of other rows are ignored). Centre and spread are
// computed over the present rows. present may be empty (all present).
SimilarSpace build_similar_space(std::span<const float> raw, size_t n, const std::vector<uint8_t>& present,
                                 const std::vector<FeatureInfo>& info, const SimilarOptions& options = {});

struct Neighbour {
    int row = 0;
    float distance = 0;  // Euclidean distance in the space
};

// The k nearest present rows to row `query` (never the query itself), nearest
// first; equal distances go to the lower row. `within` (non-empty) restricts the
// candidates to those rows (e.g. the lesions of the query's patient; rows out of
// range or without a vector are skipped). Empty when the query has no vector.
// `path` picks the distance loop (kern::Path::Simd only where compiled).
std::vector<Neighbour> nearest_lesions(const SimilarSpace& space, int query, int k = kSimilarDefaultK,
                                       std::span<const int> within = {}, kern::Path path = kern::path());

// One feature's part in two lesions' likeness.
struct SimilarFeature {
    int feature = 0;
    float a = 0, b = 0;   // raw values of the two lesions
    float gap = 0;        // |difference| in robust spreads (not clipped)
};

// The 2-3 features that make two lesions alike: among features where at least
// one lesion stands out from the dataset (|standardised value| >= 1), those with
// the smallest gap between the two; plain words built from FeatureInfo labels
// ("both have 3 colours incl. blue-grey", "both more asymmetric in shape than
// most lesions (31% and 28%)"). Falls back to "similar <label>" for the closest
// features when neither lesion stands out.
std::vector<SimilarFeature> similar_features(const SimilarSpace& space, std::span<const float> a,
                                             std::span<const float> b, int count = 3);
std::vector<std::string> explain_similarity(const SimilarSpace& space, std::span<const float> a,
                                            std::span<const float> b, const std::vector<FeatureInfo>& info,
                                            int count = 3);

}  // namespace duck
