// model_session.h - the ugly-duckling model inside the app. The image loader
// submits each lesion's analysis image as it arrives; step() works the queue
// off in small time slices (one lesion's features take ~2-3 ms in the browser,
// so a frame is never blocked for long), caches the features per lesion, and
// re-scores every featured lesion in its patient's context when features
// changed. The pooled statistics therefore come from the patients seen so far;
// with few of them the scorer's priors apply (docs/model.md, "Few patients").
// Re-scoring is itself done in steps (core/model/scoring_run.h): a whole
// archive's index scores in about a second of work, spread over many steps of
// the same budget, the focused patient first; each patient's scores are shown
// as they come (levels provisional until the run's calibration), and the final
// scores are those of one score_lesions call.
// ISIC 2024 data carries the imaging system's own measurements: a lesion without
// image features is scored from them instead (core/model/measure_score.h), in the
// context of every measured lesion of its patient, from the moment its patient is
// shown (measure_patient) until its image gives it features; a patient whose
// images never arrive is thus scored at once, not after every request failed.
// Pure C++: App owns one, tests drive it directly.
#pragma once
#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/image/image.h"
#include "core/model/lesion_features.h"
#include "core/model/measure_score.h"
#include "core/model/outlier_score.h"
#include "core/model/scoring_run.h"

namespace duck {

class ModelSession {
public:
    // New dataset: forgets every feature, score and queued image.
    void reset(const Dataset& ds);
    // Queues a lesion's analysis image (any size; reduced to the feature size).
    // Ignored when the lesion is out of range or already featured / queued.
    void submit(uint32_t lesion, ImageRGBA analysis);
    // The lesion's image cannot be had (status e.g. "image_missing"); shown as its
    // status, or, when the dataset has measurements, scored from them at the next step().
    void mark_unavailable(uint32_t lesion, const std::string& status);
    // The patient (index into the dataset's patients) is shown: with measurements,
    // its lesions without image features are scored from them at the next step(),
    // without waiting for their images; one that later gets features is rescored
    // from them. Nothing without measurements, or when the patient already was.
    void measure_patient(uint32_t patient);
    // Features computed elsewhere (a lesion index file, the page's indexing
    // workers): taken as if step() had extracted them, without an image, and
    // scored at the next step(). Refused (false) when the lesion is out of range,
    // already featured, or `values` does not have feature_info().size() finite values.
    bool set_features(uint32_t lesion, std::vector<float> values, bool segmentation_fallback = false);
    // Work for step(): queued images, scores to recompute, or a re-scoring under way.
    bool needs_step() const { return !queue_.empty() || dirty_ || scoring(); }
    // The patient whose lesions a re-scoring does first (the one on screen).
    void focus(const std::string& patient_id);
    // A re-scoring is under way: its patients scored so far, of its patients (the
    // image features' run, then the measurements' run).
    bool scoring() const { return run_ || measure_run_; }
    size_t scoring_done() const;
    size_t scoring_total() const;
    // Whether the lesion's current score comes from the measurements (no image features).
    bool scored_by_measurements(uint32_t lesion) const;
    // Computes queued features until budget_ms has passed (at least one lesion
    // when any is queued), then starts a re-scoring when something changed and
    // the queue is empty or `rescore_every` lesions were added, and carries a
    // re-scoring on for the rest of the budget (one unit of it at least).
    // Returns true when scores() changed.
    bool step(double budget_ms);

    size_t queued() const { return queue_.size(); }
    size_t featured() const { return featured_; }
    bool has_features(uint32_t lesion) const;
    // Queued by submit() and not yet extracted (a caller need not copy its image again).
    bool is_queued(uint32_t lesion) const { return lesion < queued_.size() && queued_[lesion]; }
    // Per lesion, aligned with the dataset; status "pending" until featured and scored.
    const std::vector<LesionScore>& scores() const { return scores_; }
    // Per lesion calibrated level in [0, 1], NaN when there is no score (for
    // ExplorerState::set_scores: the patient list's top score, grid order, badges).
    std::vector<float> levels() const;
    // The segmentation of a recently featured lesion (last kMaskCache), for the
    // viewer's outline overlay; nullptr when not (or no longer) cached.
    const Segmentation* mask(uint32_t lesion) const;
    // Features of a lesion (empty when none).
    const std::vector<float>& features(uint32_t lesion) const;
    const ScoreModel& model() const { return model_; }
    const ScoreModel& measure_model() const { return measure_model_; }
    // Grows whenever a re-scoring completes or a status changes (caches keyed on it
    // know when to refresh; a re-scoring's provisional scores do not count).
    uint64_t version() const { return version_; }
    const std::vector<FeatureInfo>& feature_info() const { return extractor_.features(); }

    int rescore_every = 16;
    static constexpr size_t kMaskCache = 64;

private:
    void start_rescore();
    bool advance(double budget_ms);
    bool publish_image_run(std::chrono::steady_clock::time_point deadline);
    bool publish_measure_run();
    void start_measure_run();

    DermFeatureExtractor extractor_;
    std::vector<ScoreItem> items_;  // per lesion
    std::vector<uint8_t> queued_;   // per lesion: in queue_
    std::deque<std::pair<uint32_t, ImageRGBA>> queue_;
    std::deque<std::pair<uint32_t, Segmentation>> masks_;  // most recent last
    std::vector<LesionScore> scores_;
    ScoreModel model_;
    // Measurements (empty without them): per lesion measure_info_.size() values,
    // NaN when missing; a patient's lesions join the context once it is shown (or one is unavailable).
    std::vector<FeatureInfo> measure_info_;
    std::vector<float> measure_values_;
    std::vector<uint32_t> patient_of_;
    std::vector<std::vector<uint32_t>> patient_lesions_;
    std::vector<uint8_t> measure_active_;
    std::vector<uint8_t> by_measurements_;
    ScoreModel measure_model_;
    // The re-scoring under way: the image features' run, then (with measurements)
    // the run over the measured lesions, whose items it owns; the image run's final
    // scores wait in next_ until the measurements' run is done too.
    std::unique_ptr<ScoringRun> run_, measure_run_;
    std::vector<ScoreItem> measure_items_;
    std::vector<uint32_t> measure_lesion_of_;
    std::vector<LesionScore> next_;
    std::vector<uint8_t> shown_;  // per lesion: the image run's provisional score moved into scores_
    std::string focus_;
    size_t featured_ = 0;
    int since_rescore_ = 0;
    bool dirty_ = false;
    uint64_t version_ = 0;
};

}  // namespace duck
