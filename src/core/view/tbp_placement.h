// tbp_placement.h - where an ISIC 2024 (SLICE-3D) lesion goes on the body figure:
// by its 3D position (tbp_lv_x/y/z) when the row has one, else by its named
// location (tbp_lv_location). The position's frame is the imaging system's own
// and is not documented; in the real rows y grows with height (about 1,500 mm for
// the top of the back, 630 mm for an upper leg) and a left-leg lesion has x < 0.
// The projection therefore assumes y = height above the floor in mm, x = across
// the body with the patient's left negative, and a standing height of
// kAssumedStatureMm (the figure is 222 units tall); the UI says so beside the points.
#pragma once
#include <cstdint>

#include "core/data/dataset.h"
#include "core/view/body_figure.h"

namespace duck {

inline constexpr float kAssumedStatureMm = 1800.f;

// The on-screen words for the points (the frame is the imaging system's own).
inline constexpr const char* kTbpFrameNote =
    "Points: tbp_lv_x/y/z in the imaging system's own 3D frame (not documented), drawn with y as height "
    "in mm, x across (patient's left < 0) and an assumed 1.80 m stature; lesions without a position sit "
    "at their named location.";

struct LesionMarker {
    uint32_t lesion = kNone;
    Vec2 at;            // map units
    int view = -1;      // index into BodyFigure::views ("front" or "back")
    bool from_position = false;  // placed by tbp_lv_x/y/z (else by tbp_lv_location)
};

// The marker of lesion `i`; false when the lesion has neither a position nor a
// named location (or the figure lacks a front or back view).
bool tbp_marker(const BodyFigure& fig, const Dataset& ds, uint32_t i, LesionMarker& out);

// Markers of `lesions` (those that can be placed), computed once per patient.
std::vector<LesionMarker> tbp_markers(const BodyFigure& fig, const Dataset& ds, std::span<const uint32_t> lesions);

}  // namespace duck
