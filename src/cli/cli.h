// cli.h - subcommands of duckling-cli. Each takes its arguments (without the
// subcommand name) and returns the process exit status.
#pragma once
#include <string>
#include <vector>

namespace duck::cli {

using Args = std::vector<std::string>;

// Value of "--name VALUE" in args, or `fallback` when absent.
std::string flag_value(const Args& args, const std::string& name, const std::string& fallback = "");
// True when "--name" is present.
bool has_flag(const Args& args, const std::string& name);

int cmd_badcorpus(const Args& args);
int cmd_demo(const Args& args);
int cmd_version(const Args& args);
int cmd_quiz(const Args& args);  // cmd_quiz.cpp
int cmd_link(const Args& args);  // cmd_quiz.cpp
int cmd_info(const Args& args);   // cmd_info.cpp
int cmd_thumb(const Args& args);  // cmd_info.cpp
// Ugly-duckling model (cmd_score.cpp, cmd_eval.cpp).
int cmd_score(const Args& args);
int cmd_eval(const Args& args);

}  // namespace duck::cli
