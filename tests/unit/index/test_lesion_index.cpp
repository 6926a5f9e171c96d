// test_lesion_index.cpp - the lesion index file: round trip, and every kind of
// bad file refused with a message that says what is wrong.
#include <doctest/doctest.h>

#include <cstring>

#include "core/index/dataset_fingerprint.h"
#include "core/index/index_bytes.h"
#include "core/index/lesion_index.h"
#include "index/index_fixture.h"

using namespace duck;

namespace {

std::string decode_error(const std::vector<uint8_t>& bytes) {
    auto r = decode_index(bytes);
    return r.ok() ? std::string("(accepted)") : r.error().message;
}

// Rewrites the declared size and the checksum after an edit, so only the
// edit itself can be what the reader objects to.
void reseal(std::vector<uint8_t>& b) {
    const uint64_t size = b.size();
    for (int i = 0; i < 8; ++i) b[12 + size_t(i)] = uint8_t(size >> (8 * i));
    const uint32_t crc = index_bytes::crc32(std::span<const uint8_t>(b.data(), b.size() - 4));
    for (int i = 0; i < 4; ++i) b[b.size() - 4 + size_t(i)] = uint8_t(crc >> (8 * i));
}

void put_u32(std::vector<uint8_t>& b, size_t at, uint32_t v) {
    for (int i = 0; i < 4; ++i) b[at + size_t(i)] = uint8_t(v >> (8 * i));
}

}  // namespace

TEST_CASE("index: a written index reads back field for field and re-encodes to the same bytes") {
    const Dataset ds = test::index_dataset();
    const LesionIndex ix = test::made_up_index(ds);
    const auto bytes = test::encoded(ix);
    REQUIRE(!bytes.empty());
    CHECK(std::memcmp(bytes.data(), "DUCKLIDX", 8) == 0);
    auto back = decode_index(bytes);
    REQUIRE_MESSAGE(back.ok(), back.error().message);
    const LesionIndex& r = back.value();
    CHECK(r.extractor == "dermoscopic-v2");
    CHECK(r.feature_keys == ix.feature_keys);
    CHECK(r.n_features() == DermFeatureExtractor().features().size());
    CHECK(r.image_names == std::vector<std::string>{"ISIC_0000001", "ISIC_0000002", "ISIC_0000003", "ISIC_0000004",
                                                    "ISIC_0000005", "ISIC_0000006", "ISIC_0000007"});
    CHECK(r.patient_ids[2] == "IP_2");
    CHECK(r.dataset_fingerprint == dataset_fingerprint(ds));
    CHECK(r.rows == ix.rows);
    CHECK(r.status == ix.status);
    CHECK(r.reasons == ix.reasons);
    CHECK(r.status[1] == LesionStatus::SegmentationFallback);
    CHECK(r.reasons[3] == "corrupt: not a JPEG");
    REQUIRE(r.features.size() == 7 * r.n_features());
    // Row 5 (ok) feature 3 is 503.25; row 2 (no image) has NaN features.
    CHECK(r.entry_features(5)[3] == 503.25f);
    CHECK(std::isnan(r.entry_features(2)[0]));
    CHECK(test::encoded(r) == bytes);
    CHECK(check_extractor(r, DermFeatureExtractor()).ok());
    CHECK(check_dataset(r, ds).ok());
}

TEST_CASE("index: an empty dataset is a valid index too") {
    const Dataset empty;
    const LesionIndex ix = test::made_up_index(empty);
    auto back = decode_index(test::encoded(ix));
    REQUIRE_MESSAGE(back.ok(), back.error().message);
    CHECK(back.value().size() == 0);
}

TEST_CASE("index: a file that is not an index is refused as such") {
    const std::string csv = "image_name,patient_id\nISIC_1,IP_1\n";
    std::vector<uint8_t> b(csv.begin(), csv.end());
    CHECK(decode_error(b).find("not a lesion index file (bad magic") != std::string::npos);
    CHECK(decode_error({}) == "lesion index: empty file");
}

TEST_CASE("index: a newer format version is refused with both versions named") {
    auto b = test::encoded(test::made_up_index(test::index_dataset()));
    put_u32(b, 8, kIndexVersion + 1);
    reseal(b);
    const std::string e = decode_error(b);
    CHECK(e.find("format version " + std::to_string(kIndexVersion + 1) + " is newer than this build reads (" +
                 std::to_string(kIndexVersion) + ")") != std::string::npos);
}

TEST_CASE("index: a truncated file is refused as truncated, wherever it was cut") {
    const auto whole = test::encoded(test::made_up_index(test::index_dataset()));
    for (size_t cut : {size_t(4), size_t(10), size_t(20), whole.size() / 2, whole.size() - 1}) {
        auto b = whole;
        b.resize(cut);
        CAPTURE(cut);
        CHECK(decode_error(b).find("truncated") != std::string::npos);
    }
    auto b = whole;
    b.resize(whole.size() / 2);
    CHECK(decode_error(b) == "lesion index: truncated: " + std::to_string(whole.size() / 2) +
                                 " bytes, the header says " + std::to_string(whole.size()));
}

TEST_CASE("index: bytes after the declared end are refused") {
    auto b = test::encoded(test::made_up_index(test::index_dataset()));
    b.push_back(0);
    CHECK(decode_error(b).find("1 bytes after the end the header declares") != std::string::npos);
}

