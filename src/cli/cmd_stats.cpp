// cmd_stats.cpp - `duckling-cli stats --csv FILE [--csv FILE...] [--json]`:
// the paper's Table 1 computed from the given CSV(s). With --json, one JSON
// object on stdout (contract in core/stats.h); load problems go to stderr.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "core/data/stats.h"

namespace duck::cli {

int cmd_stats(const Args& args) {
    CsvInput in;
    if (int rc = load_csv_args(args, "stats", in)) return rc;
    size_t errors = 0;
    for (const auto& p : in.problems) errors += p.severity == Severity::Error;
    if (!in.problems.empty())
        std::fprintf(stderr, "duckling-cli stats: %zu problem(s) while loading (%zu error(s)); run `duckling-cli check` for the list\n",
                     in.problems.size(), errors);
    if (!in.any_ok) {
        for (const auto& p : in.problems) std::fprintf(stderr, "%s: %s\n", p.where.c_str(), p.message.c_str());
        return 1;
    }
    const DatasetStats s = compute_stats(in.dataset);
    if (has_flag(args, "--json")) {
        std::printf("%s\n", stats_to_json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    } else {
        std::printf("Dataset summary (as in Table 1 of the ISIC 2020 paper):");
        for (const auto& f : in.files) std::printf(" %s", f.c_str());
        std::printf("\n%s", stats_table(s).c_str());
    }
    return 0;
}

}  // namespace duck::cli
