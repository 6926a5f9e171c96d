// cmd_badcorpus.cpp - `duckling-cli badcorpus --out DIR [--rows N] [--seed S]`:
// writes the hostile test corpus (core/bad_corpus.h) and its expected.json. The
// corpus is generated for tests, never committed. Prints
// {"out", "files", "bytes", "rows", "expected"} as JSON.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "core/demo/bad_corpus.h"
#include "core/demo/demo_jpeg.h"

namespace duck::cli {

namespace fs = std::filesystem;

namespace {

int fail(const std::string& message, int code = 1) {
    std::printf("%s\n", nlohmann::json({{"error", message}}).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    return code;
}

bool write_file(const fs::path& path, const std::vector<uint8_t>& bytes) {
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
    return bool(f);
}

}  // namespace

int cmd_badcorpus(const Args& args) {
    const std::string out = flag_value(args, "--out");
    if (out.empty()) return fail("usage: duckling-cli badcorpus --out DIR [--rows N] [--seed S]", 2);
    BadCorpusOptions o;
    const std::string rows = flag_value(args, "--rows", "1000000"), seed = flag_value(args, "--seed", "2020");
    char* end = nullptr;
    const unsigned long long n = std::strtoull(rows.c_str(), &end, 10);
    if (rows.empty() || *end || n < 1 || n > 10000000) return fail("--rows must be a whole number from 1 to 10000000", 2);
    o.big_rows = size_t(n);
    const unsigned long long s = std::strtoull(seed.c_str(), &end, 10);
    if (seed.empty() || *end) return fail("--seed must be a whole number", 2);
    o.seed = s;
    // Only write into an empty folder or over a previous corpus (never over user data).
    std::error_code ec;
    if (fs::exists(out, ec) && !fs::is_empty(out, ec) && !fs::exists(fs::path(out) / "expected.json", ec))
        return fail("'" + out + "' is not empty and holds no previous corpus (expected.json); choose an empty folder");
    for (const char* sub : {"mixed", "million"}) fs::remove_all(fs::path(out) / sub, ec);

    const BadCorpus c = make_bad_corpus(o, [](const ImageRGBA& img) { return demo::encode_jpeg(img, 85); });
    uint64_t bytes = 0;
    for (const auto& f : c.files) {
        if (!write_file(fs::path(out) / f.path, f.bytes)) return fail("cannot write " + (fs::path(out) / f.path).string());
        bytes += f.bytes.size();
    }
    const std::string manifest = bad_corpus_manifest(c);
    if (!write_file(fs::path(out) / "expected.json", {manifest.begin(), manifest.end()})) return fail("cannot write expected.json");
    nlohmann::json j = {{"out", out}, {"files", c.files.size()}, {"bytes", bytes}, {"rows", c.big_rows},
                        {"expected", (fs::path(out) / "expected.json").string()}};
    std::printf("%s\n", j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    return 0;
}

}  // namespace duck::cli
