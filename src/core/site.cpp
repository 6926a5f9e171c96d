// site.cpp - names of ISIC anatomic sites and sexes, as written in the CSVs.
#include <cctype>
#include <string>

#include "core/dataset.h"

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
}  // namespace

std::string_view site_name(Site s) {
    auto i = static_cast<int>(s);
    return (i >= 0 && i < kSiteCount) ? kSiteNames[i] : kSiteNames[kSiteCount - 1];
}

bool parse_site(std::string_view text, Site& out) {
    for (int i = 0; i < kSiteCount - 1; ++i)  // ISIC's own spelling: no copy, no case folding
        if (text.size() == kSiteNames[i].size() && text_equal(text, kSiteNames[i])) return out = static_cast<Site>(i), true;
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
    // Older ISIC exports spell the torso as anterior/posterior/lateral torso.
    if (s.find("torso") != std::string::npos) {
        out = Site::Torso;
        return true;
    }
    out = Site::Unknown;
    return false;
}

std::string_view sex_name(Sex s) {
    switch (s) {
        case Sex::Male: return "male";
        case Sex::Female: return "female";
        default: return "unknown";
    }
}

}  // namespace duck
