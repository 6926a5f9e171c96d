// body_map.h - the body-site map: a front and a back human figure made of convex
// polygons (defined here, in code, not copied from an image), each polygon tagged
// with the ISIC site it belongs to, plus an "unknown" slot. Used for drawing (the
// panel fills each polygon with its region's colour), hit testing (click a region
// to filter the grid) and per-site counts.
#pragma once
#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "core/data/dataset.h"

namespace duck {

struct Vec2 {
    float x = 0, y = 0;
};

enum class BodyView : uint8_t { Front, Back };

// One convex polygon of the figure, in map units (see kBodyMapWidth/Height).
struct BodyShape {
    Site site;
    BodyView view;
    std::vector<Vec2> points;  // convex, clockwise on screen (y down), as ImDrawList expects
};

// Map units: the front figure occupies x in [0, 100], the back one [120, 220], both
// y in [0, 222]; the unknown slot is a rounded box below them.
inline constexpr float kBodyMapWidth = 220.f;
inline constexpr float kBodyMapHeight = 262.f;
inline constexpr Vec2 kUnknownSlotMin{70.f, 234.f};
inline constexpr Vec2 kUnknownSlotMax{150.f, 258.f};

// All shapes in drawing order: small regions (palms, mouth, genitals) come after the
// large ones they overlap, so hit testing walks the list backwards.
const std::vector<BodyShape>& body_shapes();

// Where to print a region's count (map units), one anchor per site.
Vec2 site_anchor(Site s);

// Site under a map-space point (the unknown slot gives Site::Unknown), or false.
bool body_hit(Vec2 p, Site& out);

// Even-odd point-in-polygon test (works for any simple polygon).
bool point_in_polygon(Vec2 p, std::span<const Vec2> poly);

// Uniform scale + offset placing the map inside a w x h box at (x, y), centred.
struct BodyMapFit {
    float scale = 1, ox = 0, oy = 0;
    Vec2 to_screen(Vec2 m) const { return {ox + m.x * scale, oy + m.y * scale}; }
    Vec2 to_map(Vec2 s) const { return {(s.x - ox) / scale, (s.y - oy) / scale}; }
};
BodyMapFit fit_body_map(float x, float y, float w, float h);

// Lesions and melanomas per site (index = Site).
struct SiteCounts {
    std::array<int, kSiteCount> lesions{};
    std::array<int, kSiteCount> melanomas{};
    int max_lesions() const;
};
SiteCounts count_sites(const Dataset& ds, std::span<const uint32_t> lesions);
SiteCounts count_sites(const Dataset& ds);  // every lesion of the dataset

// Sequential colour scale for a region holding `count` of at most `max` lesions:
// pale for few, saturated for many (RGBA 0..1); a neutral grey for zero.
std::array<float, 4> site_heat(int count, int max, bool dark_theme);

}  // namespace duck
