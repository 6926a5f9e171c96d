// validate.cpp - dataset-level and image-folder checks (see validate.h).
#include "core/validate.h"

#include <unordered_set>

#include "core/file_match.h"

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

}  // namespace duck
