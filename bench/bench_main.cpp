// bench_main.cpp - duckling-bench: runs every registered benchmark (or those
// whose name contains one of the comma-separated FILTERs) and prints one JSON
// object per line. --skip leaves out those whose name contains one of its NAMEs
// (the browser bench page measures csv_load itself, alternating with its peer).
//   usage: duckling-bench [--runs N] [--skip NAME[,NAME...]] [FILTER[,FILTER...]]
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "harness.h"

int main(int argc, char** argv) {
    std::vector<std::string> filters, skips;
    auto split = [](std::string list, std::vector<std::string>& out) {
        while (!list.empty()) {
            const size_t comma = list.find(',');
            if (comma) out.push_back(list.substr(0, comma));
            list = comma == std::string::npos ? "" : list.substr(comma + 1);
        }
    };
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--runs") == 0 && i + 1 < argc) {
            duck::bench::runs_override() = std::atoi(argv[++i]);
            continue;
        }
        if (std::strcmp(argv[i], "--skip") == 0 && i + 1 < argc) {
            split(argv[++i], skips);
            continue;
        }
        split(argv[i], filters);
    }
    auto any_in = [](const char* name, const std::vector<std::string>& names) {
        for (const auto& f : names)
            if (std::strstr(name, f.c_str())) return true;
        return false;
    };
    auto wanted = [&](const char* name) { return filters.empty() || any_in(name, filters); };
    int ran = 0;
    for (const auto& e : duck::bench::registry()) {
        if (!wanted(e.name)) continue;
        ++ran;  // a skipped match still counts: the filter was not a typo
        if (!any_in(e.name, skips)) e.run();
    }
    if (!ran) {
        std::string all;
        for (const auto& f : filters) all += (all.empty() ? "" : ",") + f;
        std::fprintf(stderr, "duckling-bench: no benchmark matches '%s'\n", all.c_str());
    }
    return ran ? 0 : 1;
}
