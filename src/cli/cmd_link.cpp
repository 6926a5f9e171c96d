// cmd_link.cpp - `duckling-cli link HASH [--query ?data=...]`: decodes a deep link and
// prints the view state as JSON (or {"error"}), for checking links by hand and in scripts.
#include <cstdio>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "core/view/view_state.h"

namespace duck::cli {

int cmd_link(const Args& args) {
    if (args.empty()) return print_usage("usage: duckling-cli link HASH [--query '?data=URL']\n");
    std::vector<std::string> notes;
    auto s = decode_link(flag_value(args, "--query"), args[0], &notes);
    if (!s) return print_error(s.error().message);
    const ViewState& v = s.value();
    const LinkFilters& f = v.filters;
    nlohmann::json out = {
        {"data", v.data_url}, {"local", v.local_folder}, {"patient", v.patient}, {"lesion", v.lesion},
        {"mode", view_mode_name(v.mode)}, {"compare", v.compare_lesion}, {"sort", v.sort_key},
        {"descending", v.sort_descending}, {"tile_order", v.tile_order}, {"region_mask", v.grid_sites},
        {"labels_hidden", v.labels_hidden}, {"zoom", v.zoom}, {"pan", {v.pan_x, v.pan_y}},
        {"filters", {{"search", f.search}, {"sex", static_cast<int>(f.sex)}, {"age", {f.age_min, f.age_max}},
                     {"site_mask", f.sites}, {"melanoma", static_cast<int>(f.melanoma)},
                     {"lesions", {f.lesions_min, f.lesions_max}}, {"diagnosis", f.diagnosis}}},
        {"quiz", {{"cases", v.quiz_cases}, {"seed", v.quiz_seed}, {"n", v.quiz_count},
                  {"none", v.quiz_include_none}, {"case", v.quiz_case}}},
        {"canonical", encode_link(v)}, {"notes", notes}};
    print_json(out);
    return 0;
}

}  // namespace duck::cli
