// ui.cpp - frame layout and the panel order. To add a panel: write
// panel_<name>.cpp with `void draw_<name>(App&, UiContext&)`, declare it in ui.h,
// call it below (or from the mode it belongs to in panel_main.cpp).
#include <algorithm>

#include "ui/explorer_widgets.h"
#include "ui/ui.h"

#include "app/app_predictions.h"
#include "app/app_share.h"

namespace duck::ui {

namespace {
Layout compute_layout(float menu_height, float sidebar_width) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float status_h = ImGui::GetFrameHeight() + 6.0f;
    Layout l;
    const ImVec2 origin(vp->Pos.x, vp->Pos.y + menu_height);
    const float body_h = vp->Size.y - menu_height - status_h;
    // The patient browser is resizable (App::ui, sidebar_width) within 22-45% of the width,
    // and never narrower than its six columns need at the current font size (the
    // patient id "IP_0000000" must stay readable).
    const float min_w = std::max({200.0f, vp->Size.x * 0.22f, ImGui::GetFontSize() * 27.0f});
    const float side_w = std::clamp(sidebar_width, std::min(min_w, vp->Size.x * 0.45f), vp->Size.x * 0.45f);
    l.sidebar_pos = origin;
    l.sidebar_size = ImVec2(side_w, body_h);
    l.main_pos = ImVec2(origin.x + side_w, origin.y);
    l.main_size = ImVec2(vp->Size.x - side_w, body_h);
    l.status_pos = ImVec2(vp->Pos.x, vp->Pos.y + vp->Size.y - status_h);
    l.status_size = ImVec2(vp->Size.x, status_h);
    return l;
}
}  // namespace

void draw_ui(App& app, UiContext& ctx) {
    sync_settings(app);
    sync_predictions(app);  // classifier predictions: matches, ranks, list columns
    app.explorer.refresh(app.dataset, app.data_generation);
    handle_shortcuts(app, ctx);
    draw_menu_bar(app, ctx);
    ctx.layout = compute_layout(ImGui::GetFrameHeight(), app.ui.sidebar_width);
    draw_patients_panel(app, ctx);
    draw_main_panel(app, ctx);
    draw_status_bar(app, ctx);
    draw_share_overlay(app, ctx);
    draw_help_overlay(app, ctx);
}

bool begin_area(const char* name, ImVec2 pos, ImVec2 size, ImGuiWindowFlags extra) {
    ImGui::SetNextWindowPos(pos);
    ImGui::SetNextWindowSize(size);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                   ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus | extra;
    return ImGui::Begin(name, nullptr, flags);
}

void record_item(App& app, const std::string& name) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    app.ui_rects[name] = {a.x, a.y, b.x - a.x, b.y - a.y};
}

}  // namespace duck::ui