TEST_CASE("index: one flipped bit anywhere past the header fails the checksum") {
    const auto whole = test::encoded(test::made_up_index(test::index_dataset()));
    for (size_t at : {size_t(20), size_t(40), whole.size() / 2, whole.size() - 5, whole.size() - 1}) {
        auto b = whole;
        b[at] ^= 0x10;
        CAPTURE(at);
        CHECK(decode_error(b).find("checksum mismatch (file is corrupt)") != std::string::npos);
    }
}

TEST_CASE("index: a well-sealed file whose sections do not add up is refused as malformed") {
    const LesionIndex ix = test::made_up_index(test::index_dataset());
    const auto whole = test::encoded(ix);
    // The feature count sits right after the extractor name.
    const size_t n_features_at = 20 + 4 + ix.extractor.size();
    auto b = whole;
    put_u32(b, n_features_at, 0x7FFFFFFF);
    reseal(b);
    CHECK(decode_error(b).find("malformed: 2147483647 features do not fit the file") != std::string::npos);

    // A row count whose byte size would wrap a 32-bit size_t (the wasm build).
    size_t n_rows_at = n_features_at + 4;
    for (const auto& k : ix.feature_keys) n_rows_at += 4 + k.size();
    b = whole;
    put_u32(b, n_rows_at, 0x20000000);
    reseal(b);
    CHECK(decode_error(b).find("malformed: the dataset section (536870912 rows) does not fit the file") !=
          std::string::npos);

    // A shard header that does not match the rows held (shard index 1 of 1).
    size_t shard_at = n_rows_at + 4 + 8;
    for (size_t i = 0; i < ix.image_names.size(); ++i) shard_at += 8 + ix.image_names[i].size() + ix.patient_ids[i].size();
    b = whole;
    put_u32(b, shard_at, 1);
    reseal(b);
    CHECK(decode_error(b).find("malformed: shard 1/1 is not a valid shard") != std::string::npos);
    b = whole;
    put_u32(b, shard_at + 4, 2);  // shard 0/2 holds rows 0, 2, 4, 6, not all 7
    reseal(b);
    CHECK(decode_error(b).find("malformed: the rows held are not exactly those of shard 0/2") != std::string::npos);
}

TEST_CASE("index: an index from another extractor or with other feature keys is refused") {
    LesionIndex ix = test::made_up_index(test::index_dataset());
    const DermFeatureExtractor ex;
    LesionIndex renamed = ix;
    renamed.extractor = "dermoscopic-v1";
    CHECK(check_extractor(renamed, ex).message ==
          "lesion index: built by extractor \"dermoscopic-v1\", this build uses \"dermoscopic-v2\"; rebuild the index");
    LesionIndex rekeyed = ix;
    rekeyed.feature_keys[2] = "old_key";
    // Survives the file, then fails the check.
    auto back = decode_index(test::encoded(rekeyed));
    REQUIRE(back.ok());
    const std::string m = check_extractor(back.value(), ex).message;
    CHECK(m.find("feature keys differ at feature 2: the file has \"old_key\", the extractor \"") != std::string::npos);
    LesionIndex fewer = ix;
    fewer.feature_keys.pop_back();
    fewer.features.resize(fewer.size() * fewer.n_features());
    CHECK(check_extractor(fewer, ex).message.find("the file has " + std::to_string(ex.features().size() - 1) +
                                                 " features") != std::string::npos);
}

TEST_CASE("index: an index opened beside another dataset is refused") {
    const LesionIndex ix = test::made_up_index(test::index_dataset());
    // Other rows.
    Dataset fewer = test::index_dataset();
    fewer.lesions.pop_back();
    fewer.reindex();
    CHECK(check_dataset(ix, fewer).message == "lesion index: built for a dataset of 7 rows, this dataset has 6");
    Dataset reordered = test::index_dataset();
    std::swap(reordered.lesions[0], reordered.lesions[1]);
    reordered.reindex();
    CHECK(check_dataset(ix, reordered).message ==
          "lesion index: row 0 is ISIC_0000001 in the index but ISIC_0000002 in this dataset");
    // Same names, one age changed: only the fingerprint tells.
    const std::string m = check_dataset(ix, test::index_dataset("50.0")).message;
    CHECK(m.find("same image names, but the dataset's metadata differs from the one indexed") != std::string::npos);
}

TEST_CASE("index: the dataset fingerprint follows the rows' values, not the CSV's bytes") {
    const uint64_t fp = dataset_fingerprint(test::index_dataset());
    CHECK(dataset_fingerprint(test::index_dataset("45")) == fp);  // "45" and "45.0" are the same age
    CHECK(dataset_fingerprint(test::index_dataset("46.0")) != fp);
    CHECK(dataset_fingerprint(test::index_dataset("")) != fp);
    Dataset relabelled = test::index_dataset();
    relabelled.lesions[3].label = Label::Malignant;
    CHECK(dataset_fingerprint(relabelled) != fp);
}

TEST_CASE("index: a struct whose arrays do not line up is not written") {
    LesionIndex ix = test::made_up_index(test::index_dataset());
    ix.features.pop_back();
    auto b = encode_index(ix);
    REQUIRE(!b.ok());
    CHECK(b.error().message.find("lesion index: cannot write: entry arrays do not line up") != std::string::npos);
}

TEST_CASE("index: CRC-32 is the standard one") {
    const std::string s = "123456789";
    CHECK(index_bytes::crc32(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(s.data()), s.size())) ==
          0xCBF43926u);
}
