// png_encode.h - ImageRGBA -> PNG bytes in memory (stb_image_write, compiled in
// png_encode.cpp). Used by `duckling-cli thumb` and by tests; the core
// does no file I/O itself.
#pragma once
#include <cstdint>
#include <vector>

#include "core/image/image.h"

namespace duck {

// PNG of an RGBA image; empty on failure (empty image or encoder error).
std::vector<uint8_t> encode_png(const ImageRGBA& image);

}  // namespace duck
