// prng.h - a tiny deterministic PRNG (SplitMix64). Quiz case sets must be identical
// on every platform and compiler for a given seed, which std::uniform_int_distribution
// does not promise, so Duckling draws numbers only through this.
#pragma once
#include <cstdint>

namespace duck {

class SplitMix64 {
public:
    explicit SplitMix64(uint64_t seed) : state_(seed) {}
    uint64_t next() {
        uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    // Uniform integer in [0, n) (n > 0), by rejection so there is no modulo bias.
    uint64_t below(uint64_t n) {
        if (n <= 1) return 0;
        const uint64_t limit = UINT64_MAX - UINT64_MAX % n;
        uint64_t x = next();
        while (x >= limit) x = next();
        return x % n;
    }
    // Uniform float in [0, 1) with 24 random bits.
    float unit() { return static_cast<float>(next() >> 40) * (1.0f / 16777216.0f); }

private:
    uint64_t state_;
};

}  // namespace duck
