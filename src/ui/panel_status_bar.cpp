// panel_status_bar.cpp - one line at the bottom: data source (loudly marked
// when synthetic), counts, loading stage, problems.
#include "ui/ui.h"

namespace duck::ui {

void draw_status_bar(App& app, UiContext& ctx) {
    const auto& l = ctx.layout;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8, 3));
    if (begin_area("Status", l.status_pos, l.status_size,
                   ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar)) {
        if (app.source.kind == SourceKind::Demo) {
            ImGui::TextColored(ImVec4(1.0f, 0.8f, 0.3f, 1.0f), "DEMO DATA (synthetic)");
            ImGui::SameLine();
        }
        ImGui::Text("%s | %zu patients | %zu lesions", app.source.label.empty() ? "no data" : app.source.label.c_str(),
                    app.dataset.patients.size(), app.dataset.lesions.size());
        if (app.load.pending > 0) {
            ImGui::SameLine();
            ImGui::Text("| loading %s...", app.load.stage.c_str());
        }
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
