// pseudo_eval.h - the model on real single-lesion images: "pseudo-patients" of K
// benign nevi and one melanoma, each drawn from a labelled image set with a
// fixed seed, scored (a seed's pseudo-patients of one fold together) as one
// loaded dataset exactly as the app scores one (score_lesions on the analysis
// image's features), and the melanoma's rank read off. No complete real
// patient with many labelled lesions is available, so this is the closest
// real-image check of the ugly-duckling ranking.
// Cross-validation is by image: the images are split into folds; the learned
// part of the model is trained on the other folds and pseudo-patients are drawn
// from the test fold only.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/malignancy_model.h"
#include "core/model/model_eval.h"
#include "core/model/outlier_score.h"
#include "core/base/result.h"

namespace duck {

// One labelled image as measured for the evaluation.
struct LabelledImage {
    std::string id;
    bool melanoma = false;
    bool ok = false;               // decoded and featured
    std::string error;             // why not (when !ok)
    std::vector<float> features;   // DermFeatureExtractor on the analysis image
    bool fallback = false;         // segmentation fell back to a centred disc
    float grey_sd = 0;             // SD of the grey level over the whole analysis image
};

// Parses "image_id,dx" (more columns allowed; header required). dx "mel" is a
// melanoma, "nv" a nevus; other diagnoses are left out and counted in `other`.
Result<std::vector<LabelledImage>> parse_pseudo_labels(std::string_view csv, int& other);

// Decodes one image as the app's worker does (process_image -> analysis image),
// extracts the features and the grey-level SD into `img`.
void measure_labelled_image(std::span<const uint8_t> bytes, LabelledImage& img);

// Grey-level (Rec. 601 luma, 0-255) SD over a whole RGBA image: the one-line
// baseline scorer "the lesion whose grey levels vary most".
float grey_level_sd(const ImageRGBA& img);

struct PseudoOptions {
    int k = 11;                            // nevi per pseudo-patient (plus one melanoma)
    int patients = 200;                    // per seed, over all folds
    std::vector<uint64_t> seeds{11, 12, 13};
    int folds = 5;                         // cross-validation folds by image (1: no split)
    int bootstrap = 1000;
    bool learned = true;                   // train the malignancy direction on the other folds
    MalignancyTraining training;           // how it is trained
};

// Top-1/top-3/MRR (model_eval's metrics with random baseline and intervals) and
// the melanoma's mean rank.
struct RankSummary {
    EvalReport report;
    EvalMetric mean_rank;  // random: (K + 2) / 2
};

struct FeatureAuc {
    std::string key;
    double auc = 0.5;  // P(melanoma's value > nevus's), ties 1/2
};

struct PseudoReport {
    int images = 0, melanomas = 0, nevi = 0, unusable = 0;
    RankSummary model, grey_sd;
    std::vector<FeatureAuc> feature_auc;   // each feature, all usable images
    double malignancy_auc = 0.5;           // cross-validated learned direction alone
};

// Pseudo-patients: for each, one melanoma and k distinct nevi (indices into the
// pools), in a shuffled order so ties fall anywhere. Deterministic for a seed.
std::vector<std::vector<int>> draw_pseudo_patients(const std::vector<int>& melanomas,
                                                   const std::vector<int>& nevi, int k, int count,
                                                   uint64_t seed);

// Stratified folds by image: the usable images' melanomas and nevi shuffled
// separately (fixed seed) and dealt round-robin, so every fold has its share of
// both. Fold of each image (-1 for images not in `usable`).
std::vector<int> assign_folds(const std::vector<LabelledImage>& images, const std::vector<int>& usable, int folds,
                              uint64_t seed);

// Melanoma-vs-nevus AUC of a score over images (ties 1/2).
double melanoma_auc(const std::vector<double>& score, const std::vector<bool>& melanoma);

// Ranking summary of scored pseudo-patients (EvalLesion with patient ids).
RankSummary summarise_ranks(const std::vector<EvalLesion>& lesions, int bootstrap, uint64_t seed);

// The whole protocol over measured images. Errors: too few usable images for k.
Result<PseudoReport> evaluate_pseudo_patients(const std::vector<LabelledImage>& images,
                                              const PseudoOptions& options);

}  // namespace duck
