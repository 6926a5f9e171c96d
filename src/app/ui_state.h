// ui_state.h - what only the user interface remembers: how the window looks
// (theme, sidebar width), which overlay is open and where the pointer and
// keyboard focus are. Not part of what is explored (that is ExplorerState in the
// core), but state() reports the theme and help, and the settings store keeps
// the theme and sidebar width across reloads.
#pragma once
#include <cstdint>
#include <string>

#include "core/data/dataset.h"  // kNone

namespace duck {

struct UiState {
    bool dark_theme = true;
    bool help_open = false;
    bool focus_search = false;        // transient: `/` asks the search box for keyboard focus
    float sidebar_width = 380.f;      // patient browser width, logical pixels
    uint32_t hovered_lesion = kNone;  // transient: tile under the mouse (highlights its body region)
    bool settings_loaded = false;     // settings read from the platform store once
    std::string saved_settings;       // last JSON written there (save only on change)
};

}  // namespace duck
