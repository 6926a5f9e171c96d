// cmd_index_merge.cpp - `duckling-cli index-merge --out FILE [--json] SHARD...`:
// the shards written by `index --shard I/N` back into one index, byte-identical
// to what one `index` process writes. Refuses shards of different datasets,
// extractors, feature keys or splits, and a shard missing or given twice.
// Exit: 0 written; 1 a shard unreadable, bad or not matching, or the output
// not writable ({"error"} on stdout); 2 usage.
// JSON: {"out", "bytes", "shards", "rows", "entries", "indexed",
// "segmentation_fallback", "failures": {...}}.
#include <cstdio>

#include "cli/cli.h"
#include "cli/index_file.h"
#include "core/index/index_merge.h"

namespace duck::cli {

int cmd_index_merge(const Args& args) {
    std::string out;
    bool json = false;
    std::vector<std::string> paths;
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--out" && i + 1 < args.size()) {
            out = args[++i];
        } else if (args[i] == "--json") {
            json = true;
        } else if (args[i].rfind("--", 0) == 0) {
            std::fprintf(stderr, "duckling-cli index-merge: unknown option '%s'\n", args[i].c_str());
            return 2;
        } else {
            paths.push_back(args[i]);
        }
    }
    if (out.empty() || paths.empty())
        return print_usage("usage: duckling-cli index-merge --out FILE [--json] SHARD...\n");
    std::vector<NamedShard> shards;
    for (const auto& p : paths) {
        auto ix = read_index_file(p);
        if (!ix.ok()) return print_error(ix.error().message);
        shards.push_back({p, std::move(ix.value())});
    }
    auto whole = merge_shards(std::move(shards));
    if (!whole.ok()) return print_error(whole.error().message);
    auto written = write_index_file(out, whole.value());
    if (!written.ok()) return print_error(written.error().message);
    nlohmann::json j = index_counts(whole.value());
    j["out"] = out;
    j["bytes"] = written.value();
    j["shards"] = paths.size();
    if (json) {
        print_json(j);
        return 0;
    }
    std::printf("%s: %zu shards merged, %zu of %zu rows indexed, failures: %s\n", out.c_str(), paths.size(),
                j["indexed"].get<size_t>(), whole.value().size(), j["failures"].dump().c_str());
    return 0;
}

}  // namespace duck::cli
