// cmd_quiz.cpp - `duckling-cli quiz --csv FILE [--seed N] [--n N] [--none] [--cases IP_a,IP_b]`:
// the quiz case set the web app would draw, with the shareable #quiz= link, so an
// instructor can prepare (and check) a set for a class without a browser.
// JSON: {"cases":[{"patient_id","lesions","melanomas"}],"link":"#quiz=...","notes":[...]};
// on failure {"error": "..."} and exit status 1.
#include <cstdio>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "core/data/dataset_load.h"
#include "core/base/url_codec.h"
#include "core/teach/quiz.h"
#include "core/view/view_state.h"

namespace duck::cli {

int cmd_quiz(const Args& args) {
    const std::string csv_path = flag_value(args, "--csv");
    if (csv_path.empty())
        return print_usage("usage: duckling-cli quiz --csv FILE [--seed N] [--n N] [--none] [--cases IP_a,IP_b]\n");
    std::ifstream f(csv_path, std::ios::binary);
    if (!f) return print_error("cannot read " + csv_path);
    std::stringstream buf;
    buf << f.rdbuf();
    LoadResult load = load_csv(buf.str(), csv_path);
    if (!load.ok) return print_error(load.problems.empty() ? "not an ISIC CSV" : load.problems.front().message);
    const Dataset& ds = load.dataset;

    std::vector<std::string> notes;
    Result<std::vector<uint32_t>> cases = Error{""};
    const std::string curated = flag_value(args, "--cases");
    ViewState link;
    link.mode = ViewMode::Quiz;
    if (!curated.empty()) {
        auto decoded = decode_hash("quiz=" + curated);
        if (!decoded) return print_error(decoded.error().message);
        cases = resolve_curated_cases(ds, decoded->quiz_cases, &notes);
    } else {
        QuizOptions opt;
        int64_t n = 0;
        if (!parse_int_strict(flag_value(args, "--seed", "1"), 0, UINT32_MAX, n)) return print_error("--seed must be 0-4294967295");
        opt.seed = static_cast<uint32_t>(n);
        if (!parse_int_strict(flag_value(args, "--n", std::to_string(kQuizDefaultCount)), 1, kLinkMaxQuizCount, n))
            return print_error("--n must be 1-" + std::to_string(kLinkMaxQuizCount));
        opt.count = static_cast<int>(n);
        opt.include_none = has_flag(args, "--none");
        std::vector<uint32_t> all(ds.patients.size());
        for (uint32_t i = 0; i < all.size(); ++i) all[i] = i;
        cases = pick_random_cases(ds, all, opt);
    }
    if (!cases) return print_error(cases.error().message);

    nlohmann::json out, list = nlohmann::json::array();
    for (uint32_t p : cases.value()) {
        link.quiz_cases.push_back(ds.patients[p].id);
        list.push_back({{"patient_id", ds.patients[p].id},
                        {"lesions", ds.patients[p].lesions.size()},
                        {"melanomas", ds.patients[p].melanomas}});
    }
    out["cases"] = std::move(list);
    out["link"] = encode_hash(link);
    out["notes"] = notes;
    print_json(out);
    return 0;
}

}  // namespace duck::cli
