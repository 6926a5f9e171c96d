// body_figure.h - the anatomical figure of the body-site map: front, back and
// side outlines read from vector data (assets/body/figure.json, embedded at build
// time), each region tagged with the ISIC site it shows. Pure geometry and
// counting; the UI draws it (src/ui/body_map_widget.cpp).
#pragma once
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/view/body_map.h"
#include "core/data/dataset.h"
#include "core/base/result.h"

namespace duck {

// Where on the body a lesion is recorded, as finely as the metadata says: the six
// ISIC 2020 sites, a torso whose side is not recorded (ISIC 2020's "torso") and the
// ISIC Archive's anterior / posterior / lateral torso, plus unknown.
enum class BodyArea : uint8_t {
    HeadNeck,
    UpperExtremity,
    LowerExtremity,
    Torso,  // side not recorded
    AnteriorTorso,
    PosteriorTorso,
    LateralTorso,
    PalmsSoles,
    OralGenital,
    Unknown
};
inline constexpr int kBodyAreaCount = 10;

// ISIC's spelling ("head/neck", "anterior torso", ...); "torso" for a torso without
// side; "unknown".
std::string_view area_name(BodyArea a);
bool parse_area_name(std::string_view text, BodyArea& out);
BodyArea body_area(Site site, SiteSide side);
Site area_site(BodyArea a);  // the general site (Torso for the three sides)
// Whether a region drawn for `region` holds lesions recorded at `lesion`: its own,
// and a torso lesion whose side is not recorded lies on every torso region.
bool area_shows(BodyArea region, BodyArea lesion);

// One region of a view: its outline (map units, curves flattened) and the
// triangles that fill it (indices into the outline, three per triangle).
struct FigureRegion {
    BodyArea area = BodyArea::Unknown;
    std::vector<Vec2> outline;
    std::vector<uint32_t> triangles;
};

struct FigureView {
    std::string name;   // "front", "back", "side"
    std::string label;  // shown above the view
    Vec2 min, max;      // the view's box in map units
    std::vector<FigureRegion> regions;           // drawing order; later ones win a click
    std::vector<std::vector<Vec2>> details;      // open strokes drawn on top (spine, navel)
    std::vector<std::pair<BodyArea, Vec2>> anchors;  // where each area's count is printed
};

// The views laid out left to right in one map space, with the slot for lesions of
// unknown site below them.
struct BodyFigure {
    std::vector<FigureView> views;
    float width = 0, height = 0;
    Vec2 unknown_min, unknown_max;

    // Where `a`'s count goes (map units); false when no view anchors it.
    bool anchor(BodyArea a, Vec2& out) const;
};

// Parses the figure asset. Every region must be one closed, simple outline of a
// known area; every area of the vocabulary (but unknown) needs a region and an
// anchor. Errors say which view and region.
Result<BodyFigure> parse_body_figure(std::string_view json);

// The shipped figure (assets/body/figure.json, compiled in), parsed once.
const Result<BodyFigure>& shipped_body_figure();

// The region under a map-space point: its area, view and region index; the unknown
// slot gives BodyArea::Unknown with view -1. False when the point hits nothing.
struct FigureHit {
    BodyArea area = BodyArea::Unknown;
    int view = -1;
    int region = -1;
};
bool figure_hit(const BodyFigure& fig, Vec2 p, FigureHit& out);

// Uniform scale + offset placing the figure inside a w x h box at (x, y), centred.
BodyMapFit fit_figure(const BodyFigure& fig, float x, float y, float w, float h);

// Lesions and melanomas per area (index = BodyArea).
struct AreaCounts {
    std::array<int, kBodyAreaCount> lesions{};
    std::array<int, kBodyAreaCount> melanomas{};
    // What a region of `region` shows: its own lesions plus those it holds by
    // area_shows (a torso region counts the torso lesions without side too).
    int region_lesions(BodyArea region) const;
    int region_melanomas(BodyArea region) const;
    int max_region_lesions() const;  // over every area, for the colour scale
};
AreaCounts count_areas(const Dataset& ds, std::span<const uint32_t> lesions);
AreaCounts count_areas(const Dataset& ds);  // every lesion of the dataset

}  // namespace duck
