// tbp_location.cpp - names of the ISIC 2024 body locations and the sites they lie in.
#include "core/data/tbp_location.h"

#include <cctype>

namespace duck {

namespace {

struct Entry {
    std::string_view name;
    Site site;
    SiteSide side;
    TbpLocation simple;
    BodySide body;
};

// Indexed by TbpLocation.
constexpr Entry kEntries[kTbpLocationCount] = {
    {"", Site::Unknown, SiteSide::Unspecified, TbpLocation::None, BodySide::Unspecified},
    {"Unknown", Site::Unknown, SiteSide::Unspecified, TbpLocation::Unknown, BodySide::Unspecified},
    {"Head & Neck", Site::HeadNeck, SiteSide::Unspecified, TbpLocation::HeadNeck, BodySide::Unspecified},
    {"Torso Front", Site::Torso, SiteSide::Anterior, TbpLocation::TorsoFront, BodySide::Unspecified},
    {"Torso Front Top Half", Site::Torso, SiteSide::Anterior, TbpLocation::TorsoFront, BodySide::Unspecified},
    {"Torso Front Bottom Half", Site::Torso, SiteSide::Anterior, TbpLocation::TorsoFront, BodySide::Unspecified},
    {"Torso Back", Site::Torso, SiteSide::Posterior, TbpLocation::TorsoBack, BodySide::Unspecified},
    {"Torso Back Top Third", Site::Torso, SiteSide::Posterior, TbpLocation::TorsoBack, BodySide::Unspecified},
    {"Torso Back Middle Third", Site::Torso, SiteSide::Posterior, TbpLocation::TorsoBack, BodySide::Unspecified},
    {"Torso Back Bottom Third", Site::Torso, SiteSide::Posterior, TbpLocation::TorsoBack, BodySide::Unspecified},
    {"Left Arm", Site::UpperExtremity, SiteSide::Unspecified, TbpLocation::LeftArm, BodySide::Left},
    {"Left Arm - Upper", Site::UpperExtremity, SiteSide::Unspecified, TbpLocation::LeftArm, BodySide::Left},
    {"Left Arm - Lower", Site::UpperExtremity, SiteSide::Unspecified, TbpLocation::LeftArm, BodySide::Left},
    {"Right Arm", Site::UpperExtremity, SiteSide::Unspecified, TbpLocation::RightArm, BodySide::Right},
    {"Right Arm - Upper", Site::UpperExtremity, SiteSide::Unspecified, TbpLocation::RightArm, BodySide::Right},
    {"Right Arm - Lower", Site::UpperExtremity, SiteSide::Unspecified, TbpLocation::RightArm, BodySide::Right},
    {"Left Leg", Site::LowerExtremity, SiteSide::Unspecified, TbpLocation::LeftLeg, BodySide::Left},
    {"Left Leg - Upper", Site::LowerExtremity, SiteSide::Unspecified, TbpLocation::LeftLeg, BodySide::Left},
    {"Left Leg - Lower", Site::LowerExtremity, SiteSide::Unspecified, TbpLocation::LeftLeg, BodySide::Left},
    {"Right Leg", Site::LowerExtremity, SiteSide::Unspecified, TbpLocation::RightLeg, BodySide::Right},
    {"Right Leg - Upper", Site::LowerExtremity, SiteSide::Unspecified, TbpLocation::RightLeg, BodySide::Right},
    {"Right Leg - Lower", Site::LowerExtremity, SiteSide::Unspecified, TbpLocation::RightLeg, BodySide::Right},
};

const Entry& entry(TbpLocation l) {
    const auto i = static_cast<int>(l);
    return kEntries[i >= 0 && i < kTbpLocationCount ? i : 0];
}

// Case-insensitive compare that also treats runs of spaces as one, so
// "Left Leg -  Upper" and "left leg - upper" read as the challenge's value.
bool same_words(std::string_view a, std::string_view b) {
    size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (a[i] == ' ' && b[j] == ' ') {
            while (i < a.size() && a[i] == ' ') ++i;
            while (j < b.size() && b[j] == ' ') ++j;
            continue;
        }
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[j]))) return false;
        ++i, ++j;
    }
    return i == a.size() && j == b.size();
}

}  // namespace

std::string_view tbp_location_name(TbpLocation l) { return entry(l).name; }
Site tbp_site(TbpLocation l) { return entry(l).site; }
SiteSide tbp_side(TbpLocation l) { return entry(l).side; }
TbpLocation tbp_simple(TbpLocation l) { return entry(l).simple; }
BodySide tbp_body_side(TbpLocation l) { return entry(l).body; }

bool parse_tbp_location(std::string_view text, TbpLocation& out) {
    size_t b = 0, e = text.size();
    while (b < e && std::isspace(static_cast<unsigned char>(text[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1]))) --e;
    const std::string_view t = text.substr(b, e - b);
    out = TbpLocation::None;
    if (t.empty() || same_words(t, "nan") || same_words(t, "na")) return true;
    for (int i = 1; i < kTbpLocationCount; ++i)
        if (same_words(t, kEntries[i].name)) {
            out = static_cast<TbpLocation>(i);
            return true;
        }
    return false;
}

}  // namespace duck
