// page_decode.cpp - decode_512 / decode_24mp for the browser bench page, one
// decode per call from JavaScript, so that the page alternates it call by call
// with its browser peers (createImageBitmap + getImageData on an
// OffscreenCanvas; WebCodecs ImageDecoder + copyTo). All do the same work: JPEG
// bytes in, RGBA pixels the caller can read out. Here the pixels stay in wasm
// memory until the next call (duck_bench_decode_pixels), which is what the app
// needs. Only in the duckling-bench-page build; suite_images.cpp is the same
// decode measured natively and under node (and checks it against stb's scalar
// path first).
#include <emscripten/emscripten.h>

#include <cstdint>
#include <span>
#include <string>

#include "core/image/jpeg_decode.h"
#include "harness.h"

namespace {
std::string& prepared(int which) {
    static std::string bytes[2];
    return bytes[which == 1 ? 1 : 0];
}
duck::DecodedImage& last() {
    static duck::DecodedImage img;
    return img;
}
}  // namespace

extern "C" {

// Reads the benchmark's JPEG (0: the 512x512 file, 1: the 6000x4000 one) from the
// module's file system (the page wrote it there); returns its size, 0 if missing.
EMSCRIPTEN_KEEPALIVE double duck_bench_decode_prepare(int which) {
    prepared(which) = duck::bench::read_shared(which == 1 ? "data/isic2020/images/ISIC_0081956.jpg"
                                                          : "data/isic2020/images/ISIC_0074311.jpg");
    return static_cast<double>(prepared(which).size());
}

// One decode of the prepared bytes into RGBA; the previous result is freed.
// Returns width * height, 0 when the decode failed.
EMSCRIPTEN_KEEPALIVE double duck_bench_decode(int which) {
    const std::string& b = prepared(which);
    last() = duck::decode_jpeg(std::span(reinterpret_cast<const uint8_t*>(b.data()), b.size()));
    return last().ok() ? double(last().image.width) * last().image.height : 0.0;
}

// The last decode's RGBA pixels (row-major, 4 bytes per pixel) in wasm memory.
EMSCRIPTEN_KEEPALIVE uintptr_t duck_bench_decode_pixels() {
    return reinterpret_cast<uintptr_t>(last().image.pixels.data());
}
}
