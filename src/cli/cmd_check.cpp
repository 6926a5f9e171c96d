// cmd_check.cpp - `duckling-cli check --csv FILE [--csv FILE...] [--images DIR]
// [--json]`: every problem in the metadata (and, with --images, rows without an
// image and images without a row), with file:line. Exit status: 0 no errors
// (warnings allowed), 1 errors found, 2 a file or the folder could not be read.
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "core/data/validate.h"

namespace duck::cli {

namespace {
// All regular files under `dir`, recursively; false when dir cannot be opened.
bool list_files(const std::string& dir, std::vector<std::string>& out) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return false;
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
    if (ec) return false;
    for (; it != end; it.increment(ec)) {
        if (ec) break;
        if (it->is_regular_file(ec)) out.push_back(it->path().string());
    }
    return true;
}
}  // namespace

int cmd_check(const Args& args) {
    CsvInput in;
    if (int rc = load_csv_args(args, "check", in)) return rc;
    Problems& ps = in.problems;
    if (in.any_ok) validate_dataset(in.dataset, ps);
    const std::string images = flag_value(args, "--images");
    size_t image_files = 0;
    if (!images.empty()) {
        std::vector<std::string> files;
        if (!list_files(images, files)) {
            std::fprintf(stderr, "duckling-cli check: cannot read image folder '%s'\n", images.c_str());
            return 2;
        }
        image_files = files.size();
        if (in.any_ok) check_images(in.dataset, files, ps);
    }
    size_t errors = 0;
    for (const auto& p : ps) errors += p.severity == Severity::Error;
    const size_t warnings = ps.size() - errors;
    if (has_flag(args, "--json")) {
        nlohmann::json j;
        j["files"] = in.files;
        j["records"] = in.records;
        j["lesions"] = in.dataset.lesions.size();
        j["patients"] = in.dataset.patients.size();
        if (!images.empty()) j["image_files"] = image_files;
        j["errors"] = errors;
        j["warnings"] = warnings;
        j["problems"] = nlohmann::json::array();
        for (const auto& p : ps)
            j["problems"].push_back({{"severity", p.severity == Severity::Error ? "error" : "warning"},
                                     {"kind", p.kind}, {"where", p.where}, {"message", p.message}});
        // CSV text is echoed in messages and may be invalid UTF-8: replace (U+FFFD)
        // instead of letting dump() fail, which would abort without exceptions.
        std::printf("%s\n", j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    } else {
        for (const auto& p : ps)
            std::printf("%s: %s [%s] %s\n", p.where.c_str(), p.severity == Severity::Error ? "error" : "warning",
                        p.kind.c_str(), p.message.c_str());
        std::printf("%zu record(s), %zu lesion(s), %zu patient(s): %zu error(s), %zu warning(s)\n", in.records,
                    in.dataset.lesions.size(), in.dataset.patients.size(), errors, warnings);
    }
    return errors ? 1 : 0;
}

}  // namespace duck::cli
