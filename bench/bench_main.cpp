// bench_main.cpp - duckling-bench: runs every registered benchmark (or those
// whose name contains FILTER) and prints one JSON object per line.
//   usage: duckling-bench [--runs N] [FILTER]
#include <cstdlib>
#include <cstring>

#include "harness.h"

int main(int argc, char** argv) {
    const char* filter = "";
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--runs") == 0 && i + 1 < argc) duck::bench::runs_override() = std::atoi(argv[++i]);
        else filter = argv[i];
    }
    int ran = 0;
    for (const auto& e : duck::bench::registry()) {
        if (*filter && !std::strstr(e.name, filter)) continue;
        e.run();
        ++ran;
    }
    if (!ran) std::fprintf(stderr, "duckling-bench: no benchmark matches '%s'\n", filter);
    return ran ? 0 : 1;
}
