// fuzz_jpeg.cpp - the JPEG decode wrappers (header walk + stb_image, and the
// reduced-scale libjpeg-turbo decode) and the pixel limit. The limit is set low (1 MP) so that the fuzzer exercises the refusal path
// constantly and large declared sizes cost nothing. Checks: a decode succeeds only
// when the header walk said Ready, the decoded size is the header's size and within
// the limit, the RGBA buffer has exactly w*h*4 bytes and opaque alpha, and every
// failure carries a message. The reduced-scale decoder runs on what the header
// walk lets through (as the image pipeline does), at 1/1, 1/2, 1/4 or 1/8 by the
// input's length: a success has ceil(w/d) x ceil(h/d) opaque RGBA pixels, a
// failure (libjpeg's errors and warnings come back through longjmp) a message.
#include <cstddef>
#include <cstdint>
#include <span>

#include "core/image/jpeg_decode.h"
#include "core/image/jpeg_scaled.h"
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

    if (info.ok()) {
        const int denom = 1 << (size % 4);
        const duck::ScaledJpeg s = duck::decode_jpeg_scaled(bytes, denom);
        if (s.ok) {
            FUZZ_CHECK(s.error.empty());
            FUZZ_CHECK(s.image.width == (info.width + denom - 1) / denom);
            FUZZ_CHECK(s.image.height == (info.height + denom - 1) / denom);
            FUZZ_CHECK(s.image.pixels.size() == size_t(s.image.width) * size_t(s.image.height) * 4);
            for (size_t i = 3; i < s.image.pixels.size(); i += 4) FUZZ_CHECK(s.image.pixels[i] == 255);
        } else {
            FUZZ_CHECK(!s.error.empty());
            FUZZ_CHECK(s.image.pixels.empty());
        }
    }
    return 0;
}
