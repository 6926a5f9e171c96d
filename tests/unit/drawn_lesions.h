// drawn_lesions.h - synthetic dermoscopy-like images for model tests: a skin
// background with mild deterministic noise and lesions drawn as shapes whose
// colour can vary by position.
#pragma once
#include <cmath>
#include <cstdint>
#include <functional>

#include "core/image/image.h"

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

namespace duck::test {

// Small deterministic generator for lesion variations.
struct Lcg {
    uint64_t s;
    double next() {
        s = s * 6364136223846793005ull + 1442695040888963407ull;
        return double(s >> 11) / double(1ull << 53);
    }
    double in(double lo, double hi) { return lo + (hi - lo) * next(); }
};

// A common benign-looking nevus: a smooth ellipse of one brown, jittered in
// size, shape, angle and shade from lesion to lesion.
inline ImageRGBA drawn_nevus(uint64_t seed, Rgb skin = {215, 165, 140}) {
    Lcg g{seed * 7919 + 17};
    auto img = skin_image(256, 256, skin, 4, int(seed));
    double rx = g.in(32, 48), ry = rx * g.in(0.75, 0.95);
    int shade = int(g.in(-12, 12));
    Rgb c{125 + shade, 78 + shade, 52 + shade};
    paint(img, g.in(118, 138), g.in(118, 138), g.in(0, 3.14), ellipse(rx, ry), solid(c), 4, int(seed) + 1);
    return img;
}

// An atypical lesion: irregular notched outline, asymmetric, with dark brown,
// blue-grey and black areas (what a dermatologist would call the ugly duckling
// among common nevi). `pattern` fixes the outline and colour layout (a patient
// with many atypical moles has one "signature" pattern); `seed` jitters size,
// position, angle and the pattern a little.
inline ImageRGBA drawn_atypical(uint64_t pattern, uint64_t seed, Rgb skin = {215, 165, 140}) {
    Lcg pg{pattern * 104729 + 5}, g{seed * 7919 + 3};
    auto img = skin_image(256, 256, skin, 4, int(seed));
    double ph1 = pg.in(0, 6.28) + g.in(-0.3, 0.3), ph2 = pg.in(0, 6.28) + g.in(-0.3, 0.3);
    double amp = pg.in(0.12, 0.2) + g.in(-0.02, 0.02), split = pg.in(-0.3, 0.3) + g.in(-0.05, 0.05);
    double r0 = g.in(38, 50);
    paint(img, g.in(118, 138), g.in(118, 138), g.in(0, 3.14),
          [=](double u, double v) {
              double t = std::atan2(v, u);
              double r = r0 * (1 + amp * std::sin(5 * t + ph1) + 0.1 * std::sin(11 * t + ph2) +
                               0.25 * std::cos(t));  // the cos term makes it lopsided
              return std::hypot(u, v) <= r;
          },
          [=](double u, double v) {
              if (u > r0 * (0.35 + split)) return Rgb{100, 112, 135};  // blue-grey
              if (std::hypot(u + 8, v - 6) < r0 * 0.3) return Rgb{35, 28, 28};  // black
              return Rgb{92, 52, 34};  // dark brown
          },
          4, int(seed) + 1);
    return img;
}

}  // namespace duck::test
