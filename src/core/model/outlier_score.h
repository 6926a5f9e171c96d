// outlier_score.h - the patient-context ("ugly duckling") score: how far each
// lesion's features lie from the same patient's other lesions. Leave-one-out,
// robust (median/MAD) centring per patient, a correlation pooled within patients
// over the loaded dataset and shrunk towards the identity, and a Mahalanobis
// distance. See docs/model.md for the calibration of the 0-1 level.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/model/lesion_features.h"
#include "core/model/malignancy_model.h"

namespace duck {

// Fewer lesions than this in a patient (with features) -> "insufficient_context".
inline constexpr int kMinContextLesions = 4;
// Levels at or above this are flagged as outliers (highlighted in the UI).
inline constexpr double kFlagLevel = 0.95;

// One lesion to score: its patient and its features (or why there are none).
struct ScoreItem {
    std::string patient_id;
    bool has_features = false;
    std::vector<float> features;
    std::string unavailable;  // status when !has_features, e.g. "image_missing"
    bool segmentation_fallback = false;
};

// One feature's part in a lesion's score.
struct FeatureContribution {
    int feature = 0;
    float value = 0;   // this lesion
    float median = 0;  // the patient's other lesions
    float z = 0;       // robust standardised difference
    float share = 0;   // share of the squared distance (contributions sum to 1)
};

struct LesionScore {
    std::string status = "ok";  // "ok", "insufficient_context", or the item's `unavailable`
    // sqrt(d^2 + c * t^2): d the robust Mahalanobis distance to the patient's
    // other lesions, t how much further along the learned direction of
    // malignancy the lesion lies than they do (0 when not further), c the
    // model's context weight (valid when status == "ok").
    double score = 0;
    double context_distance = 0;  // d
    double malignancy_excess = 0; // t
    int rank = 0;                // 1 = most outlying lesion of its patient; 0 when no score
    double level = 0;            // calibrated outlier level in [0, 1]
    bool flagged = false;        // level >= kFlagLevel
    std::vector<FeatureContribution> top;  // largest contributions first (up to 3)
    std::vector<std::string> explanation;  // plain words, one string per point
    bool ok() const { return status == "ok"; }
};

// Dataset-level quantities learned from all patients (exposed for tests and the UI).
struct ScoreModel {
    int features = 0;
    std::vector<double> scale;        // pooled within-patient SD per feature (>= floor)
    std::vector<double> inv_corr;     // inverse of the shrunk pooled correlation (row-major)
    double shrinkage = 1;             // weight of the identity in the shrunk correlation
    double calibration = 1;           // d^2 multiplier before the chi-square CDF
    double dof = 0;                   // degrees of freedom of the fitted chi-square
    int calibration_lesions = 0;      // scored lesions the calibration used
    double malignancy_scale = 1;      // pooled within-patient SD of the learned position
};

struct ScoreOptions {
    int min_context = kMinContextLesions;
    double prior_weight = 4;  // pseudo-lesions of the pooled scale in each patient's spread
    // Fewer scored lesions than this: the level uses chi-square(p) (the prior) instead
    // of the fit to the median and 95th percentile of d^2, which is unstable on one
    // or two patients (the app starts scoring with the first patient it shows).
    int min_calibration = 40;
    // The learned direction of malignancy, used one-sided against the patient's
    // other lesions (see score_lesions); the shipped asset by default. nullptr
    // or an empty model: the context distance alone.
    const MalignancyModel* malignancy = &shipped_malignancy_model();
};

// Scores every item; the result is aligned with `items`.
std::vector<LesionScore> score_lesions(const std::vector<ScoreItem>& items,
                                       const std::vector<FeatureInfo>& info,
                                       const ScoreOptions& options = {}, ScoreModel* model = nullptr);

// Regularised lower incomplete gamma P(a, x); chi-square CDF is P(k/2, x/2).
double gamma_p(double a, double x);
// Quantile of chi-square(dof) (bisection on gamma_p).
double chi_square_quantile(double q, double dof);
// Fits d2 ~ chi-square(dof) / multiplier to the median and the kFlagLevel (95th)
// percentile of d2 (needs d2 non-empty; leaves dof and multiplier as they are
// when d2 has no spread).
void fit_scaled_chi_square(const std::vector<double>& d2, double& dof, double& multiplier);

// fit_scaled_chi_square in steps (its bisection is ~8,000 chi-square CDFs, several
// milliseconds): start(), then step() until it returns true; then, when fits(),
// dof() and multiplier() are the fitted values (otherwise keep the previous ones).
class ChiSquareFit {
public:
    void start(const std::vector<double>& d2);
    bool step(int iterations);  // true when done
    bool fits() const { return fits_; }
    double dof() const { return dof_; }
    double multiplier() const { return multiplier_; }

private:
    static constexpr int kIterations = 40;
    bool fits_ = false;
    int iter_ = 0;
    double q2_ = 0, ratio_ = 0, lo_ = 0, hi_ = 0, dof_ = 0, multiplier_ = 1;
};

// Plain-words explanation of one scored lesion (also filled in by score_lesions).
std::vector<std::string> explain(const LesionScore& s, const std::vector<FeatureInfo>& info,
                                 bool segmentation_fallback);

}  // namespace duck
