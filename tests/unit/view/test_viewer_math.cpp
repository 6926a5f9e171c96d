// test_viewer_math.cpp - lesion viewer zoom/pan and compare-mode synchronisation.
#include <doctest/doctest.h>

#include "core/view/viewer_math.h"

using namespace duck;

TEST_CASE("fit zoom letterboxes the image and centres it") {
    ImageView v;
    view_fit(v, 4000, 2000, 800, 600);
    CHECK(v.zoom == doctest::Approx(0.2));
    CHECK(v.cx == doctest::Approx(2000));
    CHECK(v.fit);
    const Vec2 tl = image_to_view(v, {0, 0}, 800, 600);
    CHECK(tl.x == doctest::Approx(0));
    CHECK(tl.y == doctest::Approx(100));  // (600 - 400) / 2
    CHECK(relative_zoom(v, 4000, 2000, 800, 600) == doctest::Approx(1));
}

TEST_CASE("zoom about the cursor keeps the point under it") {
    ImageView v;
    view_fit(v, 4000, 2000, 800, 600);
    const Vec2 cursor{600, 250};
    const Vec2 before = view_to_image(v, cursor, 800, 600);
    view_zoom_at(v, 4.f, cursor, 4000, 2000, 800, 600);
    CHECK_FALSE(v.fit);
    CHECK(v.zoom == doctest::Approx(0.8));
    const Vec2 after = view_to_image(v, cursor, 800, 600);
    CHECK(after.x == doctest::Approx(before.x));
    CHECK(after.y == doctest::Approx(before.y));
    // Zoom is clamped to [half the fit, kMaxZoom].
    view_zoom_at(v, 1000.f, cursor, 4000, 2000, 800, 600);
    CHECK(v.zoom == doctest::Approx(kMaxZoom));
    view_zoom_at(v, 1e-6f, cursor, 4000, 2000, 800, 600);
    CHECK(v.zoom == doctest::Approx(0.1));
    CHECK(v.cx == doctest::Approx(2000));  // smaller than the view: centred
}

TEST_CASE("pan moves with the drag and stops at the image edges") {
    ImageView v;
    view_fit(v, 1000, 1000, 500, 500);
    view_zoom_at(v, 4.f, {250, 250}, 1000, 1000, 500, 500);  // zoom 2: view shows 250x250 image px
    CHECK(v.cx == doctest::Approx(500));
    view_pan(v, {100, 0}, 1000, 1000, 500, 500);  // drag right: image moves right, centre moves left
    CHECK(v.cx == doctest::Approx(450));
    view_pan(v, {-10000, -10000}, 1000, 1000, 500, 500);
    CHECK(v.cx == doctest::Approx(1000 - 125));  // right edge of the image at the view's right edge
    CHECK(v.cy == doctest::Approx(1000 - 125));
    // A fitted view follows resizes; `0` re-fits.
    view_fit(v, 1000, 1000, 500, 500);
    view_clamp(v, 1000, 1000, 800, 400);
    CHECK(v.zoom == doctest::Approx(0.4));
    // Degenerate sizes never produce NaN.
    ImageView d;
    view_zoom_at(d, 2.f, {0, 0}, 0, 0, 100, 100);
    view_pan(d, {5, 5}, 100, 100, 0, 0);
    CHECK(std::isfinite(d.zoom));
    CHECK(std::isfinite(d.cx));
}

TEST_CASE("compare mode keeps two differently sized images in step") {
    ImageView a, b;
    view_fit(a, 6000, 4000, 600, 600);
    view_fit(b, 1024, 1024, 600, 600);
    view_zoom_at(a, 3.f, {450, 300}, 6000, 4000, 600, 600);
    view_sync(a, 6000, 4000, b, 1024, 1024, 600, 600);
    CHECK_FALSE(b.fit);
    CHECK(relative_zoom(b, 1024, 1024, 600, 600) == doctest::Approx(relative_zoom(a, 6000, 4000, 600, 600)));
    CHECK(b.cx / 1024 == doctest::Approx(a.cx / 6000).epsilon(0.01));
    view_fit(a, 6000, 4000, 600, 600);
    view_sync(a, 6000, 4000, b, 1024, 1024, 600, 600);
    CHECK(b.fit);
    CHECK(b.zoom == doctest::Approx(600.0 / 1024));
}
