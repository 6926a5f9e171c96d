// test_app_intents.cpp - navigation intents are complete App methods: the same
// move leaves the same view state whichever control triggered it.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "app/app.h"
#include "app/app_share.h"
#include "core/view/link_sync.h"
#include "explorer_fixture.h"

using duck::App;
using duck::kNone;
using duck::ViewMode;

namespace {
// An app on the first patient of the small fixture, with state that belongs to
// that patient: a body-map site filter, a compare partner, a zoomed viewer.
void open_on_first_patient(App& app, ViewMode mode) {
    app.set_dataset(duck::test::small_dataset(), {});
    app.explorer.refresh(app.dataset, app.data_generation);
    REQUIRE(app.explorer.patients.size() == 4);
    app.open_patient(app.explorer.patients[0]);
    app.explorer.grid_sites = uint8_t(1u << int(duck::Site::Torso));
    app.explorer.compare_lesion = 2;
    app.explorer.view.fit = false;
    app.explorer.view.zoom = 3.0f;
    app.set_mode(mode);
}

// state() without its "memory" section (the process's resident set, which
// changes between two calls whatever the app does).
std::string state_of(const App& app) {
    auto j = nlohmann::json::parse(duck::app_state_json(app));
    REQUIRE(j.contains("view"));
    j.erase("memory");
    return j.dump();
}
}  // namespace

TEST_CASE("a click in the patient list and j leave the same view state") {
    for (ViewMode mode : {ViewMode::Grid, ViewMode::Overview, ViewMode::Viewer, ViewMode::Compare}) {
        CAPTURE(static_cast<int>(mode));
        App by_key, by_click;
        open_on_first_patient(by_key, mode);
        open_on_first_patient(by_click, mode);
        by_key.step_patient(1);                                   // j
        by_click.open_patient(by_click.explorer.patients[1]);  // the list's second row
        CHECK(by_key.view.patient == by_click.explorer.patients[1]);
        CHECK(state_of(by_key) == state_of(by_click));
        CHECK(by_key.patient_revision == by_click.patient_revision);
        CHECK(by_key.view_revision == by_click.view_revision);
        CHECK(by_key.data_generation == by_click.data_generation);
        // The previous patient's state is gone either way.
        for (const App* app : {&by_key, &by_click}) {
            CHECK(app->explorer.grid_sites == 0);
            CHECK(app->explorer.compare_lesion == kNone);
            CHECK(app->explorer.view.fit);
            CHECK(app->view.lesion == app->dataset.patients[app->view.patient].lesions.front());
            CHECK(app->view.mode == (mode == ViewMode::Overview ? ViewMode::Grid : mode));
        }
    }
}

TEST_CASE("k and Prev are the same intent, stepping past either end changes nothing") {
    App app;
    open_on_first_patient(app, ViewMode::Grid);
    const uint32_t first = app.view.patient;
    app.step_patient(-1);  // already at the top: nothing to reset
    CHECK(app.view.patient == first);
    CHECK(app.explorer.grid_sites != 0);
    CHECK(app.explorer.compare_lesion == 2);
    app.step_patient(10);  // pages to the last patient of the list
    CHECK(app.view.patient == app.explorer.patients.back());
    app.step_patient(-1);
    CHECK(app.view.patient == app.explorer.patients[2]);
}

TEST_CASE("opening the patient already shown keeps its state but leaves the overview") {
    App app;
    open_on_first_patient(app, ViewMode::Overview);
    app.open_patient(app.view.patient);
    CHECK(app.view.mode == ViewMode::Grid);
    CHECK(app.explorer.grid_sites != 0);
    CHECK(app.explorer.compare_lesion == 2);
}

