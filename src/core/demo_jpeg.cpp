// demo_jpeg.cpp - the only translation unit that compiles stb_image_write (Debian
// libstb-dev). STB_IMAGE_WRITE_STATIC keeps its symbols private to this file.
// stb's encoder is plain integer/float code, so the same pixels give the same bytes.
#include "core/demo_jpeg.h"

#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STB_IMAGE_WRITE_STATIC
#define STBI_WRITE_NO_STDIO
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wimplicit-fallthrough"
#endif
#include <stb/stb_image_write.h>
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

namespace duck::demo {

namespace {
void append(void* context, void* data, int size) {
    auto* out = static_cast<std::vector<uint8_t>*>(context);
    const auto* p = static_cast<const uint8_t*>(data);
    out->insert(out->end(), p, p + size);
}
}  // namespace

std::vector<uint8_t> encode_jpeg(const ImageRGBA& img, int quality) {
    std::vector<uint8_t> out;
    if (img.empty() || img.pixels.size() != static_cast<size_t>(img.width) * static_cast<size_t>(img.height) * 4u) return out;
    out.reserve(static_cast<size_t>(img.width * img.height) / 4);
    if (!stbi_write_jpg_to_func(append, &out, img.width, img.height, 4, img.pixels.data(), quality)) out.clear();
    return out;
}

}  // namespace duck::demo
