// drawn_lesions.h - synthetic dermoscopy-like images for model tests: a skin
// background with mild deterministic noise and lesions drawn as shapes whose
// colour can vary by position.
#pragma once
#include <cmath>
#include <cstdint>
#include <functional>

#include "core/image.h"

namespace duck::test {

struct Rgb {
    int r, g, b;
};

// Deterministic per-pixel noise in [-amp, amp] (no global RNG state).
inline int pixel_noise(int x, int y, int seed, int amp) {
    if (amp <= 0) return 0;
    uint32_t h = uint32_t(x) * 73856093u ^ uint32_t(y) * 19349663u ^ uint32_t(seed) * 83492791u;
    h ^= h >> 13;
    h *= 0x5bd1e995u;
    h ^= h >> 15;
    return int(h % uint32_t(2 * amp + 1)) - amp;
}

inline void put(ImageRGBA& img, int x, int y, Rgb c, int noise_amp, int seed) {
    uint8_t* p = &img.pixels[(size_t(y) * img.width + x) * 4];
    int n = pixel_noise(x, y, seed, noise_amp);
    auto clamp8 = [](int v) { return uint8_t(v < 0 ? 0 : v > 255 ? 255 : v); };
    p[0] = clamp8(c.r + n);
    p[1] = clamp8(c.g + n);
    p[2] = clamp8(c.b + n);
    p[3] = 255;
}

inline ImageRGBA skin_image(int w, int h, Rgb skin = {215, 165, 140}, int noise = 4, int seed = 1) {
    ImageRGBA img;
    img.width = w;
    img.height = h;
    img.pixels.resize(size_t(w) * h * 4);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) put(img, x, y, skin, noise, seed);
    return img;
}

// Paints pixels where inside(u, v) is true; u, v are coordinates relative to
// (cx, cy) rotated by `angle` radians. colour(u, v) gives the colour there.
inline void paint(ImageRGBA& img, double cx, double cy, double angle,
                  const std::function<bool(double, double)>& inside,
                  const std::function<Rgb(double, double)>& colour, int noise = 4, int seed = 2) {
    double c = std::cos(angle), s = std::sin(angle);
    for (int y = 0; y < img.height; ++y)
        for (int x = 0; x < img.width; ++x) {
            double dx = x - cx, dy = y - cy;
            double u = c * dx + s * dy, v = -s * dx + c * dy;
            if (inside(u, v)) put(img, x, y, colour(u, v), noise, seed);
        }
}

inline auto disc(double r) {
    return [r](double u, double v) { return u * u + v * v <= r * r; };
}
inline auto ellipse(double rx, double ry) {
    return [rx, ry](double u, double v) { return (u * u) / (rx * rx) + (v * v) / (ry * ry) <= 1; };
}
inline auto solid(Rgb c) {
    return [c](double, double) { return c; };
}

}  // namespace duck::test
