// folder_scan.cpp - metadata CSV choice and image index of an opened folder
// (see folder_scan.h).
#include "core/data/folder_scan.h"

#include <algorithm>

#include "core/data/csv.h"
#include "core/data/file_match.h"

namespace duck {

namespace {

std::string_view base_name(std::string_view path) {
    const size_t slash = path.find_last_of("/\\");
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

size_t depth(std::string_view path) { return size_t(std::count(path.begin(), path.end(), '/')); }

// Merge order of the known metadata files (see pick_metadata_csvs).
constexpr const char* kMetadataNames[] = {
    "train.csv",
    "ISIC_2020_Training_GroundTruth_v2.csv",
    "ISIC_2020_Training_GroundTruth.csv",
    "metadata.csv",  // an ISIC Archive metadata export
    "train-metadata.csv",  // ISIC 2024 (SLICE-3D)
    "ISIC_2020_Training_Duplicates.csv",
};

}  // namespace

std::vector<std::string> pick_metadata_csvs(const std::vector<std::string>& paths) {
    std::vector<std::string> out;
    for (const char* want : kMetadataNames) {
        const std::string* best = nullptr;
        for (const auto& p : paths)
            if (iequals(base_name(p), want) && (!best || depth(p) < depth(*best))) best = &p;
        if (best) out.push_back(*best);
    }
    // ISIC 2024's test metadata (3 rows) only when the folder has nothing else: it
    // is a different set of lesions, never merged into the training rows.
    if (out.empty())
        for (const auto& p : paths)
            if (iequals(base_name(p), "test-metadata.csv") && (out.empty() || depth(p) < depth(out[0]))) out = {p};
    return out;
}

ImageIndex index_images(const std::vector<std::string>& paths) {
    ImageIndex index;
    // Lower rank wins: JPEG over DICOM, then fewer directory levels.
    auto rank = [](const std::string& p) { return std::make_pair(is_dicom_path(p) ? 1 : 0, depth(p)); };
    for (const auto& p : paths) {
        std::string name = image_name_from_path(p);
        if (name.empty()) continue;
        auto [it, inserted] = index.emplace(std::move(name), p);
        if (!inserted && rank(p) < rank(it->second)) it->second = p;
    }
    return index;
}

std::string folder_label(std::string_view dir) {
    while (dir.size() > 1 && (dir.back() == '/' || dir.back() == '\\')) dir.remove_suffix(1);
    const std::string_view b = base_name(dir);
    return std::string(b.empty() ? dir : b);
}

}  // namespace duck
