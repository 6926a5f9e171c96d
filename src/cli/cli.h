// cli.h - subcommands of duckling-cli. Each takes its arguments (without the
// subcommand name) and returns the process exit status.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/data/dataset_load.h"

namespace duck::cli {

using Args = std::vector<std::string>;

// Value of "--name VALUE" in args, or `fallback` when absent.
std::string flag_value(const Args& args, const std::string& name, const std::string& fallback = "");
// Parses a whole string as a number in [lo, hi]; false (out unchanged) otherwise.
bool parse_double(const std::string& s, double lo, double hi, double& out);
// Parses a whole string as an integer in [lo, hi]; false (out unchanged) otherwise.
bool parse_int(const std::string& s, int lo, int hi, int& out);
// "--name N", a whole unsigned integer in [lo, hi]: absent leaves `out` as it is;
// malformed or out of range prints "duckling-cli COMMAND: --name needs ..." to
// stderr and returns false.
bool parse_uint_flag(const Args& args, const char* command, const char* name, uint64_t lo, uint64_t hi,
                     uint64_t& out);
// True when "--name" is present.
bool has_flag(const Args& args, const std::string& name);
// Prints j as one line of JSON to stdout (invalid UTF-8 replaced, never thrown on).
void print_json(const nlohmann::json& j);
// Prints {"error": message} that way and returns exit status 1.
int print_error(const std::string& message);
// Prints a subcommand's usage text to stderr as it is and returns exit status 2
// (the arguments were wrong).
int print_usage(const char* text);

int cmd_badcorpus(const Args& args);
int cmd_demo(const Args& args);
int cmd_demo_slice3d(const Args& args);
int cmd_version(const Args& args);  // cmd_version.cpp
int cmd_quiz(const Args& args);
int cmd_link(const Args& args);
int cmd_info(const Args& args);
int cmd_thumb(const Args& args);
// Ugly-duckling model (cmd_score.cpp, cmd_eval.cpp).
int cmd_score(const Args& args);
int cmd_eval(const Args& args);
// eval --predictions FILE --csv FILE: a classifier's scores, no image (cmd_eval_predictions.cpp).
int cmd_eval_predictions(const Args& args);
int cmd_eval_pseudo(const Args& args);  // pseudo-patients of real labelled images
int cmd_train_model(const Args& args);
// Similar lesions (cmd_similar.cpp) and whether neighbours share the diagnosis (cmd_eval_neighbours.cpp).
int cmd_similar(const Args& args);
int cmd_eval_neighbours(const Args& args);  // the learned direction -> assets/model file
int cmd_stats(const Args& args);   // Table-1 summary of --csv FILE [--csv FILE...] [--json]
int cmd_check(const Args& args);   // validate --csv FILE [--images DIR] [--json]; exit 0/1/2
// The lesion index file (docs/index-format.md): build it, or one shard of it;
// merge shards (cmd_index.cpp, cmd_index_merge.cpp).
int cmd_index(const Args& args);
int cmd_index_merge(const Args& args);

// Every value of a repeatable "--name VALUE" flag, in order.
std::vector<std::string> flag_values(const Args& args, const std::string& name);
// Reads a whole file; false when it cannot be opened or read.
bool read_whole_file(const std::string& path, std::string& out);
// The --csv files of a command, loaded and merged (csv_input.cpp).
struct CsvInput {
    std::vector<std::string> files;
    Dataset dataset;
    Problems problems;     // load + merge problems
    size_t records = 0;    // data records read over all files
    bool any_ok = false;   // at least one file had a recognised header
};
// Loads the --csv arguments; returns 0, or 2 (message printed) when there is
// no --csv or a file cannot be read.
int load_csv_args(const Args& args, const char* command, CsvInput& in);

}  // namespace duck::cli
