// model_run.h - the shared front half of `score` and `eval`: load the CSV, find
// each row's image in a folder by name, decode it, extract features, and score
// every lesion in its patient's context.
#pragma once
#include <string>
#include <unordered_map>
#include <vector>

#include "core/data/dataset.h"
#include "core/model/outlier_score.h"
#include "core/base/problem.h"

namespace duck::cli {

struct ModelRun {
    Dataset dataset;
    Problems problems;
    std::vector<ScoreItem> items;     // aligned with dataset.lesions
    std::vector<LesionScore> scores;  // aligned with dataset.lesions
    ScoreModel model;
    double feature_ms = 0, score_ms = 0;
};

// Every image file under `images_dir` (recursively) by image name, with the
// file_match rules; a JPEG wins over a DICOM of the same name. Returns an error
// message (empty on success) when the folder does not exist.
std::string find_image_files(const std::string& images_dir, std::unordered_map<std::string, std::string>& files);

// Returns an error message (empty on success). Progress goes to stderr when asked.
std::string run_model(const std::string& csv_path, const std::string& images_dir, ModelRun& out,
                      bool progress);

}  // namespace duck::cli
