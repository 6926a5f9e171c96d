// random_image.h - deterministic pseudo-random RGBA test images (an LCG, no
// global state), shared by the resampler tests natively and in wasm.
#pragma once
#include <cstddef>
#include <cstdint>

#include "core/image/image.h"

namespace duck::test {

inline ImageRGBA random_image(int w, int h, uint32_t seed) {
    ImageRGBA im;
    im.width = w, im.height = h;
    im.pixels.resize(size_t(w) * size_t(h) * 4);
    for (auto& v : im.pixels) v = uint8_t((seed = seed * 1664525u + 1013904223u) >> 24);
    return im;
}

}  // namespace duck::test
