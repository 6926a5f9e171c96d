// problem.h - one problem found in the input (a bad CSV row, a corrupt image, a
// missing file...). Problems are collected, never thrown: loading goes on and the
// UI, the logs, `duckling-cli check` and window.duckling.state().dataset.problems
// all show the same list.
#pragma once
#include <string>
#include <vector>

namespace duck {

enum class Severity { Warning, Error };

struct Problem {
    Severity severity = Severity::Error;
    std::string kind;     // stable machine-readable key, e.g. "csv_columns", "bad_age", "image_corrupt"
    std::string where;    // "train.csv:17", "images/ISIC_0000001.jpg", a URL...
    std::string message;  // specific and human-readable: what is wrong and, if useful, what was expected
};

using Problems = std::vector<Problem>;

}  // namespace duck
