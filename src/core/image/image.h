// image.h - CPU-side pixel buffers shared by decoding, resampling and features.
#pragma once
#include <cstdint>
#include <vector>

namespace duck {

// 8-bit RGBA, row-major, tightly packed (stride = width * 4).
struct ImageRGBA {
    int width = 0;
    int height = 0;
    std::vector<uint8_t> pixels;
    bool empty() const { return width <= 0 || height <= 0; }
};

}  // namespace duck
