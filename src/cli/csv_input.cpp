// csv_input.cpp - reading the `--csv FILE` arguments shared by stats and check:
// each file is read whole and handed to the core loader, several are merged.
#include <cstdio>
#include <fstream>
#include <sstream>

#include "cli/cli.h"

namespace duck::cli {

std::vector<std::string> flag_values(const Args& args, const std::string& name) {
    std::vector<std::string> out;
    for (size_t i = 0; i + 1 < args.size(); ++i)
        if (args[i] == name) out.push_back(args[++i]);
    return out;
}

bool read_whole_file(const std::string& path, std::string& out) {
    std::ifstream f(path, std::ios::binary);
    if (!f) return false;
    std::ostringstream s;
    s << f.rdbuf();
    if (f.bad()) return false;
    out = s.str();
    return true;
}

int load_csv_args(const Args& args, const char* command, CsvInput& in) {
    const auto paths = flag_values(args, "--csv");
    if (paths.empty()) {
        std::fprintf(stderr, "duckling-cli %s: missing --csv FILE (may be repeated to merge files)\n", command);
        return 2;
    }
    std::vector<LoadResult> parts;
    for (const auto& p : paths) {
        std::string bytes;
        if (!read_whole_file(p, bytes)) {
            std::fprintf(stderr, "duckling-cli %s: cannot read '%s'\n", command, p.c_str());
            return 2;
        }
        in.files.push_back(p);
        parts.push_back(load_csv(bytes, p));
        in.records += parts.back().records;
        in.any_ok = in.any_ok || parts.back().ok;
    }
    in.dataset = merge_all(std::move(parts), in.problems);
    return 0;
}

}  // namespace duck::cli
