// cmd_demo.cpp - `duckling-cli demo --out DIR [--patients N] [--seed S]`: writes
// the synthetic demo dataset (see core/demo/demo_writer.h) and prints a JSON summary.
// The defaults produce the demo bundled with the site.
#include <chrono>
#include <cstdint>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "core/demo/demo_writer.h"

namespace duck::cli {

namespace {
bool parse_flag(const Args& args, const char* name, uint64_t& out) {
    return parse_uint_flag(args, "demo", name, 0, UINT64_MAX, out);
}
}  // namespace

int cmd_demo(const Args& args) {
    const std::string out = flag_value(args, "--out");
    if (out.empty())
        return print_usage("usage: duckling-cli demo --out DIR [--patients N] [--seed S] [--size PX] [--quality Q]\n"
                           "writes a synthetic ISIC-style dataset (train.csv, train/*.jpg, README.txt) into DIR\n");
    demo::DemoOptions o;
    uint64_t patients = static_cast<uint64_t>(o.patients), size = static_cast<uint64_t>(o.image_size),
             quality = static_cast<uint64_t>(o.jpeg_quality);
    if (!parse_flag(args, "--patients", patients) || !parse_flag(args, "--seed", o.seed) ||
        !parse_flag(args, "--size", size) || !parse_flag(args, "--quality", quality))
        return 2;
    if (patients < demo::kMinPatients || patients > demo::kMaxPatients || size < 64 || size > 1024 || quality < 30 ||
        quality > 100) {
        std::fprintf(stderr, "duckling-cli demo: --patients must be 1-%d, --size 64-1024, --quality 30-100\n",
                     demo::kMaxPatients);
        return 2;
    }
    o.patients = static_cast<int>(patients);
    o.image_size = static_cast<int>(size);
    o.jpeg_quality = static_cast<int>(quality);

    const auto t0 = std::chrono::steady_clock::now();
    const Result<demo::DemoSummary> r = demo::write_demo(out, o);
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!r.ok()) {
        std::fprintf(stderr, "duckling-cli demo: %s\n", r.error().message.c_str());
        return 1;
    }
    const nlohmann::json j = {{"out", out},
                              {"synthetic", true},
                              {"seed", o.seed},
                              {"patients", r->patients},
                              {"lesions", r->lesions},
                              {"melanomas", r->melanomas},
                              {"melanoma_patients", r->melanoma_patients},
                              {"planted_outliers", r->planted_outliers},
                              {"image_bytes", r->image_bytes},
                              {"seconds", secs}};
    std::printf("%s\n", j.dump().c_str());
    return 0;
}

}  // namespace duck::cli
