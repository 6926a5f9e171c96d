// explorer_widgets.h - pieces shared by the explorer panels: theme
// colours, the body-site map widget, tile images and placeholders, the zoomable
// image canvas, patient stepping, shortcuts and settings. The panels themselves
// are declared here too (one file each), so ui.h only needs the mode dispatch.
#pragma once
#include <span>
#include <string>

#include "app/texture_keys.h"
#include "core/view/body_figure.h"
#include "core/image/image_status.h"
#include "ui/ui.h"

namespace duck::ui {

// --- theme ---
struct Palette {
    ImU32 text, text_dim, accent, accent_soft, melanoma, outlier, tile_bg, tile_border, selection, figure_outline, warn;
};
const Palette& palette(const App& app);
// Applies the light or dark ImGui style (rounded, roomy, readable).
void apply_theme(bool dark);
// Loads theme and panel sizes from the platform's key/value store (once), and saves
// them when they change. Call every frame.
void sync_settings(App& app);

// --- images of lesions (textures come from the image pipeline via ctx.textures) ---
using duck::full_key;   // app/texture_keys.h
using duck::thumb_key;
// The image pipeline's status for a lesion (App::image_status; Ready also when a
// texture for it is already on the GPU).
ImageStatus lesion_status(const App& app, UiContext& ctx, uint32_t lesion);
// Texture to show for a lesion: thumbnail preferred (or full image when `full`), else 0.
platform::TextureId lesion_texture(UiContext& ctx, const Lesion& l, bool full);
// `tex` centre-cropped to the square a..b (tiles, the similar-lesion strip).
void draw_square_image(ImDrawList* dl, UiContext& ctx, platform::TextureId tex, ImVec2 a, ImVec2 b);
// Grey box with an icon-like mark and the status word, for tiles without pixels.
void draw_placeholder(ImDrawList* dl, ImVec2 a, ImVec2 b, ImageStatus s, const Palette& pal);

// --- body-site map ---
struct BodyMapEvents {
    int hovered = -1;       // Site under the mouse, or -1
    int hovered_area = -1;  // BodyArea under the mouse, or -1
    int clicked = -1;       // Site clicked this frame, or -1
    BodyMapFit fit;         // where the figure was drawn (map units -> screen), for points on top
};
// Draws the anatomical figure (front, back, side; core/view/body_figure.h) filling
// `size` at the cursor: each region coloured by its lesion count, the count printed
// at its area's anchor, regions of site `highlight` outlined (hovered tile's site),
// regions whose site is in `selected` (bit mask) marked. With `melanomas` (labels
// shown) the tooltip gives melanoma counts, and the badges too ("12/2") when
// `badge_melanomas`. Sites in `outliers` (bit mask of sites with a lesion the model
// flags) get a ring. Records "<id>/<view>" and "<id>/area/<area>" in ui_rects.
BodyMapEvents draw_body_map(App& app, const char* id, ImVec2 size, const AreaCounts& counts, bool melanomas,
                            int highlight, uint8_t selected, bool badge_melanomas = true, uint8_t outliers = 0);

// --- viewer canvas ---
// Draws `tex` into a `size` canvas at the cursor, with wheel zoom about the mouse,
// drag pan and (when `keys`) +/-/0/arrows. Returns true when the view changed.
bool image_canvas(App& app, UiContext& ctx, const char* id, platform::TextureId tex, ImVec2 tex_size, ImVec2 size,
                  ImageView& view, bool keys, ImageStatus status);

// --- shortcuts (navigation itself is App::step_patient / App::step_lesion) ---
struct Shortcut {
    const char* keys;
    const char* action;
};
std::span<const Shortcut> shortcuts();
// Global keys (when no text field has focus). Call once per frame before the panels.
void handle_shortcuts(App& app, UiContext& ctx);

// --- panels (one file each) ---
void draw_patient_view(App& app, UiContext& ctx);  // panel_patient_view.cpp
void draw_viewer_panel(App& app, UiContext& ctx);  // panel_viewer.cpp
void draw_compare_panel(App& app, UiContext& ctx); // panel_compare.cpp
void draw_overview_panel(App& app, UiContext& ctx);// panel_overview.cpp
void draw_help_overlay(App& app, UiContext& ctx);  // panel_help.cpp
// The viewer's strip of similar lesions, width x height at the cursor (similar_strip.cpp).
void draw_similar_strip(App& app, UiContext& ctx, float width, float height);

}  // namespace duck::ui
