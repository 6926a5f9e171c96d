// test_link_sync.cpp - links resolved against a dataset (unknown ids fall back to the
// list with a message), viewer zoom/pan through the link, and the push/replace policy.
#include <doctest/doctest.h>

#include "core/data/dataset_load.h"
#include "core/view/link_sync.h"

using namespace duck;

namespace {

Dataset two_patients() {
    LoadResult r = load_csv(
        "image_name,patient_id,sex,age_approx,anatom_site_general_challenge,diagnosis,benign_malignant,target\n"
        "ISIC_1,IP_A,male,40,torso,nevus,benign,0\n"
        "ISIC_2,IP_A,male,40,torso,melanoma,malignant,1\n"
        "ISIC_3,IP_B,female,30,torso,nevus,benign,0\n",
        "t.csv");
    REQUIRE(r.ok);
    return std::move(r.dataset);
}

ViewState at(const char* patient, const char* lesion) {
    ViewState s;
    s.patient = patient;
    s.lesion = lesion;
    return s;
}

}  // namespace

TEST_CASE("resolve_link finds patient and lesion, or explains and falls back") {
    const Dataset ds = two_patients();
    auto ok = resolve_link(at("IP_A", "ISIC_2"), ds);
    CHECK(ok.patient == ds.find_patient("IP_A"));
    CHECK(ok.lesion == ds.find_lesion("ISIC_2"));
    CHECK_FALSE(ok.fallback_to_list);
    CHECK(ok.messages.empty());

    auto alone = resolve_link(at("", "ISIC_3"), ds);  // lesion alone opens its patient
    CHECK(alone.patient == ds.find_patient("IP_B"));
    CHECK(alone.lesion == ds.find_lesion("ISIC_3"));

    auto unknown = resolve_link(at("IP_ZZZ", "ISIC_1"), ds);
    CHECK(unknown.fallback_to_list);
    CHECK(unknown.patient == kNone);
    CHECK(unknown.lesion == kNone);
    REQUIRE(unknown.messages.size() == 1);
    CHECK(unknown.messages[0].find("IP_ZZZ") != std::string::npos);
    CHECK(unknown.messages[0].find("patient list") != std::string::npos);

    auto bad_lesion = resolve_link(at("IP_A", "ISIC_9"), ds);  // patient still shown
    CHECK_FALSE(bad_lesion.fallback_to_list);
    CHECK(bad_lesion.patient == ds.find_patient("IP_A"));
    CHECK(bad_lesion.lesion == kNone);
    CHECK(bad_lesion.messages.size() == 1);

    auto lonely = resolve_link(at("", "ISIC_9"), ds);
    CHECK(lonely.fallback_to_list);
    CHECK(lonely.messages.at(0).find("patient list") != std::string::npos);

    auto mixed = resolve_link(at("IP_B", "ISIC_1"), ds);
    CHECK(mixed.patient == ds.find_patient("IP_B"));
    CHECK(mixed.lesion == kNone);
    CHECK(mixed.messages.at(0).find("another patient") != std::string::npos);

    ViewState cmp = at("IP_A", "ISIC_1");
    cmp.compare_lesion = "ISIC_404";
    auto c = resolve_link(cmp, ds);
    CHECK(c.compare == kNone);
    CHECK(c.messages.size() == 1);
}

TEST_CASE("viewer zoom/pan survive the link on a different screen size") {
    ImageView v;
    view_fit(v, 6000, 4000, 1200, 800);
    ViewState s;
    link_zoom_pan_from_view(s, v, 6000, 4000, 1200, 800);
    CHECK(s.zoom == 0.0f);  // fitted: nothing in the link

    v.zoom = 0.8f;  // 4x the fit zoom (0.2)
    v.cx = 1500;
    v.cy = 1000;
    v.fit = false;
    link_zoom_pan_from_view(s, v, 6000, 4000, 1200, 800);
    CHECK(s.zoom == doctest::Approx(4.0f));
    CHECK(s.pan_x == doctest::Approx(0.25f));
    CHECK(s.pan_y == doctest::Approx(0.25f));
    CHECK(encode_hash(s) == "#zoom=4&pan=0.25,0.25");

    // The recipient's viewport is twice as large: same relative zoom, same centre point.
    ImageView w = image_view_from_link(s, 6000, 4000, 2400, 1600);
    CHECK_FALSE(w.fit);
    CHECK(w.zoom == doctest::Approx(1.6f));
    CHECK(w.cx == doctest::Approx(1500.0f));
    CHECK(w.cy == doctest::Approx(1000.0f));
    CHECK(image_view_from_link(ViewState{}, 6000, 4000, 2400, 1600).fit);
}

