// bench_main.cpp - duckling-bench: runs every registered benchmark (or those
// whose name contains one of the comma-separated FILTERs) and prints one JSON
// object per line.
//   usage: duckling-bench [--runs N] [FILTER[,FILTER...]]
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "harness.h"

int main(int argc, char** argv) {
    std::vector<std::string> filters;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--runs") == 0 && i + 1 < argc) {
            duck::bench::runs_override() = std::atoi(argv[++i]);
            continue;
        }
        for (std::string list = argv[i]; !list.empty();) {
            const size_t comma = list.find(',');
            if (comma) filters.push_back(list.substr(0, comma));
            list = comma == std::string::npos ? "" : list.substr(comma + 1);
        }
    }
    auto wanted = [&](const char* name) {
        if (filters.empty()) return true;
        for (const auto& f : filters)
            if (std::strstr(name, f.c_str())) return true;
        return false;
    };
    int ran = 0;
    for (const auto& e : duck::bench::registry()) {
        if (!wanted(e.name)) continue;
        e.run();
        ++ran;
    }
    if (!ran) {
        std::string all;
        for (const auto& f : filters) all += (all.empty() ? "" : ",") + f;
        std::fprintf(stderr, "duckling-bench: no benchmark matches '%s'\n", all.c_str());
    }
    return ran ? 0 : 1;
}
