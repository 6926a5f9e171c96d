// cmd_index.cpp - `duckling-cli index --csv FILE --images DIR --out FILE
// [--jobs N] [--shard I/N] [--json]`: the lesion index (docs/index-format.md) of
// a dataset, or of shard I of N of its rows (row % N == I) so a batch can be
// spread over machines and merged with `index-merge`.
// Exit: 0 written (rows whose image failed are recorded in the index, not
// errors); 1 the CSV, the images folder or the output cannot be used ({"error"}
// on stdout); 2 usage. Progress on stderr. JSON: {"out", "bytes", "rows",
// "entries", "indexed", "segmentation_fallback", "failures": {...}, "shard":
// {"index","count"}, "extractor", "features", "jobs", "seconds"}.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "cli/cli.h"
#include "cli/index_file.h"
#include "cli/model_run.h"
#include "core/index/index_build.h"

namespace duck::cli {

namespace {

constexpr const char* kUsage =
    "usage: duckling-cli index --csv FILE --images DIR --out FILE [--jobs N] [--shard I/N] [--json]\n";

// A whole non-negative decimal number no larger than `max`.
bool parse_count(const std::string& s, uint32_t max, uint32_t& out) {
    if (s.empty() || s.size() > 9) return false;
    uint32_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
        v = v * 10 + uint32_t(c - '0');
    }
    if (v > max) return false;
    out = v;
    return true;
}

// "I/N" with 0 <= I < N.
bool parse_shard(const std::string& s, uint32_t& index, uint32_t& count) {
    const size_t slash = s.find('/');
    if (slash == std::string::npos) return false;
    uint32_t i = 0, n = 0;
    if (!parse_count(s.substr(0, slash), 1000000, i) || !parse_count(s.substr(slash + 1), 1000000, n)) return false;
    if (n == 0 || i >= n) return false;
    index = i, count = n;
    return true;
}

// One row: its image file (found by name) read and analysed. Reasons name the
// image, never the folder, so shards run on different machines agree.
RowAnalysis analyse_row(const std::string& image_name,
                        const std::unordered_map<std::string, std::string>& files,
                        const FeatureExtractor& extractor) {
    RowAnalysis a;
    auto f = files.find(image_name);
    if (f == files.end()) {
        a.reason = "no image file named " + image_name + " in the images folder";
        return a;
    }
    std::string bytes;
    if (!read_whole_file(f->second, bytes)) {
        a.reason = "cannot read " + std::filesystem::path(f->second).filename().string();
        return a;
    }
    return analyse_image(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()),
                         extractor);
}

}  // namespace

int cmd_index(const Args& args) {
    const std::string csv = flag_value(args, "--csv"), images = flag_value(args, "--images"),
                      out = flag_value(args, "--out");
    if (csv.empty() || images.empty() || out.empty()) {
        std::fprintf(stderr, "%s", kUsage);
        return 2;
    }
    uint32_t jobs = 1, shard_index = 0, shard_count = 1;
    if (has_flag(args, "--jobs") && (!parse_count(flag_value(args, "--jobs"), 256, jobs) || jobs == 0)) {
        std::fprintf(stderr, "duckling-cli index: --jobs needs a whole number from 1 to 256, got '%s'\n",
                     flag_value(args, "--jobs").c_str());
        return 2;
    }
    if (has_flag(args, "--shard") && !parse_shard(flag_value(args, "--shard"), shard_index, shard_count)) {
        std::fprintf(stderr, "duckling-cli index: --shard needs I/N with 0 <= I < N (e.g. 0/4), got '%s'\n",
                     flag_value(args, "--shard").c_str());
        return 2;
    }
    // A batch job that cannot write its result should fail now, not after hours.
    {
        const std::string part = out + ".part";
        if (!std::ofstream(part, std::ios::binary | std::ios::trunc))
            return print_error("cannot write '" + part + "' (the output's folder must exist and be writable)");
        std::error_code ec;
        std::filesystem::remove(part, ec);
    }
    const auto t0 = std::chrono::steady_clock::now();

    std::string bytes;
    if (!read_whole_file(csv, bytes)) return print_error("cannot read CSV file '" + csv + "'");
    LoadResult lr = load_csv(bytes, std::filesystem::path(csv).filename().string());
    if (!lr.ok)
        return print_error("CSV '" + csv + "' not recognised: " +
                           (lr.problems.empty() ? std::string("no image_name column") : lr.problems.front().message));
    std::unordered_map<std::string, std::string> files;
    if (std::string e = find_image_files(images, files); !e.empty()) return print_error(e);

    const DermFeatureExtractor extractor;
    LesionIndex ix = empty_index(lr.dataset, extractor, shard_index, shard_count);
    const size_t n = ix.size();
    std::fprintf(stderr, "index: %zu of %zu rows (shard %u/%u), %u job(s)\n", n, ix.image_names.size(), shard_index,
                 shard_count, jobs);

    // Workers take entries in order from a shared counter and write only their
    // own entry, so the index is the same whatever the thread count.
    std::atomic<size_t> next{0}, done{0};
    std::mutex progress_mu;
    auto work = [&] {
        for (size_t e; (e = next.fetch_add(1)) < n;) {
            set_entry(ix, e, analyse_row(ix.image_names[ix.rows[e]], files, extractor));
            const size_t d = done.fetch_add(1) + 1;
            if (d % 100 == 0 || d == n) {
                const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
                std::lock_guard<std::mutex> lock(progress_mu);
                std::fprintf(stderr, "index: %zu / %zu images, %.1f s, about %.0f s left\n", d, n, s,
                             s / double(d) * double(n - d));
            }
        }
    };
    std::vector<std::thread> pool;
    for (uint32_t j = 1; j < jobs; ++j) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();

    auto written = write_index_file(out, ix);
    if (!written.ok()) return print_error(written.error().message);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    nlohmann::json j = index_counts(ix);
    j["out"] = out;
    j["bytes"] = written.value();
    j["shard"] = {{"index", shard_index}, {"count", shard_count}};
    j["extractor"] = ix.extractor;
    j["features"] = ix.n_features();
    j["jobs"] = jobs;
    j["seconds"] = seconds;
    if (has_flag(args, "--json")) {
        print_json(j);
        return 0;
    }
    std::printf("%s: %zu of %zu rows indexed (shard %u/%u), %zu on a fallback segmentation, failures: %s; %.1f s\n",
                out.c_str(), j["indexed"].get<size_t>(), n, shard_index, shard_count,
                j["segmentation_fallback"].get<size_t>(), j["failures"].dump().c_str(), seconds);
    return 0;
}

}  // namespace duck::cli
