// fuzz_index.cpp - the lesion index file (core/index/lesion_index.h), which a
// user may hand the app or the CLI from anywhere. The input is decoded twice: as
// it is, and "resealed" (its declared size and CRC-32 rewritten to match), so the
// fuzzer gets past the checksum into every section. Checks besides ASan/UBSan:
//  - a refusal is an Error whose message starts "lesion index: ";
//  - an accepted file re-encodes to exactly its own bytes (the format has one
//    encoding), and the extractor and dataset checks answer without crashing.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/data/dataset_load.h"
#include "core/index/index_bytes.h"
#include "core/index/lesion_index.h"
#include "fuzz_check.h"

namespace {

void check(const std::vector<uint8_t>& bytes) {
    auto r = duck::decode_index(bytes);
    if (!r.ok()) {
        FUZZ_CHECK(r.error().message.rfind("lesion index: ", 0) == 0);
        return;
    }
    auto again = duck::encode_index(r.value());
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(again.value() == bytes);
    static const duck::DermFeatureExtractor ex;
    static const duck::Dataset ds =
        duck::load_csv("image_name,patient_id\nISIC_0000001,IP_1\nISIC_0000002,IP_1\n", "f.csv").dataset;
    (void)duck::check_extractor(r.value(), ex);
    (void)duck::check_dataset(r.value(), ds);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::vector<uint8_t> bytes(data, data + size);
    check(bytes);
    // Resealed: size at offset 12 and the CRC-32 of all but the last 4 bytes.
    if (bytes.size() >= 24) {
        const uint64_t n = bytes.size();
        for (int i = 0; i < 8; ++i) bytes[12 + size_t(i)] = uint8_t(n >> (8 * i));
        const uint32_t crc = duck::index_bytes::crc32(std::span<const uint8_t>(bytes.data(), bytes.size() - 4));
        for (int i = 0; i < 4; ++i) bytes[bytes.size() - 4 + size_t(i)] = uint8_t(crc >> (8 * i));
        check(bytes);
    }
    return 0;
}
