// index_builder.h - the background index in the app: once a dataset is open (a
// folder or ?data=; not the bundled demo),
// every lesion without features is handed to the platform's index pool
// (platform/index_pool.h: workers decode at analysis size and compute the
// model's features, results cached in the browser), and the results go into
// App::model through ModelSession::set_features, so every patient gets scores
// without being opened. Results are taken up within a time budget per turn and
// handed to the model in batches (each batch costs one rescore of every lesion,
// so not one per result). Progress, pause/resume and cancel: App::indexing.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "app/app.h"
#include "platform/index_pool.h"

namespace duck {

class ImageLoader;

// The cache key of a dataset's index results: its metadata's fingerprint and the
// model's extractor and feature keys (another feature set never reads old results).
std::string index_cache_key(const Dataset& ds, const ModelSession& model);

class IndexBuilder {
public:
    // Results are taken for at most budget_ms per turn (one at least); batches
    // go to the model at most every batch_s seconds (and when the run ends).
    explicit IndexBuilder(double budget_ms = 2.0, double batch_s = 1.0) : budget_ms_(budget_ms), batch_s_(batch_s) {}

    // One turn at time `now` (seconds): starts a run for a new dataset, applies
    // pause/resume/cancel requests, takes up results. True while results wait.
    bool tick(App& app, const ImageLoader& images, double now);
    // The model's last scoring turn took `seconds` (a rescore of every featured
    // lesion): batches are spaced so that rescoring takes at most ~5% of the time.
    // Counted as the index's main-thread time (IndexingState::main_ms) while a run
    // is on: its batches are what the model rescores then.
    void scored(double seconds, IndexingState& ix);

private:
    void start(App& app, const ImageLoader& images, double now);
    void apply(App& app);  // hands the batch to the model

    platform::IndexPool pool_;
    double budget_ms_, batch_s_;
    uint64_t generation_ = ~uint64_t(0);  // App::data_generation of the run
    std::vector<platform::IndexResult> batch_;
    double last_apply_ = 0, last_tick_ = 0, last_redraw_ = 0, computed_ms_ = 0, score_s_ = 0;
    double turn_ms_ = 0;                // main-thread ms of this loading turn's take-up and apply
    bool final_score_pending_ = false;  // the run's last batch has not been rescored yet
};

}  // namespace duck
