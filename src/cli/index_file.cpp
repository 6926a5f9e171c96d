// index_file.cpp - the lesion index file on disk (index_file.h).
#include "cli/index_file.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "cli/cli.h"

namespace duck::cli {

Result<LesionIndex> read_index_file(const std::string& path) {
    std::string bytes;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec) || !read_whole_file(path, bytes))
        return Error{"cannot read index file '" + path + "'"};
    auto ix = decode_index(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
    if (!ix.ok()) return Error{"'" + path + "': " + ix.error().message};
    return ix;
}

Result<size_t> write_index_file(const std::string& path, const LesionIndex& ix) {
    auto bytes = encode_index(ix);
    if (!bytes.ok()) return bytes.error();
    const std::string tmp = path + ".part";
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        if (!f) return Error{"cannot write '" + tmp + "'"};
        f.write(reinterpret_cast<const char*>(bytes.value().data()), std::streamsize(bytes.value().size()));
        if (!f.flush()) return Error{"cannot write '" + tmp + "' (disk full?)"};
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        std::filesystem::remove(tmp, ec);
        return Error{"cannot move the index to '" + path + "'"};
    }
    return bytes.value().size();
}

nlohmann::json index_counts(const LesionIndex& ix) {
    size_t n[kLesionStatusCount] = {};
    for (auto s : ix.status) ++n[uint8_t(s)];
    nlohmann::json failures = nlohmann::json::object();
    for (uint8_t s = 0; s < kLesionStatusCount; ++s)
        if (!has_features(LesionStatus(s))) failures[std::string(lesion_status_name(LesionStatus(s)))] = n[s];
    const size_t fallback = n[uint8_t(LesionStatus::SegmentationFallback)];
    return {{"rows", ix.image_names.size()},
            {"entries", ix.size()},
            {"indexed", n[uint8_t(LesionStatus::Ok)] + fallback},
            {"segmentation_fallback", fallback},
            {"failures", failures}};
}

}  // namespace duck::cli
