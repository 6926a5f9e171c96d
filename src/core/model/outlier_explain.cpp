// outlier_explain.cpp - turns a lesion's largest score contributions into plain
// words a resident can check against the images, with the values.
#include <cmath>

#include "core/model/outlier_score.h"

namespace duck {

std::vector<std::string> explain(const LesionScore& s, const std::vector<FeatureInfo>& info,
                                 bool segmentation_fallback) {
    std::vector<std::string> lines;
    if (!s.ok()) return lines;
    for (const auto& c : s.top) {
        const FeatureInfo& f = info[c.feature];
        if (std::string_view(f.key) == "n_colours") {
            int n = int(std::lround(c.value));
            lines.push_back(std::to_string(n) + (n == 1 ? " colour" : " colours") +
                            " (this patient's other lesions: median " + format_feature_value(c.median, f) + ")");
            continue;
        }
        float az = std::fabs(c.z);
        const char* degree = az >= 4 ? "much " : az >= 2 ? "" : "slightly ";
        std::string phrase = c.z > 0 ? f.higher : f.lower;
        // "border less regular" -> "border much less regular": degree goes before the comparative.
        size_t space = phrase.find(' ');
        bool noun_first = phrase.rfind("border ", 0) == 0 && space != std::string::npos;
        std::string text = noun_first ? phrase.substr(0, space + 1) + degree + phrase.substr(space + 1)
                                      : std::string(degree) + phrase;
        lines.push_back(text + " than the patient's other lesions (" + f.label + " " +
                        format_feature_value(c.value, f) + " vs median " + format_feature_value(c.median, f) + ")");
    }
    if (lines.empty()) lines.push_back("similar to this patient's other lesions");
    if (segmentation_fallback)
        lines.push_back("outline uncertain: the lesion could not be segmented, a centred disc was used");
    return lines;
}

}  // namespace duck
