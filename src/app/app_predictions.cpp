// app_predictions.cpp - predictions files in the app (see app_predictions.h).
// A file is parsed once when it arrives (33k rows take a few milliseconds, no
// slicing needed) and kept; whatever depends on the dataset or on the
// ugly-duckling scores is recomputed by sync_predictions() when those change.
#include "app/app_predictions.h"

#include <algorithm>
#include <cmath>
#include <span>
#include <nlohmann/json.hpp>

#include "app/app_load.h"
#include "core/view/grid_layout.h"
#include "core/view/prediction_links.h"
#include "core/model/prediction_ranks.h"
#include "platform/platform.h"

namespace duck {

namespace {

using nlohmann::json;

// Sidebar width (logical pixels) that fits the patient list's columns plus "Model".
constexpr float kSidebarWithModels = 470.f;

std::string file_name_of(const std::string& url) {
    const std::string path = url.substr(0, url.find_first_of("?#"));
    const size_t slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Matches, ranks and evaluates one model against the current dataset.
void rematch(const Dataset& ds, LoadedPredictions& m) {
    m.match = match_predictions(m.file, ds);
    m.ranks = patient_ranks(ds, m.match.score);
    m.eval = m.match.labelled ? evaluate_predictions(ds, m.match.score) : EvalReport{};
}

json num(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

json metric_json(const EvalMetric& e) {
    return {{"value", num(e.value)}, {"ci95", {num(e.lo), num(e.hi)}}, {"random", num(e.random)}};
}

}  // namespace

bool add_predictions(App& app, const std::string& name, std::string bytes, const std::string& source) {
    auto parsed = parse_predictions(bytes, name);
    if (!parsed.ok()) {
        app.add_problem({Severity::Error, "pred_unreadable", name, parsed.error().message});
        app.status = "Predictions not loaded: " + parsed.error().message;
        platform::log_warn(app.status);
        return false;
    }
    LoadedPredictions m;
    m.source = source.empty() ? name : source;
    m.bytes = std::move(bytes);
    m.file = std::move(parsed.value());
    for (const auto& p : m.file.problems) app.add_problem(p);
    rematch(app.dataset, m);
    app.status = app.dataset.lesions.empty()
                     ? "Predictions " + m.file.name + " (" + m.file.column + ", " + std::to_string(m.file.rows.size()) +
                           " rows) read; matched once the metadata is in"
                     : match_summary(m.file, m.match);
    platform::log_info("predictions " + app.status);
    auto& models = app.predictions.models;
    // The patient list gains a "Model" column: widen the sidebar so the patient ids
    // still fit (the user can drag it back; the width is remembered as usual).
    if (models.empty()) app.ui.sidebar_width = std::max(app.ui.sidebar_width, kSidebarWithModels);
    auto same = std::find_if(models.begin(), models.end(), [&](const auto& x) { return x.file.name == name; });
    if (same != models.end()) {
        *same = std::move(m);
    } else {
        // ?pred= files take their place in the link's order whatever order they
        // arrive in (the list options refer to models by position); others go last.
        const auto& links = app.predictions.link_urls;
        auto link_pos = [&](const std::string& src) { return size_t(std::find(links.begin(), links.end(), src) - links.begin()); };
        const size_t mine = link_pos(m.source);
        size_t at = models.size();
        if (mine < links.size())
            for (size_t k = 0; k < models.size(); ++k)
                if (link_pos(models[k].source) > mine) {
                    at = k;
                    break;
                }
        models.insert(models.begin() + long(at), std::move(m));
        for (int* opt : {&app.explorer.sort_model, &app.explorer.disagreement_model})
            if (*opt >= int(at)) ++*opt;
    }
    ++app.predictions.models_version;
    app.request_redraw();
    return true;
}

bool set_prediction_column(App& app, size_t index, const std::string& column) {
    auto& models = app.predictions.models;
    if (index >= models.size()) return false;
    LoadedPredictions& m = models[index];
    auto parsed = parse_predictions(m.bytes, m.file.name, column);
    if (!parsed.ok()) {
        app.status = parsed.error().message;
        app.request_redraw();
        return false;
    }
    m.file = std::move(parsed.value());
    rematch(app.dataset, m);
    app.status = match_summary(m.file, m.match);
    ++app.predictions.models_version;
    app.request_redraw();
    return true;
}

void remove_predictions(App& app, size_t index) {
    auto& p = app.predictions;
    if (index >= p.models.size()) return;
    std::erase(p.link_urls, p.models[index].source);  // a copied link no longer loads it
    p.models.erase(p.models.begin() + long(index));
    ExplorerState& ex = app.explorer;
    // The list options name models by index: keep them on the same file or off.
    for (int* opt : {&ex.sort_model, &ex.disagreement_model}) {
        if (*opt == int(index)) *opt = -1;
        else if (*opt > int(index)) --*opt;
    }
    if (ex.sort_model < 0 && ex.disagreement_model < 0) ex.invalidate();
    ++p.models_version;
    app.request_redraw();
}

void load_predictions_url(App& app, const std::string& url) {
    ++app.predictions.loading;
    platform::log_info("loading predictions " + url);
    platform::fetch(url, [&app, url](Result<platform::Bytes> r) {
        --app.predictions.loading;
        if (!r.ok()) {
            const std::string msg = "cannot read the predictions file: " + r.error().message;
            app.add_problem({Severity::Error, "pred_fetch_failed", url, msg});
            app.status = "Predictions not loaded (" + url + "): " + r.error().message;
            platform::log_warn(app.status);
            return;
        }
        add_predictions(app, file_name_of(url), std::string(as_text(r.value())), url);
    });
}

void load_folder_predictions(App& app, const platform::FolderListing& folder, bool only_plausible) {
    for (const auto& path : pick_prediction_csvs(folder.csv_paths)) {
        ++app.predictions.loading;
        platform::fetch(join_path(folder.base, path), [&app, path, only_plausible](Result<platform::Bytes> r) {
            --app.predictions.loading;
            const std::string name = file_name_of(path);
            if (!r.ok()) {
                app.add_problem({Severity::Error, "pred_fetch_failed", path, r.error().message});
                return;
            }
            std::string bytes(as_text(r.value()));
            if (only_plausible) {
                auto probe = parse_predictions(bytes, name);
                if (!probe.ok() || !looks_like_predictions(probe.value())) {
                    platform::log_info("not a predictions file: " + path);
                    return;
                }
            }
            add_predictions(app, name, std::move(bytes), path);
        });
    }
}

void start_prediction_links(App& app) {
    auto urls = prediction_urls(platform::get_url_search());
    if (!urls.ok()) {
        app.add_problem({Severity::Error, "bad_pred_url", "?pred=",
                         "The link's predictions file was refused and not loaded: " + urls.error().message});
        return;
    }
    app.predictions.link_urls = urls.value();
    for (const auto& u : urls.value()) load_predictions_url(app, u);
}

void sync_predictions(App& app) {
    PredictionsState& p = app.predictions;
    const Dataset& ds = app.dataset;
    const bool new_data = app.data_generation != p.matched_generation;
    if (new_data) {
        for (auto& m : p.models) rematch(ds, m);
        // Files that arrived before the metadata: say now how they matched.
        if (!p.models.empty() && !ds.lesions.empty())
            app.status = match_summary(p.models[0].file, p.models[0].match) +
                         (p.models.size() > 1 ? " (+" + std::to_string(p.models.size() - 1) + " more in the overview)" : "");
        p.matched_generation = app.data_generation;
    }
    const uint64_t mv = app.model.version();
    if (!new_data && p.synced_version == p.models_version && p.synced_model_version == mv) return;
    p.synced_version = p.models_version;
    p.synced_model_version = mv;
    // The ugly-duckling order as the model ranks it (-rank, NaN = not scored yet):
    // its calibrated levels can tie where its ranks do not.
    const auto& scores = app.model.scores();
    std::vector<float> ud(ds.lesions.size(), NAN);
    for (size_t i = 0; i < scores.size() && i < ud.size(); ++i)
        if (scores[i].ok()) ud[i] = -float(scores[i].rank);
    std::vector<std::vector<float>> top(p.models.size());
    p.disagree.assign(p.models.size(), {});
    for (size_t k = 0; k < p.models.size(); ++k) {
        const auto& s = p.models[k].match.score;
        top[k].assign(ds.patients.size(), NAN);
        for (uint32_t pi = 0; pi < ds.patients.size(); ++pi) {
            const uint32_t t = top_lesion(ds, pi, std::span<const double>(s));
            if (t != kNone) top[k][pi] = float(s[t]);
        }
        p.disagree[k] = disagreements(ds, s, ud);
    }
    if (app.explorer.sort_model >= int(p.models.size())) app.explorer.sort_model = -1;
    if (app.explorer.disagreement_model >= int(p.models.size())) app.explorer.disagreement_model = -1;
    app.explorer.set_prediction_columns(std::move(top), p.disagree);
    app.request_redraw();
}

json predictions_state_json(const App& app) {
    const PredictionsState& p = app.predictions;
    const Dataset& ds = app.dataset;
    json models = json::array();
    for (size_t k = 0; k < p.models.size(); ++k) {
        const LoadedPredictions& m = p.models[k];
        // Patients whose top lesion under this model is not the ugly-duckling one
        // (ids of the first 100; the count is complete).
        size_t dis = 0;
        json dis_ids = json::array();
        if (k < p.disagree.size())
            for (uint32_t pi = 0; pi < p.disagree[k].size() && pi < ds.patients.size(); ++pi)
                if (p.disagree[k][pi] && dis++ < 100) dis_ids.push_back(ds.patients[pi].id);
        json j = {{"name", m.file.name},
                  {"source", m.source},
                  {"column", m.file.column},
                  {"score_columns", m.file.score_columns},
                  {"ambiguous", m.file.ambiguous},
                  {"rows", m.file.rows.size()},
                  {"bad_rows", m.file.bad_rows},
                  {"matched", m.match.matched},
                  {"unmatched", m.match.unmatched},
                  {"duplicates", m.match.duplicates},
                  {"lesions_without_prediction", m.match.lesions_without},
                  {"labelled", m.match.labelled},
                  {"disagreements", dis},
                  {"disagreement_patients", dis_ids},
                  {"summary", match_summary(m.file, m.match)}};
        const EvalReport& r = m.eval;
        json metrics = {{"patients", r.patients}, {"lesions", r.lesions}, {"melanomas", r.melanomas}};
        if (r.patients > 0) {
            metrics["auc"] = metric_json(r.auc);
            metrics["top1"] = metric_json(r.top1);
            metrics["top3"] = metric_json(r.top3);
            metrics["mrr"] = metric_json(r.mrr);
        }
        j["metrics"] = m.match.labelled ? metrics : json("no labels");
        models.push_back(std::move(j));
    }
    // The current patient's lesions in display order with each model's score and rank.
    json tiles = json::array();
    const uint32_t pat = app.view.patient;
    if (pat < ds.patients.size()) {
        const auto& st = app.explorer;
        for (uint32_t li : flatten(arrange_tiles(ds, pat, st.tile_order, st.scores(), st.grid_sites))) {
            json scores = json::array(), ranks = json::array();
            for (const auto& m : p.models) {
                const bool has = li < m.match.score.size() && !std::isnan(m.match.score[li]);
                scores.push_back(has ? json(m.match.score[li]) : json(nullptr));
                ranks.push_back(has ? json(m.ranks[li]) : json(nullptr));
            }
            tiles.push_back({{"image_name", std::string(ds.lesions[li].image_name)}, {"scores", scores}, {"ranks", ranks}});
        }
    }
    return {{"models", models},
            {"loading", p.loading},
            {"show_on_tiles", p.show_on_tiles},
            {"sort_model", app.explorer.sort_model},
            {"disagreement_model", app.explorer.disagreement_model},
            {"tiles", tiles}};
}

}  // namespace duck
