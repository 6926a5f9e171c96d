// lesion_segment.h - colour normalisation and lesion segmentation at analysis
// size: the dermoscope's field of view (dark vignette corners excluded),
// shades-of-grey white balance, CIELAB planes, and an Otsu lesion mask with
// morphological cleanup. When segmentation fails a centred disc is used and
// flagged, so features still exist but the UI/explanations can say so.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/image.h"

namespace duck {

// The analysis size: images are reduced so the longer side is at most this.
inline constexpr int kAnalysisSize = 256;

// Float CIELAB planes (D65), row-major.
struct LabImage {
    int width = 0, height = 0;
    std::vector<float> L, a, b;
};

struct Segmentation {
    int width = 0, height = 0;
    std::vector<uint8_t> field;   // 1 inside the dermoscope's field of view
    std::vector<uint8_t> lesion;  // 1 inside the lesion (a subset of field)
    bool fallback = false;        // true: segmentation failed and a centred disc was used
    std::string note;             // why the fallback was used (empty otherwise)
    float threshold = 0;          // Otsu threshold on the distance to skin (dE)
    float skin[3] = {0, 0, 0};    // reference skin colour (L*, a*, b*) from the outer band
    float area_fraction = 0;      // lesion pixels / field pixels
};

// Box-averages `img` so its longer side is at most max_side (returned as-is when smaller).
ImageRGBA reduce_to_analysis(const ImageRGBA& img, int max_side = kAnalysisSize);

// Field of view: everything except near-black regions connected to the image
// border (the round dermoscope vignette). All ones when nothing plausible is found.
std::vector<uint8_t> field_of_view(const ImageRGBA& img);

// Shades-of-grey (Minkowski p = 6) white balance gains for linear RGB, computed
// over the field of view and normalised so their mean is 1.
std::array<float, 3> shades_of_grey_gains(const ImageRGBA& img, const std::vector<uint8_t>& field);

// White-balanced CIELAB planes of img.
LabImage to_lab(const ImageRGBA& img, const std::array<float, 3>& gains);

// Gaussian blur of a plane (sigma in pixels) through the kernel switch.
std::vector<float> gaussian_blur(const std::vector<float>& src, int w, int h, float sigma);

// Lesion mask from blurred CIELAB planes: hairs suppressed by a greyscale
// closing of L*, then Otsu on the colour distance to the surrounding skin,
// cleanup, and the component nearest the centre.
Segmentation segment_lesion(const LabImage& blurred, std::vector<uint8_t> field);

// Chamfer (3-4) distance, in pixels, from each pixel to the nearest pixel with
// mask != 0 (0 on the mask itself). Symmetric under 90-degree rotations and flips.
std::vector<float> chamfer_distance(const std::vector<uint8_t>& mask, int w, int h);

}  // namespace duck
