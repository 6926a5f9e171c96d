// app_state_json.cpp - window.duckling.state(): the read-only JSON snapshot the
// browser tests (and curious users) read. It is a stable contract: add fields,
// never rename or remove them. To add a section, write one `json xxx_json(const
// App&)` function below and one line in app_state_json().
#include <cmath>
#include <nlohmann/json.hpp>

#include "app/app.h"
#include "app/app_index.h"
#include "app/app_predictions.h"
#include "app/app_similar.h"
#include "core/view/explorer_state.h"
#include "core/view/grid_layout.h"
#include "core/model/outlier_score.h"
#include "platform/platform.h"

#ifndef DUCK_VERSION
#define DUCK_VERSION "0.0.0"
#endif

namespace duck {

namespace {
using nlohmann::json;

json problems_json(const Problems& ps) {
    json out = json::array();
    for (const auto& p : ps)
        out.push_back({{"severity", p.severity == Severity::Error ? "error" : "warning"},
                       {"kind", p.kind},
                       {"where", p.where},
                       {"message", p.message}});
    return out;
}

json dataset_json(const App& app) {
    return {{"source", source_kind_name(app.source.kind)},
            {"label", app.source.label},
            {"base", app.source.base},
            {"patients", app.dataset.patients.size()},
            {"lesions", app.dataset.lesions.size()},
            {"labelled", app.dataset.has_labels},
            {"loading", app.load.pending > 0 || app.opening.active},
            {"error", app.load.error},
            {"problems", problems_json(app.problems)}};
}

// A folder being opened (app_open.cpp): stage, counts, and whether the last one was cancelled.
json opening_json(const App& app) {
    const OpenState& op = app.opening;
    return {{"active", op.active},        {"label", op.label},         {"stage", op.stage},
            {"files", op.files},          {"csv_files", op.csv_total}, {"csv_read", op.csv_done},
            {"csv_rows", op.csv_rows},    {"cancelled", op.cancelled}};
}

// The background index: phase, counts, rate (images computed per second) and the
// mean worker time per image.
json indexing_json(const App& app) {
    const IndexingState& ix = app.indexing;
    return {{"state", indexing_phase_name(ix.phase)},
            {"total", ix.total},
            {"done", ix.done},
            {"cached", ix.cached},
            {"computed", ix.computed},
            {"failed", ix.failed},
            {"skipped", ix.skipped},
            {"workers", ix.workers},
            {"rate", ix.rate},
            {"worker_ms", ix.worker_ms},
            {"elapsed_s", ix.elapsed_s},
            {"main_ms", ix.main_ms},
            {"main_max_ms", ix.main_max_ms},
            {"featured", app.model.featured()}};
}

// The patient list as shown (filtered, sorted), first kPatientListMax rows: id and
// top score (the highest calibrated level among its lesions; null when none yet).
json patient_list_json(const App& app) {
    constexpr size_t kPatientListMax = 500;
    const auto& levels = app.explorer.scores();
    json out = json::array();
    for (uint32_t p : app.explorer.patients) {
        if (out.size() >= kPatientListMax || p >= app.dataset.patients.size()) break;
        float top = NAN;
        for (uint32_t li : app.dataset.patients[p].lesions)
            if (li < levels.size() && !std::isnan(levels[li]) && !(levels[li] <= top)) top = levels[li];
        out.push_back({{"id", app.dataset.patients[p].id}, {"top_score", std::isnan(top) ? json(nullptr) : json(top)}});
    }
    return out;
}

json view_json(const App& app) {
    const auto& v = app.view;
    const auto& ds = app.dataset;
    json patient = v.patient < ds.patients.size() ? json(ds.patients[v.patient].id) : json(nullptr);
    json lesion = v.lesion < ds.lesions.size() ? json(ds.lesions[v.lesion].image_name) : json(nullptr);
    json out = {{"patient", patient}, {"lesion", lesion}, {"mode", view_mode_name(v.mode)}};
    // Explorer: filters, sort, grid, zoom, tiles [{image_name, status, site}] of the current patient.
    explorer_state_json(out, app.explorer, ds, v.patient, [&](uint32_t li) {
        return li < app.image_status.size() ? app.image_status[li] : ImageStatus::Pending;
    });
    out["theme"] = app.ui.dark_theme ? "dark" : "light";
    out["help_open"] = app.ui.help_open;
    // The model's view of each tile: score (distance), rank in the
    // patient (1 = most outlying), calibrated level, flagged, explanation lines, and model_status
    // ("ok", "pending", "insufficient_context", "image_missing"...); null when none.
    const auto& scores = app.model.scores();
    const auto& st = app.explorer;
    const std::vector<uint32_t> order =
        v.patient < ds.patients.size() ? flatten(arrange_tiles(ds, v.patient, st.tile_order, st.scores(), st.grid_sites))
                                       : std::vector<uint32_t>{};
    size_t k = 0;
    for (auto& t : out["tiles"]) {  // the tiles are in this order (explorer_state_json)
        const uint32_t li = k < order.size() ? order[k++] : kNone;
        const bool has = li < scores.size();
        const bool ok = has && scores[li].ok();
        t["model_status"] = has ? scores[li].status : "pending";
        t["score"] = ok ? json(scores[li].score) : json(nullptr);
        t["rank"] = ok ? json(scores[li].rank) : json(nullptr);
        t["level"] = ok ? json(scores[li].level) : json(nullptr);
        t["flagged"] = ok && scores[li].flagged;
        t["explanation"] = ok ? json(scores[li].explanation) : json::array();  // the viewer's reason lines
        // Why the lesion index holds no features for the lesion (empty: it does, or no index).
        t["index_reason"] = li < app.index.reasons.size() ? app.index.reasons[li] : std::string();
    }
    out["patient_list"] = patient_list_json(app);
    return out;
}

// The lesion index (app_index.h) and the dataset-wide model counts: `indexed`
// lesions with features (from the index or their images), `flagged` by the model,
// `scoring`: a re-scoring's progress (patients scored so far of its patients).
json index_json(const App& app) {
    const IndexState& ix = app.index;
    const ModelCounts mc = model_counts(app);
    return {{"status", ix.status},   {"source", ix.source},     {"message", ix.message},
            {"rows", ix.rows},       {"entries", ix.entries},   {"applied", ix.applied},
            {"failed", ix.failed},   {"fallback", ix.fallback}, {"indexed", mc.indexed},
            {"scored", mc.scored},   {"flagged", mc.flagged},
            {"scoring", {{"active", mc.scoring}, {"patients_scored", mc.scoring_done}, {"patients", mc.scoring_total}}}};
}

json ui_json(const App& app) {
    json rects = json::object();
    for (const auto& [name, r] : app.ui_rects) rects[name] = {r[0], r[1], r[2], r[3]};
    return {{"status", app.status}, {"dpr", app.dpr}, {"frames", app.frames}, {"rects", rects}};
}

// Heap = wasm linear memory (web) or resident set (native); textures from the shell.
json memory_json(const App& app) {
    return {{"heap_bytes", platform::memory_bytes()},
            {"textures", app.texture_count},
            {"texture_bytes", app.texture_bytes}};
}

}  // namespace

std::string app_state_json(const App& app) {
    json j = {{"ready", app.ready},
              {"version", DUCK_VERSION},
              {"dataset", dataset_json(app)},
              {"opening", opening_json(app)},
              {"indexing", indexing_json(app)},
              {"view", view_json(app)},
              {"ui", ui_json(app)},
              {"memory", memory_json(app)}};
    share_state_json(app, j);  // share, quiz, exports (app_share_json.cpp)
    j["images"] = json::parse(images_state_json(app), nullptr, false);  // app_images_json.cpp
    j["predictions"] = predictions_state_json(app);                      // app_predictions.cpp
    j["similar"] = similar_state_json(app);                              // app_similar.cpp
    j["index"] = index_json(app);
    // Replace invalid UTF-8 (e.g. from a broken CSV) instead of failing.
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace duck
