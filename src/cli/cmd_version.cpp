// cmd_version.cpp - `duckling-cli version`: {"name":"duckling-cli","version":"X.Y.Z"}
// (the project version, passed in by src/cli/CMakeLists.txt).
#include <cstdio>

#include "cli/cli.h"

namespace duck::cli {

int cmd_version(const Args&) {
    std::printf("{\"name\":\"duckling-cli\",\"version\":\"%s\"}\n", DUCK_VERSION);
    return 0;
}

}  // namespace duck::cli
