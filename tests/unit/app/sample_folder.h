// sample_folder.h - a fresh temp folder laid out like the Kaggle download for
// the app tests that read real images: train/ links to the ISIC samples in
// ../shared (never copied), train.csv holds the given rows under the ISIC header.
#pragma once
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "test_helpers.h"

namespace duck::test {

inline std::filesystem::path sample_folder(const std::string& tag, const std::string& csv_rows) {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("duck_" + tag + "_" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    fs::create_directory_symlink(shared_path("data/isic2020/images"), dir / "train");
    std::ofstream csv(dir / "train.csv");
    csv << "image_name,patient_id,sex,age_approx,anatom_site_general_challenge,diagnosis,benign_malignant,target\n"
        << csv_rows;
    return dir;
}

}  // namespace duck::test
