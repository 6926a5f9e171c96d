// cmd_eval_pseudo.cpp - `duckling-cli eval-pseudo --labels FILE --images DIR
// [--k 11] [--patients 200] [--seeds 11,12,13] [--folds 5] [--context-only]
// [--l2 X] [--context-weight C] [--clip Z] (training options of the cross-validated direction)
// [--features-csv OUT] [--json]`: where the melanoma ranks in pseudo-patients of
// K real nevi and one real melanoma (core/pseudo_eval.h), next to a random order
// and the grey-level-SD baseline, cross-validated by image.
// JSON: {"images","melanomas","nevi","unusable","other_diagnoses","protocol":{...},
// "model":{"top1","top3","mrr","mean_rank","auc"},"grey_sd":{same},
// "feature_auc":{key:auc},"malignancy_auc"}; each metric {"value","lo","hi","random"}.
#include <cstdio>
#include <fstream>

#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "cli/labelled_input.h"

namespace duck::cli {

namespace {

bool parse_seeds(const std::string& s, std::vector<uint64_t>& out) {
    out.clear();
    size_t start = 0;
    while (start <= s.size()) {
        size_t comma = s.find(',', start);
        std::string part = s.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        int v = 0;
        if (!parse_int(part, 0, 1000000000, v)) return false;
        out.push_back(uint64_t(v));
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return !out.empty();
}

nlohmann::json metric_json(const EvalMetric& m) {
    return {{"value", m.value}, {"lo", m.lo}, {"hi", m.hi}, {"random", m.random}};
}

nlohmann::json summary_json(const RankSummary& s) {
    return {{"patients", s.report.patients},      {"top1", metric_json(s.report.top1)},
            {"top3", metric_json(s.report.top3)}, {"mrr", metric_json(s.report.mrr)},
            {"mean_rank", metric_json(s.mean_rank)}, {"auc", metric_json(s.report.auc)}};
}

void print_row(const char* name, const EvalMetric& m, const EvalMetric& grey, int decimals) {
    std::printf("  %-9s %.*f [%.*f, %.*f]   grey-SD %.*f [%.*f, %.*f]   random %.*f\n", name, decimals, m.value,
                decimals, m.lo, decimals, m.hi, decimals, grey.value, decimals, grey.lo, decimals, grey.hi, decimals,
                m.random);
}

// Features of every usable image, for analysis outside the app.
bool write_features_csv(const std::string& path, const std::vector<LabelledImage>& images) {
    std::ofstream f(path);
    if (!f) return false;
    f << "image_id,melanoma,fallback,grey_sd";
    for (const auto& info : DermFeatureExtractor().features()) f << "," << info.key;
    f << "\n";
    for (const auto& img : images) {
        if (!img.ok) continue;
        f << img.id << "," << int(img.melanoma) << "," << int(img.fallback) << "," << img.grey_sd;
        for (float v : img.features) f << "," << v;
        f << "\n";
    }
    return bool(f);
}

}  // namespace

int cmd_eval_pseudo(const Args& args) {
    const std::string labels = flag_value(args, "--labels"), images_dir = flag_value(args, "--images");
    PseudoOptions opt;
    bool ok = !labels.empty() && !images_dir.empty();
    ok = ok && parse_int(flag_value(args, "--k", "11"), 1, 1000, opt.k);
    ok = ok && parse_int(flag_value(args, "--patients", "200"), 1, 1000000, opt.patients);
    ok = ok && parse_int(flag_value(args, "--folds", "5"), 1, 100, opt.folds);
    ok = ok && parse_int(flag_value(args, "--bootstrap", "1000"), 0, 100000, opt.bootstrap);
    if (has_flag(args, "--l2")) ok = ok && parse_double(flag_value(args, "--l2"), 0, 1e6, opt.training.l2);
    if (has_flag(args, "--context-weight"))
        ok = ok && parse_double(flag_value(args, "--context-weight"), 0, 1e6, opt.training.context_weight);
    if (has_flag(args, "--clip")) ok = ok && parse_double(flag_value(args, "--clip"), 0, 100, opt.training.clip);
    ok = ok && parse_seeds(flag_value(args, "--seeds", "11,12,13"), opt.seeds);
    if (!ok)
        return print_usage("usage: duckling-cli eval-pseudo --labels FILE --images DIR [--k 11] [--patients 200] "
                           "[--seeds 11,12,13] [--folds 5] [--bootstrap 1000] [--context-only] [--l2 X] [--context-weight C] [--clip Z] [--features-csv OUT] "
                           "[--json]\n");
    opt.learned = !has_flag(args, "--context-only");
    std::vector<LabelledImage> images;
    int other = 0;
    std::string err = load_labelled_images(labels, images_dir, images, other);
    if (err.empty() && has_flag(args, "--features-csv") &&
        !write_features_csv(flag_value(args, "--features-csv"), images))
        err = "cannot write '" + flag_value(args, "--features-csv") + "'";
    Result<PseudoReport> r = err.empty() ? evaluate_pseudo_patients(images, opt) : Result<PseudoReport>(Error{err});
    if (!r.ok()) {
        nlohmann::json e = {{"error", r.error().message}};
        std::printf("%s\n", e.dump().c_str());
        return 1;
    }
    const PseudoReport& rep = r.value();
    nlohmann::json seeds = opt.seeds;
    nlohmann::json out = labelled_counts_json(rep.images, rep.melanomas, rep.nevi, rep.unusable, other);
    out.update(nlohmann::json{
        {"protocol",
         {{"k", opt.k}, {"patients", opt.patients}, {"seeds", seeds}, {"folds", opt.folds},
          {"learned", opt.learned}, {"bootstrap", opt.bootstrap}, {"l2", opt.training.l2},
          {"context_weight", opt.training.context_weight}, {"clip", opt.training.clip}}},
        {"model", summary_json(rep.model)},
        {"grey_sd", summary_json(rep.grey_sd)},
        {"malignancy_auc", rep.malignancy_auc}});
    nlohmann::json fa = nlohmann::json::object();
    for (const auto& f : rep.feature_auc) fa[f.key] = f.auc;
    out["feature_auc"] = fa;
    if (has_flag(args, "--json")) {
        std::printf("%s\n", out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
        return 0;
    }
    std::printf("%d images (%d melanomas, %d nevi; %d unusable, %d other diagnoses left out)\n", rep.images,
                rep.melanomas, rep.nevi, rep.unusable, other);
    std::printf("%d pseudo-patients of %d nevi + 1 melanoma (%zu seeds x %d), %s\n", rep.model.report.patients,
                opt.k, opt.seeds.size(), opt.patients,
                opt.learned ? (std::to_string(opt.folds) + "-fold cross-validation by image").c_str()
                            : "context distance only (nothing learned)");
    std::printf("melanoma's rank in its pseudo-patient (95%% bootstrap intervals):\n");
    print_row("top-1", rep.model.report.top1, rep.grey_sd.report.top1, 3);
    print_row("top-3", rep.model.report.top3, rep.grey_sd.report.top3, 3);
    print_row("MRR", rep.model.report.mrr, rep.grey_sd.report.mrr, 3);
    print_row("mean rank", rep.model.mean_rank, rep.grey_sd.mean_rank, 2);
    if (opt.learned) std::printf("learned direction alone, cross-validated AUC: %.3f\n", rep.malignancy_auc);
    std::printf("feature AUC (melanoma vs nevus, all images):\n");
    for (const auto& f : rep.feature_auc) std::printf("  %-20s %.3f\n", f.key.c_str(), f.auc);
    return 0;
}

}  // namespace duck::cli
