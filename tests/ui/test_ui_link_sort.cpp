// test_ui_link_sort.cpp - a deep link's patient-list sort survives the first
// frames (the table's own default sort must not overwrite it), the table's header
// shows it (a click on that header toggles its direction), and a header click
// still changes the sort.
#include <doctest/doctest.h>

#include "app/app_share.h"
#include "core/view/view_state.h"
#include "ui_harness.h"

using namespace duck;
using test::Harness;

namespace {
void apply_link(App& app, const char* hash) {
    auto s = decode_hash(hash);
    REQUIRE(s.ok());
    apply_view_state(app, s.value());
}
}  // namespace

TEST_CASE("a link's sort holds on the first frame and the header shows it") {
    Harness h;
    apply_link(h.app, "#sort=-score");  // before any frame, as when the page opens on a link
    h.frame();
    CHECK(h.app.explorer.sort.column == PatientColumn::TopScore);
    CHECK(h.app.explorer.sort.descending);
    h.frame(3);
    auto st = h.state();
    CHECK(st["view"]["sort"]["column"] == "score");
    CHECK(st["view"]["sort"]["descending"] == true);

    // The header shows "Score, descending": a click on it turns it ascending (on a
    // header not sorted yet, the first click would sort descending).
    REQUIRE(h.app.ui_rects.count("patients/header/Score"));
    h.click(h.app.ui_rects.at("patients/header/Score"));
    CHECK(h.app.explorer.sort.column == PatientColumn::TopScore);
    CHECK_FALSE(h.app.explorer.sort.descending);

    // A click on another header still changes the sort.
    h.click(h.app.ui_rects.at("patients/header/Age"));
    CHECK(h.app.explorer.sort.column == PatientColumn::Age);
    CHECK_FALSE(h.app.explorer.sort.descending);
    h.click(h.app.ui_rects.at("patients/header/Patient"));
    CHECK(h.app.explorer.sort.column == PatientColumn::Id);
    CHECK_FALSE(h.app.explorer.sort.descending);
}

TEST_CASE("a link opened later moves the header's sort too") {
    Harness h;
    h.frame(3);
    CHECK(h.app.explorer.sort.column == PatientColumn::Id);
    apply_link(h.app, "#sort=age");
    h.frame(3);
    CHECK(h.app.explorer.sort.column == PatientColumn::Age);
    CHECK_FALSE(h.app.explorer.sort.descending);
    // The header shows "Age, ascending": one click turns it descending.
    h.click(h.app.ui_rects.at("patients/header/Age"));
    CHECK(h.app.explorer.sort.column == PatientColumn::Age);
    CHECK(h.app.explorer.sort.descending);
}
