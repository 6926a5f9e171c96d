// similar_flags.h - the options `similar` and `eval-neighbours` share: which
// learned direction (if any) joins the feature space, and its weight.
#pragma once
#include <string>

#include "cli/cli.h"
#include "core/model/neighbour_eval.h"

namespace duck::cli {

struct SimilarFlags {
    NeighbourDirection direction = NeighbourDirection::Shipped;
    double direction_weight = 0;
    double clip = 0;
};

// Reads --direction none|shipped|cv (cv only when allow_cv), --direction-weight W
// and --clip Z over the defaults in `flags`; false on a bad value.
bool parse_similar_flags(const Args& args, bool allow_cv, SimilarFlags& flags);
// "none", "shipped", "cv".
const char* direction_name(NeighbourDirection d);

}  // namespace duck::cli
