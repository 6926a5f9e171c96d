// model_eval.h - how well the ugly-duckling score finds melanomas among each
// patient's lesions: per-patient AUC, top-1/top-3 hit rates and mean reciprocal
// rank over labelled patients with a melanoma and enough lesions, next to what
// a random ordering would give, with bootstrap intervals over patients.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/dataset.h"

namespace duck {

// One scored lesion as the evaluation sees it.
struct EvalLesion {
    std::string patient_id;
    Label label = Label::Unknown;
    bool scored = false;  // has a score (status ok)
    double score = 0;
};

// A metric with its 95% bootstrap percentile interval and the random baseline.
struct EvalMetric {
    double value = 0, lo = 0, hi = 0;
    double random = 0;  // expected value under a random ordering of each patient's lesions
};

struct EvalReport {
    int patients = 0;           // eligible patients
    int patients_with_auc = 0;  // eligible patients that also have a benign lesion
    int lesions = 0;            // scored lesions of eligible patients
    int melanomas = 0;
    int skipped_unlabelled = 0; // patients skipped: an unlabelled scored lesion
    int skipped_no_melanoma = 0;
    int skipped_few_lesions = 0;
    EvalMetric auc, top1, top3, mrr;
    int bootstrap = 0;
};

// Patients are eligible when all their scored lesions are labelled, at least one
// is a melanoma and at least `min_lesions` are scored. Ties in score count half
// (AUC) and are broken by file order (ranks).
EvalReport evaluate_ranking(const std::vector<EvalLesion>& lesions, int min_lesions = 4,
                            int bootstrap = 1000, uint64_t seed = 20201);

}  // namespace duck
