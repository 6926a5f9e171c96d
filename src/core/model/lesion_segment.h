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

#include "core/image/image.h"

namespace duck {

// The working size of the features: the longer side of the image the model
// measures. 128 px keeps the dermoscopic structure the features measure
// (colours, border, shape, asymmetry) and is 4x cheaper than 256 px, which the
// 50 ms per 16-lesion patient budget in the browser needs; test_lesion_real /
// test_model_demo check quality. Lengths in the model are stated for 256 px and
// scaled to the image's size.
inline constexpr int kFeatureSize = 128;
// The analysis size: the image pipeline's analysis image (core/resample.h
// kAnalysisSide, made by the decode worker off the main thread) is already at
// the feature size, so the model does no resampling of its own on that path.
// Larger images (any size) are reduced to kFeatureSize by the same resampler.
inline constexpr int kAnalysisSize = kFeatureSize;

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

// Area-averages `img` in linear light (resample.h, the image pipeline's resampler)
// so its longer side is at most max_side; returned as-is when already small enough.
ImageRGBA reduce_to_analysis(const ImageRGBA& img, int max_side = kFeatureSize);

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

// Exact Euclidean distance, in pixels, from each pixel to the nearest pixel with
// mask != 0 (0 on the mask itself; a large value when the mask is empty).
// Separable lower-envelope algorithm (Felzenszwalb & Huttenlocher 2012), O(w*h),
// so thresholding it gives exact disc morphology that is symmetric under
// rotations and flips. Writes into `out` (resized) to avoid allocations.
void distance_transform(const std::vector<uint8_t>& mask, int w, int h, std::vector<float>& out);
std::vector<float> distance_transform(const std::vector<uint8_t>& mask, int w, int h);

// Binary dilation (dilate) or erosion of mask by the disc of radius r pixels:
// exactly the thresholds of distance_transform (<= r to the mask; > r to its
// complement), computed from the disc's offsets when r < 3 (cheap at 128 px).
std::vector<uint8_t> morph_disc(const std::vector<uint8_t>& mask, int w, int h, float r, bool dilate);

}  // namespace duck
