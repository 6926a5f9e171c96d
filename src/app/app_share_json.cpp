// app_share_json.cpp - the share, quiz and exports sections of
// window.duckling.state() (a stable contract: add fields, never rename them).
#include <nlohmann/json.hpp>

#include "app/app.h"

namespace duck {

namespace {
using nlohmann::json;

json names(const Dataset& ds, const std::vector<uint32_t>& lesions) {
    json a = json::array();
    for (uint32_t l : lesions)
        if (l < ds.lesions.size()) a.push_back(ds.lesions[l].image_name);
    return a;
}

json result_json(const Dataset& ds, const QuizCaseResult& r) {
    const bool scored = r.model_top != kNone;
    return {{"patient", r.patient < ds.patients.size() ? json(ds.patients[r.patient].id) : json(nullptr)},
            {"kind", r.melanoma_case ? "melanoma" : "none"},
            {"picks", names(ds, r.picks)},
            {"melanomas", names(ds, r.melanomas)},
            {"correct", r.correct},
            {"hits", r.hits},
            {"rank_in_picks", r.rank_in_picks},
            {"model_rank", scored ? json(r.model_rank) : json(nullptr)},
            {"model_top", scored ? names(ds, {r.model_top})[0] : json(nullptr)},
            {"model_correct", scored ? json(r.model_correct) : json(nullptr)}};
}

json quiz_json(const App& app) {
    const ShareState& sh = app.share;
    const Quiz& q = sh.quiz;
    const Dataset& ds = app.dataset;
    json cases = json::array();
    for (uint32_t p : q.cases()) cases.push_back(ds.patients[p].id);
    json results = json::array();
    for (const auto& r : q.results()) results.push_back(result_json(ds, r));
    const QuizSummary s = q.summary();
    return {{"active", q.active()},
            {"finished", q.finished()},
            {"cases", cases},
            {"case_index", q.current_index()},
            {"current_patient", q.current_patient() < ds.patients.size() ? json(ds.patients[q.current_patient()].id) : json(nullptr)},
            {"picks", names(ds, q.picks())},
            {"max_picks", q.max_picks()},
            {"revealed", q.revealed()},
            {"results", results},
            {"summary", {{"cases", s.cases}, {"melanoma_cases", s.melanoma_cases}, {"none_cases", s.none_cases},
                         {"correct", s.correct}, {"hits", s.hits}, {"none_correct", s.none_correct},
                         {"picks", s.picks}, {"mean_rank_in_picks", s.mean_rank_in_picks},
                         {"model_scored", s.model_scored}, {"model_correct", s.model_correct},
                         {"mean_model_rank", s.mean_model_rank}}},
            {"options", {{"seed", sh.quiz_options.seed}, {"count", sh.quiz_options.count},
                         {"include_none", sh.quiz_options.include_none}}},
            {"link_cases", sh.quiz_link_cases},
            {"notes", sh.quiz_notes},
            {"error", sh.quiz_error}};
}

}  // namespace

void share_state_json(const App& app, json& out) {
    const ShareState& sh = app.share;
    out["share"] = {{"link", current_link(app)},
                    {"hash", encode_hash(capture_view_state(app))},
                    {"url_live", sh.url_live},
                    {"link_pending", sh.link_pending},
                    {"local_folder", sh.local_folder},
                    {"messages", sh.messages},
                    {"notes", sh.notes},
                    {"last_copied", sh.last_link}};
    out["quiz"] = quiz_json(app);
    const auto& e = sh.last_export;
    out["exports"] = {{"last", {{"name", e.name}, {"where", e.where}, {"error", e.error}, {"bytes", e.bytes}, {"rows", e.rows}}},
                      {"capture_pending", sh.capture.requested}};
}

}  // namespace duck
