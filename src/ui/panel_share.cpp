// panel_share.cpp - the Share menu (copy link, exports), the "s" shortcut, and the
// overlays that explain links: problems with a link (unknown patient, malformed
// hash), the local-folder prompt, and the "Link copied" confirmation. Link text is
// only ever drawn as ImGui text (never interpreted as markup).
#include "app/app_share.h"
#include "ui/ui.h"

namespace duck::ui {

namespace {
constexpr double kToastSeconds = 2.5;

std::array<float, 4> sheet_rect(const App& app, const UiContext& ctx) {
    // The patient view panel may record its exact grid + body-map area; else the main area.
    auto it = app.ui_rects.find("patient_sheet");
    if (it != app.ui_rects.end()) return it->second;
    const Layout& l = ctx.layout;
    return {l.main_pos.x, l.main_pos.y, l.main_size.x, l.main_size.y};
}
}  // namespace

void draw_share_menu(App& app, UiContext& ctx) {
    const bool open = ImGui::BeginMenu("Share");
    record_item(app, "menu/share");
    if (!open) return;
    if (ImGui::MenuItem("Copy link to this view", "S")) copy_link(app, ctx.time);
    record_item(app, "menu/share/copy_link");
    ImGui::Separator();
    if (ImGui::MenuItem("Export scores (CSV)")) export_scores_csv(app);
    record_item(app, "menu/share/export_scores");
    const bool has_patient = app.view.patient < app.dataset.patients.size();
    if (ImGui::MenuItem("Export patient sheet (PNG)", nullptr, false, has_patient)) {
        if (app.view.mode != ViewMode::Grid && app.view.mode != ViewMode::Quiz) app.set_mode(ViewMode::Grid);
        export_sheet_png(app, sheet_rect(app, ctx));
    }
    record_item(app, "menu/share/export_sheet");
    const bool has_results = !app.share.quiz.results().empty();
    if (ImGui::MenuItem("Export quiz results (CSV)", nullptr, false, has_results)) export_quiz_csv(app);
    record_item(app, "menu/share/export_quiz");
    ImGui::EndMenu();
}

void draw_share_overlay(App& app, UiContext& ctx) {
    ShareState& sh = app.share;
    const ImGuiIO& io = ImGui::GetIO();
    if (!io.WantTextInput && !io.KeyCtrl && !io.KeyAlt && !io.KeySuper && ImGui::IsKeyPressed(ImGuiKey_S, false))
        copy_link(app, ctx.time);
    // The sheet capture reads the frame after the export menu closed; refresh its rect.
    if (sh.capture.requested) sh.capture.rect = sheet_rect(app, ctx);

    const Layout& l = ctx.layout;
    const float pad = 12.0f;
    if (!sh.messages.empty() || !sh.local_folder.empty()) {
        ImGui::SetNextWindowPos(ImVec2(l.main_pos.x + pad, l.main_pos.y + pad));
        ImGui::SetNextWindowSizeConstraints(ImVec2(200, 0), ImVec2(std::max(240.0f, l.main_size.x - 2 * pad), 400));
        ImGui::SetNextWindowBgAlpha(0.95f);
        const ImGuiWindowFlags f = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                                   ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                                   ImGuiWindowFlags_NoTitleBar;
        if (ImGui::Begin("##link_messages", nullptr, f)) {
            ImGui::PushTextWrapPos(std::max(240.0f, l.main_size.x - 4 * pad));
            if (!sh.local_folder.empty()) {
                ImGui::TextUnformatted("Open your copy of the dataset");
                ImGui::Separator();
            }
            for (const auto& m : sh.messages) ImGui::BulletText("%s", m.c_str());
            ImGui::PopTextWrapPos();
            if (ImGui::SmallButton("Dismiss")) {
                sh.messages.clear();
                app.request_redraw();
            }
            record_item(app, "share/dismiss");
        }
        ImGui::End();
    }

    if (sh.copied_at >= 0 && ctx.time - sh.copied_at < kToastSeconds) {
        const ImVec2 pos(l.main_pos.x + l.main_size.x - pad, l.main_pos.y + l.main_size.y - pad);
        ImGui::SetNextWindowPos(pos, ImGuiCond_Always, ImVec2(1, 1));
        ImGui::SetNextWindowBgAlpha(0.9f);
        const ImGuiWindowFlags f = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                   ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoInputs;
        if (ImGui::Begin("##link_copied", nullptr, f)) {
            ImGui::TextUnformatted("Link copied to the clipboard");
            ImGui::TextDisabled("%s", sh.last_link.c_str());
        }
        ImGui::End();
        app.request_redraw(1);  // keep drawing until the toast fades
    }
}

}  // namespace duck::ui
