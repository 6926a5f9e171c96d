// jpeg_scaled.h - JPEG bytes -> RGBA at 1/2, 1/4 or 1/8 of full size, reduced in
// the DCT domain by libjpeg-turbo (stb_image can only decode every pixel). The
// thumbnail and the model's analysis image of a 6000x4000 original need under
// 1/8 of its pixels, and decoding 750x500 instead of 24 MP and shrinking is
// several times faster. Full-size viewing stays on stb_image (jpeg_decode.h).
//
// This decoder is an accelerator, not a second opinion on bad files: any error
// or warning from libjpeg (corrupt or truncated data that it would patch over,
// an unsupported colour space, too many progressive scans) fails the call, and
// the caller decodes with stb_image as before, so bad input gets the same
// messages whichever decoder would have run.
#pragma once
#include <cstdint>
#include <span>
#include <string>

#include "core/image/image.h"
#include "core/image/resample.h"

namespace duck {

// A reduced decode always covers at least this longest side, whatever is asked,
// so the analysis image is the same whether or not a thumbnail is requested too
// (the CLI asks for the analysis image alone, the app for both).
inline constexpr int kScaledDecodeMinSide = kThumbnailSide;

// Below this many pixels images are decoded in full by stb_image as before (a
// 600x450 dermoscopy image or the 512 px copy decodes as fast either way, and
// its pixels, which the model was trained on, stay exactly what they were).
inline constexpr double kScaledDecodeMinMegapixels = 4.0;

// The denominator d in {8, 4, 2} of the smallest reduced decode whose output,
// ceil(width/d) x ceil(height/d), still holds an image of longest side
// max(side, kScaledDecodeMinSide) at the source's aspect ratio (fit_within); 1
// when none does or the image is under kScaledDecodeMinMegapixels.
int jpeg_scale_denom(int width, int height, int side);

struct ScaledJpeg {
    bool ok = false;
    std::string error;       // libjpeg's message when !ok
    ImageRGBA image;         // ceil(width/denom) x ceil(height/denom), alpha 255
};

// Decodes at 1/denom (1, 2, 4 or 8) to RGBA. Never exits, aborts or throws:
// libjpeg's errors and warnings return through longjmp as !ok. Progressive files
// with more than 500 scans are refused (a CPU sink that carries no image).
ScaledJpeg decode_jpeg_scaled(std::span<const uint8_t> bytes, int denom);

}  // namespace duck
