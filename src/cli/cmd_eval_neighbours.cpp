// cmd_eval_neighbours.cpp - `duckling-cli eval-neighbours --labels FILE --images DIR
// [--k 10] [--direction cv|shipped|none] [--direction-weight W] [--clip Z]
// [--folds 5] [--bootstrap 1000] [--json]`: leave-one-out on labelled images
// (core/model/neighbour_eval.h): the share of melanomas among each melanoma's k
// nearest other images against the base rate, and of nevi among the nevi's.
// JSON: {"images","melanomas","nevi","unusable","other_diagnoses","protocol":{...},
// "melanoma":{share},"nevus":{share}}, share = {"queries","share","lo","hi",
// "base","enrichment","enrichment_lo","enrichment_hi"}.
// Exit: 0 done, 1 unreadable input or too few images (JSON error), 2 usage.
#include <cstdio>

#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "cli/labelled_input.h"
#include "cli/similar_flags.h"

namespace duck::cli {

namespace {

nlohmann::json share_json(const ShareSummary& s) {
    return {{"queries", s.queries},       {"share", s.share},           {"lo", s.lo},
            {"hi", s.hi},                 {"base", s.base},             {"enrichment", s.enrichment},
            {"enrichment_lo", s.enrichment_lo}, {"enrichment_hi", s.enrichment_hi}};
}

void print_share(const char* what, const char* of, const ShareSummary& s) {
    std::printf("  %-9s %d queries: %.3f %s among the neighbours [%.3f, %.3f]; base rate %.3f -> %.2fx [%.2f, %.2f]\n",
                what, s.queries, s.share, of, s.lo, s.hi, s.base, s.enrichment, s.enrichment_lo, s.enrichment_hi);
}

}  // namespace

int cmd_eval_neighbours(const Args& args) {
    const std::string labels = flag_value(args, "--labels"), images_dir = flag_value(args, "--images");
    NeighbourOptions opt;
    SimilarFlags flags{NeighbourDirection::CrossValidated, opt.space.direction_weight, opt.space.clip};
    bool ok = !labels.empty() && !images_dir.empty();
    ok = ok && parse_int(flag_value(args, "--k", "10"), 1, 1000, opt.k);
    ok = ok && parse_int(flag_value(args, "--folds", "5"), 2, 100, opt.folds);
    ok = ok && parse_int(flag_value(args, "--bootstrap", "1000"), 0, 100000, opt.bootstrap);
    ok = ok && parse_similar_flags(args, true, flags);
    if (!ok)
        return print_usage("usage: duckling-cli eval-neighbours --labels FILE --images DIR [--k 10] "
                           "[--direction cv|shipped|none] [--direction-weight W] [--clip Z] [--folds 5] "
                           "[--bootstrap 1000] [--json]\n");
    opt.direction = flags.direction;
    opt.space.direction_weight = flags.direction_weight;
    opt.space.clip = flags.clip;
    std::vector<LabelledImage> images;
    int other = 0;
    const std::string err = load_labelled_images(labels, images_dir, images, other);
    const auto& info = DermFeatureExtractor().features();
    Result<NeighbourReport> r = err.empty() ? evaluate_neighbours(images, info, opt) : Result<NeighbourReport>(Error{err});
    if (!r.ok()) return print_error(r.error().message);
    const NeighbourReport& rep = r.value();
    nlohmann::json out = labelled_counts_json(rep.images, rep.melanomas, rep.nevi, rep.unusable, other);
    out.update(nlohmann::json{
        {"protocol",
         {{"k", opt.k}, {"direction", direction_name(opt.direction)}, {"direction_weight", opt.space.direction_weight},
          {"clip", opt.space.clip}, {"folds", opt.direction == NeighbourDirection::CrossValidated ? opt.folds : 0},
          {"bootstrap", opt.bootstrap}, {"seed", opt.seed}}},
        {"melanoma", share_json(rep.melanoma)},
        {"nevus", share_json(rep.nevus)}});
    if (has_flag(args, "--json")) {
        print_json(out);
        return 0;
    }
    std::printf("%d images (%d melanomas, %d nevi; %d unusable, %d other diagnoses left out)\n", rep.images,
                rep.melanomas, rep.nevi, rep.unusable, other);
    std::printf("leave-one-out, %d nearest other images; direction: %s", opt.k, direction_name(opt.direction));
    if (opt.direction == NeighbourDirection::CrossValidated) std::printf(" (%d folds by image)", opt.folds);
    std::printf(", weight %.2f (95%% bootstrap intervals over queries)\n", opt.space.direction_weight);
    print_share("melanoma", "melanomas", rep.melanoma);
    print_share("nevus", "nevi", rep.nevus);
    return 0;
}

}  // namespace duck::cli
