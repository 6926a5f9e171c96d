// demo_rng.h - the demo generator's own random numbers and math. The same seed
// must give the same bytes on every standard library and natively as in wasm, so
// nothing here uses std::*_distribution or libm transcendentals (whose last bits
// differ between implementations): only integer hashing, + - * / and sqrt, which
// IEEE 754 rounds identically everywhere.
#pragma once
#include <cmath>
#include <cstdint>

namespace duck::demo {

// Never draw twice within one function call's arguments (or one + expression):
// their evaluation order differs between GCC and Clang, hence native and wasm.

// splitmix64 (Steele, Lea, Flood 2014): tiny, fast, and good enough for art and
// sampling; every stream is derived from (seed, purpose, index) by mix64.
inline uint64_t mix64(uint64_t z) {
    z += 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

// Seed for an independent stream: e.g. derive(seed, kPatients, patient_index).
inline uint64_t derive(uint64_t seed, uint64_t a, uint64_t b = 0) {
    return mix64(mix64(seed ^ mix64(a)) + b);
}

class Rng {
public:
    explicit Rng(uint64_t seed) : s_(seed) {}
    uint64_t next() { return mix64(s_++ * 0x2545F4914F6CDD1Dull + 0x1234567ull); }
    // Uniform in [0, 1) with 24 bits: exact as float on every platform.
    float uniform() { return static_cast<float>(next() >> 40) * (1.0f / 16777216.0f); }
    float uniform(float lo, float hi) { return lo + (hi - lo) * uniform(); }
    // Uniform integer in [lo, hi] (inclusive); the tiny modulo bias does not matter here.
    int range(int lo, int hi) { return lo + static_cast<int>(next() % static_cast<uint64_t>(hi - lo + 1)); }
    bool chance(float p) { return uniform() < p; }
    // Sum of four uniforms, centred: a bell shape in [-2, 2] with sd ~0.58, no libm needed.
    // (Draws are sequenced explicitly: the operands of + are unsequenced in C++.)
    float bell() {
        float s = uniform();
        s += uniform();
        s += uniform();
        s += uniform();
        return s - 2.0f;
    }
    // Index drawn with the given non-negative weights.
    template <size_t N>
    int pick(const float (&w)[N]) {
        float total = 0;
        for (float x : w) total += x;
        float u = uniform() * total;
        for (size_t i = 0; i < N; ++i) {
            if (u < w[i]) return static_cast<int>(i);
            u -= w[i];
        }
        return static_cast<int>(N - 1);
    }

private:
    uint64_t s_;
};

// floor() for the moderate coordinates used here, without a libm call (plain
// floorf is a function call on baseline x86-64 and dominated painting time).
inline int ifloor(float x) {
    const int i = static_cast<int>(x);
    return i - (static_cast<float>(i) > x ? 1 : 0);
}

inline float clamp01(float x) { return x < 0.0f ? 0.0f : (x > 1.0f ? 1.0f : x); }
inline float lerp(float a, float b, float t) { return a + (b - a) * t; }
inline float smoothstep(float e0, float e1, float x) {
    float t = clamp01((x - e0) / (e1 - e0));
    return t * t * (3.0f - 2.0f * t);
}

// sin/cos of an angle in turns (1.0 = 360 degrees) by a polynomial: deterministic
// everywhere, accurate to ~1e-4, plenty for drawing.
inline float sin_turns(float t) {
    t -= static_cast<float>(ifloor(t));      // [0,1)
    float x = t < 0.5f ? t : t - 1.0f;       // (-0.5, 0.5]
    // Bhaskara-style parabola refined once (max error ~0.001 -> ~1e-4 after refinement).
    float y = 8.0f * x - 16.0f * x * (x < 0 ? -x : x);
    return 0.225f * (y * (y < 0 ? -y : y) - y) + y;
}
inline float cos_turns(float t) { return sin_turns(t + 0.25f); }

// Hash of integer lattice coordinates to [0, 1): the base of all textures.
inline float hash2(int x, int y, uint32_t salt) {
    uint32_t h = static_cast<uint32_t>(x) * 0x8DA6B343u ^ static_cast<uint32_t>(y) * 0xD8163841u ^ salt * 0xCB1AB31Fu;
    h ^= h >> 15;
    h *= 0x2C1B3C6Du;
    h ^= h >> 12;
    h *= 0x297A2D39u;
    h ^= h >> 15;
    return static_cast<float>(h >> 8) * (1.0f / 16777216.0f);
}

// Smooth value noise in [0, 1) at lattice frequency 1 (caller scales coordinates).
inline float value_noise(float x, float y, uint32_t salt) {
    const int ix = ifloor(x), iy = ifloor(y);
    float tx = x - static_cast<float>(ix), ty = y - static_cast<float>(iy);
    tx = tx * tx * (3.0f - 2.0f * tx);
    ty = ty * ty * (3.0f - 2.0f * ty);
    float a = hash2(ix, iy, salt), b = hash2(ix + 1, iy, salt);
    float c = hash2(ix, iy + 1, salt), d = hash2(ix + 1, iy + 1, salt);
    return lerp(lerp(a, b, tx), lerp(c, d, tx), ty);
}

// Fractal sum of `octaves` value noises, normalised to [0, 1).
inline float fbm(float x, float y, uint32_t salt, int octaves) {
    float sum = 0, amp = 1, norm = 0;
    for (int o = 0; o < octaves; ++o) {
        sum += amp * value_noise(x, y, salt + static_cast<uint32_t>(o) * 101u);
        norm += amp;
        amp *= 0.5f;
        x = x * 2.03f + 17.1f;
        y = y * 2.03f + 9.7f;
    }
    return sum / norm;
}

}  // namespace duck::demo
