// lesion_features.h - per-lesion features for the ugly-duckling model. A
// FeatureExtractor turns one image into named numbers with units and words a
// resident can check; DermFeatureExtractor is the hand-built dermoscopic one
// (colour, variegation, asymmetry, border, texture) followed by the structure
// features of core/model/lesion_structure.h (texture at several scales, dots,
// lines, rim/sector colour, colour areas). A learned embedding can be
// added later as another FeatureExtractor without touching the scoring.
// All features are invariant to rotation and flips and avoid absolute size and
// file properties (resolution and file size leak the label in ISIC 2020).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/image/image.h"
#include "core/model/lesion_segment.h"
#include "core/base/result.h"

namespace duck {

// Describes one feature: a stable key, words for explanations, and the smallest
// difference that matters (used as a floor for per-patient spreads).
struct FeatureInfo {
    const char* key;     // stable, e.g. "n_colours"
    const char* label;   // "dermoscopic colours"
    const char* unit;    // "", "L*", "dE", "%"...
    const char* higher;  // phrase when this lesion is higher: "more colourful"
    const char* lower;   // phrase when lower: "less colourful"
    int decimals;        // for printing values
    float floor;         // smallest meaningful spread between lesions
};

// Feature values of one lesion, aligned with FeatureExtractor::features().
struct LesionFeatures {
    std::vector<float> values;
    Segmentation seg;                   // the mask at analysis size (for overlays)
    bool segmentation_fallback = false;
    std::string note;                   // segmentation note when fallback was used
};

class FeatureExtractor {
public:
    virtual ~FeatureExtractor() = default;
    virtual std::string_view name() const = 0;
    virtual const std::vector<FeatureInfo>& features() const = 0;
    // Features of one decoded image (any size; reduced to analysis size first).
    virtual Result<LesionFeatures> extract(const ImageRGBA& img) const = 0;
};

// The dermoscopic features described in docs/model.md.
class DermFeatureExtractor final : public FeatureExtractor {
public:
    std::string_view name() const override { return "dermoscopic-v2"; }
    const std::vector<FeatureInfo>& features() const override;
    Result<LesionFeatures> extract(const ImageRGBA& img) const override;
};

// Indices into DermFeatureExtractor::features(). The structure features
// (StructureFeature, core/model/lesion_structure.h) follow from kDermFeatureCount.
enum DermFeature : int {
    kLightness, kRedness, kYellowness, kLightnessSpread, kColourSpread, kSkinContrast,
    kColourCount, kColourEntropy, kBlueWhiteFraction, kShapeAsymmetry, kColourAsymmetry,
    kElongation, kCompactness, kBorderIrregularity, kBorderSharpness, kTexture, kRelativeArea,
    kDermFeatureCount
};

// Dermoscopic colour classes counted for variegation.
enum class DermColour { White, Red, LightBrown, DarkBrown, BlueGrey, Black, Count };
std::string_view derm_colour_name(DermColour c);

// A feature value with its decimals and unit, for explanations ("31%", "42.0 L*").
std::string format_feature_value(float v, const FeatureInfo& f);

// Convenience: DermFeatureExtractor on one image.
Result<LesionFeatures> compute_features(const ImageRGBA& img);

// Fractions of lesion pixels assigned to each dermoscopic colour (for tests and UI).
std::vector<float> colour_fractions(const LabImage& lab, const Segmentation& seg,
                                    const float skin_lab[3]);

}  // namespace duck
