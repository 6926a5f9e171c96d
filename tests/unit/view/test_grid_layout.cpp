// test_grid_layout.cpp - tile order/grouping, grid geometry, virtual-scroll range
// and arrow-key movement of the patient view.
#include <doctest/doctest.h>

#include "core/view/grid_layout.h"
#include "explorer_fixture.h"

using namespace duck;

namespace {
std::vector<std::string> names(const Dataset& ds, const std::vector<uint32_t>& ls) {
    std::vector<std::string> out;
    for (auto l : ls) out.push_back(ds.lesions[l].image_name.substr(10));  // last two digits
    return out;
}
using V = std::vector<std::string>;

// n lesions of one patient, all on the torso except every third on the head.
Dataset one_patient(int n) {
    std::vector<test::L> rows;
    static std::vector<std::string> keep;
    keep.clear();
    keep.reserve(n);
    for (int i = 0; i < n; ++i) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "ISIC_00000%02d", i);
        keep.push_back(buf);
    }
    for (int i = 0; i < n; ++i)
        rows.push_back({keep[i].c_str(), "IP_9", Sex::Male, 50, i % 3 == 0 ? Site::HeadNeck : Site::Torso, "", Label::Benign});
    return test::make_dataset(rows);
}
}  // namespace

TEST_CASE("tiles in file, name, score and site order, site filter from the body map") {
    Dataset ds = test::small_dataset();
    const uint32_t p4 = 3;  // IP_4: 30 torso, 31 palms, 32 unknown, 33 torso
    auto g = arrange_tiles(ds, p4, TileOrder::File);
    REQUIRE(g.size() == 1);
    CHECK(names(ds, flatten(g)) == V{"30", "31", "32", "33"});

    std::vector<float> scores(ds.lesions.size(), NAN);
    scores[7] = 0.4f;  // 31
    scores[9] = 0.8f;  // 33
    CHECK(names(ds, flatten(arrange_tiles(ds, p4, TileOrder::Score, scores))) == V{"33", "31", "30", "32"});

    g = arrange_tiles(ds, p4, TileOrder::Site);
    REQUIRE(g.size() == 3);
    CHECK(g[0].label == "torso");
    CHECK(g[1].label == "palms/soles");
    CHECK(g[2].label == "unknown");
    CHECK(names(ds, flatten(g)) == V{"30", "33", "31", "32"});

    const uint8_t torso = 1u << static_cast<int>(Site::Torso);
    CHECK(names(ds, flatten(arrange_tiles(ds, p4, TileOrder::Name, {}, torso))) == V{"30", "33"});
    CHECK(arrange_tiles(ds, 99, TileOrder::File).empty());

    TileOrder o{};
    CHECK(parse_tile_order("score", o));
    CHECK(o == TileOrder::Score);
    CHECK(tile_order_name(TileOrder::Site) == "site");
}

TEST_CASE("grid columns, rows and item rectangles follow the width and tile size") {
    Dataset ds = one_patient(10);
    auto groups = arrange_tiles(ds, 0, TileOrder::File);
    GridMetrics m{100, 20, 10, 30};
    GridLayout g = layout_grid(groups, 430, m);  // (430 + 10) / 110 = 4 columns
    CHECK(g.columns == 4);
    REQUIRE(g.rows.size() == 3);
    CHECK(g.rows[2].count == 2);
    CHECK(g.height == doctest::Approx(3 * 120 + 2 * 10));
    const GridRect r = g.item_rect(5);  // row 1, column 1
    CHECK(r.x == doctest::Approx(110));
    CHECK(r.y == doctest::Approx(130));
    CHECK(g.hit(115, 135) == 5);
    CHECK(g.hit(105, 135) == -1);  // in the gap
    CHECK(layout_grid(groups, 50, m).columns == 1);  // never zero columns

    m.tile = 200;  // the size slider: bigger tiles, fewer columns
    CHECK(layout_grid(groups, 430, m).columns == 2);
}

TEST_CASE("grouped grid has header rows and the visible range skips offscreen rows") {
    Dataset ds = one_patient(115);  // the largest ISIC 2020 patient has 115 lesions
    auto groups = arrange_tiles(ds, 0, TileOrder::Site);
    REQUIRE(groups.size() == 2);  // head/neck (39) then torso (76)
    GridMetrics m{100, 20, 10, 30};
    GridLayout g = layout_grid(groups, 540, m);  // 5 columns
    CHECK(g.columns == 5);
    CHECK(g.rows[0].header);
    CHECK(g.items() == 115);
    // 39 head/neck lesions = 8 rows; torso header follows.
    CHECK(g.rows[9].header);
    CHECK(g.rows[9].group == 1);
    CHECK(g.rows[10].first == 39);

    auto [a, b] = g.visible_rows(0, 200);  // header (0-30) + rows at 30 and 160
    CHECK(a == 0);
    CHECK(b == 3);
    auto [i0, i1] = g.visible_items(0, 200);
    CHECK(i0 == 0);
    CHECK(i1 == 10);
    auto [c, d] = g.visible_rows(1000, 300);
    CHECK(c > 0);
    CHECK(d - c <= 4);
    CHECK(g.visible_rows(1e6f, 100).first == static_cast<int>(g.rows.size()));

    // scroll_to keeps the selected tile in view and shows its group header.
    CHECK(g.scroll_to(0, 500, 300) == doctest::Approx(0));
    const float s = g.scroll_to(114, 0, 300);
    CHECK(s + 300 >= g.item_rect(114).y + g.item_rect(114).h);
    CHECK(g.scroll_to(39, 2000, 300) == doctest::Approx(g.rows[9].y));
}

TEST_CASE("arrow keys move in the grid, across group headers and short rows") {
    Dataset ds = one_patient(115);
    GridMetrics m{100, 20, 10, 30};
    GridLayout g = layout_grid(arrange_tiles(ds, 0, TileOrder::Site), 540, m);
    CHECK(grid_move(g, -1, GridMove::Down) == 0);  // no selection yet: first tile
    CHECK(grid_move(g, 0, GridMove::Right) == 1);
    CHECK(grid_move(g, 0, GridMove::Left) == 0);
    CHECK(grid_move(g, 4, GridMove::Right) == 5);  // wraps to the next row
    CHECK(grid_move(g, 1, GridMove::Down) == 6);
    CHECK(grid_move(g, 1, GridMove::Up) == 1);     // top row stays
    // Last head/neck row holds items 35-38 (4 tiles); Down from 38 crosses the torso header.
    CHECK(grid_move(g, 38, GridMove::Down) == 39 + 3);
    // Up from torso column 4 into the short row clamps to its last tile.
    CHECK(grid_move(g, 39 + 4, GridMove::Up) == 38);
    CHECK(grid_move(g, 0, GridMove::PageDown, 2) == 10);
    CHECK(grid_move(g, 7, GridMove::End) == 114);
    CHECK(grid_move(g, 114, GridMove::Home) == 0);
    CHECK(grid_move(g, 114, GridMove::Down) == 114);
    CHECK(grid_move(GridLayout{}, 0, GridMove::Down) == -1);
}
