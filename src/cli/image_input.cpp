// image_input.cpp - reading and decoding one image file for info/thumb (image_input.h).
#include "cli/image_input.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <vector>

namespace duck::cli {
namespace {

// Files larger than this are not read at all (the largest ISIC original is ~10 MB).
constexpr std::streamoff kMaxFileBytes = 512ll << 20;

struct Loaded {
    bool found = false;
    std::string error;
    std::vector<uint8_t> bytes;
};

Loaded read_bytes(const std::string& path) {
    Loaded l;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        l.error = std::filesystem::exists(path, ec) ? "not a regular file" : "no such file";
        return l;
    }
    std::ifstream f(path, std::ios::binary | std::ios::ate);
    if (!f) {
        l.error = "cannot open file";
        return l;
    }
    const std::streamoff size = f.tellg();
    if (size < 0 || size > kMaxFileBytes) {
        l.error = size < 0 ? "not a regular file" : "file larger than 512 MB";
        return l;
    }
    l.found = true;
    l.bytes.resize(size_t(size));
    f.seekg(0);
    if (size > 0 && !f.read(reinterpret_cast<char*>(l.bytes.data()), size)) {
        l.found = false;
        l.error = "read error";
    }
    return l;
}

}  // namespace

// Runs FILE through the app's image pipeline and fills the common JSON fields.
PipelineResult process_to_json(const std::string& path, const PipelineRequest& rq, nlohmann::json& j) {
    PipelineResult r;
    Loaded l = read_bytes(path);
    j["file"] = path;
    j["tags"] = nlohmann::json::object();
    if (!l.found) {
        r.status = ImageStatus::Missing;
        r.error = l.error;
        j["format"] = nullptr;
    } else {
        r = process_image(l.bytes, rq);
        j["format"] = r.format;
        if (r.dicom)
            for (const auto& [k, v] : dicom_tag_list(*r.dicom)) {
                const bool numeric = k == "Rows" || k == "Columns" || k == "SamplesPerPixel" || k == "BitsAllocated" ||
                                     k == "NumberOfFrames";
                j["tags"][k] = numeric ? nlohmann::json(std::atoi(v.c_str())) : nlohmann::json(v);
            }
    }
    j["width"] = r.width, j["height"] = r.height;
    j["status"] = std::string(image_status_name(r.status));
    j["error"] = r.error.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.error);
    return r;
}

}  // namespace duck::cli
