// body_map.cpp - point-in-polygon, per-site counts and the regions' colour scale.
#include "core/view/body_map.h"

#include <algorithm>
#include <cmath>

namespace duck {

bool point_in_polygon(Vec2 p, std::span<const Vec2> poly) {
    bool inside = false;
    for (size_t i = 0, j = poly.size() - 1; i < poly.size(); j = i++) {
        const Vec2& a = poly[i];
        const Vec2& b = poly[j];
        if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x) inside = !inside;
    }
    return inside;
}

int SiteCounts::max_lesions() const { return *std::max_element(lesions.begin(), lesions.end()); }

SiteCounts count_sites(const Dataset& ds, std::span<const uint32_t> lesions) {
    SiteCounts c;
    for (uint32_t li : lesions) {
        if (li >= ds.lesions.size()) continue;
        const Lesion& l = ds.lesions[li];
        const int s = std::clamp(static_cast<int>(l.site), 0, kSiteCount - 1);
        ++c.lesions[s];
        if (l.label == Label::Malignant) ++c.melanomas[s];
    }
    return c;
}

SiteCounts count_sites(const Dataset& ds) {
    SiteCounts c;
    for (const Lesion& l : ds.lesions) {
        const int s = std::clamp(static_cast<int>(l.site), 0, kSiteCount - 1);
        ++c.lesions[s];
        if (l.label == Label::Malignant) ++c.melanomas[s];
    }
    return c;
}

std::array<float, 4> site_heat(int count, int max, bool dark) {
    if (count <= 0 || max <= 0) return dark ? std::array<float, 4>{0.27f, 0.29f, 0.33f, 1} : std::array<float, 4>{0.86f, 0.87f, 0.89f, 1};
    // Square-root scale so a single lesion is visible next to a site holding dozens.
    const float t = std::sqrt(std::clamp(static_cast<float>(count) / static_cast<float>(max), 0.f, 1.f));
    // From a pale amber to a deep orange-red (readable on both themes).
    const float lo[3] = {0.99f, 0.86f, 0.60f}, hi[3] = {0.80f, 0.20f, 0.09f};
    return {lo[0] + (hi[0] - lo[0]) * t, lo[1] + (hi[1] - lo[1]) * t, lo[2] + (hi[2] - lo[2]) * t, 1};
}

}  // namespace duck
