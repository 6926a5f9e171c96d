// panel_status_bar.cpp - one line at the bottom: data source (loudly marked
// when synthetic, with the one-click way to the real dataset), counts, loading
// stage, folder opening and image progress (both cancellable), problems.
#include <cstdio>

#include "app/app_load.h"
#include "ui/ui.h"

namespace duck::ui {

namespace {
// A folder being opened: files seen while the page lists it, then CSVs and rows
// read, with Cancel (Esc does the same); the current dataset stays until it is done.
void draw_opening_progress(App& app) {
    const OpenState& op = app.opening;
    if (!op.active) return;
    char text[96];
    ImGui::SameLine();
    float fraction = 0.0f;
    if (op.stage == "listing") {
        std::snprintf(text, sizeof text, "listing: %zu files", op.files);
    } else {
        std::snprintf(text, sizeof text, "CSV %zu/%zu, %zu rows", op.csv_done, op.csv_total, op.csv_rows + op.csv_part_rows);
        fraction = op.csv_total ? float((double(op.csv_done) + op.csv_part) / double(op.csv_total)) : 0.0f;
    }
    ImGui::Text("| opening '%s'", op.label.c_str());
    ImGui::SameLine();
    ImGui::ProgressBar(fraction, ImVec2(180, 0), text);
    record_item(app, "status/open_progress");
    ImGui::SameLine();
    if (ImGui::SmallButton("Cancel##open")) app.cancel_opening();
    record_item(app, "status/cancel_open");
    // No continuous redraw here: the listing runs on the page's main thread, so
    // frames would slow it down; each progress report asks for frames itself.
}

// The current patient's images: a progress bar with counts and Cancel while
// loading (Esc does the same), Resume after a cancel or a stop (with its reason),
// failures counted.
void draw_image_progress(App& app) {
    ImageState& im = app.images;
    if (im.total == 0) return;
    char text[64];
    if (im.loading > 0) {
        ImGui::SameLine();
        std::snprintf(text, sizeof text, "images %d/%d", im.done, im.total);
        ImGui::ProgressBar(float(im.done) / float(im.total), ImVec2(140, 0), text);
        record_item(app, "status/image_progress");
        ImGui::SameLine();
        if (ImGui::SmallButton("Cancel")) app.cancel_images();
        record_item(app, "status/cancel_images");
        app.request_redraw(1);  // keep the bar moving while results arrive
    } else if (im.cancelled) {
        ImGui::SameLine();
        if (im.stopped_why.empty()) ImGui::Text("| images stopped at %d/%d", im.done, im.total);
        else ImGui::Text("| images stopped at %d/%d: %s", im.done, im.total, im.stopped_why.c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton("Resume")) im.retry_requested = true, app.request_redraw();
        record_item(app, "status/resume_images");
    }
    if (im.failed > 0) {
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(1.0f, 0.7f, 0.4f, 1.0f), "| %d image(s) missing or unreadable", im.failed);
    }
}
// The background index of every lesion: a bar with counts and rate while it
// runs, Pause/Resume and Cancel (i and Shift+I do the same).
void draw_indexing_progress(App& app) {
    const IndexingState& ix = app.indexing;
    if (ix.total == 0 || ix.phase == IndexingPhase::Idle || ix.phase == IndexingPhase::Unavailable) return;
    ImGui::SameLine();
    if (ix.phase == IndexingPhase::Done) {
        ImGui::Text("| indexed %zu lesions (%zu cached)", ix.done, ix.cached);
        return;
    }
    char text[96];
    std::snprintf(text, sizeof text, "index %zu/%zu, %.0f/s", ix.done, ix.total, ix.rate);
    ImGui::ProgressBar(float(double(ix.done) / double(ix.total)), ImVec2(180, 0), text);
    record_item(app, "status/index_progress");
    ImGui::SameLine();
    if (ix.phase == IndexingPhase::Running) {
        if (ImGui::SmallButton("Pause##index")) app.pause_indexing();
        record_item(app, "status/pause_index");
        ImGui::SameLine();
        if (ImGui::SmallButton("Cancel##index")) app.cancel_indexing();
        record_item(app, "status/cancel_index");
    } else {
        ImGui::TextUnformatted(ix.phase == IndexingPhase::Paused ? "paused" : "cancelled");
        ImGui::SameLine();
        if (ImGui::SmallButton("Resume##index")) app.resume_indexing();
        record_item(app, "status/resume_index");
    }
}
// The model re-scoring every patient (a whole lesion index takes many frames):
// a bar of the patients scored so far; the patient on screen was scored first.
void draw_scoring_progress(App& app) {
    const ModelSession& m = app.model;
    if (!m.scoring() || m.scoring_total() == 0) return;
    ImGui::SameLine();
    char text[96];
    std::snprintf(text, sizeof text, "scoring %zu/%zu patients", m.scoring_done(), m.scoring_total());
    ImGui::ProgressBar(float(double(m.scoring_done()) / double(m.scoring_total())), ImVec2(200, 0), text);
    record_item(app, "status/score_progress");
}
}  // namespace

void draw_status_bar(App& app, UiContext& ctx) {
    const auto& l = ctx.layout;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8, 3));
    if (begin_area("Status", l.status_pos, l.status_size,
                   ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar)) {
        if (app.source.kind == SourceKind::Demo) {
            ImGui::TextColored(ImVec4(1.0f, 0.8f, 0.3f, 1.0f), "DEMO DATA (synthetic)");
            ImGui::SameLine();
            if (ImGui::SmallButton("Open your ISIC 2020 folder...")) app.open_folder();
            record_item(app, "status/open_folder");
            ImGui::SameLine();
        }
        ImGui::Text("%s | %zu patients | %zu lesions", app.source.label.empty() ? "no data" : app.source.label.c_str(),
                    app.dataset.patients.size(), app.dataset.lesions.size());
        if (app.load.pending > 0) {
            ImGui::SameLine();
            ImGui::Text("| loading %s...", app.load.stage.c_str());
        }
        draw_opening_progress(app);
        draw_image_progress(app);
        draw_indexing_progress(app);
        draw_scoring_progress(app);
        if (!app.problems.empty()) {
            ImGui::SameLine();
            ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.4f, 1.0f), "| %zu problem(s)", app.problems.size());
        }
        if (!app.status.empty()) {
            ImGui::SameLine();
            ImGui::TextUnformatted(("| " + app.status).c_str());
        }
    }
    ImGui::End();
    ImGui::PopStyleVar();
}

}  // namespace duck::ui
