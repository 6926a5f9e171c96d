// cmd_demo_slice3d.cpp - `duckling-cli demo-slice3d --out FILE [--patients N]
// [--lesions N] [--seed S]`: writes SYNTHETIC ISIC 2024 (SLICE-3D) metadata
// (core/demo/slice3d_synthetic.h: the challenge's 44 columns, made-up values, ids
// SYN_*) for tests and benchmarks at the real data's sizes. No images.
#include <cstdint>
#include <cstdio>
#include <fstream>

#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "core/demo/slice3d_synthetic.h"

namespace duck::cli {

namespace {
bool int_flag(const Args& args, const char* name, uint64_t lo, uint64_t hi, uint64_t& out) {
    return parse_uint_flag(args, "demo-slice3d", name, lo, hi, out);
}
}  // namespace

int cmd_demo_slice3d(const Args& args) {
    const std::string out = flag_value(args, "--out");
    if (out.empty())
        return print_usage("usage: duckling-cli demo-slice3d --out FILE [--patients N] [--lesions N] [--seed S]\n"
                           "writes SYNTHETIC ISIC 2024 (SLICE-3D) metadata (no images) into FILE\n");
    Slice3dSynthetic spec;
    uint64_t patients = 2, lesions = 500, seed = 1;
    if (!int_flag(args, "--patients", 1, 10000, patients) || !int_flag(args, "--lesions", 1, 5000, lesions) ||
        !int_flag(args, "--seed", 0, UINT64_MAX, seed))
        return 2;
    spec.patients = static_cast<int>(patients);
    spec.lesions_per_patient = static_cast<int>(lesions);
    spec.seed = seed;
    const std::string csv = slice3d_synthetic_csv(spec);
    std::ofstream f(out, std::ios::binary);
    f.write(csv.data(), static_cast<std::streamsize>(csv.size()));
    if (!f) {
        std::fprintf(stderr, "duckling-cli demo-slice3d: cannot write %s\n", out.c_str());
        return 1;
    }
    const nlohmann::json j = {{"out", out}, {"patients", patients}, {"lesions_per_patient", lesions},
                              {"bytes", csv.size()}, {"synthetic", true}};
    std::printf("%s\n", j.dump().c_str());
    return 0;
}

}  // namespace duck::cli
