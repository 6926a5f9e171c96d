// tbp_placement.cpp - ISIC 2024 lesions as points on the front / back figure.
#include "core/view/tbp_placement.h"

#include <algorithm>
#include <cmath>
#include <string_view>

namespace duck {

namespace {

// The figure's units: its height is 222 and its midline x = 50 in every view's
// own coordinates (assets/body/figure.json); views are laid side by side in map
// space, so a view's own x is map x - view.min.x + the box's left (12 for front/back).
constexpr float kFigureHeight = 222.f, kMidline = 50.f, kBoxLeft = 12.f;

int view_index(const BodyFigure& fig, std::string_view name) {
    for (size_t v = 0; v < fig.views.size(); ++v)
        if (fig.views[v].name == name) return static_cast<int>(v);
    return -1;
}

Vec2 to_map(const FigureView& v, float x, float y) { return {v.min.x + (x - kBoxLeft), v.min.y + y}; }

// Where each named location sits in the front view's own coordinates (patient's
// right on the image's left), drawn on the shipped figure's regions.
bool location_point(TbpLocation l, float& x, float& y) {
    const BodySide side = tbp_body_side(l);
    const float s = side == BodySide::Left ? 1.f : -1.f;  // front view: the patient's left is on the right
    switch (l) {
        case TbpLocation::HeadNeck: x = 50, y = 14; return true;
        case TbpLocation::TorsoFront: x = 50, y = 72; return true;
        case TbpLocation::TorsoFrontTopHalf: x = 50, y = 55; return true;
        case TbpLocation::TorsoFrontBottomHalf: x = 50, y = 90; return true;
        case TbpLocation::TorsoBack: x = 50, y = 72; return true;
        case TbpLocation::TorsoBackTopThird: x = 50, y = 50; return true;
        case TbpLocation::TorsoBackMiddleThird: x = 50, y = 72; return true;
        case TbpLocation::TorsoBackBottomThird: x = 50, y = 92; return true;
        case TbpLocation::LeftArm: case TbpLocation::RightArm: x = 50 + s * 23, y = 72; return true;
        case TbpLocation::LeftArmUpper: case TbpLocation::RightArmUpper: x = 50 + s * 22, y = 58; return true;
        case TbpLocation::LeftArmLower: case TbpLocation::RightArmLower: x = 50 + s * 26, y = 92; return true;
        case TbpLocation::LeftLeg: case TbpLocation::RightLeg: x = 50 + s * 9, y = 158; return true;
        case TbpLocation::LeftLegUpper: case TbpLocation::RightLegUpper: x = 50 + s * 10, y = 135; return true;
        case TbpLocation::LeftLegLower: case TbpLocation::RightLegLower: x = 50 + s * 8, y = 182; return true;
        default: return false;
    }
}

bool is_back(TbpLocation l) { return tbp_side(l) == SiteSide::Posterior; }

}  // namespace

bool tbp_marker(const BodyFigure& fig, const Dataset& ds, uint32_t i, LesionMarker& out) {
    if (i >= ds.lesions.size()) return false;
    const Lesion& l = ds.lesions[i];
    const int front = view_index(fig, "front"), back = view_index(fig, "back");
    if (front < 0 || back < 0) return false;
    const bool on_back = is_back(l.tbp_location) || (l.tbp_location == TbpLocation::None && l.site_side == SiteSide::Posterior);
    out.lesion = i;
    out.view = on_back ? back : front;
    const FigureView& v = fig.views[static_cast<size_t>(out.view)];
    const Measurements& m = ds.measures;
    const float px = m.get(l, "tbp_lv_x"), py = m.get(l, "tbp_lv_y");
    if (!std::isnan(px) && !std::isnan(py)) {
        const float scale = kFigureHeight / kAssumedStatureMm;
        // Seen from the front the patient's left (x < 0) is on the image's right.
        const float x = on_back ? kMidline + px * scale : kMidline - px * scale;
        const float y = kFigureHeight - py * scale;
        const float w = v.max.x - v.min.x;
        out.at = to_map(v, std::clamp(x, kBoxLeft, kBoxLeft + w), std::clamp(y, 0.f, kFigureHeight));
        out.from_position = true;
        return true;
    }
    float x, y;
    if (!location_point(l.tbp_location, x, y)) return false;
    if (on_back) x = 2 * kMidline - x;  // seen from behind, sides swap
    // Lesions at one named location spread on a small spiral, so they do not hide one another.
    const float k = static_cast<float>(i % 25), a = k * 2.39996f, r = 0.35f * std::sqrt(k);
    out.at = to_map(v, x + r * std::cos(a), y + r * std::sin(a));
    out.from_position = false;
    return true;
}

std::vector<LesionMarker> tbp_markers(const BodyFigure& fig, const Dataset& ds, std::span<const uint32_t> lesions) {
    std::vector<LesionMarker> out;
    out.reserve(lesions.size());
    LesionMarker mk;
    for (uint32_t i : lesions)
        if (tbp_marker(fig, ds, i, mk)) out.push_back(mk);
    return out;
}

}  // namespace duck
