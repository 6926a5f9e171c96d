// ui_state.h - what only the user interface remembers: how the window looks
// (theme, sidebar width), which overlay is open and where the pointer and
// keyboard focus are. Not part of what is explored (that is ExplorerState in the
// core), but state() reports the theme and help, and the settings store keeps
// the theme and sidebar width across reloads.
#pragma once
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/data/dataset.h"  // kNone
#include "core/view/tbp_placement.h"

namespace duck {

struct OverviewCache;  // the overview panel's tables (src/ui/panel_overview.cpp)

struct UiState {
    bool dark_theme = true;
    bool help_open = false;
    bool focus_search = false;        // transient: `/` asks the search box for keyboard focus
    // The patient search box's text as ImGui edits it (a char buffer, kept between
    // frames); ExplorerState's filter.search is the value, and wins when a link changes it.
    std::array<char, 128> search_text{};
    float sidebar_width = 380.f;      // patient browser width, logical pixels
    uint32_t hovered_lesion = kNone;  // transient: tile under the mouse (highlights its body region)
    bool settings_loaded = false;     // settings read from the platform store once
    std::string saved_settings;       // last JSON written there (save only on change)
    // App::patient_revision the patient list last scrolled to (it scrolls the
    // selected row into view when the patient changed by keyboard or link).
    uint64_t patient_list_revision = ~uint64_t(0);
    // The overview's statistics, computed once per App::data_generation.
    std::shared_ptr<OverviewCache> overview;
    // The patient view's ISIC 2024 body-map points, for the data generation and
    // patient they were computed for (placing 500 lesions every frame is waste).
    std::vector<LesionMarker> body_points;
    uint64_t body_points_generation = ~uint64_t(0);
    uint32_t body_points_patient = kNone;
    // The predictions file the patient list's "Model" column shows (index into
    // App::predictions.models; clamped where used, as the files loaded change).
    int model_column = 0;
};

}  // namespace duck
