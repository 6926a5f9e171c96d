// csv_scan.h - finds the bytes that end or complicate a CSV field (',', '"',
// '\n', '\r') 16 at a time: wasm SIMD in the web build, SSE2 natively on x86-64,
// and a plain loop elsewhere. All three give the same bit mask (bit i set when
// p[i] is one of the four), so the reader behaves the same on every build; the
// tests compare them. Callers must have 16 readable bytes at p.
#pragma once
#include <cstdint>

#if defined(__wasm_simd128__) && defined(DUCK_SIMD)
#include <wasm_simd128.h>
#define DUCK_CSV_SCAN_SIMD "wasm_simd128"
#elif defined(__SSE2__)
#include <emmintrin.h>
#define DUCK_CSV_SCAN_SIMD "sse2"
#endif

namespace duck {

inline uint32_t csv_special_mask_scalar(const char* p) {
    uint32_t m = 0;
    for (int i = 0; i < 16; ++i) {
        const char c = p[i];
        m |= static_cast<uint32_t>(c == ',' || c == '"' || c == '\n' || c == '\r') << i;
    }
    return m;
}

inline uint32_t csv_special_mask(const char* p) {
#if defined(__wasm_simd128__) && defined(DUCK_SIMD)
    const v128_t v = wasm_v128_load(p);
    const v128_t hit = wasm_v128_or(wasm_v128_or(wasm_i8x16_eq(v, wasm_i8x16_splat(',')), wasm_i8x16_eq(v, wasm_i8x16_splat('"'))),
                                    wasm_v128_or(wasm_i8x16_eq(v, wasm_i8x16_splat('\n')), wasm_i8x16_eq(v, wasm_i8x16_splat('\r'))));
    return wasm_i8x16_bitmask(hit);
#elif defined(__SSE2__)
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(',')), _mm_cmpeq_epi8(v, _mm_set1_epi8('"'))),
                                     _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\r'))));
    return static_cast<uint32_t>(_mm_movemask_epi8(hit));
#else
    return csv_special_mask_scalar(p);
#endif
}

// Name of the vector path compiled in, or "scalar".
inline const char* csv_scan_path() {
#ifdef DUCK_CSV_SCAN_SIMD
    return DUCK_CSV_SCAN_SIMD;
#else
    return "scalar";
#endif
}

}  // namespace duck
