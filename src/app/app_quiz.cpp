// app_quiz.cpp - quiz and export intents of the App: starting random or
// curated quizzes, moving between cases with the selection in step, and writing
// the scores CSV, the quiz CSV and the patient sheet PNG through platform::save_file.
#include <algorithm>
#include <cmath>

#include "app/app.h"
#include "app/app_share.h"
#include "core/teach/exports.h"
#include "core/image/png_encode.h"
#include "platform/platform.h"

namespace duck {

namespace {

// Labels, diagnoses and scores are hidden while a case is open.
void begin_quiz(App& app, std::vector<uint32_t> cases) {
    ShareState& sh = app.share;
    if (!sh.quiz.active()) sh.labels_were_hidden = app.explorer.labels_hidden;
    sh.quiz.start(app.dataset, std::move(cases));
    sh.quiz.set_scores(app.explorer.scores());
    sh.quiz_error.clear();
    app.explorer.labels_hidden = true;
    app.select_patient(sh.quiz.current_patient());
    app.set_mode(ViewMode::Quiz);
    app.view_changed();  // another set of cases: a navigation, whatever the patient
}

Result<std::string> save_text(App& app, const std::string& name, const std::string& mime, const std::string& text,
                              int rows) {
    platform::Bytes bytes(text.begin(), text.end());
    auto where = platform::save_file(name, mime, bytes);
    app.share.last_export = {name, where.ok() ? where.value() : "", where.ok() ? "" : where.error().message,
                             bytes.size(), rows};
    app.request_redraw();
    return where;
}

}  // namespace

void start_random_quiz(App& app) {
    ShareState& sh = app.share;
    app.explorer.refresh(app.dataset, app.data_generation);
    auto cases = pick_random_cases(app.dataset, app.explorer.patients, sh.quiz_options);
    if (!cases) {
        sh.quiz_error = cases.error().message;
        app.request_redraw();
        return;
    }
    sh.quiz_notes.clear();
    begin_quiz(app, std::move(cases.value()));
}

void start_link_quiz(App& app) {
    ShareState& sh = app.share;
    sh.quiz_notes.clear();
    auto cases = resolve_curated_cases(app.dataset, sh.quiz_link_cases, &sh.quiz_notes);
    if (!cases) {
        sh.quiz_error = cases.error().message;
        app.request_redraw();
        return;
    }
    begin_quiz(app, std::move(cases.value()));
}

void quiz_next(App& app) {
    ShareState& sh = app.share;
    if (!sh.quiz.next()) return;
    if (!sh.quiz.finished()) app.select_patient(sh.quiz.current_patient());
    app.view_changed();  // the next case
}

void end_quiz(App& app) {
    ShareState& sh = app.share;
    if (!sh.quiz.active()) return;
    sh.quiz = Quiz{};
    app.explorer.labels_hidden = sh.labels_were_hidden;
    if (app.view.mode == ViewMode::Quiz) app.set_mode(ViewMode::Grid);
    app.view_changed();  // the quiz's cases leave the view
}

bool export_scores_csv(App& app) {
    std::vector<ScoreRow> rows = score_rows(app.dataset, app.explorer.scores());
    for (auto& r : rows) r.status = std::isfinite(r.score) ? "ok" : "not_scored";
    return save_text(app, "duckling-scores.csv", "text/csv", scores_csv(rows), static_cast<int>(rows.size())).ok();
}

bool export_quiz_csv(App& app) {
    const auto& results = app.share.quiz.results();
    if (results.empty()) {
        app.share.last_export = {"duckling-quiz-results.csv", "", "no answered quiz cases to export yet", 0, 0};
        return false;
    }
    return save_text(app, "duckling-quiz-results.csv", "text/csv", quiz_results_csv(app.dataset, results),
                     static_cast<int>(results.size()))
        .ok();
}

bool export_sheet_png(App& app, std::array<float, 4> rect) {
    const Dataset& ds = app.dataset;
    if (app.view.patient >= ds.patients.size()) {
        app.share.last_export = {"", "", "select a patient first: the sheet is the current patient's grid and body map", 0, 0};
        return false;
    }
    const std::string name = "duckling-" + ds.patients[app.view.patient].id + ".png";
    FrameCapture& cap = app.share.capture;
    cap.requested = true;
    cap.wait_frames = 2;
    cap.rect = rect;
    cap.done = [&app, name](ImageRGBA img) {
        const auto png = encode_png(img);
        if (png.empty()) {
            app.share.last_export = {name, "", "could not encode the PNG", 0, 0};
            return;
        }
        auto where = platform::save_file(name, "image/png", png);
        app.share.last_export = {name, where.ok() ? where.value() : "", where.ok() ? "" : where.error().message,
                                 png.size(), img.height};
        app.request_redraw();
    };
    app.request_redraw(4);
    return true;
}

}  // namespace duck
