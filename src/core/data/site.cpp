// site.cpp - names of ISIC anatomic sites and sexes, as written in the CSVs.
#include <cctype>
#include <string>

#include "core/base/small_string.h"
#include "core/data/site.h"

namespace duck {

namespace {
constexpr std::string_view kSiteNames[kSiteCount] = {
    "head/neck", "upper extremity", "lower extremity", "torso", "palms/soles", "oral/genital", "unknown"};

std::string lower_trim(std::string_view t) {
    size_t b = 0, e = t.size();
    while (b < e && std::isspace(static_cast<unsigned char>(t[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(t[e - 1]))) --e;
    std::string s(t.substr(b, e - b));
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// ISIC's own spelling, told apart by length (5, 9, 11, 12 or 15: only the two
// extremities share one): one compare per row instead of a walk over the names.
bool parse_isic_site(std::string_view text, Site& out) {
    Site s;
    switch (text.size()) {
        case 5: s = Site::Torso; break;
        case 9: s = Site::HeadNeck; break;
        case 11: s = Site::PalmsSoles; break;
        case 12: s = Site::OralGenital; break;
        case 15: s = text[0] == 'u' ? Site::UpperExtremity : Site::LowerExtremity; break;
        default: return false;
    }
    if (!text_equal(text, kSiteNames[static_cast<int>(s)])) return false;
    out = s;
    return true;
}
// The Archive's sided torso values (lower-case, trimmed text).
bool torso_side(const std::string& s, SiteSide& side) {
    if (s == "anterior torso") return side = SiteSide::Anterior, true;
    if (s == "posterior torso") return side = SiteSide::Posterior, true;
    if (s == "lateral torso") return side = SiteSide::Lateral, true;
    return false;
}
}  // namespace

std::string_view site_name(Site s) {
    auto i = static_cast<int>(s);
    return (i >= 0 && i < kSiteCount) ? kSiteNames[i] : kSiteNames[kSiteCount - 1];
}

bool parse_site(std::string_view text, Site& out) {
    if (parse_isic_site(text, out)) return true;  // no copy, no case folding
    const std::string s = lower_trim(text);
    if (s.empty() || s == "unknown" || s == "nan" || s == "na") {
        out = Site::Unknown;
        return true;
    }
    for (int i = 0; i < kSiteCount - 1; ++i)
        if (s == kSiteNames[i]) {
            out = static_cast<Site>(i);
            return true;
        }
    // The ISIC Archive spells the torso as anterior / posterior / lateral torso.
    SiteSide side;
    if (torso_side(s, side)) {
        out = Site::Torso;
        return true;
    }
    out = Site::Unknown;
    return false;
}

bool parse_site_side(std::string_view text, Site& site, SiteSide& side) {
    side = SiteSide::Unspecified;
    if (parse_isic_site(text, site)) return true;  // ISIC 2020's spellings: no copy
    if (torso_side(lower_trim(text), side)) {
        site = Site::Torso;
        return true;
    }
    return parse_site(text, site);
}

std::string_view side_name(SiteSide s) {
    switch (s) {
        case SiteSide::Anterior: return "anterior";
        case SiteSide::Posterior: return "posterior";
        case SiteSide::Lateral: return "lateral";
        case SiteSide::Unspecified: break;
    }
    return "";
}

std::string_view sex_name(Sex s) {
    switch (s) {
        case Sex::Male: return "male";
        case Sex::Female: return "female";
        default: return "unknown";
    }
}

}  // namespace duck
