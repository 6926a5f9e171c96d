// index_merge.cpp - merge_shards() (index_merge.h).
#include "core/index/index_merge.h"

#include <algorithm>

namespace duck {

namespace {

std::string shard_label(const LesionIndex& ix) {
    return std::to_string(ix.shard_index) + "/" + std::to_string(ix.shard_count);
}

Error fail(std::string m) { return Error{"index-merge: " + std::move(m)}; }

}  // namespace

Result<LesionIndex> merge_shards(std::vector<NamedShard> shards) {
    if (shards.empty()) return fail("no shards given");
    const NamedShard& first = shards.front();
    const uint32_t count = first.index.shard_count;
    std::vector<const NamedShard*> by_index(count, nullptr);
    for (const NamedShard& s : shards) {
        const LesionIndex& ix = s.index;
        const std::string vs = s.name + " and " + first.name;
        if (ix.extractor != first.index.extractor)
            return fail(vs + " come from different extractors (\"" + ix.extractor + "\" vs \"" +
                        first.index.extractor + "\")");
        if (ix.feature_keys != first.index.feature_keys) return fail(vs + " have different feature keys");
        if (ix.image_names != first.index.image_names || ix.patient_ids != first.index.patient_ids ||
            ix.dataset_fingerprint != first.index.dataset_fingerprint)
            return fail(vs + " belong to different datasets (rows or metadata fingerprint differ)");
        if (ix.shard_count != count)
            return fail(s.name + " is shard " + shard_label(ix) + " but " + first.name + " is shard " +
                        shard_label(first.index) + ": shards of different splits");
        if (by_index[ix.shard_index])
            return fail("shard " + shard_label(ix) + " given twice (" + by_index[ix.shard_index]->name + " and " +
                        s.name + ")");
        by_index[ix.shard_index] = &s;
    }
    for (uint32_t i = 0; i < count; ++i)
        if (!by_index[i])
            return fail("shard " + std::to_string(i) + "/" + std::to_string(count) + " is missing: rows " +
                        std::to_string(i) + ", " + std::to_string(i + count) + ", ... are in no shard given");

    LesionIndex whole;
    whole.extractor = first.index.extractor;
    whole.feature_keys = first.index.feature_keys;
    whole.image_names = first.index.image_names;
    whole.patient_ids = first.index.patient_ids;
    whole.dataset_fingerprint = first.index.dataset_fingerprint;
    const size_t n = whole.image_names.size(), nf = whole.n_features();
    whole.rows = shard_rows(uint32_t(n), 0, 1);
    whole.status.resize(n);
    whole.reasons.resize(n);
    whole.features.resize(n * nf);
    // Each shard's entry e is row shard_index + e * count.
    for (const NamedShard* s : by_index) {
        const LesionIndex& ix = s->index;
        for (size_t e = 0; e < ix.size(); ++e) {
            const uint32_t row = ix.rows[e];
            whole.status[row] = ix.status[e];
            whole.reasons[row] = ix.reasons[e];
            std::copy(ix.entry_features(e), ix.entry_features(e) + nf, whole.features.begin() + std::ptrdiff_t(row * nf));
        }
    }
    return whole;
}

}  // namespace duck
