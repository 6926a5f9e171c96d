// labelled_input.h - a labels file (image_id,dx) and its image folder, measured
// for `eval-pseudo` and `train-model`: every melanoma and nevus decoded as the
// app's worker decodes it and featured.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/model/pseudo_eval.h"

namespace duck::cli {

// Returns an error message (empty on success). Images missing from the folder
// or undecodable stay in `out` with ok == false and their reason in `error`.
std::string load_labelled_images(const std::string& labels_path, const std::string& images_dir,
                                 std::vector<LabelledImage>& out, int& other_diagnoses);

// The counts every labelled-image report starts with:
// {"images","melanomas","nevi","unusable","other_diagnoses"}.
nlohmann::json labelled_counts_json(int images, int melanomas, int nevi, int unusable, int other_diagnoses);

}  // namespace duck::cli