TEST_CASE("[ and ] step through the grid order and fit the new lesion") {
    App app;
    open_on_first_patient(app, ViewMode::Viewer);
    app.explorer.grid_sites = 0;
    const auto& lesions = app.dataset.patients[app.view.patient].lesions;
    REQUIRE(lesions.size() == 3);
    app.step_lesion(1);
    CHECK(app.view.lesion == lesions[1]);
    CHECK(app.explorer.view.fit);
    app.explorer.view.fit = false;
    app.step_lesion(5);  // clamps at the last lesion
    CHECK(app.view.lesion == lesions[2]);
    CHECK(app.explorer.view.fit);
    app.explorer.view.fit = false;
    app.step_lesion(1);  // already there: the zoom stays
    CHECK_FALSE(app.explorer.view.fit);
}

TEST_CASE("cancel intents ask the loaders to stop and redraw") {
    App app;
    app.take_redraw(), app.take_redraw(), app.take_redraw();
    app.cancel_opening();
    CHECK(app.opening.cancel_requested);
    CHECK_FALSE(app.images.cancel_requested);
    CHECK(app.take_redraw());
    app.cancel_images();
    CHECK(app.images.cancel_requested);
}

TEST_CASE("a new dataset is a new data generation, navigation is not") {
    App app;
    const uint64_t g0 = app.data_generation;
    app.set_dataset(duck::test::small_dataset(), {});
    const uint64_t g1 = app.data_generation;
    CHECK(g1 != g0);
    app.explorer.refresh(app.dataset, app.data_generation);
    app.step_patient(1);
    app.open_patient(0);
    app.step_lesion(1);
    CHECK(app.data_generation == g1);
    app.set_dataset(duck::test::small_dataset(), {});  // the same rows loaded again
    CHECK(app.data_generation != g1);
}

namespace {
// What an intent changed, in the counters the loaders and the URL writer compare.
struct Counters {
    uint64_t patient = 0, view = 0, data = 0, source = 0;
};
Counters counters(const App& app) {
    return {app.patient_revision, app.view_revision, app.data_generation, app.source_generation};
}
Counters bumps(const Counters& before, const Counters& after) {
    return {after.patient - before.patient, after.view - before.view, after.data - before.data,
            after.source - before.source};
}
}  // namespace

TEST_CASE("each intent bumps exactly the revisions of what it changed") {
    struct Case {
        const char* name;
        void (*intent)(App&);
        uint64_t patient, view;  // expected bumps
    };
    const Case cases[] = {
        {"open another patient", [](App& a) { a.open_patient(a.explorer.patients[2]); }, 1, 1},
        {"open the same patient (grid)", [](App& a) { a.open_patient(a.view.patient); }, 0, 0},
        {"j", [](App& a) { a.step_patient(1); }, 1, 1},
        {"k at the top", [](App& a) { a.step_patient(-1); }, 0, 0},
        {"]", [](App& a) { a.step_lesion(1); }, 0, 1},
        {"select a lesion of another patient", [](App& a) { a.select_lesion(a.dataset.patients[3].lesions[0]); }, 1, 1},
        {"select the lesion shown", [](App& a) { a.select_lesion(a.view.lesion); }, 0, 0},
        {"viewer mode", [](App& a) { a.set_mode(ViewMode::Viewer); }, 0, 1},
        {"grid mode again", [](App& a) { a.set_mode(ViewMode::Grid); }, 0, 0},
        {"compare", [](App& a) { a.open_compare(); }, 0, 1},
        {"a compare partner outside compare (not in the view)", [](App& a) { a.set_compare(1); }, 0, 0},
        {"compare, then a partner", [](App& a) { a.open_compare(), a.set_compare(1); }, 0, 2},
        {"no patient", [](App& a) { a.select_patient(kNone); }, 1, 1},
        {"cancel images", [](App& a) { a.cancel_images(); }, 0, 0},
        {"cancel opening", [](App& a) { a.cancel_opening(); }, 0, 0},
        {"a new source (the link's data)", [](App& a) { a.set_source({duck::SourceKind::Url, "u", "http://x/"}); }, 0, 1},
        {"a new dataset", [](App& a) { a.set_dataset(duck::test::small_dataset(), {}); }, 1, 1},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        App app;
        open_on_first_patient(app, ViewMode::Grid);
        app.explorer.grid_sites = 0;
        app.explorer.compare_lesion = kNone;
        const Counters before = counters(app);
        const uint32_t patient_before = app.view.patient;
        const duck::ViewState view_before = duck::capture_view_state(app);
        c.intent(app);
        const Counters b = bumps(before, counters(app));
        const std::string name = c.name;
        CHECK(b.patient == c.patient);
        CHECK(b.view == c.view);
        CHECK(b.data == (name == "a new dataset" ? 1u : 0u));
        CHECK(b.source == (name.rfind("a new source", 0) == 0 ? 1u : 0u));
        // The patient revision moves exactly when the patient does (a new dataset
        // is another patient 0), and a new view revision is exactly what the
        // link calls a navigation, so the URL writer pushes the same entries as
        // before the revisions existed.
        // A new dataset is always a navigation, even when its ids are the old ones.
        if (c.patient == 0) CHECK(app.view.patient == patient_before);
        if (name != "a new dataset")
            CHECK((b.view != 0) == duck::is_navigation(view_before, duck::capture_view_state(app)));
    }
}

