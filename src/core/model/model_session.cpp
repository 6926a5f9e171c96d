// model_session.cpp - incremental features and scores for the app (see the header).
#include "core/model/model_session.h"

#include <chrono>
#include <cmath>
#include <limits>

namespace duck {

namespace {
const std::vector<float> kNoFeatures;

LesionScore pending_score() {
    LesionScore s;
    s.status = "pending";
    return s;
}
}  // namespace

void ModelSession::reset(const Dataset& ds) {
    items_.assign(ds.lesions.size(), {});
    for (size_t i = 0; i < ds.lesions.size(); ++i) items_[i].patient_id = ds.lesions[i].patient_id;
    queued_.assign(ds.lesions.size(), 0);
    queue_.clear();
    masks_.clear();
    scores_.assign(ds.lesions.size(), pending_score());
    model_ = {};
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
    scores_[lesion].status = status;
    ++version_;
}

bool ModelSession::step(double budget_ms) {
    using clock = std::chrono::steady_clock;
    const auto t0 = clock::now();
    while (!queue_.empty()) {
        auto [lesion, img] = std::move(queue_.front());
        queue_.pop_front();
        queued_[lesion] = 0;
        ScoreItem& it = items_[lesion];
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
    // they are recomputed in one go, not after every lesion of a patient.
    if (dirty_ && (queue_.empty() || since_rescore_ >= rescore_every)) {
        rescore();
        return true;
    }
    return false;
}

void ModelSession::rescore() {
    scores_ = score_lesions(items_, extractor_.features(), {}, &model_);
    for (size_t i = 0; i < items_.size(); ++i)
        if (!items_[i].has_features && items_[i].unavailable.empty()) scores_[i] = pending_score();
    dirty_ = false;
    since_rescore_ = 0;
    ++version_;
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
