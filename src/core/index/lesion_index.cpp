// lesion_index.cpp - the lesion index file: encode, decode and the checks that
// tie a file to an extractor and a dataset (lesion_index.h, docs/index-format.md).
#include "core/index/lesion_index.h"

#include <cmath>
#include <cstring>
#include <limits>

#include "core/index/dataset_fingerprint.h"
#include "core/index/index_bytes.h"

namespace duck {

namespace {

using index_bytes::Reader;
using index_bytes::Writer;

// Header: magic (8), version (u32), file size (u64). Trailer: CRC-32 (u32).
constexpr size_t kHeaderBytes = 8 + 4 + 8;
constexpr size_t kTrailerBytes = 4;
// Caps that keep a hostile file from asking for absurd allocations; far above
// anything real (ISIC image names are 12 bytes, the extractor has 61 features).
constexpr uint32_t kMaxName = 4096;
constexpr uint32_t kMaxReason = 65536;
constexpr uint32_t kMaxFeatures = 65536;

Error fail(std::string m) { return Error{"lesion index: " + std::move(m)}; }

std::string hex64(uint64_t v) {
    static const char* d = "0123456789abcdef";
    std::string s(16, '0');
    for (int i = 15; i >= 0; --i, v >>= 4) s[size_t(i)] = d[v & 15];
    return s;
}

// The consistency rules shared by encode (a programming error) and decode (a bad file).
Status check_shape(const LesionIndex& ix) {
    const size_t n = ix.rows.size();
    if (ix.patient_ids.size() != ix.image_names.size())
        return Status::fail(std::to_string(ix.image_names.size()) + " image names but " +
                            std::to_string(ix.patient_ids.size()) + " patient ids");
    if (ix.shard_count == 0 || ix.shard_index >= ix.shard_count)
        return Status::fail("shard " + std::to_string(ix.shard_index) + "/" + std::to_string(ix.shard_count) +
                            " is not a valid shard (needs index < count)");
    if (ix.status.size() != n || ix.reasons.size() != n || ix.features.size() != n * ix.n_features())
        return Status::fail("entry arrays do not line up: " + std::to_string(n) + " rows, " +
                            std::to_string(ix.status.size()) + " statuses, " + std::to_string(ix.reasons.size()) +
                            " reasons, " + std::to_string(ix.features.size()) + " feature values for " +
                            std::to_string(ix.n_features()) + " features");
    if (ix.rows != shard_rows(uint32_t(ix.image_names.size()), ix.shard_index, ix.shard_count))
        return Status::fail("the rows held are not exactly those of shard " + std::to_string(ix.shard_index) + "/" +
                            std::to_string(ix.shard_count) + " of " + std::to_string(ix.image_names.size()) +
                            " rows (row % count == index)");
    for (const auto& s : ix.status)
        if (uint8_t(s) >= kLesionStatusCount)
            return Status::fail("unknown status code " + std::to_string(int(s)));
    return Status::success();
}

}  // namespace

std::string_view lesion_status_name(LesionStatus s) {
    switch (s) {
        case LesionStatus::Ok: return "ok";
        case LesionStatus::NoImage: return "no_image";
        case LesionStatus::DecodeError: return "decode_error";
        case LesionStatus::SegmentationFallback: return "segmentation_fallback";
        case LesionStatus::Unusable: return "unusable";
    }
    return "unknown";
}

std::vector<uint32_t> shard_rows(uint32_t n_rows, uint32_t index, uint32_t count) {
    std::vector<uint32_t> rows;
    if (count == 0) return rows;
    for (uint32_t r = index; r < n_rows; r += count) rows.push_back(r);
    return rows;
}

Result<std::vector<uint8_t>> encode_index(const LesionIndex& ix) {
    if (Status s = check_shape(ix); !s.ok()) return fail("cannot write: " + s.message);
    if (ix.image_names.size() > std::numeric_limits<uint32_t>::max() ||
        ix.feature_keys.size() > kMaxFeatures)
        return fail("cannot write: too many rows or features");
    Writer w;
    w.bytes(std::string_view(kIndexMagic, 8));
    w.u32(kIndexVersion);
    w.u64(0);  // file size, patched below
    w.str(ix.extractor);
    w.u32(uint32_t(ix.feature_keys.size()));
    for (const auto& k : ix.feature_keys) w.str(k);
    w.u32(uint32_t(ix.image_names.size()));
    w.u64(ix.dataset_fingerprint);
    for (size_t i = 0; i < ix.image_names.size(); ++i) {
        w.str(ix.image_names[i]);
        w.str(ix.patient_ids[i]);
    }
    w.u32(ix.shard_index);
    w.u32(ix.shard_count);
    w.u32(uint32_t(ix.rows.size()));
    for (uint32_t r : ix.rows) w.u32(r);
    for (auto s : ix.status) w.u8(uint8_t(s));
    for (const auto& r : ix.reasons) w.str(r);
    for (float v : ix.features) w.f32(v);
    w.patch_u64(12, uint64_t(w.size() + kTrailerBytes));
    const uint32_t crc = index_bytes::crc32(w.buffer());
    w.u32(crc);
    return std::move(w.buffer());
}

Result<LesionIndex> decode_index(std::span<const uint8_t> bytes) {
    if (bytes.empty()) return fail("empty file");
    if (bytes.size() < 8 && std::memcmp(bytes.data(), kIndexMagic, bytes.size()) == 0)
        return fail("truncated: " + std::to_string(bytes.size()) + " bytes, shorter than the header");
    if (bytes.size() < 8 || std::string_view(reinterpret_cast<const char*>(bytes.data()), 8) !=
                                std::string_view(kIndexMagic, 8))
        return fail("not a lesion index file (bad magic; expected \"DUCKLIDX\")");
    Reader head(bytes.subspan(8));
    const uint32_t version = head.u32();
    const uint64_t declared = head.u64();
    if (head.failed()) return fail("truncated: " + std::to_string(bytes.size()) + " bytes, shorter than the header");
    if (version > kIndexVersion)
        return fail("format version " + std::to_string(version) + " is newer than this build reads (" +
                    std::to_string(kIndexVersion) + "); update Duckling");
    if (version != kIndexVersion) return fail("format version " + std::to_string(version) + " is not supported");
    if (declared > bytes.size())
        return fail("truncated: " + std::to_string(bytes.size()) + " bytes, the header says " +
                    std::to_string(declared));
    if (declared < bytes.size())
        return fail(std::to_string(bytes.size() - declared) + " bytes after the end the header declares (" +
                    std::to_string(declared) + ")");
    if (declared < kHeaderBytes + kTrailerBytes) return fail("declared size " + std::to_string(declared) + " is too small");
    const size_t body = bytes.size() - kTrailerBytes;
    Reader tail(bytes.subspan(body));
    const uint32_t stored = tail.u32();
    const uint32_t actual = index_bytes::crc32(bytes.first(body));
    if (stored != actual)
        return fail("checksum mismatch (file is corrupt): stored " + std::to_string(stored) + ", computed " +
                    std::to_string(actual));

    LesionIndex ix;
    Reader r(bytes.subspan(kHeaderBytes, body - kHeaderBytes));
    ix.extractor = r.str(kMaxName);
    const uint32_t n_features = r.u32();
    if (n_features > kMaxFeatures || uint64_t(n_features) * 4 > r.left())
        return fail("malformed: " + std::to_string(n_features) + " features do not fit the file");
    for (uint32_t i = 0; i < n_features && !r.failed(); ++i) ix.feature_keys.push_back(r.str(kMaxName));
    const uint32_t n_rows = r.u32();
    ix.dataset_fingerprint = r.u64();
    if (r.failed() || uint64_t(n_rows) * 8 > r.left())
        return fail("malformed: the dataset section (" + std::to_string(n_rows) + " rows) does not fit the file");
    ix.image_names.reserve(n_rows);
    ix.patient_ids.reserve(n_rows);
    for (uint32_t i = 0; i < n_rows && !r.failed(); ++i) {
        ix.image_names.push_back(r.str(kMaxName));
        ix.patient_ids.push_back(r.str(kMaxName));
    }
    ix.shard_index = r.u32();
    ix.shard_count = r.u32();
    const uint32_t n = r.u32();
    // Each entry takes at least 4 + 1 + 4 bytes plus its features. In 64 bits:
    // size_t is 32 bits in the wasm build, where a product could wrap.
    if (r.failed() || uint64_t(n) * (9 + uint64_t(n_features) * 4) > r.left())
        return fail("malformed: " + std::to_string(n) + " entries do not fit the file");
    ix.rows.resize(n);
    for (auto& row : ix.rows) row = r.u32();
    ix.status.resize(n);
    for (auto& s : ix.status) s = LesionStatus(r.u8());
    ix.reasons.reserve(n);
    for (uint32_t i = 0; i < n && !r.failed(); ++i) ix.reasons.push_back(r.str(kMaxReason));
    ix.features.resize(size_t(n) * n_features);
    for (auto& v : ix.features) v = r.f32();
    if (r.failed()) return fail("malformed: a section runs past the end of the file");
    if (r.left() != 0) return fail("malformed: " + std::to_string(r.left()) + " unexplained bytes before the checksum");
    if (Status s = check_shape(ix); !s.ok()) return fail("malformed: " + s.message);
    return ix;
}

Status check_extractor(const LesionIndex& ix, const FeatureExtractor& extractor) {
    if (ix.extractor != extractor.name())
        return Status::fail("lesion index: built by extractor \"" + ix.extractor + "\", this build uses \"" +
                            std::string(extractor.name()) + "\"; rebuild the index");
    const auto& feats = extractor.features();
    if (ix.feature_keys.size() != feats.size())
        return Status::fail("lesion index: feature keys differ: the file has " + std::to_string(ix.feature_keys.size()) +
                            " features, extractor \"" + std::string(extractor.name()) + "\" has " +
                            std::to_string(feats.size()) + "; rebuild the index");
    for (size_t i = 0; i < feats.size(); ++i)
        if (ix.feature_keys[i] != feats[i].key)
            return Status::fail("lesion index: feature keys differ at feature " + std::to_string(i) + ": the file has \"" +
                                ix.feature_keys[i] + "\", the extractor \"" + feats[i].key + "\"; rebuild the index");
    return Status::success();
}

Status check_dataset(const LesionIndex& ix, const Dataset& ds) {
    if (ix.image_names.size() != ds.lesions.size())
        return Status::fail("lesion index: built for a dataset of " + std::to_string(ix.image_names.size()) +
                            " rows, this dataset has " + std::to_string(ds.lesions.size()));
    for (size_t i = 0; i < ds.lesions.size(); ++i)
        if (ix.image_names[i] != std::string_view(ds.lesions[i].image_name))
            return Status::fail("lesion index: row " + std::to_string(i) + " is " + ix.image_names[i] +
                                " in the index but " + std::string(std::string_view(ds.lesions[i].image_name)) +
                                " in this dataset");
    const uint64_t fp = dataset_fingerprint(ds);
    if (fp != ix.dataset_fingerprint)
        return Status::fail("lesion index: same image names, but the dataset's metadata differs from the one indexed "
                            "(fingerprint " + hex64(fp) + ", the index has " + hex64(ix.dataset_fingerprint) + ")");
    return Status::success();
}

}  // namespace duck
