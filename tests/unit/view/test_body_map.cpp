// test_body_map.cpp - body-site map geometry, hit testing and per-site counts.
#include <doctest/doctest.h>

#include "core/view/body_map.h"
#include "explorer_fixture.h"

using namespace duck;

namespace {
bool convex_clockwise(const std::vector<Vec2>& p) {
    for (size_t i = 0; i < p.size(); ++i) {
        const Vec2 &a = p[i], &b = p[(i + 1) % p.size()], &c = p[(i + 2) % p.size()];
        const float cross = (b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x);
        if (cross < -1e-4f) return false;
    }
    return true;
}
Site hit(float x, float y) {
    Site s = Site::Torso;
    REQUIRE(body_hit({x, y}, s));
    return s;
}
}  // namespace

TEST_CASE("every body shape is convex, clockwise on screen and inside the map") {
    const auto& shapes = body_shapes();
    REQUIRE(shapes.size() > 20);
    int per_site[kSiteCount] = {};
    for (const auto& s : shapes) {
        CHECK(s.points.size() >= 3);
        CHECK(convex_clockwise(s.points));
        for (const auto& v : s.points) {
            CHECK(v.x >= 0);
            CHECK(v.x <= kBodyMapWidth);
            CHECK(v.y >= 0);
            CHECK(v.y <= kBodyMapHeight);
        }
        ++per_site[static_cast<int>(s.site)];
    }
    // All six ISIC sites are drawn; unknown is the separate slot.
    for (int i = 0; i < kSiteCount - 1; ++i) CHECK(per_site[i] > 0);
    CHECK(per_site[static_cast<int>(Site::Unknown)] == 0);
}

TEST_CASE("points hit the region they are drawn in, small regions win over large ones") {
    CHECK(hit(50, 10) == Site::HeadNeck);          // forehead, front
    CHECK(hit(50, 26.5f) == Site::OralGenital);    // mouth on the face
    CHECK(hit(50, 80) == Site::Torso);
    CHECK(hit(50, 116) == Site::OralGenital);      // genitals over the torso
    CHECK(hit(18, 64) == Site::UpperExtremity);    // left upper arm
    CHECK(hit(100 - 18, 64) == Site::UpperExtremity);  // mirrored right arm
    CHECK(hit(14, 125) == Site::PalmsSoles);       // palm, front
    CHECK(hit(120 + 14, 125) == Site::UpperExtremity);  // back of the hand
    CHECK(hit(41, 185) == Site::LowerExtremity);   // shin
    CHECK(hit(40, 213) == Site::LowerExtremity);   // top of the foot, front
    CHECK(hit(160, 80) == Site::Torso);            // the back
    CHECK(hit(120 + 40, 213) == Site::PalmsSoles); // sole, back
    CHECK(hit(170, 116) == Site::Torso);           // no genitals on the back view
    CHECK(hit(160, 140) == Site::LowerExtremity);  // back of the thigh
    CHECK(hit(110, 246) == Site::Unknown);         // the unknown slot
    Site s{};
    CHECK_FALSE(body_hit({2, 2}, s));              // empty corner
    CHECK_FALSE(body_hit({110, 100}, s));          // between the figures
    // Every region's count anchor lies on that region (or in the unknown slot).
    for (int i = 0; i < kSiteCount; ++i) {
        const Site site = static_cast<Site>(i);
        Site got{};
        REQUIRE(body_hit(site_anchor(site), got));
        CHECK(got == site);
    }
}

TEST_CASE("body map fit keeps the aspect and maps back and forth") {
    const BodyMapFit f = fit_body_map(10, 20, 440, 1000);  // width-limited: scale 2
    CHECK(f.scale == doctest::Approx(2));
    const Vec2 s = f.to_screen({50, 80});
    CHECK(s.x == doctest::Approx(10 + 100));
    const Vec2 m = f.to_map(s);
    CHECK(m.x == doctest::Approx(50));
    CHECK(m.y == doctest::Approx(80));
    CHECK(f.oy > 20);  // centred vertically
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
