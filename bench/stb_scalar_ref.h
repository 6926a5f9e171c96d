// stb_scalar_ref.h - a second copy of stb_image, built with STBI_NO_SIMD and every
// function static, as the reference for "stb's SIMD path gives the same pixels":
// the app's copy (src/core/stb_image_impl.cpp) uses SSE2 natively and, on the
// web, SSE2 translated to wasm SIMD (-msse2 -msimd128 -DSTBI__X64_TARGET). The
// unit test checks it natively; duckling-bench checks it in wasm (the browser
// bench page) before timing a decode. Include from exactly one .cpp per binary.
#pragma once
#define STB_IMAGE_STATIC
#define STB_IMAGE_IMPLEMENTATION
#define STBI_NO_SIMD
#define STBI_ONLY_JPEG
#define STBI_NO_STDIO
#define STBI_NO_LINEAR
#define STBI_NO_HDR
// No warning pragmas: cmake/deps.cmake puts stb on a SYSTEM include path.
#include <stb/stb_image.h>

#include <cstdint>
#include <span>
#include <vector>

namespace duck::stb_ref {

// RGBA pixels from the scalar decoder; empty when stb refuses the data.
inline std::vector<uint8_t> decode_scalar(std::span<const uint8_t> bytes, int& width, int& height) {
    int comp = 0;
    width = height = 0;
    stbi_uc* px = stbi_load_from_memory(bytes.data(), static_cast<int>(bytes.size()), &width, &height, &comp, 4);
    if (!px) return {};
    std::vector<uint8_t> out(px, px + size_t(width) * height * 4);
    stbi_image_free(px);
    return out;
}

}  // namespace duck::stb_ref
