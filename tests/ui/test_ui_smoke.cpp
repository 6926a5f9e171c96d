// test_ui_smoke.cpp - no-GPU smoke test of the ImGui front end: a real ImGui
// context with a built font atlas but no renderer backend runs frames through
// every panel (grid, viewer, compare, overview, help; dark and light; 1280x720 to
// 4K), drives the keyboard (j/k, arrows, Enter, +, 0, ?) and checks the results
// in the App and in window.duckling.state()'s JSON.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "../unit/test_helpers.h"
#include "app/app.h"
#include "app/app_model.h"
#include "core/demo/slice3d_synthetic.h"
#include "core/model/measure_score.h"
#include "app/app_predictions.h"
#include "core/data/dataset_load.h"
#include "imgui.h"
#include "ui/explorer_widgets.h"
#include "ui/ui.h"
#include "ui_harness.h"

using namespace duck;
using test::Harness;

TEST_CASE("every panel draws in every mode, theme and size") {
    Harness h;
    for (ImVec2 size : {ImVec2(1280, 720), ImVec2(1920, 1080), ImVec2(3840, 2160)}) {
        ImGui::GetIO().DisplaySize = size;
        for (bool dark : {true, false}) {
            h.app.ui.dark_theme = dark;
            ui::apply_theme(dark);
            for (ViewMode m : {ViewMode::Grid, ViewMode::Viewer, ViewMode::Compare, ViewMode::Overview}) {
                h.app.set_mode(m);
                h.frame(3);
                CHECK(ImGui::GetDrawData()->TotalVtxCount > 500);  // something substantial was drawn
            }
        }
    }
    // Tiles and the body map are on screen for the browser tests to click.
    h.app.set_mode(ViewMode::Grid);
    h.frame(2);
    CHECK(h.app.ui_rects.count("tiles/ISIC_0000001"));
    CHECK(h.app.ui_rects.count("view/body_map"));
    CHECK(h.app.ui_rects.count("patients/IP_2"));
    // An empty app (nothing loaded) draws too.
    h.app.set_dataset({}, {});
    h.frame(2);
}

TEST_CASE("theme, tile size and sidebar width are remembered across reloads") {
    {
        Harness h;
        h.frame();
        h.app.ui.dark_theme = false;
        h.app.explorer.tile_size = 222;
        h.app.ui.sidebar_width = 333;
        h.frame();  // saved when changed (mouse up)
    }
    Harness again;  // a new App: like reloading the page
    again.frame();
    CHECK_FALSE(again.app.ui.dark_theme);
    CHECK(again.app.explorer.tile_size == doctest::Approx(222));
    CHECK(again.app.ui.sidebar_width == doctest::Approx(333));
    again.app.ui.dark_theme = true;  // leave dark for the next test
    again.frame();
}

TEST_CASE("keyboard: j/k walk the filtered list, arrows move in the grid, Enter and zoom keys") {
    Harness h;
    h.frame(2);
    REQUIRE(h.app.view.patient == 0);
    h.key(ImGuiKey_J);
    CHECK(h.app.view.patient == 1);
    h.key(ImGuiKey_PageDown);
    CHECK(h.app.view.patient == 2);
    h.key(ImGuiKey_K);
    CHECK(h.app.view.patient == 1);
    // Filter to women: j walks IP_2 -> IP_4, skipping IP_3.
    h.app.explorer.filter.sex = SexFilter::Female;
    h.app.explorer.invalidate();
    h.frame();
    h.key(ImGuiKey_J);
    CHECK(h.app.dataset.patients[h.app.view.patient].id == "IP_4");
    CHECK(h.state()["view"]["patient_index"] == 1);

    // Arrows in the grid (IP_4 has 4 lesions, first selected).
    REQUIRE(h.app.view.lesion == 6);
    h.key(ImGuiKey_RightArrow);
    CHECK(h.app.view.lesion == 7);
    h.key(ImGuiKey_End);
    CHECK(h.app.view.lesion == 9);
    h.key(ImGuiKey_Home);
    CHECK(h.app.view.lesion == 6);

    // Enter opens the viewer; + zooms, 0 fits, arrows pan when zoomed.
    h.key(ImGuiKey_Enter);
    CHECK(h.app.view.mode == ViewMode::Viewer);
    h.frame(2);
    CHECK(h.app.explorer.view.fit);
    h.key(ImGuiKey_Equal, true);
    CHECK_FALSE(h.app.explorer.view.fit);
    auto s = h.state();
    CHECK(s["view"]["mode"] == "viewer");
    CHECK(s["view"]["lesion"] == "ISIC_0000030");
    CHECK(s["view"]["zoom"]["relative"].get<float>() == doctest::Approx(1.25));
    h.key(ImGuiKey_Equal, true);
    const float cx = h.app.explorer.view.cx;
    h.key(ImGuiKey_RightArrow);
    CHECK(h.app.explorer.view.cx > cx);
    h.key(ImGuiKey_0);
    CHECK(h.app.explorer.view.fit);
    // c compares with the next lesion; Esc returns to the grid.
    h.key(ImGuiKey_C);
    CHECK(h.app.view.mode == ViewMode::Compare);
    h.frame(2);
    CHECK(h.state()["view"]["compare_lesion"] == "ISIC_0000031");
    h.key(ImGuiKey_Escape);
    CHECK(h.app.view.mode == ViewMode::Grid);

    // ? opens the help overlay listing every shortcut; Esc closes it.
    h.key(ImGuiKey_Slash, true);
    CHECK(h.app.ui.help_open);
    CHECK(h.app.ui_rects.count("help/window"));
    h.key(ImGuiKey_Escape);
    h.frame(2);
    CHECK_FALSE(h.app.ui.help_open);
    // t toggles the theme, l the labels, o the overview.
    h.key(ImGuiKey_T);
    CHECK_FALSE(h.app.ui.dark_theme);
    h.key(ImGuiKey_L);
    CHECK(h.app.explorer.labels_hidden);
    h.key(ImGuiKey_O);
    CHECK(h.app.view.mode == ViewMode::Overview);
}