TEST_CASE("the quiz's cases are navigations, and a reload of the same source is no new source") {
    App app;
    open_on_first_patient(app, ViewMode::Grid);
    app.set_source({duck::SourceKind::Demo, "demo", "demo/"});
    const uint64_t src = app.source_generation;
    app.set_source({duck::SourceKind::Demo, "Demo again", "demo/"});
    CHECK(app.source_generation == src);
    const uint64_t v0 = app.view_revision;
    app.share.quiz_options.count = 2;
    duck::start_random_quiz(app);
    REQUIRE(app.share.quiz.active());
    CHECK(app.view_revision > v0);
    const uint64_t v1 = app.view_revision;
    duck::quiz_next(app);  // not revealed yet: stays on the case
    CHECK(app.view_revision == v1);
    app.share.quiz.reveal();
    duck::quiz_next(app);
    CHECK(app.view_revision > v1);
    const uint64_t v2 = app.view_revision;
    duck::end_quiz(app);
    CHECK(app.view_revision > v2);
}

TEST_CASE("open_lesion: any lesion in the viewer, its patient's resets only when the patient changes") {
    for (ViewMode mode : {ViewMode::Grid, ViewMode::Overview, ViewMode::Viewer, ViewMode::Compare}) {
        CAPTURE(static_cast<int>(mode));
        App app;
        open_on_first_patient(app, mode);
        const uint32_t first = app.view.patient;
        // A lesion of another patient (not its first): that patient's state is fresh.
        const uint32_t other = first == 0 ? 1 : 0;
        const uint32_t target = app.dataset.patients[other].lesions.back();
        const uint64_t prev = app.patient_revision, rev = app.view_revision;
        app.open_lesion(target);
        CHECK(app.view.patient == other);
        CHECK(app.view.lesion == target);
        CHECK(app.view.mode == ViewMode::Viewer);
        CHECK(app.patient_revision == prev + 1);
        CHECK(app.view_revision > rev);
        CHECK(app.explorer.grid_sites == 0);
        CHECK(app.explorer.compare_lesion == kNone);
        CHECK(app.explorer.view.fit);
        // Within the same patient: the site filter stays, the viewer is fitted again.
        app.explorer.grid_sites = uint8_t(1u << int(duck::Site::Torso));
        app.explorer.view.fit = false;
        const uint32_t sibling = app.dataset.patients[other].lesions.front();
        app.open_lesion(sibling);
        CHECK(app.view.lesion == sibling);
        CHECK(app.patient_revision == prev + 1);
        CHECK(app.explorer.grid_sites != 0);
        CHECK(app.explorer.view.fit);
        // Out of range: nothing changes.
        const uint64_t now = app.view_revision;
        app.open_lesion(kNone);
        CHECK(app.view_revision == now);
        CHECK(app.view.lesion == sibling);
    }
}
