// test_helpers.h - paths to fixtures: real ISIC files in ../shared (read-only,
// never copied into the repo) and small fixtures in tests/data.
#pragma once
#include <fstream>
#include <sstream>
#include <string>

namespace duck::test {

inline std::string shared_path(const std::string& rel) { return std::string(DUCK_SHARED_DIR) + "/" + rel; }
inline std::string source_path(const std::string& rel) { return std::string(DUCK_SOURCE_DIR) + "/" + rel; }

inline std::string read_file(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
}

}  // namespace duck::test
