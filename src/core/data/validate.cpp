// validate.cpp - dataset-level and image-folder checks (see validate.h).
#include "core/data/validate.h"

#include <map>
#include <unordered_set>

#include "core/data/file_match.h"
#include "core/data/folder_scan.h"

namespace duck {

void validate_dataset(const Dataset& ds, Problems& out) {
    for (const Patient& p : ds.patients) {
        if (p.lesions.empty()) continue;
        const Lesion& first = ds.lesions[p.lesions.front()];
        if (p.lesions.size() < kMinLesionsPerPatient)
            out.push_back({Severity::Warning, "few_lesions", ds.where(first),
                           "patient " + p.id + " has " + std::to_string(p.lesions.size()) +
                               " lesion(s); ISIC 2020 includes patients with at least " +
                               std::to_string(kMinLesionsPerPatient)});
        for (uint32_t i : p.lesions) {
            const Lesion& l = ds.lesions[i];
            if (l.sex != Sex::Unknown && p.sex != Sex::Unknown && l.sex != p.sex) {
                out.push_back({Severity::Warning, "patient_sex_conflict", ds.where(l),
                               "patient " + p.id + " is " + std::string(sex_name(p.sex)) + " on " + ds.where(first) +
                                   " but " + std::string(sex_name(l.sex)) + " here"});
                break;
            }
        }
    }
}

void check_images(const Dataset& ds, const std::vector<std::string>& paths, Problems& out) {
    if (ds.schema == CsvSchema::Duplicates) return;
    std::unordered_set<std::string> found;
    for (const std::string& path : paths) {
        std::string name = image_name_from_path(path);
        if (name.empty()) continue;
        if (ds.find_lesion(name) == kNone)
            out.push_back({Severity::Error, "image_unlisted", path, "image " + name + " has no row in the CSV"});
        found.insert(std::move(name));
    }
    for (const Lesion& l : ds.lesions)
        if (!found.count(l.image_name))
            out.push_back({Severity::Error, "image_missing", ds.where(l),
                           l.image_name + " has no image file (.jpg, .jpeg or .dcm) in the folder"});
}

void check_folder_images(const Dataset& ds, const std::vector<std::string>& image_paths, Problems& out,
                         size_t max_each) {
    if (ds.schema == CsvSchema::Duplicates) return;
    const ImageIndex shown = index_images(image_paths);
    std::map<std::string, std::vector<const std::string*>> files;  // name -> its files, in listing order
    size_t unlisted = 0;
    for (const std::string& path : image_paths) {
        std::string name = image_name_from_path(path);
        if (name.empty()) continue;
        if (ds.find_lesion(name) == kNone && ++unlisted <= max_each)
            out.push_back({Severity::Warning, "image_unlisted", path,
                           "image file " + path + " has no row in the metadata (no image_name " + name + ")"});
        files[std::move(name)].push_back(&path);
    }
    if (unlisted > max_each)
        out.push_back({Severity::Warning, "image_unlisted", std::to_string(unlisted - max_each) + " more files",
                       std::to_string(unlisted - max_each) + " more image files have no row in the metadata"});
    size_t dups = 0;
    for (const auto& [name, paths] : files) {
        if (paths.size() < 2 || ds.find_lesion(name) == kNone || ++dups > max_each) continue;
        const std::string& used = shown.at(name);
        std::string others;
        for (const std::string* p : paths)
            if (*p != used) others += (others.empty() ? "" : ", ") + *p;
        out.push_back({Severity::Warning, "image_duplicate_file", name,
                       name + " has " + std::to_string(paths.size()) + " files: showing " + used + ", ignoring " + others});
    }
    if (dups > max_each)
        out.push_back({Severity::Warning, "image_duplicate_file", std::to_string(dups - max_each) + " more images",
                       std::to_string(dups - max_each) + " more images have several files"});
}

}  // namespace duck
