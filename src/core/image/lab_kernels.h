// lab_kernels.h - the hot pixel loops of the ugly-duckling model: sRGB -> CIELAB,
// separable blur, gradients, histograms and masked moments. Each kernel has a
// scalar reference (always compiled) and, in the web build with DUCK_SIMD, a
// wasm_simd128 version. A process-wide switch picks the path so tests and the
// benchmark can run both in one binary and compare them.
#pragma once
#include <cstddef>
#include <cstdint>

namespace duck::kern {

enum class Path { Scalar, Simd };

// True when the wasm_simd128 kernels were compiled in (web build, DUCK_SIMD=ON).
bool simd_compiled();
// Selects the path used by the dispatching functions below. Simd is ignored
// (Scalar is used) when simd_compiled() is false. Default: Simd when compiled.
void set_path(Path p);
Path path();

// Sums of masked pixel moments: m00 = count, m10 = sum x, m20 = sum x^2 ...
struct Moments {
    double m00 = 0, m10 = 0, m01 = 0, m20 = 0, m11 = 0, m02 = 0;
};

// Per-channel sums over masked pixels (count, sum, sum of squares) of three planes.
struct PlaneStats {
    double count = 0;
    double sum[3] = {0, 0, 0};
    double sq[3] = {0, 0, 0};
};

// Signatures shared by the scalar and SIMD namespaces (and the dispatchers).
#define DUCK_KERNEL_DECLS                                                                        \
    /* RGBA8 sRGB -> L*a*b* (D65). Linear RGB is multiplied by gains[3] (white balance) */      \
    /* and clamped to [0,1] first. Output planes L, a, b of n floats. */                        \
    void rgba_to_lab(const uint8_t* rgba, size_t n, const float gains[3], float* L, float* a,   \
                     float* b);                                                                  \
    /* Sum of linear(channel)^6 over pixels with valid != 0 (shades-of-grey, p = 6). */         \
    void power6_sums(const uint8_t* rgba, const uint8_t* valid, size_t n, double out[3]);       \
    /* Separable blur with symmetric 1-D kernel k[0..radius] (k[0] centre), edges */            \
    /* clamped. tmp holds w*h floats. src and dst may not alias. */                             \
    void blur(const float* src, float* dst, float* tmp, int w, int h, const float* k,           \
              int radius);                                                                       \
    /* Central-difference gradient (one-sided at the edges). */                                 \
    void gradient(const float* src, float* gx, float* gy, int w, int h);                        \
    /* Histogram of v over [lo, hi) into nbins (out-of-range values clamped to the end */       \
    /* bins) counting pixels with mask != 0; hist is overwritten. */                            \
    void histogram(const float* v, const uint8_t* mask, size_t n, float lo, float hi,           \
                   int nbins, uint32_t* hist);                                                   \
    /* Geometric moments of the pixels with mask != 0 (x = column, y = row). */                 \
    Moments moments(const uint8_t* mask, int w, int h);                                          \
    /* Count, sums and sums of squares of planes p0..p2 over pixels with mask != 0. */          \
    PlaneStats masked_stats(const float* p0, const float* p1, const float* p2,                  \
                            const uint8_t* mask, size_t n);                                      \
    /* Max (take_max) or min over the (2r+1)^2 square around each pixel, window clipped */      \
    /* at the edges (separable; tmp holds w*h floats; src and dst may not alias). */            \
    void extreme_filter(const float* src, float* dst, float* tmp, int w, int h, int r,          \
                        bool take_max);                                                          \
    /* Colour distance sqrt((L-ref0)^2 + (a-ref1)^2 + (b-ref2)^2) per pixel. */                 \
    void lab_distance(const float* L, const float* a, const float* b, const float ref[3],       \
                      float* out, size_t n);

// Dispatching versions: use the selected path.
DUCK_KERNEL_DECLS

namespace scalar {
DUCK_KERNEL_DECLS
}

#if defined(__wasm_simd128__) && defined(DUCK_SIMD)
namespace simd {
DUCK_KERNEL_DECLS
}
#endif

// Table of 256 floats: sRGB 8-bit value -> linear light in [0,1] (shared by both paths).
const float* srgb_to_linear_table();

}  // namespace duck::kern
