// stb_write_sink.h - what the two stb_image_write users (png_encode.cpp,
// demo/demo_jpeg.cpp) share: the write callback that appends to a byte vector,
// and the check that an image holds all its pixels before it is encoded.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/image/image.h"

namespace duck {

// stb's write callback: `context` is a std::vector<uint8_t>*, the chunk is appended.
inline void append_to_bytes(void* context, void* data, int size) {
    auto* out = static_cast<std::vector<uint8_t>*>(context);
    const auto* p = static_cast<const uint8_t*>(data);
    out->insert(out->end(), p, p + size);
}

// True when `img` is non-empty and has width * height RGBA pixels.
inline bool encodable(const ImageRGBA& img) {
    return !img.empty() && img.pixels.size() == size_t(img.width) * size_t(img.height) * 4u;
}

}  // namespace duck
