// fuzz_dicom.cpp - the DICOM Part 10 reader and the JPEG/DICOM decode dispatch.
// Declared lengths larger than the bytes left are the classic DICOM bug: with
// ASan, any read past the input or allocation driven by a lying length shows up
// here (libFuzzer's -malloc_limit_mb catches the latter). Checks: the extracted
// frame is never larger than the input, and the dispatch's pixel limit holds.
#include <cstddef>
#include <cstdint>
#include <span>

#include "core/image/dicom.h"
#include "core/image/image_decode.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::span<const uint8_t> bytes(data, size);
    auto parsed = duck::parse_dicom(bytes);
    if (parsed) {
        const duck::DicomFile& f = parsed.value();
        FUZZ_CHECK(f.frame.size() <= size);
        FUZZ_CHECK(f.fragments >= 0 && f.offset_table_entries >= 0);
        (void)duck::dicom_tag_list(f.tags);
        (void)duck::dicom_syntax_name(f.tags.transfer_syntax_uid);
    } else {
        FUZZ_CHECK(!parsed.error().message.empty());
    }

    const duck::DecodeLimits limits{1.0};
    const duck::DecodedFile out = duck::decode_image_file(bytes, limits);
    if (out.decoded.ok()) {
        const auto& img = out.decoded.image;
        FUZZ_CHECK(img.width > 0 && img.height > 0);
        FUZZ_CHECK(double(img.width) * img.height <= 1.0e6);
        FUZZ_CHECK(img.pixels.size() == size_t(img.width) * size_t(img.height) * 4);
    } else {
        FUZZ_CHECK(!out.decoded.error.empty());
    }
    return 0;
}
