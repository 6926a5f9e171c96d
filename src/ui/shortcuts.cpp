// shortcuts.cpp - the global keyboard shortcuts (active while no text field has
// focus) and their list, which the help overlay shows: one table, so the help
// can never drift from what the keys do. Grid arrows and viewer zoom/pan keys
// are handled by their panels, but listed here too.
#include "app/app_load.h"
#include "app/app_similar.h"
#include "ui/explorer_widgets.h"

namespace duck::ui {

namespace {
constexpr Shortcut kShortcuts[] = {
    {"j  /  Page Down", "Next patient in the filtered list"},
    {"k  /  Page Up", "Previous patient in the filtered list"},
    {"Arrow keys", "Move between lesions in the grid; pan in the viewer"},
    {"Home  /  End", "First / last lesion of the patient"},
    {"Enter  /  double-click", "Open the selected lesion in the viewer"},
    {"[  /  ]", "Previous / next lesion (viewer and compare)"},
    {"+  /  -  /  mouse wheel", "Zoom in / out (about the mouse for the wheel)"},
    {"0  /  double-click image", "Fit the image to the view"},
    {"Drag", "Pan the image"},
    {"c", "Compare two lesions side by side (synchronised zoom and pan)"},
    {"g", "Patient view (grid of lesions and body map)"},
    {"v", "Lesion viewer"},
    {"o", "Dataset overview"},
    {"/", "Search patients"},
    {"l", "Show / hide diagnoses and labels"},
    {"s", "Copy a link to this view"},
    {"m", "Show / hide the model's lesion outline (viewer)"},
    {"w", "Similar lesions across the dataset / within this patient (viewer)"},
    {"t", "Light / dark theme"},
    {"i", "Pause / resume indexing every lesion in the background"},
    {"Shift+I", "Cancel the background indexing"},
    {"Ctrl+O", "Open your ISIC 2020 folder (train.csv + images)"},
    {"Esc", "Close help; stop loading images; back to the grid from the viewer"},
    {"?", "Show this help"},
};

bool pressed(ImGuiKey k) { return ImGui::IsKeyPressed(k, false); }
}  // namespace

std::span<const Shortcut> shortcuts() { return kShortcuts; }

void handle_shortcuts(App& app, UiContext&) {
    ImGuiIO& io = ImGui::GetIO();
    auto& st = app.explorer;
    const bool shift = io.KeyShift;
    // '?' arrives as a character (any keyboard layout) or as Shift+/.
    bool question = false;
    for (ImWchar c : io.InputQueueCharacters) question |= c == '?';
    if (!io.WantTextInput && (question || (shift && pressed(ImGuiKey_Slash)))) {
        app.ui.help_open = !app.ui.help_open;
        app.request_redraw();
        return;
    }
    if (io.KeyCtrl && ImGui::IsKeyPressed(ImGuiKey_O, false)) app.open_folder();
    if (pressed(ImGuiKey_Escape)) {
        if (app.ui.help_open)
            app.ui.help_open = false;
        else if (app.opening.active)
            app.cancel_opening();
        else if (app.images.loading > 0)
            app.cancel_images();  // stop loading this patient's images first
        else if (app.view.mode == ViewMode::Viewer || app.view.mode == ViewMode::Compare)
            app.set_mode(ViewMode::Grid);
        app.request_redraw();
    }
    if (io.WantTextInput || app.ui.help_open || io.KeyCtrl || io.KeyAlt || io.KeySuper) return;
    const bool lesion_modes = app.view.mode == ViewMode::Viewer || app.view.mode == ViewMode::Compare;
    if (pressed(ImGuiKey_J) || ImGui::IsKeyPressed(ImGuiKey_PageDown)) app.step_patient(1);
    if (pressed(ImGuiKey_K) || ImGui::IsKeyPressed(ImGuiKey_PageUp)) app.step_patient(-1);
    if (lesion_modes && ImGui::IsKeyPressed(ImGuiKey_LeftBracket)) app.step_lesion(-1);
    if (lesion_modes && ImGui::IsKeyPressed(ImGuiKey_RightBracket)) app.step_lesion(1);
    if (pressed(ImGuiKey_G)) app.set_mode(ViewMode::Grid);
    if (pressed(ImGuiKey_V) && app.view.lesion != kNone) app.set_mode(ViewMode::Viewer);
    if (pressed(ImGuiKey_C) && app.view.lesion != kNone) app.open_compare();
    if (pressed(ImGuiKey_O)) app.set_mode(ViewMode::Overview);
    if (pressed(ImGuiKey_L)) st.labels_hidden = !st.labels_hidden, app.request_redraw();
    // s copies the view's link (panel_share.cpp), so the outline has its own key.
    if (pressed(ImGuiKey_M)) st.show_outline = !st.show_outline, app.request_redraw();
    if (pressed(ImGuiKey_I)) shift ? app.cancel_indexing() : app.toggle_indexing();
    if (pressed(ImGuiKey_W)) toggle_similar_within(app);
    if (pressed(ImGuiKey_T)) {
        app.ui.dark_theme = !app.ui.dark_theme;
        apply_theme(app.ui.dark_theme);
        app.request_redraw();
    }
    if (!shift && pressed(ImGuiKey_Slash)) app.ui.focus_search = true, app.request_redraw();
}

}  // namespace duck::ui
