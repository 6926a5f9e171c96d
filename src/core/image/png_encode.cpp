// png_encode.cpp - compiles stb_image_write (1.16, from the libstb source package;
// cmake/deps.cmake) privately, to memory only: PNG for thumbnails, exports and tests.
// stb's encoder is plain integer code, so the same pixels give the same bytes.
#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STB_IMAGE_WRITE_STATIC  // symbols private to this file: no clash with other stb users
#define STBI_WRITE_NO_STDIO
// No warning pragmas: cmake/deps.cmake puts stb on a SYSTEM include path.
#include <stb/stb_image_write.h>

#include "core/image/png_encode.h"
#include "core/image/stb_write_sink.h"

namespace duck {

std::vector<uint8_t> encode_png(const ImageRGBA& image) {
    std::vector<uint8_t> out;
    if (!encodable(image)) return out;
    if (!stbi_write_png_to_func(append_to_bytes, &out, image.width, image.height, 4, image.pixels.data(), image.width * 4))
        out.clear();
    return out;
}

}  // namespace duck
