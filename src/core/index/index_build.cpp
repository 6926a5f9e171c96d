// index_build.cpp - the lesion index's entries (index_build.h).
#include "core/index/index_build.h"

#include <cmath>
#include <limits>

#include "core/image/image_pipeline.h"
#include "core/index/dataset_fingerprint.h"

namespace duck {

LesionIndex empty_index(const Dataset& ds, const FeatureExtractor& extractor, uint32_t shard_index,
                        uint32_t shard_count) {
    LesionIndex ix;
    ix.extractor = std::string(extractor.name());
    for (const auto& f : extractor.features()) ix.feature_keys.emplace_back(f.key);
    ix.image_names.reserve(ds.lesions.size());
    ix.patient_ids.reserve(ds.lesions.size());
    for (const Lesion& l : ds.lesions) {
        ix.image_names.emplace_back(std::string_view(l.image_name));
        ix.patient_ids.emplace_back(std::string_view(l.patient_id));
    }
    ix.dataset_fingerprint = dataset_fingerprint(ds);
    ix.shard_index = shard_index;
    ix.shard_count = shard_count;
    ix.rows = shard_rows(uint32_t(ds.lesions.size()), shard_index, shard_count);
    ix.status.assign(ix.rows.size(), LesionStatus::NoImage);
    ix.reasons.assign(ix.rows.size(), "not analysed");
    ix.features.assign(ix.rows.size() * ix.n_features(), std::numeric_limits<float>::quiet_NaN());
    return ix;
}

RowAnalysis analyse_image(std::span<const uint8_t> bytes, const FeatureExtractor& extractor) {
    RowAnalysis a;
    // The app's image worker's request: no thumbnail, the analysis-size image.
    PipelineRequest rq;
    rq.thumb_side = 0;
    rq.analysis_side = kAnalysisSide;
    PipelineResult d = process_image(bytes, rq);
    if (!d.ok()) {
        a.status = LesionStatus::DecodeError;
        a.reason = std::string(image_status_name(d.status)) + ": " + d.error;
        return a;
    }
    auto feats = extractor.extract(d.analysis);
    if (!feats.ok()) {
        a.status = LesionStatus::Unusable;
        a.reason = feats.error().message;
        return a;
    }
    a.features = std::move(feats.value().values);
    if (feats.value().segmentation_fallback) {
        a.status = LesionStatus::SegmentationFallback;
        a.reason = feats.value().note.empty() ? std::string("segmentation fell back") : feats.value().note;
    } else {
        a.status = LesionStatus::Ok;
    }
    return a;
}

void set_entry(LesionIndex& ix, size_t entry, RowAnalysis a) {
    const size_t nf = ix.n_features();
    ix.status[entry] = a.status;
    ix.reasons[entry] = std::move(a.reason);
    float* dst = ix.features.data() + entry * nf;
    const bool copy = has_features(a.status) && a.features.size() == nf;
    for (size_t k = 0; k < nf; ++k) dst[k] = copy ? a.features[k] : std::numeric_limits<float>::quiet_NaN();
    if (has_features(a.status) && !copy) {
        ix.status[entry] = LesionStatus::Unusable;
        ix.reasons[entry] = "extractor returned " + std::to_string(a.features.size()) + " values for " +
                            std::to_string(nf) + " features";
    }
}

std::vector<ScoreItem> score_items(const LesionIndex& ix) {
    std::vector<ScoreItem> items(ix.size());
    for (size_t e = 0; e < ix.size(); ++e) {
        ScoreItem& it = items[e];
        it.patient_id = ix.patient_ids[ix.rows[e]];
        if (has_features(ix.status[e])) {
            it.has_features = true;
            it.features.assign(ix.entry_features(e), ix.entry_features(e) + ix.n_features());
            it.segmentation_fallback = ix.status[e] == LesionStatus::SegmentationFallback;
        } else {
            it.unavailable = std::string(lesion_status_name(ix.status[e]));
        }
    }
    return items;
}

}  // namespace duck
