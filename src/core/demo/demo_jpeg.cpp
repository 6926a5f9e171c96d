// demo_jpeg.cpp - compiles stb_image_write (1.16, from the libstb source package;
// cmake/deps.cmake) privately, to memory only: baseline JPEG for the demo generator.
// stb's encoder is plain integer/float code, so the same pixels give the same bytes.
#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STB_IMAGE_WRITE_STATIC  // symbols private to this file: no clash with other stb users
#define STBI_WRITE_NO_STDIO
// No warning pragmas: cmake/deps.cmake puts stb on a SYSTEM include path.
#include <stb/stb_image_write.h>

#include "core/demo/demo_jpeg.h"

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

namespace demo {
std::vector<uint8_t> encode_jpeg(const ImageRGBA& img, int quality) {
    std::vector<uint8_t> out;
    if (!complete(img)) return out;
    out.reserve(size_t(img.width) * size_t(img.height) / 4);
    if (!stbi_write_jpg_to_func(append, &out, img.width, img.height, 4, img.pixels.data(), quality)) out.clear();
    return out;
}
}  // namespace demo

}  // namespace duck
