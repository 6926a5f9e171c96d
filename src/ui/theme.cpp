// theme.cpp - light and dark themes and the settings remembered across reloads
// (theme, sidebar width, tile size, tile order, labels) via the platform store.
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "platform/platform.h"
#include "ui/explorer_widgets.h"

namespace duck::ui {

namespace {
constexpr const char* kSettingsKey = "duckling.explorer.settings";

const Palette kDark{IM_COL32(230, 232, 236, 255), IM_COL32(150, 156, 166, 255), IM_COL32(86, 156, 255, 255),
                    IM_COL32(86, 156, 255, 60),   IM_COL32(255, 96, 88, 255),   IM_COL32(255, 170, 40, 255),
                    IM_COL32(38, 41, 48, 255),    IM_COL32(62, 66, 76, 255),    IM_COL32(86, 156, 255, 255),
                    IM_COL32(120, 126, 138, 255), IM_COL32(255, 200, 80, 255)};
const Palette kLight{IM_COL32(28, 30, 34, 255),   IM_COL32(100, 106, 116, 255), IM_COL32(20, 100, 220, 255),
                     IM_COL32(20, 100, 220, 40),  IM_COL32(200, 40, 40, 255),   IM_COL32(230, 120, 0, 255),
                     IM_COL32(244, 245, 247, 255), IM_COL32(205, 208, 214, 255), IM_COL32(20, 100, 220, 255),
                     IM_COL32(120, 124, 132, 255), IM_COL32(170, 110, 0, 255)};

nlohmann::json settings_json(const App& app) {
    const auto& e = app.explorer;
    return {{"theme", app.ui.dark_theme ? "dark" : "light"},
            {"sidebar_width", app.ui.sidebar_width},
            {"tile_size", e.tile_size},
            {"tile_order", tile_order_name(e.tile_order)},
            {"labels_hidden", e.labels_hidden}};
}
}  // namespace

const Palette& palette(const App& app) { return app.ui.dark_theme ? kDark : kLight; }

void apply_theme(bool dark) {
    ImGuiStyle& s = ImGui::GetStyle();
    if (dark)
        ImGui::StyleColorsDark(&s);
    else
        ImGui::StyleColorsLight(&s);
    s.WindowRounding = 0;
    s.ChildRounding = 4;
    s.FrameRounding = 4;
    s.PopupRounding = 6;
    s.GrabRounding = 4;
    s.TabRounding = 4;
    s.ScrollbarRounding = 6;
    s.FramePadding = ImVec2(8, 4);
    s.ItemSpacing = ImVec2(8, 6);
    s.WindowPadding = ImVec2(10, 10);
    s.CellPadding = ImVec2(6, 3);
    s.WindowBorderSize = 0;
    s.FrameBorderSize = dark ? 0.f : 1.f;
    ImVec4* c = s.Colors;
    if (dark) {
        c[ImGuiCol_WindowBg] = ImVec4(0.11f, 0.12f, 0.14f, 1);
        c[ImGuiCol_ChildBg] = ImVec4(0.11f, 0.12f, 0.14f, 1);
        c[ImGuiCol_PopupBg] = ImVec4(0.13f, 0.14f, 0.17f, 0.98f);
        c[ImGuiCol_MenuBarBg] = ImVec4(0.09f, 0.10f, 0.12f, 1);
        c[ImGuiCol_FrameBg] = ImVec4(0.18f, 0.19f, 0.23f, 1);
        c[ImGuiCol_FrameBgHovered] = ImVec4(0.23f, 0.25f, 0.30f, 1);
        c[ImGuiCol_FrameBgActive] = ImVec4(0.26f, 0.29f, 0.35f, 1);
        c[ImGuiCol_Header] = ImVec4(0.20f, 0.36f, 0.62f, 0.55f);
        c[ImGuiCol_HeaderHovered] = ImVec4(0.24f, 0.42f, 0.72f, 0.70f);
        c[ImGuiCol_HeaderActive] = ImVec4(0.26f, 0.46f, 0.80f, 0.90f);
        c[ImGuiCol_Button] = ImVec4(0.20f, 0.22f, 0.27f, 1);
        c[ImGuiCol_ButtonHovered] = ImVec4(0.26f, 0.40f, 0.64f, 1);
        c[ImGuiCol_TableHeaderBg] = ImVec4(0.15f, 0.16f, 0.19f, 1);
        c[ImGuiCol_TableRowBgAlt] = ImVec4(1, 1, 1, 0.025f);
        c[ImGuiCol_Separator] = ImVec4(0.24f, 0.26f, 0.30f, 1);
    } else {
        c[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.97f, 0.98f, 1);
        c[ImGuiCol_ChildBg] = ImVec4(0.97f, 0.97f, 0.98f, 1);
        c[ImGuiCol_MenuBarBg] = ImVec4(0.92f, 0.93f, 0.95f, 1);
        c[ImGuiCol_FrameBg] = ImVec4(1, 1, 1, 1);
        c[ImGuiCol_Button] = ImVec4(0.90f, 0.91f, 0.94f, 1);
        c[ImGuiCol_TableHeaderBg] = ImVec4(0.90f, 0.91f, 0.93f, 1);
        c[ImGuiCol_TableRowBgAlt] = ImVec4(0, 0, 0, 0.03f);
    }
}

void sync_settings(App& app) {
    auto& e = app.explorer;
    auto& u = app.ui;
    if (!u.settings_loaded) {
        u.settings_loaded = true;
        if (auto text = platform::storage_get(kSettingsKey)) {
            const auto j = nlohmann::json::parse(*text, nullptr, false);
            if (j.is_object()) {
                if (j.value("theme", "") == "light") u.dark_theme = false;
                const float w = j.value("sidebar_width", u.sidebar_width);
                if (w >= 200 && w <= 900) u.sidebar_width = w;
                const float t = j.value("tile_size", e.tile_size);
                if (t >= ExplorerState::kMinTile && t <= ExplorerState::kMaxTile) e.tile_size = t;
                TileOrder o{};
                if (parse_tile_order(j.value("tile_order", ""), o)) e.tile_order = o;
                e.labels_hidden = j.value("labels_hidden", e.labels_hidden);
            }
        }
        apply_theme(u.dark_theme);
        u.saved_settings = settings_json(app).dump();
        return;
    }
    // Save only when something changed and the mouse is up (not on every slider step).
    if (ImGui::IsMouseDown(ImGuiMouseButton_Left)) return;
    std::string now = settings_json(app).dump();
    if (now != u.saved_settings) {
        platform::storage_set(kSettingsKey, now);
        u.saved_settings = std::move(now);
    }
}

}  // namespace duck::ui
