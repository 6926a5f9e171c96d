// body_map.h - what the body-site map shares with the rest of the view code: map
// coordinates and their fit into a screen box, per-site counts and the colour scale
// of the regions. The figure itself (front, back and side outlines read from
// assets/body/figure.json) is core/view/body_figure.h.
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

// Even-odd point-in-polygon test (works for any simple polygon).
bool point_in_polygon(Vec2 p, std::span<const Vec2> poly);

// Uniform scale + offset placing map units on screen (see fit_figure).
struct BodyMapFit {
    float scale = 1, ox = 0, oy = 0;
    Vec2 to_screen(Vec2 m) const { return {ox + m.x * scale, oy + m.y * scale}; }
    Vec2 to_map(Vec2 s) const { return {(s.x - ox) / scale, (s.y - oy) / scale}; }
};

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
