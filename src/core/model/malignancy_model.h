// malignancy_model.h - the learned part of the ugly-duckling score: a linear
// direction over standardised dermoscopic features along which melanomas lie
// further than nevi (L2-regularised logistic regression, fitted by Newton's
// method: deterministic, no random start). The score uses it only relative to
// the same patient's other lesions (outlier_score.h), so a lesion is raised
// only when it lies further along this direction than its patient's others.
// The shipped weights are assets/model/duckling-model-v2.json, compiled into
// the core library, so the app, its worker and duckling-cli use one file.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/model/lesion_features.h"
#include "core/base/result.h"

namespace duck {

struct MalignancyModel {
    std::string name;                 // e.g. "duckling-model-v2"
    std::vector<std::string> keys;    // feature keys, in DermFeatureExtractor order
    std::vector<double> mean, sd;     // standardisation of each feature
    std::vector<double> weight;       // direction over standardised features
    // Standardised values are clipped to +-clip (0: not clipped), so one extreme
    // feature (an artefact, a segmentation slip) cannot carry a lesion alone.
    double clip = 0;
    double bias = 0;
    // Weight of the one-sided "further along the direction than this patient's
    // other lesions" term next to the context distance (outlier_score.cpp).
    double context_weight = 0;
    bool empty() const { return weight.empty(); }
    // w . (x - mean) / sd (without the bias): the lesion's position on the direction.
    double position(const std::vector<float>& x) const;
    // Contribution of feature j to position(x).
    double part(const std::vector<float>& x, int j) const;
    // Clipped standardised value of feature j.
    double standardised(float v, int j) const;
};

struct MalignancyTraining {
    double l2 = 10.0;        // ridge penalty on the standardised weights (not the bias)
    int iterations = 30;     // Newton steps (converges in < 10 on derm2018)
    double context_weight = 64.0;
    double clip = 3.0;       // standardised values clipped to +-clip (0: none)
};

// Fits the direction on labelled feature vectors (rows of equal length, as many
// as info). Features are standardised by the rows' mean and SD.
MalignancyModel train_malignancy(const std::vector<std::vector<float>>& rows, const std::vector<bool>& melanoma,
                                 const std::vector<FeatureInfo>& info, const MalignancyTraining& options);

// JSON (the asset format): {"name","keys","mean","sd","weight","bias","context_weight",
// "provenance":{...}}. Parsing checks that the keys match `info` in order.
Result<MalignancyModel> parse_malignancy_model(std::string_view json, const std::vector<FeatureInfo>& info);
std::string malignancy_model_json(const MalignancyModel& m, const std::string& provenance_json);

// The shipped model (assets/model/duckling-model-v2.json, embedded at build time).
const MalignancyModel& shipped_malignancy_model();

}  // namespace duck