TEST_CASE("UrlSync pushes a new view revision at once and debounces the rest") {
    UrlSync sync(0.3);
    uint64_t rev = 7;
    ViewState s = at("IP_A", "");
    sync.reset(s, rev);
    CHECK(sync.update(s, rev, 0.0).op == HistoryOp::None);

    s.lesion = "ISIC_1";  // selecting a lesion (an intent: a new revision): new history entry
    auto u = sync.update(s, ++rev, 0.1);
    CHECK(u.op == HistoryOp::Push);
    CHECK(u.link == "#patient=IP_A&lesion=ISIC_1");

    s.zoom = 2.0f;  // zooming (same revision): nothing until it settles
    CHECK(sync.update(s, rev, 1.0).op == HistoryOp::None);
    s.zoom = 3.0f;
    CHECK(sync.update(s, rev, 1.2).op == HistoryOp::None);
    CHECK(sync.update(s, rev, 1.4).op == HistoryOp::None);  // 0.2 s still
    u = sync.update(s, rev, 1.55);
    CHECK(u.op == HistoryOp::Replace);
    CHECK(u.link == "#patient=IP_A&lesion=ISIC_1&zoom=3");
    CHECK(sync.update(s, rev, 2.0).op == HistoryOp::None);

    // A pending zoom is flushed into the old entry before the next patient is pushed.
    s.zoom = 5.0f;
    CHECK(sync.update(s, rev, 3.0).op == HistoryOp::None);
    ViewState next = at("IP_B", "");
    u = sync.update(next, ++rev, 3.05);
    CHECK(u.flush == "#patient=IP_A&lesion=ISIC_1&zoom=5");
    CHECK(u.op == HistoryOp::Push);
    CHECK(u.link == "#patient=IP_B");

    // Back button: the app applies the old URL and resets; nothing is written.
    sync.reset(s, ++rev);
    CHECK(sync.update(s, rev, 4.0).op == HistoryOp::None);
    CHECK_FALSE(sync.pending());
}

TEST_CASE("UrlSync: the revision decides push or replace, not which fields differ") {
    UrlSync sync(0.3);
    ViewState s = at("IP_A", "ISIC_1");
    sync.reset(s, 1);
    // A navigation that changes the link only where a filter would (say an intent
    // that also filters) is still a history entry.
    s.filters.search = "x";
    CHECK(sync.update(s, 2, 0.0).op == HistoryOp::Push);
    // A lesion changed without a new revision (no intent) is written quietly.
    s.lesion = "ISIC_2";
    CHECK(sync.update(s, 2, 0.1).op == HistoryOp::None);
    CHECK(sync.update(s, 2, 0.5).op == HistoryOp::Replace);
    // Revision bumped but the link came back to what is written: nothing, and the
    // revision counts as written (a zoom afterwards is no navigation).
    ViewState same = s;
    CHECK(sync.update(same, 3, 1.0).op == HistoryOp::None);
    same.zoom = 2.0f;
    CHECK(sync.update(same, 3, 1.1).op == HistoryOp::None);
    CHECK(sync.update(same, 3, 1.5).op == HistoryOp::Replace);
}

TEST_CASE("is_navigation: patient, lesion, mode, compare and quiz case") {
    ViewState a = at("IP_A", "ISIC_1");
    ViewState b = a;
    b.zoom = 2;
    b.filters.search = "x";
    CHECK_FALSE(is_navigation(a, b));
    b.mode = ViewMode::Viewer;
    CHECK(is_navigation(a, b));
    b = a;
    b.quiz_case = 1;
    CHECK(is_navigation(a, b));
}
