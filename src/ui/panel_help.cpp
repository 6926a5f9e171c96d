// panel_help.cpp - the help overlay (`?`): every shortcut from shortcuts.cpp's
// table in a modal over the dimmed app, what the model's score is and how it
// was measured, and what the similar-lesion strip shows. Esc, `?` or the close button closes it.
#include "ui/explorer_widgets.h"

namespace duck::ui {

void draw_help_overlay(App& app, UiContext&) {
    constexpr const char* kTitle = "Keyboard shortcuts";
    if (app.ui.help_open && !ImGui::IsPopupOpen(kTitle)) ImGui::OpenPopup(kTitle);
    if (!app.ui.help_open && !ImGui::IsPopupOpen(kTitle)) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const ImVec2 size(std::min(660.f, vp->Size.x - 40), 0);
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + vp->Size.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(size);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(20, 16));
    ImGui::PushStyleVar(ImGuiStyleVar_PopupRounding, 8.f);
    bool open = true;
    if (ImGui::BeginPopupModal(kTitle, &open, ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings)) {
        record_item(app, "help/window");
        if (ImGui::BeginTable("shortcuts", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
            ImGui::TableSetupColumn("Keys", 0, 1.f);
            ImGui::TableSetupColumn("Action", 0, 2.f);
            for (const Shortcut& s : shortcuts()) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette(app).accent), "%s", s.keys);
                ImGui::TableNextColumn();
                ImGui::TextWrapped("%s", s.action);
            }
            ImGui::EndTable();
        }
        ImGui::Spacing();
        ImGui::SeparatorText("The model's score");
        ImGui::TextWrapped(
            "How much a lesion stands out from the same patient's other lesions (the \"ugly duckling\" sign): its "
            "colours, asymmetry, border and texture compared with theirs, and how much further it lies than they "
            "do along a direction that separates melanomas from nevi, learned from 385 real dermoscopic images "
            "(ISIC 2018). Measured on pseudo-patients of 11 real nevi and 1 real melanoma (single-lesion images of "
            "different people; no complete real patient was available), cross-validated: the melanoma ranked "
            "first in 56%% of them and in the top 3 in 81%% (random order: 8%% and 25%%). It is a teaching aid, "
            "not a diagnosis.");
        ImGui::Spacing();
        ImGui::SeparatorText("Similar lesions");
        ImGui::TextWrapped(
            "Under the viewer's image: the 12 lesions that look most like it, across every lesion whose features "
            "are known (all of them once a lesion index is loaded, otherwise those of the patients opened so far; "
            "the strip says how many were searched), or within this patient (w). Each shows its patient, site, "
            "diagnosis and label (hidden with the labels and during a quiz) and the two or three features the two "
            "lesions share, in words. Click one to open it; \"Link\" or a right-click copies its link.");
        ImGui::Spacing();
        ImGui::TextDisabled("Everything runs in your browser; no image or metadata leaves this machine.");
        if (!app.ui.help_open) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    ImGui::PopStyleVar(2);
    if (!open) {
        app.ui.help_open = false;
        app.request_redraw();
    }
}

}  // namespace duck::ui
