// lesion_structure.h - dermoscopic structure features of one lesion, measured
// on the analysis image's CIELAB planes and its lesion mask: texture at several
// scales (rotation-invariant local binary patterns, lightness contrast between
// pixels 1, 2 and 4 px apart), dark dots and globules (difference-of-Gaussians
// minima), pigment-network-like dark lines (Hessian ridges), the colour
// difference between the lesion's rim and its centre and between its angular
// sectors, the variability of the border's sharpness around the lesion, and
// blue-white veil / regression areas relative to the patient's skin.
// Everything is invariant to rotations and flips of the image and is a ratio,
// an angle-free contrast or a share of the lesion (no pixel counts or sizes).
#pragma once
#include <vector>

#include "core/model/lesion_features.h"
#include "core/model/lesion_segment.h"

namespace duck {

enum StructureFeature : int {
    kLbpEntropy,       // entropy (bits) of rotation-invariant uniform LBP(8, 1) codes
    kLbpIrregular,     // % of non-uniform LBP(8, 2) codes (no single arc of brighter neighbours)
    kContrastFine,     // mean |L* difference| between pixels 1 px apart (L*)
    kContrastCoarse,   // same at 4 px (L*)
    kContrastRatio,    // coarse / fine: structure larger than a pixel
    kDotDensity,       // dark dots/globules (DoG minima) per 100 lesion px
    kDotIrregularity,  // coefficient of variation of the dots' DoG depth
    kLineDensity,      // % of lesion pixels on a dark line (Hessian ridge)
    kRimCentreDE,      // dE between the outer and the inner third of the lesion
    kSectorDE,         // largest dE between the mean colours of 8 angular sectors
    kSectorLightnessSd,// SD of the sectors' mean L*
    kBorderGradientCv, // coefficient of variation of the border's step around 16 sectors
    kBlueVeil,         // % of lesion pixels bluer and darker than the skin (blue-white veil)
    kWhiteScar,        // % of lesion pixels lighter and paler than the skin (regression)
    kLightnessRange,   // P95 - P5 of L* inside the lesion
    kSaturationSd,     // SD of chroma C* inside the lesion
    kMirrorColourMin,  // colour asymmetry about the most symmetric of 8 axes (dE, fine scale)
    kMirrorColourCoarse, // the same on colours blurred to blotches (sigma 3 px)
    kDarkOffCentre,    // distance of the darkest fifth's centroid from the lesion's, / radius
    kColourClusters,   // 8-dE colour cubes holding >= 3% of the lesion
    kSkinContrastCv,   // SD / mean of the colour distance to the skin inside the lesion
    kTextureSectorCv,  // SD / mean of the fine-scale contrast over 8 angular sectors
    kLineSectorCv,     // SD / mean of the dark-line share over 8 angular sectors
    kGreyDots,         // % of the dots and globules that are grey-blue (peppering)
    kColourAreaFirst,  // 20 colour areas (% of lesion): 5 lightness classes relative to
                       // the skin x 4 hues (grey/blue, red, brown, yellow); see kColourAreas
    kStructureFeatureCount = kColourAreaFirst + 20
};

inline constexpr int kColourAreas = 20;

// Keys, words, units and floors of the structure features, in StructureFeature order.
const std::vector<FeatureInfo>& structure_feature_info();

// The structure features of one lesion. lab: white-balanced CIELAB of the
// analysis image; blurred: the same blurred by `sigma` px (the segmentation's
// input); seg: its lesion mask; skin: the skin reference colour (L*, a*, b*).
std::vector<float> structure_features(const LabImage& lab, const LabImage& blurred, const Segmentation& seg,
                                      float sigma, const float skin[3]);

}  // namespace duck
