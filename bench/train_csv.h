// train_csv.h - the input of the native explorer benches: the CSV named on the
// command line, or the real ISIC 2020 train.csv in ../shared (never copied here).
#pragma once
#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

namespace duck::bench {

// The file's bytes; nullopt (with a message on stderr) when it cannot be read.
inline std::optional<std::string> read_train_csv(int argc, char** argv) {
    const std::string path = argc > 1 ? argv[1] : std::string(DUCK_SHARED_DIR) + "/data/isic2020/train.csv";
    std::ifstream f(path, std::ios::binary);
    if (!f) {
        std::fprintf(stderr, "cannot read %s\n", path.c_str());
        return std::nullopt;
    }
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

}  // namespace duck::bench
