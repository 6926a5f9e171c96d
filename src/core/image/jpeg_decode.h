// jpeg_decode.h - JPEG bytes in memory -> ImageRGBA, with a pixel limit checked on
// the header before any pixel memory is allocated. Built on stb_image 2.30 (JPEG
// only, compiled in stb_image_impl.cpp). Failures are values with a message a
// person can act on ("truncated JPEG ...", "not a JPEG (PNG signature)").
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/image/image.h"
#include "core/image/image_status.h"

namespace duck {

// ISIC originals reach 24 MP (6000x4000); anything over this is refused as too_large.
inline constexpr double kDefaultMaxMegapixels = 50.0;

struct DecodeLimits {
    double max_megapixels = kDefaultMaxMegapixels;
};

// What the header says, without decoding pixels. status is Ready when the header
// is sound, within the limit and the entropy-coded data reaches an end-of-image
// marker; otherwise Corrupt or TooLarge with `error` set.
struct JpegInfo {
    ImageStatus status = ImageStatus::Corrupt;
    std::string error;
    int width = 0;
    int height = 0;
    int components = 0;      // 1 grey, 3 YCbCr/RGB, 4 CMYK/YCCK
    bool progressive = false;
    bool ok() const { return status == ImageStatus::Ready; }
};

// A decode attempt: image filled (RGBA) only when status == Ready.
struct DecodedImage {
    ImageStatus status = ImageStatus::Corrupt;
    std::string error;
    ImageRGBA image;
    bool ok() const { return status == ImageStatus::Ready; }
};

// Short name of the container the bytes start with: "jpeg", "dicom", "png", "gif",
// "bmp", "tiff", "webp", "html", "pdf", "empty" or "unknown". Used for messages
// such as "not a JPEG (PNG signature)" and for choosing the JPEG or DICOM path.
std::string_view sniff_format(std::span<const uint8_t> bytes);

// Header walk: SOF dimensions, limit check, truncation check (no EOI = truncated).
JpegInfo jpeg_info(std::span<const uint8_t> bytes, const DecodeLimits& limits = {});

// Full decode to 8-bit RGBA (alpha 255). YCbCr is converted to RGB by the decoder,
// as the JPEG standard (JFIF/Adobe markers) prescribes.
DecodedImage decode_jpeg(std::span<const uint8_t> bytes, const DecodeLimits& limits = {});

}  // namespace duck
