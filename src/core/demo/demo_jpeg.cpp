// demo_jpeg.cpp - compiles stb_image_write (1.16, from the libstb source package;
// cmake/deps.cmake) privately, to memory only: baseline JPEG for the demo generator.
// stb's encoder is plain integer/float code, so the same pixels give the same bytes.
#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STB_IMAGE_WRITE_STATIC  // symbols private to this file: no clash with other stb users
#define STBI_WRITE_NO_STDIO
// No warning pragmas: cmake/deps.cmake puts stb on a SYSTEM include path.
#include <stb/stb_image_write.h>

#include "core/demo/demo_jpeg.h"
#include "core/image/stb_write_sink.h"

namespace duck {

namespace demo {
std::vector<uint8_t> encode_jpeg(const ImageRGBA& img, int quality) {
    std::vector<uint8_t> out;
    if (!encodable(img)) return out;
    out.reserve(size_t(img.width) * size_t(img.height) / 4);
    if (!stbi_write_jpg_to_func(append_to_bytes, &out, img.width, img.height, 4, img.pixels.data(), quality)) out.clear();
    return out;
}
}  // namespace demo

}  // namespace duck
