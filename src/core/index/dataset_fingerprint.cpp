// dataset_fingerprint.cpp - dataset_fingerprint() (dataset_fingerprint.h).
#include "core/index/dataset_fingerprint.h"

#include <cmath>
#include <cstring>
#include <string_view>

namespace duck {

namespace {

struct Fnv {
    uint64_t h = 0xcbf29ce484222325ull;
    void byte(uint8_t b) {
        h ^= b;
        h *= 0x100000001b3ull;
    }
    void u32(uint32_t v) {
        for (int i = 0; i < 4; ++i) byte(uint8_t(v >> (8 * i)));
    }
    // Length first, so "ab"+"c" and "a"+"bc" differ.
    void str(std::string_view s) {
        u32(uint32_t(s.size()));
        for (char c : s) byte(uint8_t(c));
    }
};

}  // namespace

uint64_t dataset_fingerprint(const Dataset& ds) {
    Fnv f;
    f.u32(uint32_t(ds.lesions.size()));
    for (const Lesion& l : ds.lesions) {
        f.str(l.image_name);
        f.str(l.patient_id);
        f.str(l.lesion_id);
        f.u32(uint32_t(int(l.sex)));
        // Every NaN (missing age) hashes alike, whatever its bits.
        uint32_t age_bits = 0xFFFFFFFFu;
        if (!std::isnan(l.age)) std::memcpy(&age_bits, &l.age, 4);
        f.u32(age_bits);
        f.u32(uint32_t(int(l.site)));
        f.u32(uint32_t(int(l.site_side)));
        f.str(l.diagnosis);
        f.u32(uint32_t(int(l.label)));
    }
    return f.h;
}

}  // namespace duck
