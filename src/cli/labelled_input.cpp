// labelled_input.cpp - labels + image folder -> measured LabelledImages.
#include "cli/labelled_input.h"

#include <filesystem>
#include <unordered_map>

#include "cli/cli.h"
#include "core/data/file_match.h"

namespace duck::cli {

std::string load_labelled_images(const std::string& labels_path, const std::string& images_dir,
                                 std::vector<LabelledImage>& out, int& other_diagnoses) {
    std::string csv;
    if (!read_whole_file(labels_path, csv)) return "cannot read labels file '" + labels_path + "'";
    auto parsed = parse_pseudo_labels(csv, other_diagnoses);
    if (!parsed.ok()) return "labels file '" + labels_path + "': " + parsed.error().message;
    out = std::move(parsed.value());
    std::error_code ec;
    if (!std::filesystem::is_directory(images_dir, ec)) return "images folder '" + images_dir + "' not found";
    // Images by name (file_match rules, as `score` finds them).
    std::unordered_map<std::string, std::string> files;
    for (auto it = std::filesystem::recursive_directory_iterator(images_dir, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        std::string p = it->path().string(), name = image_name_from_path(p);
        if (!name.empty() && !files.count(name)) files[name] = p;
    }
    for (auto& img : out) {
        auto f = files.find(img.id);
        std::string bytes;
        if (f == files.end() || !read_whole_file(f->second, bytes)) {
            img.error = "image_missing";
            continue;
        }
        measure_labelled_image(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()),
                               img);
    }
    return "";
}

nlohmann::json labelled_counts_json(int images, int melanomas, int nevi, int unusable, int other_diagnoses) {
    return {{"images", images},
            {"melanomas", melanomas},
            {"nevi", nevi},
            {"unusable", unusable},
            {"other_diagnoses", other_diagnoses}};
}

}  // namespace duck::cli
