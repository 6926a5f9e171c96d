// test_app_intents.cpp - navigation intents are complete App methods: the same
// move leaves the same view state whichever control triggered it.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "app/app.h"
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

TEST_CASE("k and Prev are the same intent; stepping past either end changes nothing") {
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

TEST_CASE("a new dataset is a new data generation; navigation is not") {
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
