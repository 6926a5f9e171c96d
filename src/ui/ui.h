// ui.h - the ImGui front end: draw_ui() lays out the window and calls one
// function per panel (each in its own panel_<name>.cpp). Panels read the App,
// change it only through its intents, and get images through ctx.textures;
// they never call GL or the browser directly (use platform/platform.h).
#pragma once
#include <string>

#include "app/app.h"
#include "imgui.h"
#include "platform/image_effects.h"
#include "platform/textures.h"

namespace duck::ui {

// Screen areas computed once per frame by draw_ui() (logical pixels).
struct Layout {
    ImVec2 sidebar_pos, sidebar_size;  // left: patients list
    ImVec2 main_pos, main_size;        // centre: the current mode's panel(s)
    ImVec2 status_pos, status_size;    // bottom: status bar
};

struct UiContext {
    platform::TextureCache& textures;
    float dpr = 1.0f;      // device pixels per logical pixel
    double time = 0.0;     // seconds, monotonic
    Layout layout;
    platform::ImageEffects* effects = nullptr;  // viewer adjustments; null = draw images plain
};

// Draws the whole UI for one frame.
void draw_ui(App& app, UiContext& ctx);

// --- panels (one per file) ---
void draw_menu_bar(App& app, UiContext& ctx);        // panel_menu_bar.cpp
void draw_patients_panel(App& app, UiContext& ctx);  // panel_patients.cpp
void draw_main_panel(App& app, UiContext& ctx);      // panel_main.cpp
void draw_status_bar(App& app, UiContext& ctx);      // panel_status_bar.cpp
void draw_share_menu(App& app, UiContext& ctx);      // panel_share.cpp (inside the menu bar)
void draw_share_overlay(App& app, UiContext& ctx);   // panel_share.cpp (link messages, copy toast)
void draw_quiz_panel(App& app, UiContext& ctx);      // panel_quiz.cpp (ViewMode::Quiz)

// --- helpers for panels ---
// Begins a borderless, non-movable window filling `pos`/`size` (pair with ImGui::End()).
bool begin_area(const char* name, ImVec2 pos, ImVec2 size, ImGuiWindowFlags extra = 0);
// Records the last ImGui item's screen rectangle as `name` in state().ui.rects,
// so browser tests can click it. Call right after the widget.
void record_item(App& app, const std::string& name);

}  // namespace duck::ui
