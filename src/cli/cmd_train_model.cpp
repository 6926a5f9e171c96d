// cmd_train_model.cpp - `duckling-cli train-model --labels FILE --images DIR
// --out FILE [--l2 X] [--context-weight C] [--clip Z]`: fits the learned direction of
// malignancy (core/malignancy_model.h) on every usable melanoma and nevus and
// writes the model file the build embeds (assets/model/duckling-model-v2.json),
// with its provenance. Deterministic: the same images give the same file
// (apart from the date). Prints {"out","images","melanomas","nevi","train_auc"}.
#include <cstdio>
#include <cmath>
#include <ctime>
#include <fstream>

#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "cli/labelled_input.h"

namespace duck::cli {

int cmd_train_model(const Args& args) {
    const std::string labels = flag_value(args, "--labels"), images_dir = flag_value(args, "--images"),
                      out_path = flag_value(args, "--out");
    MalignancyTraining opt;
    bool ok = !labels.empty() && !images_dir.empty() && !out_path.empty();
    ok = ok && parse_double(flag_value(args, "--l2", std::to_string(opt.l2)), 0, 1e6, opt.l2);
    ok = ok && parse_double(flag_value(args, "--context-weight", std::to_string(opt.context_weight)), 0, 1e6,
                            opt.context_weight);
    ok = ok && parse_double(flag_value(args, "--clip", std::to_string(opt.clip)), 0, 100, opt.clip);
    if (!ok)
        return print_usage("usage: duckling-cli train-model --labels FILE --images DIR --out FILE [--l2 X] "
                           "[--context-weight C] [--clip Z]\n");
    std::vector<LabelledImage> images;
    int other = 0;
    std::string err = load_labelled_images(labels, images_dir, images, other);
    std::vector<std::vector<float>> rows;
    std::vector<bool> mel;
    int n_mel = 0;
    for (const auto& img : images)
        if (img.ok) {
            rows.push_back(img.features);
            mel.push_back(img.melanoma);
            n_mel += img.melanoma;
        }
    if (err.empty() && (n_mel == 0 || n_mel == int(rows.size())))
        err = "training needs both melanomas and nevi among the usable images";
    if (!err.empty()) {
        nlohmann::json e = {{"error", err}};
        std::printf("%s\n", e.dump().c_str());
        return 1;
    }
    const auto& info = DermFeatureExtractor().features();
    MalignancyModel m = train_malignancy(rows, mel, info, opt);
    std::vector<double> pos;
    for (const auto& r : rows) pos.push_back(m.position(r));
    const double train_auc = melanoma_auc(pos, mel);

    char date[16];
    std::time_t now = std::time(nullptr);
    std::strftime(date, sizeof date, "%Y-%m-%d", std::gmtime(&now));
    char l2[32], cw[32], clip[32];
    std::snprintf(l2, sizeof l2, "%g", opt.l2);
    std::snprintf(cw, sizeof cw, "%g", opt.context_weight);
    std::snprintf(clip, sizeof clip, "%g", opt.clip);
    nlohmann::ordered_json prov = {
        {"what", "L2 logistic regression (Newton) of melanoma vs nevus over the standardised dermoscopic "
                 "features, clipped to +-clip SD; used one-sided against each patient's other lesions"},
        {"data", "ISIC 2018 Task 3 test images (HAM10000 test partition), CC BY-NC 4.0; labels mel/nv"},
        {"images", rows.size()},
        {"melanomas", n_mel},
        {"nevi", int(rows.size()) - n_mel},
        {"l2", opt.l2},
        {"context_weight", opt.context_weight},
        {"clip", opt.clip},
        {"training_auc", std::round(train_auc * 1000) / 1000},
        {"date", date},
        {"command", std::string("duckling-cli train-model --labels ../shared/data/derm2018/labels.csv --images "
                                "../shared/data/derm2018/images --out assets/model/duckling-model-v2.json --l2 ") +
                        l2 + " --context-weight " + cw + " --clip " + clip}};
    std::ofstream f(out_path);
    f << malignancy_model_json(m, prov.dump());
    if (!f) {
        nlohmann::json e = {{"error", "cannot write '" + out_path + "'"}};
        std::printf("%s\n", e.dump().c_str());
        return 1;
    }
    nlohmann::json o = {{"out", out_path}, {"images", rows.size()}, {"melanomas", n_mel},
                        {"nevi", int(rows.size()) - n_mel}, {"train_auc", train_auc}};
    std::printf("%s\n", o.dump().c_str());
    return 0;
}

}  // namespace duck::cli
