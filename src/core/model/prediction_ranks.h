// prediction_ranks.h - a classifier's scores in each patient's context: the
// within-patient rank of every lesion, the patient's top lesion, whether the
// classifier's top lesion differs from the ugly-duckling one, and the same
// per-patient ranking metrics as the ugly-duckling evaluation (model_eval.h).
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "core/data/dataset.h"
#include "core/model/model_eval.h"

namespace duck {

// Per lesion: 1 = highest score among its patient's scored lesions, 2 = next...;
// 0 when the lesion has no score (NaN). Ties go to the earlier row, as in the
// evaluation.
std::vector<uint32_t> patient_ranks(const Dataset& ds, std::span<const double> scores);

// The patient's lesion with the highest score (the first on ties), kNone when
// none of its lesions has a score.
uint32_t top_lesion(const Dataset& ds, uint32_t patient, std::span<const double> scores);
// Same for float scores (the ugly-duckling levels; NaN = not scored yet).
uint32_t top_lesion(const Dataset& ds, uint32_t patient, std::span<const float> scores);

// Per patient: 1 when both score sets have a top lesion and they differ, else 0.
std::vector<uint8_t> disagreements(const Dataset& ds, std::span<const double> classifier,
                                   std::span<const float> ugly_duckling);

// Per-patient AUC, top-1/top-3 and MRR of the classifier (evaluate_ranking over
// the lesions it scores), melanoma patients with >= min_lesions scored lesions.
EvalReport evaluate_predictions(const Dataset& ds, std::span<const double> scores, int min_lesions = 4,
                                int bootstrap = 1000);

}  // namespace duck
