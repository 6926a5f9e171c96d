// png_encode.cpp - compiles stb_image_write (1.16, from the libstb source package;
// cmake/deps.cmake) privately, to memory only: PNG for thumbnails, exports and tests.
// stb's encoder is plain integer code, so the same pixels give the same bytes.
#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STB_IMAGE_WRITE_STATIC  // symbols private to this file: no clash with other stb users
#define STBI_WRITE_NO_STDIO
// No warning pragmas: cmake/deps.cmake puts stb on a SYSTEM include path.
#include <stb/stb_image_write.h>

#include "core/image/png_encode.h"

namespace duck {

namespace {
// stb's write callback: append the chunk to a byte vector.
void append(void* context, void* data, int size) {
    auto* out = static_cast<std::vector<uint8_t>*>(context);
    const auto* p = static_cast<const uint8_t*>(data);
    out->insert(out->end(), p, p + size);
}

bool complete(const ImageRGBA& img) {
    return !img.empty() && img.pixels.size() == size_t(img.width) * size_t(img.height) * 4u;
}
}  // namespace

std::vector<uint8_t> encode_png(const ImageRGBA& image) {
    std::vector<uint8_t> out;
    if (!complete(image)) return out;
    if (!stbi_write_png_to_func(append, &out, image.width, image.height, 4, image.pixels.data(), image.width * 4))
        out.clear();
    return out;
}

}  // namespace duck
