// test_body_map.cpp - point-in-polygon, per-site counts and the colour scale.
#include <doctest/doctest.h>

#include "core/view/body_map.h"
#include "explorer_fixture.h"

using namespace duck;

TEST_CASE("point in polygon: inside, outside and a concave notch") {
    const std::vector<Vec2> l{{0, 0}, {2, 0}, {2, 1}, {1, 1}, {1, 2}, {0, 2}};
    CHECK(point_in_polygon({0.5f, 0.5f}, l));
    CHECK(point_in_polygon({0.5f, 1.5f}, l));
    CHECK_FALSE(point_in_polygon({1.5f, 1.5f}, l));  // the notch
    CHECK_FALSE(point_in_polygon({3, 0.5f}, l));
}

TEST_CASE("site counts and colour scale") {
    Dataset ds = test::small_dataset();
    const SiteCounts all = count_sites(ds);
    CHECK(all.lesions[static_cast<int>(Site::Torso)] == 4);
    CHECK(all.lesions[static_cast<int>(Site::Unknown)] == 2);
    CHECK(all.melanomas[static_cast<int>(Site::HeadNeck)] == 1);
    CHECK(all.max_lesions() == 4);
    const SiteCounts p1 = count_sites(ds, ds.patients[0].lesions);
    CHECK(p1.lesions[static_cast<int>(Site::Torso)] == 2);
    CHECK(p1.lesions[static_cast<int>(Site::LowerExtremity)] == 0);

    const auto none = site_heat(0, 4, false);
    const auto few = site_heat(1, 4, false);
    const auto many = site_heat(4, 4, false);
    CHECK(none[0] == doctest::Approx(none[1]).epsilon(0.05));  // grey
    CHECK(many[1] < few[1]);  // darker / more saturated for more lesions
    CHECK(many[2] < few[2]);
}
