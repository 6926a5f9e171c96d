// site.h - ISIC's anatomic sites and sexes, and their names as the CSVs write them.
#pragma once
#include <cstdint>
#include <string_view>

namespace duck {

// The six anatomic sites of ISIC 2020 (anatom_site_general_challenge) plus unknown.
enum class Site : uint8_t { HeadNeck, UpperExtremity, LowerExtremity, Torso, PalmsSoles, OralGenital, Unknown };
inline constexpr int kSiteCount = 7;

// The side of the body a site names, where the metadata says it: the ISIC Archive's
// exports write "anterior torso", "posterior torso" and "lateral torso" where ISIC
// 2020 writes only "torso".
enum class SiteSide : uint8_t { Unspecified, Anterior, Posterior, Lateral };

enum class Sex : uint8_t { Unknown, Male, Female };

// Site name exactly as ISIC writes it ("head/neck", ...); "unknown" for Site::Unknown.
std::string_view site_name(Site s);
// Parses an ISIC site string (case-insensitive, trimmed); false when not one of the six
// or the ISIC Archive's anterior / posterior / lateral torso (read as Site::Torso; see
// parse_site_side for the side). An empty string parses to Site::Unknown and returns true.
bool parse_site(std::string_view text, Site& out);
// parse_site, and the side: Anterior / Posterior / Lateral for the Archive's three sided
// torso values, Unspecified for everything else.
bool parse_site_side(std::string_view text, Site& site, SiteSide& side);
std::string_view side_name(SiteSide s);  // "" | "anterior" | "posterior" | "lateral"
std::string_view sex_name(Sex s);  // "male" | "female" | "unknown"

}  // namespace duck
