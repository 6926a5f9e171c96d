// neighbour_eval.h - do similar lesions share a diagnosis? Leave-one-out on
// labelled images: for each melanoma, the share of melanomas among its k
// nearest other images (similar.h), against the base rate a random pick of k
// other images would give; likewise nevi among the nevi's neighbours. The
// learned direction column is, by default, trained without the query's fold
// (cross-validation by image), so no query's own label shapes its neighbours.
#pragma once
#include <cstdint>
#include <vector>

#include "core/base/result.h"
#include "core/model/pseudo_eval.h"
#include "core/model/similar.h"

namespace duck {

enum class NeighbourDirection {
    None,            // features only
    Shipped,         // the shipped model's direction (trained on derm2018: in-sample there)
    CrossValidated,  // trained on the other folds for each fold's queries
};

struct NeighbourOptions {
    int k = 10;
    int bootstrap = 1000;
    uint64_t seed = 20201;
    NeighbourDirection direction = NeighbourDirection::CrossValidated;
    int folds = 5;
    MalignancyTraining training;
    SimilarOptions space;  // clip and direction_weight (its malignancy is set here)
};

// Mean share of same-class neighbours over the queries, its 95% bootstrap
// percentile interval (queries resampled), the base rate and their ratio.
struct ShareSummary {
    int queries = 0;
    double share = 0, lo = 0, hi = 0;
    double base = 0;  // (class size - 1) / (images - 1): a random pick of other images
    double enrichment = 0, enrichment_lo = 0, enrichment_hi = 0;  // share / base
};

struct NeighbourReport {
    int images = 0, melanomas = 0, nevi = 0, unusable = 0;
    ShareSummary melanoma, nevus;
};

// Share of rows with the query's label among its k nearest (itself excluded),
// for each query row; rows without a vector are never neighbours.
std::vector<double> same_label_shares(const SimilarSpace& space, const std::vector<bool>& melanoma,
                                      const std::vector<int>& queries, int k, kern::Path path = kern::path());

ShareSummary summarise_shares(const std::vector<double>& shares, double base, int bootstrap, uint64_t seed);

// The protocol over measured images (unusable ones left out). Errors: fewer
// than k + 1 usable images, or no melanoma or no nevus.
Result<NeighbourReport> evaluate_neighbours(const std::vector<LabelledImage>& images,
                                            const std::vector<FeatureInfo>& info, const NeighbourOptions& options);

}  // namespace duck
