// main.cpp - duckling-cli entry point: dispatches to one function per subcommand.
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>

#include "cli/cli.h"

namespace duck::cli {

std::string flag_value(const Args& args, const std::string& name, const std::string& fallback) {
    for (size_t i = 0; i + 1 < args.size(); ++i)
        if (args[i] == name) return args[i + 1];
    return fallback;
}

bool has_flag(const Args& args, const std::string& name) {
    for (const auto& a : args)
        if (a == name) return true;
    return false;
}

bool parse_double(const std::string& s, double lo, double hi, double& out) {
    try {
        size_t used = 0;
        double v = std::stod(s, &used);
        if (used != s.size() || !(v >= lo && v <= hi)) return false;
        out = v;
        return true;
    } catch (...) {
        return false;
    }
}

int print_usage(const char* text) {
    std::fputs(text, stderr);
    return 2;
}

bool parse_uint_flag(const Args& args, const char* command, const char* name, uint64_t lo, uint64_t hi,
                     uint64_t& out) {
    if (!has_flag(args, name)) return true;
    const std::string v = flag_value(args, name);
    uint64_t n = 0;
    const auto r = std::from_chars(v.data(), v.data() + v.size(), n);
    if (!v.empty() && r.ec == std::errc() && r.ptr == v.data() + v.size() && n >= lo && n <= hi) {
        out = n;
        return true;
    }
    if (lo == 0 && hi == UINT64_MAX)
        std::fprintf(stderr, "duckling-cli %s: %s needs a non-negative integer, got '%s'\n", command, name, v.c_str());
    else
        std::fprintf(stderr, "duckling-cli %s: %s needs an integer from %llu to %llu, got '%s'\n", command, name,
                     static_cast<unsigned long long>(lo), static_cast<unsigned long long>(hi), v.c_str());
    return false;
}

bool parse_int(const std::string& s, int lo, int hi, int& out) {
    try {
        size_t used = 0;
        long v = std::stol(s, &used);
        if (used != s.size() || v < lo || v > hi) return false;
        out = int(v);
        return true;
    } catch (...) {
        return false;
    }
}

}  // namespace duck::cli

namespace {

struct Command {
    const char* name;
    int (*run)(const duck::cli::Args&);
    const char* help;
};

// One line per subcommand; keep the list sorted by name.
const Command kCommands[] = {
    {"badcorpus", duck::cli::cmd_badcorpus, "write the hostile test corpus and expected.json: --out DIR [--rows N]"},
    {"check", duck::cli::cmd_check, "validate --csv FILE [--images DIR] [--json]; exit 0 ok, 1 errors, 2 unreadable"},
    {"demo", duck::cli::cmd_demo, "write the synthetic demo dataset: --out DIR [--patients N] [--seed S]"},
    {"demo-slice3d", duck::cli::cmd_demo_slice3d,
     "write synthetic ISIC 2024 (SLICE-3D) metadata: --out FILE [--patients N] [--lesions N] [--seed S]"},
    {"eval", duck::cli::cmd_eval, "how well the outlier score (or --predictions FILE) finds each patient's melanoma"},
    {"eval-neighbours", duck::cli::cmd_eval_neighbours, "do similar lesions share the diagnosis? leave-one-out on --labels FILE --images DIR"},
    {"eval-pseudo", duck::cli::cmd_eval_pseudo, "melanoma's rank in pseudo-patients of real labelled images: --labels FILE --images DIR"},
    {"index", duck::cli::cmd_index, "lesion index file: --csv FILE --images DIR --out FILE [--jobs N] [--shard I/N] [--json]"},
    {"index-merge", duck::cli::cmd_index_merge, "merge index shards: --out FILE [--json] SHARD..."},
    {"info", duck::cli::cmd_info, "decode one JPEG/DICOM file, print format, size, status, tags as JSON"},
    {"link", duck::cli::cmd_link, "decode a deep link HASH [--query ?data=URL] and print the view state as JSON"},
    {"quiz", duck::cli::cmd_quiz, "quiz case set: --csv FILE [--seed N] [--n N] [--none] [--cases IP_a,..] -> JSON + #quiz= link"},
    {"score", duck::cli::cmd_score, "ugly-duckling outlier score of every lesion, with reasons"},
    {"similar", duck::cli::cmd_similar, "the nearest lesions to --image ID among --labels FILE --images DIR, with reasons"},
    {"stats", duck::cli::cmd_stats, "Table-1 summary of --csv FILE [--csv FILE...] [--json]"},
    {"thumb", duck::cli::cmd_thumb, "write the thumbnail of a JPEG/DICOM file: FILE --size N --out OUT.png"},
    {"train-model", duck::cli::cmd_train_model, "train the malignancy direction: --labels FILE --images DIR --out FILE"},
    {"version", duck::cli::cmd_version, "print the version as JSON"},
};

void usage() {
    std::fprintf(stderr, "usage: duckling-cli <command> [options]\n\ncommands:\n");
    for (const auto& c : kCommands) std::fprintf(stderr, "  %-10s %s\n", c.name, c.help);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")) {
        usage();
        return argc < 2 ? 2 : 0;
    }
    duck::cli::Args args(argv + 2, argv + argc);
    for (const auto& c : kCommands)
        if (!std::strcmp(argv[1], c.name)) return c.run(args);
    std::fprintf(stderr, "duckling-cli: unknown command '%s'\n", argv[1]);
    usage();
    return 2;
}