TEST_CASE("s copies the view's link and m toggles the lesion outline, each key one action") {
    Harness h;
    h.app.select_lesion(0);
    h.app.set_mode(ViewMode::Viewer);
    h.frame(2);
    const bool outline = h.app.explorer.show_outline;
    REQUIRE(h.app.share.last_link.empty());
    h.key(ImGuiKey_S);
    CHECK_FALSE(h.app.share.last_link.empty());
    CHECK(h.app.explorer.show_outline == outline);
    h.app.share.last_link.clear();
    h.key(ImGuiKey_M);
    CHECK(h.app.explorer.show_outline != outline);
    CHECK(h.app.share.last_link.empty());
}

TEST_CASE("state() lists the current patient's tiles with their statuses") {
    Harness h;
    h.app.select_patient(3);  // IP_4
    h.frame(2);
    const auto tiles = h.state()["view"]["tiles"];
    REQUIRE(tiles.size() == 4);
    CHECK(tiles[0]["image_name"] == "ISIC_0000030");
    CHECK(tiles[0]["status"] == "pending");  // from App::image_status
    CHECK(tiles[2]["status"] == "missing");
    // A body-map click filter narrows the tiles.
    h.app.explorer.grid_sites = 1u << static_cast<int>(Site::Torso);
    CHECK(h.state()["view"]["tiles"].size() == 2);
    CHECK(ui::shortcuts().size() >= 15);
}

TEST_CASE("'/' focuses the patient search and typed text filters the list") {
    Harness h;
    h.frame(2);
    const size_t all = h.app.explorer.patients.size();
    REQUIRE(all > 1);
    h.key(ImGuiKey_Slash);
    h.frame(2);
    CHECK(ImGui::GetIO().WantTextInput);  // the search field is active
    ImGui::GetIO().AddInputCharactersUTF8(h.app.dataset.patients[1].id.c_str());
    h.frame(3);
    CHECK(h.app.explorer.filter.search == h.app.dataset.patients[1].id);
    CHECK(h.app.explorer.patients.size() == 1);
    CHECK(h.state()["view"]["filters"]["search"] == h.app.dataset.patients[1].id);
    CHECK(std::string(h.app.ui.search_text.data()) == h.app.dataset.patients[1].id);  // the App's box, not a global
}

TEST_CASE("a new App's search box starts empty, whatever another App's box held") {
    {
        Harness h;
        h.app.explorer.filter.search = "IP_SOMEONE";
        h.frame();
        CHECK(std::string(h.app.ui.search_text.data()) == "IP_SOMEONE");
    }
    Harness again;
    again.frame();
    CHECK(std::string(again.app.ui.search_text.data()).empty());
    CHECK(again.app.explorer.patients.size() == again.app.dataset.patients.size());
}

