// scoring_run.cpp - leave-one-out robust Mahalanobis distance per patient, in
// steps (see scoring_run.h; the model itself is described in outlier_score.h and
// docs/model.md).
#include "core/model/scoring_run.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>

#include "core/model/loo_stats.h"

namespace duck {

namespace {

// Smallest within-patient spread of the learned position (logit units), so
// near-identical lesions do not make tiny differences look large.
constexpr double kMalignancyFloor = 0.25;

// Units of work: small enough that one takes well under a millisecond natively.
constexpr size_t kGroupSlice = 2048;      // items grouped
constexpr size_t kCorrelationBlock = 64;  // residual rows (p^2 each)
constexpr size_t kLevelSlice = 1024;      // levels (one chi-square CDF each)
constexpr int kFitIterations = 2;         // calibration bisection steps (~200 CDFs each)

// Median of v; reorders v. The leave-one-out loop below takes two medians per
// lesion and feature (two million for the whole of ISIC 2020), so it passes
// reused scratch vectors instead of allocating copies.
double median_inplace(std::vector<double>& v) {
    if (v.empty()) return 0;
    size_t m = v.size() / 2;
    std::nth_element(v.begin(), v.begin() + m, v.end());
    double hi = v[m];
    if (v.size() % 2) return hi;
    return 0.5 * (hi + *std::max_element(v.begin(), v.begin() + m));
}

double median(std::vector<double> v) { return median_inplace(v); }

// 1.4826 * median absolute deviation: a robust SD for normal data. `scratch`
// is overwritten.
double mad_sd(const std::vector<double>& v, double centre, std::vector<double>& scratch) {
    scratch.resize(v.size());
    for (size_t i = 0; i < v.size(); ++i) scratch[i] = std::fabs(v[i] - centre);
    return 1.4826 * median_inplace(scratch);
}

// Inverse of a small symmetric positive-definite matrix (Gauss-Jordan, pivoting).
std::vector<double> invert(std::vector<double> a, int n) {
    std::vector<double> inv(size_t(n) * n, 0.0);
    for (int i = 0; i < n; ++i) inv[size_t(i) * n + i] = 1;
    for (int c = 0; c < n; ++c) {
        int piv = c;
        for (int r = c + 1; r < n; ++r)
            if (std::fabs(a[size_t(r) * n + c]) > std::fabs(a[size_t(piv) * n + c])) piv = r;
        for (int k = 0; k < n; ++k) {
            std::swap(a[size_t(c) * n + k], a[size_t(piv) * n + k]);
            std::swap(inv[size_t(c) * n + k], inv[size_t(piv) * n + k]);
        }
        double d = a[size_t(c) * n + c];
        if (std::fabs(d) < 1e-12) d = 1e-12;
        for (int k = 0; k < n; ++k) {
            a[size_t(c) * n + k] /= d;
            inv[size_t(c) * n + k] /= d;
        }
        for (int r = 0; r < n; ++r) {
            if (r == c) continue;
            double f = a[size_t(r) * n + c];
            if (f == 0) continue;
            for (int k = 0; k < n; ++k) {
                a[size_t(r) * n + k] -= f * a[size_t(c) * n + k];
                inv[size_t(r) * n + k] -= f * inv[size_t(c) * n + k];
            }
        }
    }
    return inv;
}

}  // namespace

ScoringRun::ScoringRun(const std::vector<ScoreItem>& items, const std::vector<FeatureInfo>& info, ScoreOptions options,
                       const ScoreModel* provisional)
    : items_(items), info_(info), opt_(options), p_(int(info.size())) {
    // The per-item arrays grow a slice at a time as the items are grouped (a
    // whole archive's scores are 4 MB: allocated and first touched in one step,
    // they made it take up to 10 ms).
    out_.reserve(items.size());
    pos_.reserve(items.size());
    m_.features = p_;
    mal_ = opt_.malignancy && !opt_.malignancy->empty() && int(opt_.malignancy->weight.size()) == p_ ? opt_.malignancy
                                                                                                       : nullptr;
    if (provisional && provisional->features == p_ &&
        provisional->calibration_lesions >= std::max(8, opt_.min_calibration)) {
        provisional_ = *provisional;
        provisional_fitted_ = true;
    }
    ss_.assign(size_t(p_), 0.0);
    z_.resize(size_t(p_));
    med_.resize(size_t(p_));
    w_.resize(size_t(p_));
    excess_part_.resize(size_t(p_));
    contrib_.resize(size_t(p_));
}

void ScoringRun::focus(const std::string& patient_id) {
    focus_ = patient_id;
    if (phase_ != Phase::Distances) return;
    // Not scored yet: it goes next.
    for (size_t k = cursor_; k < order_.size(); ++k)
        if (order_[k]->first == patient_id) {
            std::rotate(order_.begin() + long(cursor_), order_.begin() + long(k), order_.begin() + long(k) + 1);
            break;
        }
}

bool ScoringRun::step(double budget_ms) {
    using clock = std::chrono::steady_clock;
    const auto t0 = clock::now();
    while (phase_ != Phase::Done) {
        unit();
        if (std::chrono::duration<double, std::milli>(clock::now() - t0).count() >= budget_ms) break;
    }
    return done();
}

std::vector<size_t> ScoringRun::take_scored() {
    std::vector<size_t> f;
    f.swap(fresh_);
    return f;
}

void ScoringRun::move_scored(size_t item, LesionScore& to) {
    LesionScore& s = out_[item];
    to = std::move(s);
    s.status = to.status;  // a moved-from string holds no particular value; level_slice reads it
}

std::pair<size_t, size_t> ScoringRun::take_final(size_t max) {
    const size_t end = phase_ == Phase::Done ? items_.size() : phase_ == Phase::Levels ? cursor_ : 0;
    const std::pair<size_t, size_t> r{final_taken_, std::clamp(end, final_taken_, final_taken_ + max)};
    final_taken_ = r.second;
    return r;
}

void ScoringRun::unit() {
    switch (phase_) {
        case Phase::Group:
            group_slice();
            if (cursor_ == items_.size()) phase_ = Phase::Residuals, group_it_ = groups_.begin();
            break;
        case Phase::Residuals:
            if (group_it_ != groups_.end()) {
                residuals(group_it_->second);
                ++group_it_;
                break;
            }
            // Pooled within-patient SD per feature. Degrees of freedom: one median per patient is estimated.
            m_.scale.assign(size_t(p_), 0);
            for (int j = 0; j < p_; ++j) {
                const double dof = std::max(1.0, double(resid_.size()) - double(groups_.size()));
                m_.scale[j] = std::max(double(info_[j].floor), resid_.empty() ? 0.0 : std::sqrt(ss_[j] / dof));
            }
            corr_.assign(size_t(p_) * p_, 0.0);
            phase_ = Phase::Correlation, cursor_ = 0;
            break;
        case Phase::Correlation:
            if (cursor_ < resid_.size()) {
                correlation_block();
                break;
            }
            finish_model();
            group_it_ = groups_.begin();
            if (mal_)
                phase_ = Phase::Malignancy;
            else
                start_distances();
            break;
        case Phase::Malignancy:
            if (group_it_ != groups_.end()) {
                malignancy(group_it_->second);
                ++group_it_;
                break;
            }
            m_.malignancy_scale =
                std::max(kMalignancyFloor, mal_nres_ > mal_npat_ ? std::sqrt(mal_ss_ / (mal_nres_ - mal_npat_)) : 1.0);
            start_distances();
            break;
        case Phase::Distances:
            if (cursor_ < order_.size()) {
                distances(order_[cursor_]->second);
                ++cursor_;
                ++patients_scored_;
                break;
            }
            // Calibration: d^2 over the dataset is modelled as c * chi-square(dof), with
            // dof and c matched to its median and 95th percentile; the level is that
            // distribution's CDF, so about 5% of the scored lesions reach kFlagLevel.
            // Too few scored lesions: chi-square(p).
            m_.calibration_lesions = int(d2_all_.size());
            m_.dof = p_;
            fitted_ = int(d2_all_.size()) >= std::max(8, opt_.min_calibration);
            if (fitted_) fit_.start(d2_all_);
            phase_ = Phase::Calibrate;
            break;
        case Phase::Calibrate:
            if (fitted_ && !fit_.step(kFitIterations)) break;
            if (fitted_ && fit_.fits()) m_.dof = fit_.dof(), m_.calibration = fit_.multiplier();
            phase_ = Phase::Levels, cursor_ = 0;
            break;
        case Phase::Levels:
            level_slice();
            if (cursor_ == items_.size()) phase_ = Phase::Done;
            break;
        case Phase::Done: break;
    }
}

// Patients in file (map) order, the focused one first.
void ScoringRun::start_distances() {
    phase_ = Phase::Distances;
    cursor_ = 0;
    for (Group g = groups_.begin(); g != groups_.end(); ++g) order_.push_back(g);
    focus(focus_);
}

void ScoringRun::group_slice() {
    const size_t end = std::min(items_.size(), cursor_ + kGroupSlice);
    out_.resize(end);
    pos_.resize(end, 0.0);
    for (size_t i = cursor_; i < end; ++i) {
        if (!items_[i].has_features || int(items_[i].features.size()) != p_) {
            out_[i].status = items_[i].unavailable.empty() ? "no_features" : items_[i].unavailable;
            continue;
        }
        groups_[items_[i].patient_id].push_back(i);
    }
    cursor_ = end;
}

// Pooled within-patient residuals from each patient's median (patients with >= 3).
void ScoringRun::residuals(const std::vector<size_t>& idx) {
    if (idx.size() < 3) return;
    std::vector<double> med(static_cast<size_t>(p_)), col;
    for (int j = 0; j < p_; ++j) {
        col.clear();
        for (size_t i : idx) col.push_back(items_[i].features[j]);
        med[j] = median(col);
    }
    for (size_t i : idx) {
        std::vector<double> r(static_cast<size_t>(p_));
        for (int j = 0; j < p_; ++j) r[j] = items_[i].features[j] - med[j];
        // Each feature's sum of squares in the residuals' order, whatever the steps.
        for (int j = 0; j < p_; ++j) ss_[j] += r[j] * r[j];
        resid_.push_back(std::move(r));
    }
}

// Correlation of the standardised residuals (a block of rows of the sum).
void ScoringRun::correlation_block() {
    const size_t end = std::min(resid_.size(), cursor_ + kCorrelationBlock);
    const int p = p_;
    for (size_t q = cursor_; q < end; ++q) {
        const auto& r = resid_[q];
        for (int j = 0; j < p; ++j) {
            const double u = r[j] / m_.scale[j];  // the same operations, in the same order, as u * r[k] / scale[k]
            double* row = &corr_[size_t(j) * p];
            for (int k = 0; k < p; ++k) row[k] += u * r[k] / m_.scale[k];
        }
        // Freed as it is used: 33,126 rows freed at once in finish_model took milliseconds.
        std::vector<double>().swap(resid_[q]);
    }
    cursor_ = end;
}

// The correlation shrunk towards the identity: stable with few patients, and
// close to the data when there are many.
void ScoringRun::finish_model() {
    const int p = p_;
    std::vector<double>& corr = corr_;
    for (int j = 0; j < p; ++j)
        for (int k = 0; k < p; ++k) {
            double djj = corr[size_t(j) * p + j], dkk = corr[size_t(k) * p + k];
            if (j != k) corr[size_t(j) * p + k] /= std::sqrt(std::max(djj, 1e-12) * std::max(dkk, 1e-12));
        }
    for (int j = 0; j < p; ++j) corr[size_t(j) * p + j] = 1;
    m_.shrinkage = std::clamp(double(p) / std::max<size_t>(resid_.size(), 1), 0.2, 1.0);
    for (int j = 0; j < p; ++j)
        for (int k = 0; k < p; ++k)
            corr[size_t(j) * p + k] = (1 - m_.shrinkage) * corr[size_t(j) * p + k] + (j == k ? m_.shrinkage : 0);
    m_.inv_corr = invert(corr, p);
    resid_ = {};  // its rows are freed already (correlation_block)
    corr_ = {};
}

// The learned position of each lesion along the direction of malignancy, and
// its pooled within-patient spread (as for the features above).
void ScoringRun::malignancy(const std::vector<size_t>& idx) {
    for (size_t i : idx) pos_[i] = mal_->position(items_[i].features);
    if (idx.size() < 3) return;
    std::vector<double> col;
    for (size_t i : idx) col.push_back(pos_[i]);
    double med = median(col);
    for (double v : col) mal_ss_ += (v - med) * (v - med), mal_nres_ += 1;
    mal_npat_ += 1;
}

// Leave-one-out distance of each lesion to its patient's other lesions.
void ScoringRun::distances(const std::vector<size_t>& idx) {
    const int p = p_;
    if (int(idx.size()) < opt_.min_context) {
        for (size_t i : idx) out_[i].status = "insufficient_context";
        return;
    }
    const size_t n = idx.size();
    // Each feature's values of the patient, sorted once, and each lesion's place
    // among them: the median of the others and their spread about it are then
    // read off (loo_stats.h), not recomputed from a copy of the others.
    sorted_.resize(n * size_t(p));
    place_.resize(n * size_t(p));
    order_buf_.resize(n);
    for (int j = 0; j < p; ++j) {
        std::iota(order_buf_.begin(), order_buf_.end(), 0u);
        // NaN last, so the order stays strict and weak whatever the values.
        std::sort(order_buf_.begin(), order_buf_.end(), [&](uint32_t a, uint32_t b) {
            const double x = items_[idx[a]].features[j], y = items_[idx[b]].features[j];
            return std::isnan(y) ? !std::isnan(x) : x < y;
        });
        for (size_t q = 0; q < n; ++q) {
            sorted_[size_t(j) * n + q] = items_[idx[order_buf_[q]]].features[j];
            place_[size_t(order_buf_[q]) * p + j] = uint32_t(q);
        }
    }
    if (mal_) {  // the learned positions too
        std::iota(order_buf_.begin(), order_buf_.end(), 0u);
        std::sort(order_buf_.begin(), order_buf_.end(), [&](uint32_t a, uint32_t b) {
            const double x = pos_[idx[a]], y = pos_[idx[b]];
            return std::isnan(y) ? !std::isnan(x) : x < y;
        });
        pos_sorted_.resize(n);
        pos_place_.resize(n);
        for (size_t q = 0; q < n; ++q) {
            pos_sorted_[q] = pos_[idx[order_buf_[q]]];
            pos_place_[order_buf_[q]] = uint32_t(q);
        }
    }
    for (size_t ii = 0; ii < n; ++ii) {
        const size_t i = idx[ii];
        double k = double(n - 1);
        for (int j = 0; j < p; ++j) {
            const double* sj = &sorted_[size_t(j) * n];
            med_[j] = median_without(sj, n, place_[ii * p + j]);
            double mad;
            if (!std::isnan(sj[n - 1])) {  // NaN sorts last
                mad = mad_without(sj, n, place_[ii * p + j], med_[j]);
            } else {
                col_.clear();
                for (size_t o : idx)
                    if (o != i) col_.push_back(items_[o].features[j]);
                mad = mad_sd(col_, med_[j], scratch_);
            }
            // The patient's own spread, pulled towards the pooled one (few lesions).
            double s2 = (k * mad * mad + opt_.prior_weight * m_.scale[j] * m_.scale[j]) / (k + opt_.prior_weight);
            double s = std::max(std::sqrt(s2), double(info_[j].floor));
            z_[j] = std::clamp((items_[i].features[j] - med_[j]) / s, -8.0, 8.0);
        }
        std::fill(w_.begin(), w_.end(), 0.0);
        for (int j = 0; j < p; ++j)
            for (int q = 0; q < p; ++q) w_[j] += m_.inv_corr[size_t(j) * p + q] * z_[q];
        double d2 = 0;
        for (int j = 0; j < p; ++j) d2 += z_[j] * w_[j];
        d2 = std::max(d2, 0.0);
        LesionScore& s = out_[i];
        s.context_distance = std::sqrt(d2);
        // One-sided: only a lesion further along the direction of malignancy
        // than its patient's other lesions gains; one as atypical as they are
        // gains nothing (an atypical patient's lesions are not raised).
        std::fill(excess_part_.begin(), excess_part_.end(), 0.0);
        double t2 = 0;
        if (mal_) {
            double pm, mad;
            if (!std::isnan(pos_sorted_[n - 1])) {
                pm = median_without(pos_sorted_.data(), n, pos_place_[ii]);
                mad = mad_without(pos_sorted_.data(), n, pos_place_[ii], pm);
            } else {
                col_.clear();
                for (size_t o : idx)
                    if (o != i) col_.push_back(pos_[o]);
                scratch_.assign(col_.begin(), col_.end());
                pm = median_inplace(scratch_), mad = mad_sd(col_, pm, scratch_);
            }
            double s2 = (k * mad * mad + opt_.prior_weight * m_.malignancy_scale * m_.malignancy_scale) /
                        (k + opt_.prior_weight);
            double t = std::clamp((pos_[i] - pm) / std::max(std::sqrt(s2), kMalignancyFloor), 0.0, 8.0);
            s.malignancy_excess = t;
            t2 = mal_->context_weight * t * t;
            // The features that carry the lesion along the direction, for the explanation.
            double total = 0;
            for (int j = 0; j < p; ++j) {
                double d = mal_->weight[j] * (mal_->standardised(items_[i].features[j], j) - mal_->standardised(float(med_[j]), j));
                excess_part_[j] = std::max(0.0, d);
                total += excess_part_[j];
            }
            for (int j = 0; j < p; ++j) excess_part_[j] = total > 0 ? t2 * excess_part_[j] / total : 0;
        }
        const double all = d2 + t2;
        s.score = std::sqrt(all);
        d2_all_.push_back(all);
        for (int j = 0; j < p; ++j)
            contrib_[j] = {j, items_[i].features[j], float(med_[j]), float(z_[j]),
                           float(all > 0 ? (z_[j] * w_[j] + excess_part_[j]) / all : 0)};
        std::sort(contrib_.begin(), contrib_.end(), [](const auto& a, const auto& b) { return a.share > b.share; });
        for (const auto& c : contrib_)
            if (s.top.size() < 3 && c.share > 0.05f && std::fabs(c.z) >= 1.5f) s.top.push_back(c);
        if (s.top.empty() && contrib_[0].share > 0) s.top.push_back(contrib_[0]);
    }
    // Rank within the patient: 1 = largest distance (ties: file order).
    std::vector<size_t> order = idx;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return out_[a].score > out_[b].score; });
    for (size_t r = 0; r < order.size(); ++r) out_[order[r]].rank = int(r + 1);
    // The explanation does not depend on the level: final now; the level is provisional.
    for (size_t i : idx) {
        LesionScore& s = out_[i];
        s.explanation = explain(s, info_, items_[i].segmentation_fallback);
        s.level = provisional_level(s);
        s.flagged = s.level >= kFlagLevel;
        fresh_.push_back(i);
    }
}

