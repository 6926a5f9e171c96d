// demo_main.cpp - duckling-demo-wasm: the demo writer (core/demo/demo_writer.h) as a
// node program, so tests/wasm/demo_same_bytes.js can compare its output with
// the native `duckling-cli demo` byte for byte (CTest wasm/demo_bytes).
//   node duckling-demo-wasm.js OUT_DIR PATIENTS SEED SIZE
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/demo/demo_writer.h"

int main(int argc, char** argv) {
    if (argc != 5) {
        std::fprintf(stderr, "usage: duckling-demo-wasm OUT_DIR PATIENTS SEED SIZE\n");
        return 2;
    }
    duck::demo::DemoOptions o;
    o.patients = std::atoi(argv[2]);
    o.seed = std::strtoull(argv[3], nullptr, 10);
    o.image_size = std::atoi(argv[4]);
    const auto r = duck::demo::write_demo(argv[1], o);
    if (!r.ok()) {
        std::fprintf(stderr, "duckling-demo-wasm: %s\n", r.error().message.c_str());
        return 1;
    }
    std::printf("{\"lesions\":%d}\n", r->lesions);
    return 0;
}
