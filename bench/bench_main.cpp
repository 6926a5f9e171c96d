// bench_main.cpp - duckling-bench: runs every registered benchmark (or those
// whose name contains argv[1]) and prints one JSON object per line.
#include <cstring>

#include "harness.h"

int main(int argc, char** argv) {
    const char* filter = argc > 1 ? argv[1] : "";
    int ran = 0;
    for (const auto& e : duck::bench::registry()) {
        if (*filter && !std::strstr(e.name, filter)) continue;
        e.run();
        ++ran;
    }
    if (!ran) std::fprintf(stderr, "duckling-bench: no benchmark matches '%s'\n", filter);
    return ran ? 0 : 1;
}
