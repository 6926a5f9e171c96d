// resample_simd.cpp - wasm_simd128 versions of the resampler's hot loops.
// One RGBA pixel is one f32x4, so the arithmetic is lane-for-lane the scalar
// reference's (same products, same order, no fused multiply-add in wasm SIMD):
// results are bit-identical, which test_resample checks under node.
#if defined(__wasm_simd128__) && defined(DUCK_SIMD)
#include <wasm_simd128.h>

#include "core/image/resample.h"

namespace duck::resample_kernels {

void horizontal_simd(const float* row, const Taps& t, int dst_w, float* out) {
    for (int x = 0; x < dst_w; ++x) {
        v128_t acc = wasm_f32x4_splat(0.0f);
        const float* p = row + size_t(t.start[size_t(x)]) * 4;
        const float* w = &t.weight[size_t(t.offset[size_t(x)])];
        for (int k = 0; k < t.count[size_t(x)]; ++k, p += 4)
            acc = wasm_f32x4_add(acc, wasm_f32x4_mul(wasm_f32x4_splat(w[k]), wasm_v128_load(p)));
        wasm_v128_store(out + size_t(x) * 4, acc);
    }
}

void horizontal_bytes_simd(const uint8_t* px, const float* lin, const Taps& t, int dst_w, float* out) {
    for (int x = 0; x < dst_w; ++x) {
        v128_t acc = wasm_f32x4_splat(0.0f);
        const uint8_t* p = px + size_t(t.start[size_t(x)]) * 4;
        const float* w = &t.weight[size_t(t.offset[size_t(x)])];
        for (int k = 0; k < t.count[size_t(x)]; ++k, p += 4) {
            const v128_t v = wasm_f32x4_make(lin[p[0]], lin[p[1]], lin[p[2]], p[3] * (1.0f / 255.0f));
            acc = wasm_f32x4_add(acc, wasm_f32x4_mul(wasm_f32x4_splat(w[k]), v));
        }
        wasm_v128_store(out + size_t(x) * 4, acc);
    }
}

void accumulate_simd(float* acc, const float* row, float w, int n) {
    const v128_t vw = wasm_f32x4_splat(w);
    int i = 0;
    for (; i + 4 <= n; i += 4)
        wasm_v128_store(acc + i, wasm_f32x4_add(wasm_v128_load(acc + i), wasm_f32x4_mul(vw, wasm_v128_load(row + i))));
    for (; i < n; ++i) acc[i] = acc[i] + w * row[i];
}

}  // namespace duck::resample_kernels
#endif
