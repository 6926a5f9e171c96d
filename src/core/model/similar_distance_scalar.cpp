// similar_distance_scalar.cpp - the scalar reference of the distance loop and
// the dispatcher. Kept free of auto-vectorisation in the web build (see
// src/core/CMakeLists.txt) so the benchmark compares scalar with SIMD.
#include "core/model/similar_distance.h"

namespace duck::simkern {

namespace scalar {

void sq_distances(const float* q, const float* rows, size_t n, int stride, float* out) {
    for (size_t i = 0; i < n; ++i) {
        const float* r = rows + i * size_t(stride);
        // The SIMD loop's lanes: partial sum k holds columns j with j % 4 == k.
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (int j = 0; j < stride; j += 4) {
            const float d0 = q[j] - r[j], d1 = q[j + 1] - r[j + 1];
            const float d2 = q[j + 2] - r[j + 2], d3 = q[j + 3] - r[j + 3];
            s0 = s0 + d0 * d0;
            s1 = s1 + d1 * d1;
            s2 = s2 + d2 * d2;
            s3 = s3 + d3 * d3;
        }
        out[i] = (s0 + s1) + (s2 + s3);
    }
}

}  // namespace scalar

void sq_distances(const float* q, const float* rows, size_t n, int stride, float* out, kern::Path path) {
#if defined(__wasm_simd128__) && defined(DUCK_SIMD)
    if (path == kern::Path::Simd) return simd::sq_distances(q, rows, n, stride, out);
#else
    (void)path;
#endif
    scalar::sq_distances(q, rows, n, stride, out);
}

}  // namespace duck::simkern
