// json_print.cpp - how every subcommand prints its JSON (cli.h).
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/cli.h"

namespace duck::cli {

void print_json(const nlohmann::json& j) {
    std::printf("%s\n", j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
}

int print_error(const std::string& message) {
    print_json(nlohmann::json{{"error", message}});
    return 1;
}

}  // namespace duck::cli
