// model_session.cpp - incremental features and scores for the app (see the header).
#include "core/model/model_session.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

namespace duck {

namespace {
const std::vector<float> kNoFeatures;
constexpr size_t kPublishSlice = 1024;  // final scores moved into scores() between clock checks

LesionScore pending_score() {
    LesionScore s;
    s.status = "pending";
    return s;
}
}  // namespace

void ModelSession::reset(const Dataset& ds) {
    // The runs reference items_ and measure_items_: gone first.
    run_.reset();
    measure_run_.reset();
    measure_items_.clear();
    measure_lesion_of_.clear();
    next_.clear();
    items_.assign(ds.lesions.size(), {});
    for (size_t i = 0; i < ds.lesions.size(); ++i) items_[i].patient_id = ds.lesions[i].patient_id;
    queued_.assign(ds.lesions.size(), 0);
    queue_.clear();
    masks_.clear();
    // The old scores are freed before the new ones are allocated, so the
    // allocator gathers their small blocks (some 140,000 for a whole archive) up
    // here, at the new dataset, not in the first step of its scoring (~10 ms).
    scores_ = {};
    scores_.assign(ds.lesions.size(), pending_score());
    model_ = {};
    measure_model_ = {};
    const MeasureFeatures mf = measure_features(ds);
    measure_info_ = mf.info;
    measure_values_.clear();
    patient_of_.clear();
    patient_lesions_.clear();
    measure_active_.assign(ds.lesions.size(), 0);
    by_measurements_.assign(ds.lesions.size(), 0);
    if (!mf.empty()) {
        const size_t p = mf.columns.size();
        measure_values_.resize(ds.lesions.size() * p);
        for (size_t i = 0; i < ds.lesions.size(); ++i)
            for (size_t j = 0; j < p; ++j) measure_values_[i * p + j] = ds.measures.get(ds.lesions[i], mf.columns[j]);
        patient_of_.resize(ds.lesions.size(), kNone);
        patient_lesions_.resize(ds.patients.size());
        for (size_t pi = 0; pi < ds.patients.size(); ++pi) {
            patient_lesions_[pi] = ds.patients[pi].lesions;
            for (uint32_t li : ds.patients[pi].lesions) patient_of_[li] = static_cast<uint32_t>(pi);
        }
    }
    featured_ = 0;
    since_rescore_ = 0;
    dirty_ = false;
    ++version_;
}

bool ModelSession::has_features(uint32_t lesion) const {
    return lesion < items_.size() && items_[lesion].has_features;
}

void ModelSession::submit(uint32_t lesion, ImageRGBA analysis) {
    if (lesion >= items_.size() || items_[lesion].has_features || queued_[lesion]) return;
    queued_[lesion] = 1;
    queue_.emplace_back(lesion, std::move(analysis));
}

void ModelSession::mark_unavailable(uint32_t lesion, const std::string& status) {
    if (lesion >= items_.size() || items_[lesion].has_features || items_[lesion].unavailable == status) return;
    items_[lesion].unavailable = status;
    // A lesion already scored from its measurements keeps that score (its patient
    // joined the measured context when an earlier lesion's image was found missing).
    if (!scored_by_measurements(lesion)) scores_[lesion].status = status;
    ++version_;
    // With measurements, the lesion's whole patient joins the measured context.
    if (!measure_info_.empty()) measure_patient(patient_of_[lesion]);
}

void ModelSession::measure_patient(uint32_t patient) {
    if (measure_info_.empty() || patient >= patient_lesions_.size()) return;
    for (uint32_t li : patient_lesions_[patient]) {
        if (measure_active_[li]) continue;
        measure_active_[li] = 1;
        dirty_ = true;
    }
}

bool ModelSession::set_features(uint32_t lesion, std::vector<float> values, bool segmentation_fallback) {
    if (lesion >= items_.size() || items_[lesion].has_features) return false;
    if (values.size() != extractor_.features().size()) return false;
    for (float v : values)
        if (!std::isfinite(v)) return false;
    ScoreItem& it = items_[lesion];
    it.has_features = true;
    it.unavailable.clear();
    it.features = std::move(values);
    it.segmentation_fallback = segmentation_fallback;
    ++featured_;
    dirty_ = true;
    ++since_rescore_;
    return true;
}

bool ModelSession::scored_by_measurements(uint32_t lesion) const {
    return lesion < by_measurements_.size() && by_measurements_[lesion];
}

void ModelSession::focus(const std::string& patient_id) {
    if (patient_id == focus_) return;
    focus_ = patient_id;
    if (run_) run_->focus(patient_id);
    if (measure_run_) measure_run_->focus(patient_id);
}

size_t ModelSession::scoring_done() const {
    return (run_ ? run_->patients_scored() : 0) + (measure_run_ ? measure_run_->patients_scored() : 0);
}

size_t ModelSession::scoring_total() const {
    return (run_ ? run_->patients() : 0) + (measure_run_ ? measure_run_->patients() : 0);
}

bool ModelSession::step(double budget_ms) {
    using clock = std::chrono::steady_clock;
    const auto t0 = clock::now();
    while (!queue_.empty()) {
        auto [lesion, img] = std::move(queue_.front());
        queue_.pop_front();
        queued_[lesion] = 0;
        ScoreItem& it = items_[lesion];
        if (it.has_features) continue;  // set_features() gave it features while it waited
        auto f = extractor_.extract(img);
        if (f.ok()) {
            it.has_features = true;
            it.unavailable.clear();
            it.features = std::move(f.value().values);
            it.segmentation_fallback = f.value().segmentation_fallback;
            masks_.emplace_back(lesion, std::move(f.value().seg));
            if (masks_.size() > kMaskCache) masks_.pop_front();
            ++featured_;
        } else {
            it.unavailable = "image_unusable";
        }
        dirty_ = true;
        ++since_rescore_;
        if (std::chrono::duration<double, std::milli>(clock::now() - t0).count() >= budget_ms) break;
    }
    // Scores depend on every patient's features (pooled spread, calibration), so
    // they are recomputed over everything, not after every lesion of a patient;
    // a re-scoring under way finishes first (features added meanwhile wait for the next).
    if (dirty_ && !scoring() && (queue_.empty() || since_rescore_ >= rescore_every)) start_rescore();
    if (!scoring()) return false;
    return advance(budget_ms - std::chrono::duration<double, std::milli>(clock::now() - t0).count());
}

void ModelSession::start_rescore() {
    // The previous run's calibration gives the levels shown until this one's is fitted.
    run_ = std::make_unique<ScoringRun>(items_, extractor_.features(), ScoreOptions{}, &model_);
    run_->focus(focus_);
    shown_.assign(items_.size(), 0);
    dirty_ = false;
    since_rescore_ = 0;
}

bool ModelSession::advance(double budget_ms) {
    using clock = std::chrono::steady_clock;
    const auto t0 = clock::now();
    bool changed = false, stepped = false;
    if (run_) {
        stepped = true;
        run_->step(budget_ms);
        changed |= publish_image_run(t0 + std::chrono::duration_cast<clock::duration>(
                                              std::chrono::duration<double, std::milli>(std::max(budget_ms, 0.0))));
    }
    const double left = budget_ms - std::chrono::duration<double, std::milli>(clock::now() - t0).count();
    if (measure_run_ && (!stepped || left > 0)) {
        measure_run_->step(left);
        changed |= publish_measure_run();
    }
    return changed;
}

// The image run's newly scored patients go on show; once it is done, its scores
// wait for the measurements' run (or replace the shown ones).
bool ModelSession::publish_image_run(std::chrono::steady_clock::time_point deadline) {
    const std::vector<size_t> fresh = run_->take_scored();
    // Without measurements the provisional score is moved here (the final one
    // then only brings its level); with them the run's scores are kept whole,
    // for the measurements' run to complete (next_).
    for (size_t i : fresh) {
        if (measure_info_.empty())
            run_->move_scored(i, scores_[i]), shown_[i] = 1;
        else
            scores_[i] = run_->scores()[i];
        by_measurements_[i] = 0;
    }
    // No features when the run grouped it: its reason now, or still to come (its
    // image may have been found missing, or its features have come, meanwhile).
    auto settle = [&](size_t i, LesionScore& s) {
        if (s.status == "no_features" || (!items_[i].has_features && s.status != items_[i].unavailable)) {
            if (items_[i].has_features || items_[i].unavailable.empty())
                s = pending_score();
            else
                s.status = items_[i].unavailable;
        }
    };
    if (measure_info_.empty()) {
        // Final scores go on show a slice at a time within the budget, as their levels
        // come: replacing all 33,126 of an archive at once (and freeing the
        // provisional ones) took 20-30 ms. A lesion shown provisionally gets its level.
        bool moved = false;
        do {
            const auto [a, b] = run_->take_final(kPublishSlice);
            if (a == b) break;
            for (size_t i = a; i < b; ++i) {
                LesionScore& s = run_->scores()[i];
                if (shown_[i]) {
                    scores_[i].level = s.level;
                    scores_[i].flagged = s.flagged;
                } else {
                    settle(i, s);
                    scores_[i] = std::move(s);
                }
                by_measurements_[i] = 0;
            }
            moved = true;
        } while (std::chrono::steady_clock::now() < deadline);
        if (!run_->all_final_taken()) return !fresh.empty() || moved;
        model_ = run_->model();
        run_.reset();
        ++version_;
        return true;
    }
    if (!run_->done()) return !fresh.empty();
    model_ = run_->model();
    next_ = std::move(run_->scores());
    run_.reset();
    for (size_t i = 0; i < next_.size(); ++i) settle(i, next_[i]);
    start_measure_run();
    if (measure_run_) return !fresh.empty();
    scores_ = std::move(next_);
    next_.clear();
    std::fill(by_measurements_.begin(), by_measurements_.end(), 0);
    ++version_;
    return true;
}

// Lesions without image features get their measurement score, computed over every
// active lesion (pooled statistics from the measured patients seen so far).
void ModelSession::start_measure_run() {
    const size_t p = measure_info_.size();
    measure_items_.clear();
    measure_lesion_of_.clear();
    for (uint32_t i = 0; i < measure_active_.size(); ++i) {
        if (!measure_active_[i]) continue;
        ScoreItem it;
        it.patient_id = items_[i].patient_id;
        it.features.assign(measure_values_.begin() + long(i * p), measure_values_.begin() + long((i + 1) * p));
        it.has_features = true;
        for (float v : it.features) it.has_features = it.has_features && !std::isnan(v);
        if (!it.has_features) it.features.clear(), it.unavailable = "measurements_missing";
        measure_items_.push_back(std::move(it));
        measure_lesion_of_.push_back(i);
    }
    if (measure_items_.empty()) return;
    ScoreOptions opt;
    opt.malignancy = nullptr;  // learned on image features
    measure_run_ = std::make_unique<ScoringRun>(measure_items_, measure_info_, opt, &measure_model_);
    measure_run_->focus(focus_);
}

bool ModelSession::publish_measure_run() {
    auto measured = [&](size_t k, const LesionScore& s) {
        const uint32_t i = measure_lesion_of_[k];
        if (items_[i].has_features || !s.ok()) return kNone;
        return i;
    };
    const std::vector<size_t> fresh = measure_run_->take_scored();
    for (size_t k : fresh) {
        const uint32_t i = measured(k, measure_run_->scores()[k]);
        if (i == kNone) continue;
        scores_[i] = measure_run_->scores()[k];
        scores_[i].explanation.insert(scores_[i].explanation.begin(), kMeasureSource);
        by_measurements_[i] = 1;
    }
    if (!measure_run_->done()) return !fresh.empty();
    measure_model_ = measure_run_->model();
    std::vector<LesionScore>& ms = measure_run_->scores();
    scores_ = std::move(next_);
    next_.clear();
    std::fill(by_measurements_.begin(), by_measurements_.end(), 0);
    for (size_t k = 0; k < ms.size(); ++k) {
        const uint32_t i = measured(k, ms[k]);
        if (i == kNone) continue;
        ms[k].explanation.insert(ms[k].explanation.begin(), kMeasureSource);
        scores_[i] = std::move(ms[k]);
        by_measurements_[i] = 1;
    }
    measure_run_.reset();
    measure_items_.clear();
    measure_lesion_of_.clear();
    ++version_;
    return true;
}

std::vector<float> ModelSession::levels() const {
    std::vector<float> out(scores_.size(), std::numeric_limits<float>::quiet_NaN());
    for (size_t i = 0; i < scores_.size(); ++i)
        if (scores_[i].ok()) out[i] = float(scores_[i].level);
    return out;
}

const Segmentation* ModelSession::mask(uint32_t lesion) const {
    for (auto it = masks_.rbegin(); it != masks_.rend(); ++it)
        if (it->first == lesion) return &it->second;
    return nullptr;
}

const std::vector<float>& ModelSession::features(uint32_t lesion) const {
    return has_features(lesion) ? items_[lesion].features : kNoFeatures;
}

}  // namespace duck
