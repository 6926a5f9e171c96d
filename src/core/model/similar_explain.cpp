// similar_explain.cpp - why two lesions are neighbours, in words a resident can
// check against both images: the traits they share where they differ from most
// lesions (a shared unusual trait says more than a shared ordinary one).
#include <algorithm>
#include <cmath>
#include <string_view>

#include "core/model/similar.h"

namespace duck {

namespace {

// Standing out from the dataset: at least one robust spread from its median.
constexpr float kStandsOut = 1.0f;
// Share of the lesion (blue_white_pct, %) from which a colour count mentions it.
constexpr float kBlueWhiteMentioned = 5.0f;

// A shared trait: both lesions stand out the same way from the dataset and lie
// nearer to each other than to its median.
bool is_shared(float za, float zb) {
    const float least = std::min(std::fabs(za), std::fabs(zb));
    return za * zb > 0 && least >= kStandsOut && std::fabs(za - zb) < least;
}

// Standardised but not clipped: two values far out on the same side clip alike
// yet are not alike.
float unclipped(const SimilarSpace& s, float v, int j) {
    return std::isfinite(v) ? (v - s.centre[size_t(j)]) / s.scale[size_t(j)] : 0.0f;
}

int feature_index(const std::vector<FeatureInfo>& info, std::string_view key) {
    for (size_t j = 0; j < info.size(); ++j)
        if (key == info[j].key) return int(j);
    return -1;
}

std::string colour_words(const SimilarFeature& f, std::span<const float> a, std::span<const float> b,
                         const std::vector<FeatureInfo>& info) {
    const int n = int(std::lround(f.a));
    std::string s = "both have " + std::to_string(n) + (n == 1 ? " colour" : " colours");
    const int bw = feature_index(info, "blue_white_pct");
    if (bw >= 0 && size_t(bw) < a.size() && a[size_t(bw)] >= kBlueWhiteMentioned && b[size_t(bw)] >= kBlueWhiteMentioned)
        s += " incl. blue-grey or white";
    return s;
}

}  // namespace

std::vector<SimilarFeature> similar_features(const SimilarSpace& space, std::span<const float> a,
                                             std::span<const float> b, int count) {
    std::vector<SimilarFeature> shared, rest;
    const int d = std::min({space.features, int(a.size()), int(b.size())});
    for (int j = 0; j < d; ++j) {
        const float za = unclipped(space, a[size_t(j)], j), zb = unclipped(space, b[size_t(j)], j);
        SimilarFeature f{j, a[size_t(j)], b[size_t(j)], std::fabs(za - zb)};
        (is_shared(za, zb) ? shared : rest).push_back(f);
    }
    auto by_gap = [](const SimilarFeature& x, const SimilarFeature& y) {
        return x.gap < y.gap || (x.gap == y.gap && x.feature < y.feature);
    };
    std::sort(shared.begin(), shared.end(), by_gap);
    std::sort(rest.begin(), rest.end(), by_gap);
    // At least two points: closest ordinary features fill up when fewer traits are shared.
    if (int(shared.size()) < std::min(2, count)) shared.insert(shared.end(), rest.begin(), rest.end());
    if (int(shared.size()) > count) shared.resize(size_t(std::max(count, 0)));
    return shared;
}

std::vector<std::string> explain_similarity(const SimilarSpace& space, std::span<const float> a,
                                            std::span<const float> b, const std::vector<FeatureInfo>& info,
                                            int count) {
    std::vector<std::string> lines;
    for (const SimilarFeature& f : similar_features(space, a, b, count)) {
        if (size_t(f.feature) >= info.size()) continue;
        const FeatureInfo& fi = info[size_t(f.feature)];
        const float za = unclipped(space, f.a, f.feature), zb = unclipped(space, f.b, f.feature);
        const bool shared = is_shared(za, zb);
        if (std::string_view(fi.key) == "n_colours" && std::lround(f.a) == std::lround(f.b)) {
            lines.push_back(colour_words(f, a, b, info));
            continue;
        }
        const std::string values = std::string(fi.label) + " " + format_feature_value(f.a, fi) + " and " +
                                   format_feature_value(f.b, fi);
        if (!shared) {
            lines.push_back(std::string("similar ") + fi.label + " (" + format_feature_value(f.a, fi) + " and " +
                            format_feature_value(f.b, fi) + ")");
            continue;
        }
        std::string phrase = za > 0 ? fi.higher : fi.lower;
        // "border more ragged" reads as a noun phrase: "both with a border more ragged".
        const bool noun_first = phrase.rfind("border ", 0) == 0;
        lines.push_back((noun_first ? "both with a " : "both ") + phrase + " than most lesions (" + values + ")");
    }
    return lines;
}

}  // namespace duck
