// tbp_location.h - the ISIC 2024 (SLICE-3D) named body locations: the values of
// tbp_lv_location and tbp_lv_location_simple, which the total-body photography
// system writes for every lesion, and the ISIC site and torso side each names.
#pragma once
#include <cstdint>
#include <string_view>

#include "core/data/site.h"

namespace duck {

// None: the row has no location column or an empty value. The rest are the
// challenge's values, from the finest (thirds of the back, halves of the front,
// upper / lower limb) to the coarse ones of tbp_lv_location_simple.
enum class TbpLocation : uint8_t {
    None,
    Unknown,
    HeadNeck,
    TorsoFront,
    TorsoFrontTopHalf,
    TorsoFrontBottomHalf,
    TorsoBack,
    TorsoBackTopThird,
    TorsoBackMiddleThird,
    TorsoBackBottomThird,
    LeftArm,
    LeftArmUpper,
    LeftArmLower,
    RightArm,
    RightArmUpper,
    RightArmLower,
    LeftLeg,
    LeftLegUpper,
    LeftLegLower,
    RightLeg,
    RightLegUpper,
    RightLegLower,
};
inline constexpr int kTbpLocationCount = 22;

// The value as the metadata writes it ("Torso Back Top Third", "Left Leg - Upper",
// "Head & Neck", ...); "" for None.
std::string_view tbp_location_name(TbpLocation l);
// Parses a tbp_lv_location / tbp_lv_location_simple value (case-insensitive,
// trimmed). Empty, "nan" and "NA" are None; false for any other unknown text.
bool parse_tbp_location(std::string_view text, TbpLocation& out);
// The ISIC site and torso side a location lies in (Unknown for None / Unknown).
Site tbp_site(TbpLocation l);
SiteSide tbp_side(TbpLocation l);
// The coarse location of tbp_lv_location_simple ("Torso Back" for its thirds, ...).
TbpLocation tbp_simple(TbpLocation l);

// The patient's side of the body a location names.
enum class BodySide : uint8_t { Unspecified, Left, Right };
BodySide tbp_body_side(TbpLocation l);

}  // namespace duck
