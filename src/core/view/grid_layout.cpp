// grid_layout.cpp - tile ordering, grid geometry, virtual-scroll range and
// keyboard movement for the patient view.
#include "core/view/grid_layout.h"

#include <algorithm>
#include <cmath>

namespace duck {

namespace {
constexpr std::string_view kOrderNames[] = {"file", "site", "score", "name"};

float score_of(std::span<const float> s, uint32_t li) { return li < s.size() ? s[li] : NAN; }
}  // namespace

std::string_view tile_order_name(TileOrder o) {
    auto i = static_cast<size_t>(o);
    return i < std::size(kOrderNames) ? kOrderNames[i] : kOrderNames[0];
}

bool parse_tile_order(std::string_view name, TileOrder& out) {
    for (size_t i = 0; i < std::size(kOrderNames); ++i)
        if (name == kOrderNames[i]) {
            out = static_cast<TileOrder>(i);
            return true;
        }
    return false;
}

std::vector<TileGroup> arrange_tiles(const Dataset& ds, uint32_t patient, TileOrder order,
                                     std::span<const float> scores, uint8_t site_mask) {
    std::vector<TileGroup> groups;
    if (patient >= ds.patients.size()) return groups;
    std::vector<uint32_t> ls;
    for (uint32_t li : ds.patients[patient].lesions) {
        if (li >= ds.lesions.size()) continue;
        if (site_mask && !(site_mask & (1u << static_cast<unsigned>(ds.lesions[li].site)))) continue;
        ls.push_back(li);
    }
    auto by_name = [&](uint32_t a, uint32_t b) { return ds.lesions[a].image_name < ds.lesions[b].image_name; };
    switch (order) {
        case TileOrder::File: groups.push_back({"", std::move(ls)}); break;
        case TileOrder::Name:
            std::stable_sort(ls.begin(), ls.end(), by_name);
            groups.push_back({"", std::move(ls)});
            break;
        case TileOrder::Score:
            std::stable_sort(ls.begin(), ls.end(), [&](uint32_t a, uint32_t b) {
                const float x = score_of(scores, a), y = score_of(scores, b);
                if (std::isnan(x) != std::isnan(y)) return std::isnan(y);
                if (!std::isnan(x) && x != y) return x > y;
                return by_name(a, b);
            });
            groups.push_back({"", std::move(ls)});
            break;
        case TileOrder::Site:
            // One group per site in the enum's fixed order (head to feet, unknown last).
            for (int s = 0; s < kSiteCount; ++s) {
                TileGroup g{std::string(site_name(static_cast<Site>(s))), {}};
                for (uint32_t li : ls)
                    if (static_cast<int>(ds.lesions[li].site) == s) g.lesions.push_back(li);
                if (!g.lesions.empty()) groups.push_back(std::move(g));
            }
            break;
    }
    return groups;
}

std::vector<uint32_t> flatten(const std::vector<TileGroup>& groups) {
    std::vector<uint32_t> out;
    for (const auto& g : groups) out.insert(out.end(), g.lesions.begin(), g.lesions.end());
    return out;
}

GridLayout layout_grid(const std::vector<TileGroup>& groups, float width, const GridMetrics& m) {
    GridLayout g;
    g.cell_w = std::max(1.f, m.tile);
    g.cell_h = g.cell_w + std::max(0.f, m.caption);
    const float sp = std::max(0.f, m.spacing);
    g.spacing = sp;
    g.columns = std::max(1, static_cast<int>(std::floor((width + sp) / (g.cell_w + sp))));
    float y = 0;
    int item = 0;
    for (int gi = 0; gi < static_cast<int>(groups.size()); ++gi) {
        const auto& grp = groups[gi];
        if (!grp.label.empty()) {
            g.rows.push_back({true, gi, item, 0, y, m.header});
            y += m.header;
        }
        const int n = static_cast<int>(grp.lesions.size());
        for (int i = 0; i < n; i += g.columns) {
            const int count = std::min(g.columns, n - i);
            g.rows.push_back({false, gi, item + i, count, y, g.cell_h});
            for (int k = 0; k < count; ++k) g.item_row.push_back(static_cast<int>(g.rows.size()) - 1);
            y += g.cell_h + sp;
        }
        item += n;
    }
    g.height = y > 0 && !g.rows.empty() && !g.rows.back().header ? y - sp : y;
    return g;
}

GridRect GridLayout::item_rect(int item) const {
    if (item < 0 || item >= items()) return {};
    const GridRow& r = rows[item_row[item]];
    const int col = item - r.first;
    return {col * (cell_w + spacing), r.y, cell_w, cell_h};
}

std::pair<int, int> GridLayout::visible_rows(float scroll_y, float view_h) const {
    const float top = scroll_y, bottom = scroll_y + std::max(0.f, view_h);
    // First row whose bottom is below the top edge, first row starting at/after the bottom edge.
    auto first = std::partition_point(rows.begin(), rows.end(), [&](const GridRow& r) { return r.y + r.h <= top; });
    auto last = std::partition_point(first, rows.end(), [&](const GridRow& r) { return r.y < bottom; });
    return {static_cast<int>(first - rows.begin()), static_cast<int>(last - rows.begin())};
}

std::pair<int, int> GridLayout::visible_items(float scroll_y, float view_h) const {
    auto [a, b] = visible_rows(scroll_y, view_h);
    int first = -1, last = -1;
    for (int r = a; r < b; ++r) {
        if (rows[r].header) continue;
        if (first < 0) first = rows[r].first;
        last = rows[r].first + rows[r].count;
    }
    return first < 0 ? std::pair<int, int>{0, 0} : std::pair<int, int>{first, last};
}

int GridLayout::hit(float x, float y) const {
    auto [a, b] = visible_rows(y, 0.5f);
    for (int r = a; r < b && r < static_cast<int>(rows.size()); ++r) {
        if (rows[r].header) continue;
        for (int i = rows[r].first; i < rows[r].first + rows[r].count; ++i) {
            const GridRect rc = item_rect(i);
            if (x >= rc.x && x < rc.x + rc.w && y >= rc.y && y < rc.y + rc.h) return i;
        }
    }
    return -1;
}

float GridLayout::scroll_to(int item, float scroll_y, float view_h) const {
    if (item < 0 || item >= items()) return scroll_y;
    const GridRow& r = rows[item_row[item]];
    float top = r.y;
    // Keep the group header in view when the item is on the group's first row.
    const int ri = item_row[item];
    if (ri > 0 && rows[ri - 1].header) top = rows[ri - 1].y;
    if (top < scroll_y) return top;
    if (r.y + r.h > scroll_y + view_h) return std::max(0.f, r.y + r.h - view_h);
    return scroll_y;
}

int grid_move(const GridLayout& g, int current, GridMove move, int page_rows) {
    const int n = g.items();
    if (n == 0) return -1;
    if (current < 0 || current >= n) return 0;
    const int ri = g.item_row[current];
    const int col = current - g.rows[ri].first;
    // Moves `steps` tile rows up (negative) or down, keeping the column.
    auto vertical = [&](int steps) {
        int r = ri;
        const int dir = steps < 0 ? -1 : 1;
        for (int left = std::abs(steps); left > 0;) {
            int next = r + dir;
            while (next >= 0 && next < static_cast<int>(g.rows.size()) && g.rows[next].header) next += dir;
            if (next < 0 || next >= static_cast<int>(g.rows.size())) break;
            r = next;
            --left;
        }
        return g.rows[r].first + std::min(col, g.rows[r].count - 1);
    };
    switch (move) {
        case GridMove::Left: return std::max(0, current - 1);
        case GridMove::Right: return std::min(n - 1, current + 1);
        case GridMove::Up: return vertical(-1);
        case GridMove::Down: return vertical(1);
        case GridMove::PageUp: return vertical(-std::max(1, page_rows));
        case GridMove::PageDown: return vertical(std::max(1, page_rows));
        case GridMove::Home: return 0;
        case GridMove::End: return n - 1;
    }
    return current;
}

}  // namespace duck
