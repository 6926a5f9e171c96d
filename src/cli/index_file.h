// index_file.h - the lesion index file on disk for `index` and `index-merge`:
// reading, writing (via a temporary file and a rename, so a killed job never
// leaves a complete-looking partial file) and the counts both commands print.
#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "core/base/result.h"
#include "core/index/lesion_index.h"

namespace duck::cli {

// Reads and decodes FILE; the error names the file and what is wrong with it.
Result<LesionIndex> read_index_file(const std::string& path);
// Encodes and writes `ix` to FILE; returns the bytes written or an error.
Result<size_t> write_index_file(const std::string& path, const LesionIndex& ix);
// {"rows", "entries", "indexed", "segmentation_fallback", "failures": {status: n}}
nlohmann::json index_counts(const LesionIndex& ix);

}  // namespace duck::cli
