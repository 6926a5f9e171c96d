// grid_layout.h - the patient view's thumbnail grid without ImGui: which lesions
// appear in which order and group, where each tile goes for a given width and
// tile size, which rows are visible (virtual scrolling) and how the arrow keys
// move the selection. The panel in src/ui only draws what this computes.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/data/dataset.h"

namespace duck {

// How the patient's lesions are ordered: file order, grouped by body site,
// by ugly-duckling score (highest first), or by image name.
enum class TileOrder : uint8_t { File, Site, Score, Name };
std::string_view tile_order_name(TileOrder o);  // "file" | "site" | "score" | "name"
bool parse_tile_order(std::string_view name, TileOrder& out);

struct TileGroup {
    std::string label;               // "" for ungrouped orders, the site name when grouped by site
    std::vector<uint32_t> lesions;   // lesion indices
};

// The patient's lesions in display order. `scores` is per lesion (may be empty or
// NaN for unscored: those go last). `site_mask` (bit 1 << Site) keeps only lesions at
// those sites (0 = all): the body map's click filter.
std::vector<TileGroup> arrange_tiles(const Dataset& ds, uint32_t patient, TileOrder order,
                                     std::span<const float> scores = {}, uint8_t site_mask = 0);
// All lesions of `groups` in display order (grid item index -> lesion index).
std::vector<uint32_t> flatten(const std::vector<TileGroup>& groups);

struct GridMetrics {
    float tile = 160.f;      // thumbnail edge in pixels (the size slider)
    float caption = 34.f;    // height of the text below the thumbnail
    float spacing = 8.f;     // gap between tiles
    float header = 26.f;     // height of a group header row
};

struct GridRow {
    bool header = false;  // a group title row, else a row of tiles
    int group = 0;
    int first = 0;        // first item (index into flatten()) of a tile row
    int count = 0;        // items in a tile row
    float y = 0, h = 0;   // top and height in content pixels
};

struct GridRect {
    float x = 0, y = 0, w = 0, h = 0;
};

struct GridLayout {
    int columns = 1;
    float cell_w = 0, cell_h = 0;  // tile plus caption, without spacing
    float spacing = 0;             // gap between cells, both directions
    std::vector<GridRow> rows;
    std::vector<int> item_row;     // item -> its row
    float height = 0;              // total content height

    int items() const { return static_cast<int>(item_row.size()); }
    // Content rectangle of an item (thumbnail + caption).
    GridRect item_rect(int item) const;
    // Rows [first, last) intersecting [scroll_y, scroll_y + view_h): what to draw.
    std::pair<int, int> visible_rows(float scroll_y, float view_h) const;
    // Items [first, last) of the visible rows.
    std::pair<int, int> visible_items(float scroll_y, float view_h) const;
    // Item under a content-space point, or -1.
    int hit(float x, float y) const;
    // Scroll offset that brings `item` fully into a view of height view_h (unchanged if visible).
    float scroll_to(int item, float scroll_y, float view_h) const;
};

// Lays `groups` out in as many columns of `m.tile` as fit in `width` (at least one).
GridLayout layout_grid(const std::vector<TileGroup>& groups, float width, const GridMetrics& m);

enum class GridMove : uint8_t { Left, Right, Up, Down, Home, End, PageUp, PageDown };
// The item selected after a key press. Left/Right wrap across rows, Up/Down keep the
// column (clamped to shorter rows) and skip header rows; `page_rows` rows per page.
// From no selection (-1) any move selects the first item. -1 for an empty grid.
int grid_move(const GridLayout& g, int current, GridMove move, int page_rows = 3);

}  // namespace duck
