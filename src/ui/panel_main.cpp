// panel_main.cpp - the centre area. Dispatches on the view mode; each mode's
// panels (grid, viewer, compare, overview, quiz) come with the explorer.
// Until then it shows the data source and its problems, so nothing is hidden.
#include "ui/explorer_widgets.h"
#include "ui/ui.h"

namespace duck::ui {

namespace {
void draw_source_summary(App& app) {
    if (app.source.kind == SourceKind::Demo)
        ImGui::TextColored(ImVec4(1.0f, 0.8f, 0.3f, 1.0f), "SYNTHETIC DEMO DATA - not real patients or images");
    ImGui::Text("Source: %s", app.source.label.empty() ? "none" : app.source.label.c_str());
    ImGui::Text("%zu patients, %zu lesions", app.dataset.patients.size(), app.dataset.lesions.size());
    if (app.view.patient < app.dataset.patients.size())
        ImGui::Text("Selected patient: %s", app.dataset.patients[app.view.patient].id.c_str());
    if (!app.problems.empty()) {
        ImGui::Separator();
        ImGui::Text("%zu problem(s) in the input:", app.problems.size());
        for (const auto& p : app.problems) {
            ImGui::BulletText("%s", p.where.c_str());
            ImGui::SameLine();
            ImGui::TextWrapped("%s", p.message.c_str());
        }
    }
}
}  // namespace

void draw_main_panel(App& app, UiContext& ctx) {
    if (app.view.mode == ViewMode::Quiz) {  // the quiz owns the whole centre area (panel_quiz.cpp)
        draw_quiz_panel(app, ctx);
        return;
    }
    const auto& l = ctx.layout;
    if (begin_area("Main", l.main_pos, l.main_size, ImGuiWindowFlags_NoTitleBar)) {
        if (app.dataset.lesions.empty()) {
            draw_source_summary(app);
        } else {
            switch (app.view.mode) {
                case ViewMode::Grid: draw_patient_view(app, ctx); break;
                case ViewMode::Viewer: draw_viewer_panel(app, ctx); break;
                case ViewMode::Compare: draw_compare_panel(app, ctx); break;
                case ViewMode::Overview: draw_overview_panel(app, ctx); break;
                default: draw_source_summary(app); break;
            }
        }
    }
    ImGui::End();
}

}  // namespace duck::ui
