// stb_image_impl.cpp - the single translation unit that compiles stb_image
// 2.30 (Debian trixie's libstb source package, fetched by scripts/setup; see
// cmake/deps.cmake for why not bookworm's 2.27). JPEG only, no stdio: files are read by the platform
// layer and decoded from memory. Everyone else includes <stb/stb_image.h> for the
// declarations only. Under Emscripten this file gets -msse2 -msimd128
// -DSTBI__X64_TARGET (src/core/CMakeLists.txt) so stb's SSE2 IDCT and colour
// conversion run as wasm SIMD: 2.1-2.7x faster, bit-identical output.
#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_JPEG
#define STBI_NO_STDIO
#define STBI_NO_LINEAR
#define STBI_NO_HDR
// Defence in depth only: jpeg_decode.cpp checks the megapixel limit on the header
// before stb sees the data. JPEG itself allows up to 65535 per side.
#define STBI_MAX_DIMENSIONS 32768
// No warning pragmas: cmake/deps.cmake puts stb on a SYSTEM include path.
#include <stb/stb_image.h>
