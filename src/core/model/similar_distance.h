// similar_distance.h - the distance loop of the similar-lesion search: squared
// Euclidean distances from one query row to n contiguous rows of `stride`
// floats (stride a multiple of 4). Two versions with one summation order, four
// partial sums (lane j % 4) added as (s0 + s1) + (s2 + s3), so the wasm SIMD
// path and the scalar reference give bit-identical distances and therefore the
// same neighbours (tests/wasm/test_similar_simd.cpp).
#pragma once
#include <cstddef>

#include "core/image/lab_kernels.h"

namespace duck::simkern {

// out[i] = |q - rows[i]|^2 for i < n, on the given path (Simd only where compiled).
void sq_distances(const float* q, const float* rows, size_t n, int stride, float* out, kern::Path path);

namespace scalar {
void sq_distances(const float* q, const float* rows, size_t n, int stride, float* out);
}
namespace simd {
// Only in the web build with DUCK_SIMD (similar_distance_simd.cpp).
void sq_distances(const float* q, const float* rows, size_t n, int stride, float* out);
}

}  // namespace duck::simkern
