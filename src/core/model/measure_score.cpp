// measure_score.cpp - patient-standardised tbp_lv_* measurements through score_lesions.
#include "core/model/measure_score.h"

#include <cmath>

namespace duck {

const std::vector<FeatureInfo>& measure_feature_catalogue() {
    // Floors are the smallest difference worth a word on each measurement's own
    // scale (judged from the scale, not fitted to data), so that a patient whose
    // lesions are nearly identical does not turn tiny differences into outliers.
    static const std::vector<FeatureInfo> k = {
        {"tbp_lv_norm_border", "border irregularity (0-10)", "", "border more irregular", "border more regular", 1, 0.5f},
        {"tbp_lv_norm_color", "colour variation (0-10)", "", "more varied in colour", "more uniform in colour", 1, 0.5f},
        {"tbp_lv_symm_2axis", "asymmetry (0-1)", "", "more asymmetric", "more symmetric", 2, 0.05f},
        {"clin_size_long_diam_mm", "diameter", "mm", "larger", "smaller", 1, 0.5f},
        {"tbp_lv_deltaLBnorm", "contrast with the skin around it", "", "more contrasted with the skin around it",
         "less contrasted with the skin around it", 1, 1.f},
        {"tbp_lv_L", "lightness", "L*", "lighter", "darker", 1, 2.f},
        {"tbp_lv_eccentricity", "elongation (0-1)", "", "more elongated", "rounder", 2, 0.05f},
    };
    return k;
}

MeasureFeatures measure_features(const Dataset& ds) {
    MeasureFeatures mf;
    for (const FeatureInfo& f : measure_feature_catalogue()) {
        const int c = ds.measures.column(f.key);
        if (c < 0) continue;
        mf.info.push_back(f);
        mf.columns.push_back(c);
    }
    return mf;
}

ScoreItem measure_item(const Dataset& ds, const MeasureFeatures& mf, uint32_t i) {
    ScoreItem it;
    const Lesion& l = ds.lesions[i];
    it.patient_id = l.patient_id;
    it.features.reserve(mf.columns.size());
    for (int c : mf.columns) {
        const float v = ds.measures.get(l, c);
        if (std::isnan(v)) {
            it.features.clear();
            it.unavailable = "measurements_missing";
            return it;
        }
        it.features.push_back(v);
    }
    it.has_features = !mf.empty();
    if (!it.has_features) it.unavailable = "measurements_missing";
    return it;
}

std::vector<LesionScore> score_by_measurements(const Dataset& ds, const std::vector<uint32_t>& lesions, ScoreModel* model) {
    const MeasureFeatures mf = measure_features(ds);
    std::vector<ScoreItem> items(ds.lesions.size());
    for (size_t i = 0; i < items.size(); ++i) items[i].unavailable = "not_scored";
    auto fill = [&](uint32_t i) {
        if (i < items.size()) items[i] = measure_item(ds, mf, i);
    };
    if (lesions.empty())
        for (uint32_t i = 0; i < items.size(); ++i) fill(i);
    else
        for (uint32_t i : lesions) fill(i);
    ScoreOptions opt;
    opt.malignancy = nullptr;
    std::vector<LesionScore> out = score_lesions(items, mf.info, opt, model);
    for (LesionScore& s : out)
        if (s.ok()) s.explanation.insert(s.explanation.begin(), kMeasureSource);
    return out;
}

}  // namespace duck
