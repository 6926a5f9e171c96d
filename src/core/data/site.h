// site.h - ISIC's anatomic sites and sexes, and their names as the CSVs write them.
#pragma once
#include <cstdint>
#include <string_view>

namespace duck {

// The six anatomic sites of ISIC 2020 (anatom_site_general_challenge) plus unknown.
enum class Site : uint8_t { HeadNeck, UpperExtremity, LowerExtremity, Torso, PalmsSoles, OralGenital, Unknown };
inline constexpr int kSiteCount = 7;

enum class Sex : uint8_t { Unknown, Male, Female };

// Site name exactly as ISIC writes it ("head/neck", ...); "unknown" for Site::Unknown.
std::string_view site_name(Site s);
// Parses an ISIC site string (case-insensitive, trimmed); false when not one of the six
// (an empty string parses to Site::Unknown and returns true).
bool parse_site(std::string_view text, Site& out);
std::string_view sex_name(Sex s);  // "male" | "female" | "unknown"

}  // namespace duck
