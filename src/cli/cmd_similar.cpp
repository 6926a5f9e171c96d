// cmd_similar.cpp - `duckling-cli similar --labels FILE --images DIR --image ID
// [--k 12] [--direction shipped|none] [--direction-weight W] [--clip Z] [--json]`:
// the k lesions of a labelled image folder most like one of them
// (core/model/similar.h), nearest first, each with its diagnosis, distance and
// the 2-3 features that make it alike in plain words.
// JSON: {"image","melanoma","images","k","direction","direction_weight",
// "neighbours":[{"image","melanoma","distance","why":[...]}]}.
// Exit: 0 done, 1 unreadable input or ID not usable (JSON error), 2 usage.
#include <cstdio>

#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "cli/labelled_input.h"
#include "cli/similar_flags.h"

namespace duck::cli {

int cmd_similar(const Args& args) {
    const std::string labels = flag_value(args, "--labels"), images_dir = flag_value(args, "--images"),
                      id = flag_value(args, "--image");
    SimilarOptions so;
    SimilarFlags flags{NeighbourDirection::Shipped, so.direction_weight, so.clip};
    int k = kSimilarDefaultK;
    bool ok = !labels.empty() && !images_dir.empty() && !id.empty();
    ok = ok && parse_int(flag_value(args, "--k", std::to_string(k)), 1, 1000, k);
    ok = ok && parse_similar_flags(args, false, flags);
    if (!ok)
        return print_usage("usage: duckling-cli similar --labels FILE --images DIR --image ID [--k 12] "
                           "[--direction shipped|none] [--direction-weight W] [--clip Z] [--json]\n");
    std::vector<LabelledImage> images;
    int other = 0;
    const std::string err = load_labelled_images(labels, images_dir, images, other);
    if (!err.empty()) return print_error(err);
    int query = -1;
    for (size_t i = 0; i < images.size(); ++i)
        if (images[i].id == id) query = int(i);
    if (query < 0) return print_error("image '" + id + "' is not a melanoma or nevus in '" + labels + "'");
    if (!images[size_t(query)].ok)
        return print_error("image '" + id + "' has no features: " + images[size_t(query)].error);
    const auto& info = DermFeatureExtractor().features();
    const size_t d = info.size();
    // Unusable images keep their row (present = 0) so rows stay aligned with `images`.
    std::vector<float> raw(images.size() * d, 0.0f);
    std::vector<uint8_t> present(images.size(), 0);
    for (size_t i = 0; i < images.size(); ++i)
        if (images[i].ok && images[i].features.size() == d) {
            std::copy(images[i].features.begin(), images[i].features.end(), raw.begin() + long(i * d));
            present[i] = 1;
        }
    so.clip = flags.clip;
    so.direction_weight = flags.direction_weight;
    so.malignancy = flags.direction == NeighbourDirection::Shipped ? &shipped_malignancy_model() : nullptr;
    const SimilarSpace space = build_similar_space(raw, images.size(), present, info, so);
    const auto found = nearest_lesions(space, query, k);
    const LabelledImage& q = images[size_t(query)];
    nlohmann::json list = nlohmann::json::array();
    int usable = 0;
    for (uint8_t p : present) usable += p;
    if (!has_flag(args, "--json"))
        std::printf("%s (%s): %zu nearest of %d images, direction %s\n", q.id.c_str(),
                    q.melanoma ? "melanoma" : "nevus", found.size(), usable, direction_name(flags.direction));
    for (const auto& nb : found) {
        const LabelledImage& m = images[size_t(nb.row)];
        const auto why = explain_similarity(space, q.features, m.features, info);
        list.push_back({{"image", m.id}, {"melanoma", m.melanoma}, {"distance", nb.distance}, {"why", why}});
        if (has_flag(args, "--json")) continue;
        std::printf("  %-14s %-8s %.3f  ", m.id.c_str(), m.melanoma ? "melanoma" : "nevus", double(nb.distance));
        for (size_t i = 0; i < why.size(); ++i) std::printf("%s%s", i ? "; " : "", why[i].c_str());
        std::printf("\n");
    }
    if (has_flag(args, "--json"))
        print_json({{"image", q.id}, {"melanoma", q.melanoma}, {"images", usable}, {"k", k},
                    {"direction", direction_name(flags.direction)}, {"direction_weight", so.direction_weight},
                    {"neighbours", list}});
    return 0;
}

}  // namespace duck::cli
