// cmd_info.cpp - `duckling-cli info FILE` and `duckling-cli thumb FILE --size N
// --out OUT.png`: decode one JPEG or DICOM file exactly as the app does and
// report it as JSON (stable fields: file, format, width, height, status, error,
// tags). Exit 0 when the image decodes, 1 when it does not, 2 on bad usage.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "core/image/image_pipeline.h"
#include "core/image/png_encode.h"
#include "core/image/resample.h"

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

void print(const nlohmann::json& j) { std::printf("%s\n", j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str()); }

}  // namespace

int cmd_info(const Args& args) {
    if (args.empty() || args[0].rfind("--", 0) == 0) {
        std::fprintf(stderr, "usage: duckling-cli info FILE\n");
        return 2;
    }
    nlohmann::json j;
    PipelineRequest rq;
    rq.thumb_side = rq.analysis_side = 0;  // decode fully, keep nothing
    const PipelineResult r = process_to_json(args[0], rq, j);
    print(j);
    return r.ok() ? 0 : 1;
}

int cmd_thumb(const Args& args) {
    const std::string out = flag_value(args, "--out");
    const std::string size_s = flag_value(args, "--size", std::to_string(kThumbnailSide));
    char* end = nullptr;
    const long v = std::strtol(size_s.c_str(), &end, 10);
    const int size = (end && *end == 0 && v >= 1 && v <= kViewerMaxSide) ? int(v) : 0;
    if (args.empty() || args[0].rfind("--", 0) == 0 || out.empty() || size == 0) {
        std::fprintf(stderr, "usage: duckling-cli thumb FILE [--size N (1-%d, default %d)] --out OUT.png\n", kViewerMaxSide,
                     kThumbnailSide);
        return 2;
    }
    nlohmann::json j;
    PipelineRequest rq;
    rq.thumb_side = size;
    rq.analysis_side = 0;
    const PipelineResult r = process_to_json(args[0], rq, j);
    j["out"] = out;
    if (r.ok()) {
        const ImageRGBA& thumb = r.thumb;
        std::vector<uint8_t> png = encode_png(thumb);
        std::ofstream f(out, std::ios::binary);
        if (png.empty() || !f.write(reinterpret_cast<const char*>(png.data()), std::streamsize(png.size()))) {
            j["error"] = "cannot write " + out;
            print(j);
            return 1;
        }
        j["thumb_width"] = thumb.width, j["thumb_height"] = thumb.height;
    }
    print(j);
    return r.ok() ? 0 : 1;
}

}  // namespace duck::cli
