// similar_distance_simd.cpp - the wasm_simd128 distance loop: four columns per
// instruction, two rows at a time (the query is loaded once per pair). Same
// summation order as the scalar reference, so the distances are bit-identical.
// Compiled only in the web build with DUCK_SIMD.
#if defined(__wasm_simd128__) && defined(DUCK_SIMD)
#include <wasm_simd128.h>

#include "core/model/similar_distance.h"

namespace duck::simkern::simd {

namespace {

inline float lanes_sum(v128_t v) {
    return (wasm_f32x4_extract_lane(v, 0) + wasm_f32x4_extract_lane(v, 1)) +
           (wasm_f32x4_extract_lane(v, 2) + wasm_f32x4_extract_lane(v, 3));
}

}  // namespace

void sq_distances(const float* q, const float* rows, size_t n, int stride, float* out) {
    const size_t s = size_t(stride);
    size_t i = 0;
    for (; i + 2 <= n; i += 2) {
        const float* r0 = rows + i * s;
        const float* r1 = r0 + s;
        v128_t a0 = wasm_f32x4_splat(0.0f), a1 = wasm_f32x4_splat(0.0f);
        for (size_t j = 0; j < s; j += 4) {
            const v128_t qv = wasm_v128_load(q + j);
            const v128_t d0 = wasm_f32x4_sub(qv, wasm_v128_load(r0 + j));
            const v128_t d1 = wasm_f32x4_sub(qv, wasm_v128_load(r1 + j));
            a0 = wasm_f32x4_add(a0, wasm_f32x4_mul(d0, d0));
            a1 = wasm_f32x4_add(a1, wasm_f32x4_mul(d1, d1));
        }
        out[i] = lanes_sum(a0);
        out[i + 1] = lanes_sum(a1);
    }
    for (; i < n; ++i) {
        const float* r = rows + i * s;
        v128_t a = wasm_f32x4_splat(0.0f);
        for (size_t j = 0; j < s; j += 4) {
            const v128_t d = wasm_f32x4_sub(wasm_v128_load(q + j), wasm_v128_load(r + j));
            a = wasm_f32x4_add(a, wasm_f32x4_mul(d, d));
        }
        out[i] = lanes_sum(a);
    }
}

}  // namespace duck::simkern::simd
#endif
