// demo_paint.h - paints one synthetic dermoscopic image from an ImageLook: skin
// with tone and texture, a pigmented lesion (pattern, colours, border), hairs, a
// ruler and the dark ring of a contact dermoscope. Pure and deterministic.
#pragma once
#include "core/demo/demo_design.h"
#include "core/image/image.h"

namespace duck::demo {

// A size x size RGBA image (alpha 255). size is clamped to [16, 2048].
ImageRGBA paint_lesion_image(const ImageLook& look, int size);
// Same, into `out`, reusing its memory (faster when painting many images).
void paint_lesion_image(const ImageLook& look, int size, ImageRGBA& out);

}  // namespace duck::demo
