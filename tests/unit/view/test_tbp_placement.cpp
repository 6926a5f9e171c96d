// test_tbp_placement.cpp - ISIC 2024 lesions on the body figure: every named
// location lands in a region of its own site and side, sides are mirrored
// between the front and back views, and the 3 real rows' 3D positions project
// onto the expected view and side.
#include <doctest/doctest.h>

#include <string>

#include "core/data/dataset_load.h"
#include "core/view/tbp_placement.h"
#include "test_helpers.h"

using namespace duck;

namespace {
const BodyFigure& figure() {
    const auto& f = shipped_body_figure();
    REQUIRE(f.ok());
    return f.value();
}
float midline(const BodyFigure& fig, int view) { return (fig.views[size_t(view)].min.x + fig.views[size_t(view)].max.x) / 2; }
}  // namespace

TEST_CASE("tbp placement: every named location lands in a region of its site and side") {
    // One row per location and 25 rows at one location (the spread must stay inside).
    std::string csv = "isic_id,patient_id,tbp_lv_location\n";
    for (int i = 2; i < kTbpLocationCount; ++i)
        for (int k = 0; k < 25; ++k)
            csv += "SYN_" + std::to_string(i) + "_" + std::to_string(k) + ",SYNP_1," +
                   std::string(tbp_location_name(static_cast<TbpLocation>(i))) + "\n";
    const LoadResult r = load_csv(csv, "locations.csv");
    REQUIRE(r.ok);
    REQUIRE(r.problems.empty());
    const BodyFigure& fig = figure();
    int placed = 0;
    for (uint32_t li = 0; li < r.dataset.lesions.size(); ++li) {
        const Lesion& l = r.dataset.lesions[li];
        LesionMarker mk;
        REQUIRE(tbp_marker(fig, r.dataset, li, mk));
        CHECK_FALSE(mk.from_position);
        FigureHit hit;
        REQUIRE_MESSAGE(figure_hit(fig, mk.at, hit), tbp_location_name(l.tbp_location));
        CHECK_MESSAGE(hit.area == body_area(l.site, l.site_side), tbp_location_name(l.tbp_location));
        CHECK(fig.views[size_t(hit.view)].name == (l.site_side == SiteSide::Posterior ? "back" : "front"));
        // Front view: the patient's left on the image's right.
        const BodySide side = tbp_body_side(l.tbp_location);
        if (side == BodySide::Left) CHECK(mk.at.x > midline(fig, mk.view));
        if (side == BodySide::Right) CHECK(mk.at.x < midline(fig, mk.view));
        ++placed;
    }
    CHECK(placed == 20 * 25);
    // "Unknown" and an empty location have no point.
    const LoadResult u = load_csv("isic_id,patient_id,tbp_lv_location\nA,P,Unknown\nB,P,\n", "u.csv");
    LesionMarker mk;
    CHECK_FALSE(tbp_marker(fig, u.dataset, 0, mk));
    CHECK_FALSE(tbp_marker(fig, u.dataset, 1, mk));
}

TEST_CASE("tbp placement: the real rows' 3D positions project onto their view and side") {
    const LoadResult r = load_csv(test::read_file(test::shared_path("data/isic2024/test-metadata.csv")), "test-metadata.csv");
    REQUIRE(r.ok);
    const BodyFigure& fig = figure();
    const Dataset& ds = r.dataset;
    LesionMarker leg, back;
    REQUIRE(tbp_marker(fig, ds, ds.find_lesion("ISIC_0015729"), leg));
    REQUIRE(tbp_marker(fig, ds, ds.find_lesion("ISIC_0015657"), back));
    CHECK(leg.from_position);
    CHECK(fig.views[size_t(leg.view)].name == "front");
    CHECK(leg.at.x > midline(fig, leg.view));  // x < 0: the patient's left, on the image's right from the front
    FigureHit hit;
    REQUIRE(figure_hit(fig, leg.at, hit));
    CHECK(hit.area == BodyArea::LowerExtremity);
    CHECK(fig.views[size_t(back.view)].name == "back");
    CHECK(back.at.x < midline(fig, back.view));  // from behind, the patient's left is on the image's left
    CHECK(back.at.y < leg.at.y);  // higher y (1,511 vs 630 mm): higher on the figure
}
