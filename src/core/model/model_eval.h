// model_eval.h - how well the ugly-duckling score finds melanomas among each
// patient's lesions: per-patient AUC, top-1/top-3 hit rates and mean reciprocal
// rank over labelled patients with a melanoma and enough lesions, next to what
// a random ordering would give, with bootstrap intervals over patients.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/data/dataset.h"

namespace duck {

// One lesion as the evaluation sees it (every lesion of the dataset, scored or
// not: a patient left out is counted with the reason).
struct EvalLesion {
    std::string patient_id;
    Label label = Label::Unknown;
    bool scored = false;  // has a score (status ok)
    double score = 0;
    std::string status;   // the score's status when !scored, e.g. "image_missing"
};

// Why a patient is not in the metrics, checked in this order.
enum class EvalSkip {
    Unlabelled,         // a lesion without a benign/malignant label
    NoMelanoma,         // no lesion labelled malignant
    FewLesions,         // fewer than min_lesions scored lesions
    MelanomaNotScored,  // enough scored lesions, but none of the melanomas has a score
};
const char* eval_skip_name(EvalSkip s);    // "unlabelled", "no_melanoma", "few_lesions", "melanoma_not_scored"
const char* eval_skip_reason(EvalSkip s);  // one sentence for people

// A patient with a melanoma who is left out (FewLesions or MelanomaNotScored):
// these are the ones that could bias the metrics, so each is listed.
struct EvalLeftOut {
    std::string patient_id;
    EvalSkip why = EvalSkip::FewLesions;
    int lesions = 0, scored = 0, melanomas = 0, melanomas_scored = 0;
    std::vector<std::pair<std::string, int>> unscored_status;  // status -> lesions, sorted by status
};

// A metric with its 95% bootstrap percentile interval and the random baseline.
struct EvalMetric {
    double value = 0, lo = 0, hi = 0;
    double random = 0;  // expected value under a random ordering of each patient's lesions
};

struct EvalReport {
    int patients_total = 0;     // every patient in the input = patients + all skipped_*
    int patients = 0;           // eligible patients
    int patients_with_auc = 0;  // eligible patients that also have a benign lesion
    int lesions = 0;            // scored lesions of eligible patients
    int melanomas = 0;
    int skipped_unlabelled = 0; // patients skipped: an unlabelled scored lesion
    int skipped_no_melanoma = 0;
    int skipped_few_lesions = 0;
    int skipped_melanoma_not_scored = 0;
    std::vector<EvalLeftOut> left_out;  // patients with a melanoma skipped, by patient id
    EvalMetric auc, top1, top3, mrr;
    int bootstrap = 0;
};

// Patients are eligible when all their lesions are labelled, at least one is a
// melanoma, at least `min_lesions` are scored and a melanoma is among them; the
// metrics use the scored lesions. Every other patient is counted under the first
// EvalSkip that applies. Ties in score count half (AUC) and are broken by file
// order (ranks).
EvalReport evaluate_ranking(const std::vector<EvalLesion>& lesions, int min_lesions = 4,
                            int bootstrap = 1000, uint64_t seed = 20201);

}  // namespace duck
