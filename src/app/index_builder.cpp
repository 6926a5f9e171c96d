// index_builder.cpp - the background index's turns (see index_builder.h).
#include "app/index_builder.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "app/image_loader.h"
#include "core/index/dataset_fingerprint.h"
#include "core/index/lesion_index.h"
#include "core/model/lesion_features.h"

namespace duck {

std::string index_cache_key(const Dataset& ds, const ModelSession& model) {
    // FNV-1a over the feature keys: a new or reordered feature is another cache.
    uint64_t h = 1469598103934665603ull;
    for (const FeatureInfo& f : model.feature_info()) {
        for (const char* c = f.key; *c; ++c) h = (h ^ uint8_t(*c)) * 1099511628211ull;
        h = (h ^ uint8_t(',')) * 1099511628211ull;
    }
    char b[96];
    std::snprintf(b, sizeof b, "%016llx:%s:%016llx", static_cast<unsigned long long>(dataset_fingerprint(ds)),
                  std::string(DermFeatureExtractor().name()).c_str(), static_cast<unsigned long long>(h));
    return b;
}

void IndexBuilder::start(App& app, const ImageLoader& images, double now) {
    IndexingState& ix = app.indexing;
    ix = {};
    batch_.clear();
    computed_ms_ = 0;
    last_apply_ = last_tick_ = now;
    if (!platform::index_pool_available()) {
        ix.phase = IndexingPhase::Unavailable;
        return;
    }
    std::vector<platform::IndexJob> jobs;
    for (uint32_t li = 0; li < app.dataset.lesions.size(); ++li)
        if (!app.model.has_features(li)) jobs.push_back({li, app.dataset.lesions[li].image_name});
    ix.total = jobs.size();
    if (jobs.empty()) {  // e.g. an index file gave every lesion its features
        ix.phase = IndexingPhase::Done;
        return;
    }
    ix.phase = IndexingPhase::Running;
    platform::index_pool_start(index_cache_key(app.dataset, app.model),
                               images.url_candidates(platform::kIndexNameMark), jobs);
}

void IndexBuilder::apply(App& app) {
    ModelSession& m = app.model;
    IndexingState& ix = app.indexing;
    for (platform::IndexResult& r : batch_) {
        if (r.lesion >= app.dataset.lesions.size()) continue;
        const auto st = LesionStatus(r.status);
        if (m.has_features(r.lesion)) {
            ++ix.skipped;
        } else if (has_features(st) && m.set_features(r.lesion, std::move(r.features), st == LesionStatus::SegmentationFallback)) {
            // taken
        } else {
            ++ix.failed;
            m.mark_unavailable(r.lesion, st == LesionStatus::NoImage       ? "image_missing"
                                         : st == LesionStatus::DecodeError ? "image_corrupt"
                                                                           : "image_unusable");
        }
    }
    batch_.clear();
    // No redraw here: the model asks for one when the batch's scores land, and the
    // progress bar has its own below (each drawn frame costs the main thread).
}

void IndexBuilder::scored(double seconds, IndexingState& ix) {
    score_s_ = seconds;
    // After the run: only the rescoring of its last batch.
    const bool last_batch = ix.phase == IndexingPhase::Done && final_score_pending_;
    final_score_pending_ = false;
    if (ix.phase != IndexingPhase::Running && ix.phase != IndexingPhase::Paused && !last_batch) return;
    ix.main_ms += 1000 * seconds;
    ix.main_max_ms = std::max(ix.main_max_ms, turn_ms_ + 1000 * seconds);
}

bool IndexBuilder::tick(App& app, const ImageLoader& images, double now) {
    using clock = std::chrono::steady_clock;
    const auto turn0 = clock::now();
    IndexingState& ix = app.indexing;
    if (generation_ != app.data_generation) {
        if (ix.phase == IndexingPhase::Running || ix.phase == IndexingPhase::Paused) platform::index_pool_cancel();
        ix = {};
        batch_.clear();
        generation_ = app.data_generation;
    }
    // A dataset is open and its first frame drawn: index what has no features yet.
    // Not the bundled synthetic demo: it opens on every visit, and a page left
    // alone must stay idle (its patients are scored as they are opened).
    const bool real_data = app.source.kind == SourceKind::Url || app.source.kind == SourceKind::Folder;
    // A dataset far larger than ISIC 2020 (44,108 rows with its test set) is not
    // indexed unasked: a million rows would queue a million image lookups and hold
    // their results in memory. It starts as if cancelled; `i` starts it.
    constexpr size_t kAutoIndexLimit = 100000;
    if (ix.phase == IndexingPhase::Idle && app.ready && real_data && !app.dataset.lesions.empty()) {
        if (app.dataset.lesions.size() > kAutoIndexLimit) {
            ix.phase = IndexingPhase::Cancelled;
            app.status = "Background indexing not started for " + std::to_string(app.dataset.lesions.size()) +
                         " lesions: press i to start it";
        } else {
            start(app, images, now);
        }
    }
    if (ix.cancel_requested) {
        ix.cancel_requested = false;
        platform::index_pool_cancel();
        ix.phase = IndexingPhase::Cancelled;
    }
    if (ix.pause_requested) {
        ix.pause_requested = false;
        platform::index_pool_pause(true);
        ix.phase = IndexingPhase::Paused;
    }
    if (ix.resume_requested) {
        ix.resume_requested = false;
        if (ix.phase == IndexingPhase::Paused) {
            platform::index_pool_pause(false);
            ix.phase = IndexingPhase::Running;
        } else if (ix.phase == IndexingPhase::Cancelled) {
            start(app, images, now);
        }
    }
    if (ix.phase == IndexingPhase::Running) ix.elapsed_s += now - last_tick_;
    last_tick_ = now;

    // Take results up within the budget; they reach the model in batches.
    const auto t0 = clock::now();
    platform::IndexResult r;
    bool took = false;
    while ((ix.phase == IndexingPhase::Running || ix.phase == IndexingPhase::Paused) && platform::take_index_result(r)) {
        took = true;
        ++ix.done;
        if (r.cached) {
            ++ix.cached;
        } else if (r.status != int(LesionStatus::NoImage)) {
            ++ix.computed;
            computed_ms_ += r.ms;
        }
        batch_.push_back(std::move(r));
        if (std::chrono::duration<double, std::milli>(clock::now() - t0).count() >= budget_ms_) break;
    }
    const bool finished = ix.phase == IndexingPhase::Running && ix.done >= ix.total;
    if (!batch_.empty() && (finished || ix.phase != IndexingPhase::Running ||
                            now - last_apply_ >= std::max(batch_s_, 20 * score_s_))) {
        apply(app);
        last_apply_ = now;
    }
    if (finished) {
        ix.phase = IndexingPhase::Done;
        final_score_pending_ = true;
    }
    if (took) {
        ix.rate = ix.elapsed_s > 0 ? double(ix.computed) / ix.elapsed_s : 0;
        ix.worker_ms = ix.computed ? computed_ms_ / double(ix.computed) : 0;
        ix.workers = platform::index_pool_workers();
        if (finished || now - last_redraw_ >= 1.0) {  // the progress bar, once a second
            app.request_redraw(1);
            last_redraw_ = now;
        }
    }
    turn_ms_ = 0;
    if (ix.phase != IndexingPhase::Idle) {  // what this turn cost the main thread
        turn_ms_ = std::chrono::duration<double, std::milli>(clock::now() - turn0).count();
        ix.main_ms += turn_ms_;
        ix.main_max_ms = std::max(ix.main_max_ms, turn_ms_);
    }
    return platform::index_results_waiting() > 0 || !batch_.empty();
}

}  // namespace duck
