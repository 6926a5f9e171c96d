// demo_jpeg.h - RGBA pixels -> baseline JPEG bytes, for the demo generator
// (stb_image_write, compiled privately in demo_jpeg.cpp so it cannot clash with
// another user of stb in the same program).
#pragma once
#include <cstdint>
#include <vector>

#include "core/image/image.h"

namespace duck::demo {

// Baseline JPEG of `img` (alpha ignored) at quality 1-100; empty on failure.
std::vector<uint8_t> encode_jpeg(const ImageRGBA& img, int quality);

}  // namespace duck::demo
