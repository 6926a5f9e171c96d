// app_index.cpp - loading a lesion index beside the dataset (see app_index.h).
#include "app/app_index.h"

#include <chrono>
#include <vector>

#include "app/app_load.h"
#include "core/index/index_file_name.h"
#include "core/index/lesion_index.h"
#include "core/model/lesion_features.h"
#include "core/model/outlier_score.h"
#include "platform/platform.h"

namespace duck {

namespace {

// The model's status for an entry without features: the image loader's names
// for the same failures, so the viewer and state() read alike whichever found it.
std::string unavailable_status(LesionStatus s) {
    switch (s) {
        case LesionStatus::NoImage: return "image_missing";
        case LesionStatus::DecodeError: return "image_corrupt";
        default: return "image_unusable";
    }
}

Status refuse(App& app, const std::string& where, const std::string& why) {
    app.index.status = "refused";
    app.index.source = where;
    app.index.message = why;
    app.add_problem({Severity::Error, "index_refused", where, "The lesion index was not used: " + why});
    app.status = "Lesion index not used (" + why + "); the model scores lesions as their images load";
    platform::log_warn("lesion index " + where + " refused: " + why);
    app.request_redraw();
    return Status::fail(why);
}

}  // namespace

Status apply_index(App& app, std::span<const uint8_t> bytes, const std::string& where) {
    if (app.dataset.lesions.empty()) return refuse(app, where, "lesion index: no dataset is loaded to use it with");
    auto decoded = decode_index(bytes);
    if (!decoded.ok()) return refuse(app, where, decoded.error().message);
    const LesionIndex& ix = decoded.value();
    if (!ix.whole())
        return refuse(app, where, "lesion index: this file is shard " + std::to_string(ix.shard_index) + " of " +
                                      std::to_string(ix.shard_count) +
                                      "; join the shards with duckling-cli index-merge first");
    // The session's extractor is a DermFeatureExtractor: the same name and keys.
    if (Status st = check_extractor(ix, DermFeatureExtractor{}); !st.ok()) return refuse(app, where, st.message);
    if (Status st = check_dataset(ix, app.dataset); !st.ok()) return refuse(app, where, st.message);

    IndexState& s = app.index;
    s = {};
    s.status = "loaded";
    s.source = where;
    s.rows = ix.image_names.size();
    s.entries = ix.size();
    s.reasons.assign(app.dataset.lesions.size(), {});
    const size_t nf = ix.n_features();
    for (size_t e = 0; e < ix.size(); ++e) {
        const uint32_t lesion = ix.rows[e];
        if (has_features(ix.status[e])) {
            const float* f = ix.entry_features(e);
            const bool fallback = ix.status[e] == LesionStatus::SegmentationFallback;
            // False when the lesion was featured already (its image came first): the same values.
            if (app.model.set_features(lesion, std::vector<float>(f, f + nf), fallback) || app.model.has_features(lesion))
                ++s.applied;
            s.fallback += fallback;
        } else {
            s.reasons[lesion] = ix.reasons[e];
            app.model.mark_unavailable(lesion, unavailable_status(ix.status[e]));
            ++s.failed;
        }
    }
    app.status = "Lesion index loaded: " + std::to_string(s.applied) + " of " + std::to_string(s.rows) +
                 " lesions have features" + (s.failed ? ", " + std::to_string(s.failed) + " without (no usable image)" : "");
    platform::log_info("lesion index " + where + ": " + std::to_string(s.applied) + " lesions with features, " +
                       std::to_string(s.failed) + " without, " + std::to_string(s.fallback) + " on a fallback segmentation");
    app.request_redraw();
    return Status::success();
}

void load_index(App& app, const std::string& url, bool quiet_missing) {
    const uint64_t gen = app.data_generation;
    app.index.status = "loading";
    app.index.source = url;
    platform::fetch(url, [&app, gen, url, quiet_missing](Result<platform::Bytes> r) {
        if (gen != app.data_generation) return;  // another dataset came meanwhile: not this index's
        if (!r.ok()) {
            if (quiet_missing) {
                app.index = {};
                platform::log_info("no lesion index at " + url + " (" + r.error().message + ")");
                app.request_redraw();
                return;
            }
            refuse(app, url, "lesion index: cannot read the file: " + r.error().message);
            return;
        }
        apply_index(app, r.value(), url);
    });
}

void load_source_index(App& app) {
    if (app.source.kind != SourceKind::Url && app.source.kind != SourceKind::Folder) return;
    load_index(app, join_path(app.source.base, std::string(kIndexFileName)), true);
}

ModelCounts model_counts(const App& app) {
    ModelCounts c;
    c.indexed = app.model.featured();
    for (const LesionScore& s : app.model.scores()) {
        c.scored += s.ok();
        c.flagged += s.ok() && s.flagged;
    }
    c.scoring = app.model.scoring();
    c.scoring_done = app.model.scoring_done();
    c.scoring_total = app.model.scoring_total();
    return c;
}

void load_folder_index(App& app, const platform::FolderListing& folder) {
    const std::string path = pick_index_path(folder.index_paths);
    if (path.empty()) return;
    load_index(app, join_path(folder.base, path), false);
}

}  // namespace duck
