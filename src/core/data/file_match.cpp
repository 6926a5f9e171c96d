// file_match.cpp - image file name -> ISIC image name (see file_match.h).
#include "core/data/file_match.h"

#include "core/data/csv.h"

namespace duck {

namespace {
std::string_view base_name(std::string_view path) {
    const size_t slash = path.find_last_of("/\\");
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}
bool ends_with_ci(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && iequals(s.substr(s.size() - suffix.size()), suffix);
}
}  // namespace

std::string image_name_from_path(std::string_view path) {
    const std::string_view name = base_name(path);
    if (name.empty() || name[0] == '.') return {};
    size_t ext = 0;
    for (std::string_view e : {".jpg", ".jpeg", ".dcm"})
        if (ends_with_ci(name, e)) ext = e.size();
    if (ext == 0 || name.size() == ext) return {};
    std::string stem(name.substr(0, name.size() - ext));
    if (stem.size() >= 5 && iequals(std::string_view(stem).substr(0, 5), "isic_")) stem.replace(0, 5, "ISIC_");
    return stem;
}

bool is_dicom_path(std::string_view path) { return ends_with_ci(base_name(path), ".dcm"); }

}  // namespace duck
