// similar_flags.cpp - parsing of the shared similar-lesion options.
#include "cli/similar_flags.h"

namespace duck::cli {

const char* direction_name(NeighbourDirection d) {
    switch (d) {
    case NeighbourDirection::None: return "none";
    case NeighbourDirection::Shipped: return "shipped";
    case NeighbourDirection::CrossValidated: return "cv";
    }
    return "none";
}

bool parse_similar_flags(const Args& args, bool allow_cv, SimilarFlags& flags) {
    if (has_flag(args, "--direction")) {
        const std::string d = flag_value(args, "--direction");
        if (d == "none") flags.direction = NeighbourDirection::None;
        else if (d == "shipped") flags.direction = NeighbourDirection::Shipped;
        else if (d == "cv" && allow_cv) flags.direction = NeighbourDirection::CrossValidated;
        else return false;
    }
    if (has_flag(args, "--direction-weight") &&
        !parse_double(flag_value(args, "--direction-weight"), 0, 1000, flags.direction_weight))
        return false;
    if (has_flag(args, "--clip") && !parse_double(flag_value(args, "--clip"), 0, 100, flags.clip)) return false;
    return true;
}

}  // namespace duck::cli
