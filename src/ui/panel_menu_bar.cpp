// panel_menu_bar.cpp - the main menu: data sources, view modes, help.
#include "app/app_load.h"
#include "platform/image_io.h"
#include "ui/ui.h"

namespace duck::ui {

namespace {
void data_menu(App& app) {
    // The directory picker needs a fresh user gesture: this click is one.
    if (ImGui::MenuItem("Open folder...", "Ctrl+O")) app.open_folder();
    record_item(app, "menu/data/open_folder");
    if (ImGui::MenuItem("Load synthetic demo data")) {
        load_source(app, {SourceKind::Demo, "Synthetic demo data (not real patients)", "demo/"});
    }
    record_item(app, "menu/data/demo");
    ImGui::Separator();
    if (ImGui::MenuItem("Clear image cache")) {
        platform::clear_image_cache();
        app.status = "Image cache cleared (thumbnails are decoded again on the next visit)";
    }
    record_item(app, "menu/data/clear_cache");
}

void view_menu(App& app) {
    for (ViewMode m : {ViewMode::Grid, ViewMode::Viewer, ViewMode::Compare, ViewMode::Overview, ViewMode::Quiz}) {
        const std::string name(view_mode_name(m));
        if (ImGui::MenuItem(name.c_str(), nullptr, app.view.mode == m)) app.set_mode(m);
        record_item(app, "menu/view/" + name);
    }
}

void help_menu(App& app) {
    ImGui::TextUnformatted("Duckling " DUCK_VERSION);
    ImGui::TextUnformatted("Explore the ISIC 2020 melanoma dataset patient by patient.");
    ImGui::TextUnformatted("All processing stays in your browser; nothing is uploaded.");
    (void)app;
}
}  // namespace

void draw_menu_bar(App& app, UiContext& ctx) {
    if (!ImGui::BeginMainMenuBar()) return;
    const bool data_open = ImGui::BeginMenu("Data");
    record_item(app, "menu/data");
    if (data_open) {
        data_menu(app);
        ImGui::EndMenu();
    }
    const bool view_open = ImGui::BeginMenu("View");
    record_item(app, "menu/view");
    if (view_open) {
        view_menu(app);
        ImGui::EndMenu();
    }
    draw_share_menu(app, ctx);
    const bool help_open = ImGui::BeginMenu("Help");
    record_item(app, "menu/help");
    if (help_open) {
        help_menu(app);
        ImGui::EndMenu();
    }
    ImGui::EndMainMenuBar();
}

}  // namespace duck::ui
