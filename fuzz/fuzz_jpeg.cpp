// fuzz_jpeg.cpp - the JPEG decode wrapper (header walk + stb_image) and its pixel
// limit. The limit is set low (1 MP) so that the fuzzer exercises the refusal path
// constantly and large declared sizes cost nothing. Checks: a decode succeeds only
// when the header walk said Ready, the decoded size is the header's size and within
// the limit, the RGBA buffer has exactly w*h*4 bytes and opaque alpha, and every
// failure carries a message.
#include <cstddef>
#include <cstdint>
#include <span>

#include "core/image/jpeg_decode.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::span<const uint8_t> bytes(data, size);
    (void)duck::sniff_format(bytes);
    const duck::DecodeLimits limits{1.0};

    const duck::JpegInfo info = duck::jpeg_info(bytes, limits);
    if (info.ok()) {
        FUZZ_CHECK(info.error.empty());
        FUZZ_CHECK(info.width > 0 && info.height > 0);
        FUZZ_CHECK(double(info.width) * info.height <= 1.0e6);
    } else {
        FUZZ_CHECK(!info.error.empty());
        FUZZ_CHECK(info.status == duck::ImageStatus::Corrupt || info.status == duck::ImageStatus::TooLarge);
    }

    const duck::DecodedImage img = duck::decode_jpeg(bytes, limits);
    if (img.ok()) {
        FUZZ_CHECK(info.ok());
        FUZZ_CHECK(img.image.width == info.width && img.image.height == info.height);
        FUZZ_CHECK(double(img.image.width) * img.image.height <= 1.0e6);
        FUZZ_CHECK(img.image.pixels.size() == size_t(img.image.width) * size_t(img.image.height) * 4);
        for (size_t i = 3; i < img.image.pixels.size(); i += 4) FUZZ_CHECK(img.image.pixels[i] == 255);
    } else {
        FUZZ_CHECK(!img.error.empty());
        FUZZ_CHECK(img.image.pixels.empty());
        if (img.status == duck::ImageStatus::TooLarge) FUZZ_CHECK(info.status == duck::ImageStatus::TooLarge);
    }
    return 0;
}