// The prior (too few lesions to fit): the excess t counts as one more
// standardised feature, chi-square(p + 1) of d^2 + t^2; its weight in the
// ranking score would otherwise flag any lesion slightly further along.
double ScoringRun::provisional_level(const LesionScore& s) const {
    if (provisional_fitted_) return gamma_p(0.5 * provisional_.dof, 0.5 * s.score * s.score * provisional_.calibration);
    const double d2 = s.context_distance * s.context_distance, t2 = s.malignancy_excess * s.malignancy_excess;
    return gamma_p(0.5 * (p_ + (mal_ ? 1 : 0)), 0.5 * (d2 + t2));
}

void ScoringRun::level_slice() {
    const size_t end = std::min(items_.size(), cursor_ + kLevelSlice);
    for (size_t i = cursor_; i < end; ++i) {
        LesionScore& s = out_[i];
        if (!s.ok()) continue;
        const double d2 = s.context_distance * s.context_distance, t2 = s.malignancy_excess * s.malignancy_excess;
        s.level = fitted_ ? gamma_p(0.5 * m_.dof, 0.5 * s.score * s.score * m_.calibration)
                          : gamma_p(0.5 * (m_.dof + (mal_ ? 1 : 0)), 0.5 * (d2 + t2));
        s.flagged = s.level >= kFlagLevel;
    }
    cursor_ = end;
}

}  // namespace duck
