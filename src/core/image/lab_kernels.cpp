// lab_kernels.cpp - the path switch and the dispatching kernel entry points.
#include "core/image/lab_kernels.h"

namespace duck::kern {

namespace {
#if defined(__wasm_simd128__) && defined(DUCK_SIMD)
constexpr bool kSimd = true;
#else
constexpr bool kSimd = false;
#endif
Path g_path = kSimd ? Path::Simd : Path::Scalar;
}  // namespace

bool simd_compiled() { return kSimd; }
void set_path(Path p) { g_path = kSimd ? p : Path::Scalar; }
Path path() { return g_path; }

#if defined(__wasm_simd128__) && defined(DUCK_SIMD)
#define DUCK_DISPATCH(call) return g_path == Path::Simd ? simd::call : scalar::call
#else
#define DUCK_DISPATCH(call) return scalar::call
#endif

void rgba_to_lab(const uint8_t* rgba, size_t n, const float gains[3], float* L, float* a,
                 float* b) {
    DUCK_DISPATCH(rgba_to_lab(rgba, n, gains, L, a, b));
}
void power6_sums(const uint8_t* rgba, const uint8_t* valid, size_t n, double out[3]) {
    DUCK_DISPATCH(power6_sums(rgba, valid, n, out));
}
void blur(const float* src, float* dst, float* tmp, int w, int h, const float* k, int radius) {
    DUCK_DISPATCH(blur(src, dst, tmp, w, h, k, radius));
}
void gradient(const float* src, float* gx, float* gy, int w, int h) {
    DUCK_DISPATCH(gradient(src, gx, gy, w, h));
}
void histogram(const float* v, const uint8_t* mask, size_t n, float lo, float hi, int nbins,
               uint32_t* hist) {
    DUCK_DISPATCH(histogram(v, mask, n, lo, hi, nbins, hist));
}
Moments moments(const uint8_t* mask, int w, int h) { DUCK_DISPATCH(moments(mask, w, h)); }
PlaneStats masked_stats(const float* p0, const float* p1, const float* p2, const uint8_t* mask,
                        size_t n) {
    DUCK_DISPATCH(masked_stats(p0, p1, p2, mask, n));
}
void extreme_filter(const float* src, float* dst, float* tmp, int w, int h, int r, bool take_max) {
    DUCK_DISPATCH(extreme_filter(src, dst, tmp, w, h, r, take_max));
}
void lab_distance(const float* L, const float* a, const float* b, const float ref[3], float* out, size_t n) {
    DUCK_DISPATCH(lab_distance(L, a, b, ref, out, n));
}

}  // namespace duck::kern