TEST_CASE("classifier predictions draw on the tiles, in the viewer, the patient list and the overview") {
    Harness h;
    h.app.dataset.reindex();  // the fixture builds rows by hand: the image-name lookup first
    REQUIRE(add_predictions(h.app, "oof.csv",
                            "image_name,target,pred\nISIC_0000001,0,0.2\nISIC_0000002,1,0.9\nISIC_0000003,0,0.5\nISIC_9,0,0.1\n"));
    REQUIRE(add_predictions(h.app, "sub.csv", "image_name,target\nISIC_0000001,0.7\n"));
    for (ViewMode m : {ViewMode::Grid, ViewMode::Viewer, ViewMode::Compare, ViewMode::Overview}) {
        h.app.set_mode(m);
        h.frame(3);
        CHECK(ImGui::GetDrawData()->TotalVtxCount > 500);
    }
    h.app.set_mode(ViewMode::Grid);
    h.frame(2);
    CHECK(h.app.ui_rects.count("patients/disagreements"));
    CHECK(h.app.ui_rects.count("view/model_scores"));
    const auto j = h.state();
    REQUIRE(j["predictions"]["models"].size() == 2);
    CHECK(j["predictions"]["models"][0]["unmatched"] == 1);
    CHECK(j["predictions"]["tiles"][1]["ranks"][0] == 1);  // ISIC_0000002 tops oof.csv in IP_1
    // Sorted by the "Model" column, the list still holds every patient; the toggle hides the badges.
    h.app.explorer.sort_model = 0;
    h.app.explorer.sort.descending = true;
    h.app.explorer.invalidate();
    h.app.predictions.show_on_tiles = false;
    h.frame(2);
    CHECK(h.app.explorer.patients.size() == h.app.dataset.patients.size());
    CHECK(h.app.dataset.patients[h.app.explorer.patients[0]].id == "IP_1");  // the only scored patient
    remove_predictions(h.app, 0);
    remove_predictions(h.app, 0);
    h.frame(2);
    CHECK(h.state()["predictions"]["models"].empty());
}

TEST_CASE("body map: an ISIC Archive patient's torso sides sit on the front, back and side, a click filters") {
    Harness h;
    // ISIC Archive metadata (constructed rows): one lesion on each side of the torso, one on the head.
    LoadResult r = load_csv(
        "isic_id,patient_id,anatom_site_general,benign_malignant,diagnosis_1,attribution,copyright_license\n"
        "ISIC_9100001,IP_91,anterior torso,benign,Benign,Constructed,CC-BY\n"
        "ISIC_9100002,IP_91,posterior torso,malignant,Malignant,Constructed,CC-BY\n"
        "ISIC_9100003,IP_91,posterior torso,benign,Benign,Constructed,CC-BY\n"
        "ISIC_9100004,IP_91,lateral torso,indeterminate,Indeterminate,Constructed,CC-BY\n"
        "ISIC_9100005,IP_91,head/neck,benign,Benign,Constructed,CC-BY\n",
        "archive.csv");
    REQUIRE(r.problems.empty());
    h.app.set_dataset(std::move(r.dataset), {});
    h.app.image_status.assign(h.app.dataset.lesions.size(), ImageStatus::Pending);
    h.app.select_patient(h.app.dataset.find_patient("IP_91"));
    h.app.set_mode(ViewMode::Grid);
    h.frame(3);
    auto rect = [&](const std::string& name) {
        REQUIRE_MESSAGE(h.app.ui_rects.count(name), name);
        return h.app.ui_rects.at(name);
    };
    auto centre_in = [](const std::array<float, 4>& area, const std::array<float, 4>& box) {
        const float x = area[0] + area[2] / 2, y = area[1] + area[3] / 2;
        return x >= box[0] && x <= box[0] + box[2] && y >= box[1] && y <= box[1] + box[3];
    };
    const auto front = rect("view/body_map/front"), back = rect("view/body_map/back"), side = rect("view/body_map/side");
    CHECK(front[0] + front[2] <= back[0]);  // front, back, side from left to right
    CHECK(back[0] + back[2] <= side[0]);
    CHECK(centre_in(rect("view/body_map/area/anterior_torso"), front));
    CHECK(centre_in(rect("view/body_map/area/posterior_torso"), back));
    CHECK(centre_in(rect("view/body_map/area/lateral_torso"), side));
    CHECK(centre_in(rect("view/body_map/area/head_neck"), front));
    // A click on the back's torso shows the patient's four torso lesions only.
    h.click(rect("view/body_map/area/posterior_torso"));
    CHECK(h.app.explorer.grid_sites == 1u << static_cast<int>(Site::Torso));
    CHECK(h.state()["view"]["tiles"].size() == 4);
    // Dark and light: the figure is drawn as triangles (many more vertices than a few boxes).
    for (bool dark : {true, false}) {
        h.app.ui.dark_theme = dark;
        ui::apply_theme(dark);
        h.frame(2);
        CHECK(ImGui::GetDrawData()->TotalVtxCount > 3000);
    }
}

