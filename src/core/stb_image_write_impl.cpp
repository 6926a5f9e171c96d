// stb_image_write_impl.cpp - the single translation unit compiling stb_image_write
// (Debian libstb-dev), PNG to memory only, plus encode_png on top of it.
#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STBI_WRITE_NO_STDIO
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#endif
#include <stb/stb_image_write.h>
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

#include "core/png_encode.h"

namespace duck {

std::vector<uint8_t> encode_png(const ImageRGBA& image) {
    std::vector<uint8_t> out;
    if (image.empty() || image.pixels.size() < size_t(image.width) * size_t(image.height) * 4) return out;
    auto sink = [](void* ctx, void* data, int size) {
        auto* v = static_cast<std::vector<uint8_t>*>(ctx);
        const auto* p = static_cast<const uint8_t*>(data);
        v->insert(v->end(), p, p + size);
    };
    if (!stbi_write_png_to_func(sink, &out, image.width, image.height, 4, image.pixels.data(), image.width * 4)) out.clear();
    return out;
}

}  // namespace duck
