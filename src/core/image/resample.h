// resample.h - gamma-correct area-averaging downscale of ImageRGBA: thumbnails,
// the model's analysis images and the viewer's capped full image. Each output
// pixel is the average of the source area it covers (fractional edges weighted
// by overlap), computed in linear light: sRGB -> linear (LUT), weighted sum,
// linear -> sRGB. Averaging sRGB codes directly would darken fine texture (a
// black/white checkerboard would become 128 instead of the correct 188). Alpha
// is averaged linearly. The two hot loops have a scalar reference and a
// wasm_simd128 version (web build with DUCK_SIMD); tests compare them.
#pragma once
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "core/image/image.h"

namespace duck {

// Longest side of the thumbnails in the lesion grid (and the PNG of `duckling-cli thumb`).
inline constexpr int kThumbnailSide = 256;
// Longest side of the image handed to the model: its working size (kAnalysisSize =
// kFeatureSize in lesion_segment.h; test_resample checks they agree), so the
// reduction happens in the decode worker and the model gets pixels it uses as-is.
inline constexpr int kAnalysisSide = 128;
// Longest side of the image decoded for the lesion viewer (GPU texture limit
// safety and memory: 4096x2731 RGBA = 45 MB instead of 96 MB for 6000x4000).
inline constexpr int kViewerMaxSide = 4096;

enum class ResamplePath { Scalar, Simd };

// True when the wasm_simd128 kernels are compiled in (web build with DUCK_SIMD).
bool resample_simd_compiled();

// Size with the same aspect ratio whose longer side is max_side, never larger
// than the source (small images are not upscaled), each side at least 1.
std::pair<int, int> fit_within(int width, int height, int max_side);

// Area-average src to exactly dst_w x dst_h (any ratio; upscaling degrades to a
// box reconstruction). Empty input or a non-positive size gives an empty image.
// Simd falls back to Scalar when not compiled in.
ImageRGBA resample_area(const ImageRGBA& src, int dst_w, int dst_h, ResamplePath path = ResamplePath::Simd);
// Same on a borrowed buffer (tightly packed RGBA, width*height*4 bytes), so a
// decoder's own output can be reduced without first copying it.
ImageRGBA resample_area(const uint8_t* rgba, int width, int height, int dst_w, int dst_h,
                        ResamplePath path = ResamplePath::Simd);

// Several sizes from one pass over a borrowed buffer: each source row is
// converted to linear light once for all of them (for a 24 MP JPEG that
// conversion is most of the cost of a size). Results equal resample_area's byte
// for byte; a size larger than the source in either direction is made by
// resample_area itself, a non-positive one is left empty.
std::vector<ImageRGBA> resample_area_many(const uint8_t* rgba, int width, int height,
                                          std::span<const std::pair<int, int>> sizes,
                                          ResamplePath path = ResamplePath::Simd);

// resample_area to fit_within(max_side); returns a copy when already small enough.
ImageRGBA downscale_to_fit(const ImageRGBA& src, int max_side, ResamplePath path = ResamplePath::Simd);

// sRGB 8-bit code -> linear light in [0,1] (exact IEC 61966-2-1 curve).
float srgb_to_linear(uint8_t v);
// Linear light -> nearest sRGB 8-bit code (clamped).
uint8_t linear_to_srgb(float v);

namespace resample_kernels {
// One source row of linear RGBA floats -> dst_w output pixels (4 floats each):
// out[x] = sum over k of w[off[x] + k] * row[start[x] + k] for k < count[x].
struct Taps {
    std::vector<int> start, count, offset;
    std::vector<float> weight;
    std::vector<float> inv_sum;  // 1 / sum of weights per output index
};
Taps make_taps(int src_len, int dst_len);

void horizontal_scalar(const float* row, const Taps& t, int dst_w, float* out);
// The same from a row of RGBA bytes, each taken to linear light as it is read
// (lin: the 256-entry sRGB table; alpha / 255): exactly horizontal_scalar of the
// converted row, without writing that row out.
void horizontal_bytes_scalar(const uint8_t* px, const float* lin, const Taps& t, int dst_w, float* out);
// acc[i] += w * row[i], i < n
void accumulate_scalar(float* acc, const float* row, float w, int n);
#if defined(__wasm_simd128__) && defined(DUCK_SIMD)
void horizontal_simd(const float* row, const Taps& t, int dst_w, float* out);
void horizontal_bytes_simd(const uint8_t* px, const float* lin, const Taps& t, int dst_w, float* out);
void accumulate_simd(float* acc, const float* row, float w, int n);
#endif
}  // namespace resample_kernels

}  // namespace duck
