// measure_score.h - the ugly-duckling score without pixels: ISIC 2024's total-body
// photography system measures every lesion itself (border, colour, asymmetry,
// size, contrast; the tbp_lv_* columns), and the 2024 challenge's strongest
// solutions standardised exactly those within each patient. Here they go through
// the same patient-context scorer as the image features (score_lesions:
// leave-one-out median / MAD per patient, pooled correlation, calibrated level),
// with the same plain-words explanations. Used for lesions whose image is missing.
#pragma once
#include <vector>

#include "core/data/dataset.h"
#include "core/model/outlier_score.h"

namespace duck {

// The measurements the score uses that the dataset has, with their words.
struct MeasureFeatures {
    std::vector<FeatureInfo> info;  // key = the column name
    std::vector<int> columns;       // Dataset::measures column of each
    bool empty() const { return columns.empty(); }
};

// Every measurement the score can use, in order (border, colour, asymmetry,
// diameter, contrast, lightness, elongation).
const std::vector<FeatureInfo>& measure_feature_catalogue();
// The catalogue's measurements present in `ds` (empty for non-ISIC 2024 data).
MeasureFeatures measure_features(const Dataset& ds);

// A score item of lesion `i` from its measurements: has_features when the lesion
// has every one of `mf`'s measurements, else unavailable = "measurements_missing".
ScoreItem measure_item(const Dataset& ds, const MeasureFeatures& mf, uint32_t i);

// The first explanation line of a measurement-based score: where its numbers come from.
inline constexpr const char* kMeasureSource =
    "from the imaging system's own measurements (no image features): compared with this patient's other lesions";

// Scores `lesions` (all of a dataset's when empty) by their measurements, in each
// patient's context; aligned with ds.lesions (lesions not asked for: "not_scored").
// Explanations start with kMeasureSource. No learned direction of malignancy: it
// was learned on image features.
std::vector<LesionScore> score_by_measurements(const Dataset& ds, const std::vector<uint32_t>& lesions = {},
                                               ScoreModel* model = nullptr);

}  // namespace duck