TEST_CASE("a click on a patient row and j leave the same revisions and view") {
    struct After {
        uint64_t patient_revision, view_revision;
        std::string view;
    };
    const auto run = [](bool click) {
        Harness h;
        h.frame(2);
        REQUIRE(h.app.view.patient == 0);
        h.app.set_mode(ViewMode::Viewer);  // something the move resets: back to the patient's first lesion
        h.app.step_lesion(1);
        h.frame(2);
        if (click) {
            REQUIRE(h.app.ui_rects.count("patients/IP_2"));
            h.click(h.app.ui_rects.at("patients/IP_2"));
        } else {
            h.key(ImGuiKey_J);
        }
        h.frame(2);
        CHECK(h.app.dataset.patients[h.app.view.patient].id == "IP_2");
        return After{h.app.patient_revision, h.app.view_revision, h.state()["view"].dump()};
    };
    const After by_key = run(false), by_click = run(true);
    CHECK(by_key.patient_revision == by_click.patient_revision);
    CHECK(by_key.view_revision == by_click.view_revision);
    CHECK(by_key.view == by_click.view);
}

TEST_CASE("ISIC 2024: the real rows' points sit on their views, measurements in the viewer, scored without images") {
    Harness h;
    LoadResult r = load_csv(test::read_file(test::shared_path("data/isic2024/test-metadata.csv")), "test-metadata.csv");
    REQUIRE(r.ok);
    h.app.set_dataset(std::move(r.dataset), {});
    h.app.image_status.assign(h.app.dataset.lesions.size(), ImageStatus::Pending);
    h.app.select_patient(h.app.dataset.find_patient("IP_1664139"));  // ISIC_0015729, Left Leg - Upper
    h.app.set_mode(ViewMode::Grid);
    h.frame(3);
    auto rect = [&](const std::string& name) {
        REQUIRE_MESSAGE(h.app.ui_rects.count(name), name);
        return h.app.ui_rects.at(name);
    };
    const auto front = rect("view/body_map/front"), point = rect("view/body_map/point/ISIC_0015729");
    const float px = point[0] + point[2] / 2, py = point[1] + point[3] / 2;
    CHECK(px > front[0] + front[2] / 2);  // the patient's left, seen from the front
    CHECK(px < front[0] + front[2]);
    CHECK(py > front[1] + front[3] / 2);  // a leg: the lower half
    rect("view/body_map/frame_note");     // the frame is said to be the imaging system's own
    h.app.select_lesion(h.app.dataset.find_lesion("ISIC_0015729"));
    h.app.set_mode(ViewMode::Viewer);
    h.frame(3);
    rect("viewer/measurements");

    // SYNTHETIC rows (core/demo/slice3d_synthetic.h), images missing: a 200-lesion
    // patient is scored from its measurements and the planted lesion stands out.
    Slice3dSynthetic spec;
    spec.patients = 1;
    spec.lesions_per_patient = 200;
    LoadResult s = load_csv(slice3d_synthetic_csv(spec), "synthetic.csv");
    REQUIRE(s.ok);
    h.app.set_dataset(std::move(s.dataset), {});
    h.app.image_status.assign(h.app.dataset.lesions.size(), ImageStatus::Missing);
    h.app.set_mode(ViewMode::Grid);
    while (model_tick(h.app, nullptr, 50.0)) {}  // a loaded machine may take more than one tick
    h.frame(3);
    const uint32_t planted = h.app.dataset.patients[0].lesions[0];
    CHECK(h.app.model.scored_by_measurements(planted));
    CHECK(h.app.model.scores()[planted].rank == 1);
    REQUIRE_FALSE(model_explanation(h.app, planted).empty());
    CHECK(model_explanation(h.app, planted)[0] == kMeasureSource);
    int points = 0;
    for (const auto& [name, box] : h.app.ui_rects) points += name.rfind("view/body_map/point/", 0) == 0;
    CHECK(points == 200);
}
