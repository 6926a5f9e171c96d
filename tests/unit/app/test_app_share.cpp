// test_app_share.cpp - deep links and the quiz inside the App (native services: the
// URL lives in memory): a link applied to a loaded dataset selects what it names,
// unknown ids fall back with a message, the URL follows selections, the quiz runs
// three cases through the App's intents, and exports write files.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "app/app.h"
#include "app/app_share.h"
#include "core/data/dataset_load.h"
#include "platform/platform.h"
#include "test_helpers.h"

using namespace duck;

namespace {

// Four patients with 3 lesions each; the 2nd lesion of IP_M1/IP_M2/IP_M3 is a melanoma.
App loaded_app() {
    std::string csv = "image_name,patient_id,sex,age_approx,anatom_site_general_challenge,diagnosis,benign_malignant,target\n";
    for (int p = 0; p < 4; ++p)
        for (int l = 0; l < 3; ++l) {
            const bool mal = p > 0 && l == 1;
            csv += "ISIC_" + std::to_string(p * 10 + l) + (p ? ",IP_M" + std::to_string(p) : ",IP_N0") +
                   ",female,45,torso," + (mal ? "melanoma,malignant,1\n" : "nevus,benign,0\n");
        }
    LoadResult r = load_csv(csv, "t.csv");
    REQUIRE(r.ok);
    App app;
    app.source = {SourceKind::Demo, "demo", "demo/"};
    app.set_dataset(std::move(r.dataset), {});
    app.explorer.refresh(app.dataset, app.data_generation);
    return app;
}

ViewState link(const char* hash) {
    auto s = decode_hash(hash);
    REQUIRE(s.ok());
    return s.value();
}

}  // namespace

TEST_CASE("a link selects patient, lesion, mode, filters and sort") {
    App app = loaded_app();
    apply_view_state(app, link("#patient=IP_M2&lesion=ISIC_21&mode=viewer&sort=-age&sex=female&labels=hidden"));
    CHECK(app.dataset.patients[app.view.patient].id == "IP_M2");
    CHECK(app.dataset.lesions[app.view.lesion].image_name == "ISIC_21");
    CHECK(app.view.mode == ViewMode::Viewer);
    CHECK(app.explorer.sort.column == PatientColumn::Age);
    CHECK(app.explorer.sort.descending);
    CHECK(app.explorer.filter.sex == SexFilter::Female);
    CHECK(app.explorer.labels_hidden);
    CHECK(app.share.messages.empty());
    CHECK(encode_hash(capture_view_state(app)) ==
          "#patient=IP_M2&lesion=ISIC_21&mode=viewer&sort=-age&sex=female&labels=hidden");
}

TEST_CASE("unknown patient: message and the patient list") {
    App app = loaded_app();
    apply_view_state(app, link("#patient=IP_ZZ&mode=viewer"));
    CHECK(app.view.patient == kNone);
    CHECK(app.view.mode == ViewMode::Grid);
    REQUIRE(app.share.messages.size() == 1);
    CHECK(app.share.messages[0].find("IP_ZZ") != std::string::npos);
}

TEST_CASE("the URL follows the view: push for patients, nothing before the dataset") {
    duck::platform::Services services;  // fetches, start-up parameters, the URL (in the app, AppController's)
    App app = loaded_app();
    platform::set_url_hash("");
    share_tick(app, 0.0);
    CHECK(app.share.url_live);
    CHECK(platform::get_url_hash() == "#patient=IP_N0&lesion=ISIC_0");
    app.select_patient(app.dataset.find_patient("IP_M3"));
    share_tick(app, 0.1);
    CHECK(platform::get_url_hash() == "#patient=IP_M3&lesion=ISIC_30");
    copy_link(app, 0.2);
    CHECK(app.share.last_link == "duckling:#patient=IP_M3&lesion=ISIC_30");
}

TEST_CASE("a quiz of three cases through the App, then its CSV") {
    App app = loaded_app();
    app.share.quiz_link_cases = {"IP_M1", "IP_N0", "IP_M3"};
    start_link_quiz(app);
    REQUIRE(app.share.quiz.active());
    CHECK(app.view.mode == ViewMode::Quiz);
    CHECK(app.explorer.labels_hidden);
    CHECK(encode_hash(capture_view_state(app)).find("quiz=IP_M1,IP_N0,IP_M3") != std::string::npos);
    const char* picks[] = {"ISIC_11", nullptr, "ISIC_30"};
    for (const char* pick : picks) {
        CHECK(app.dataset.patients[app.view.patient].id == app.dataset.patients[app.share.quiz.current_patient()].id);
        if (pick) CHECK(app.share.quiz.toggle_pick(app.dataset.find_lesion(pick)));
        app.share.quiz.reveal();
        quiz_next(app);
    }
    REQUIRE(app.share.quiz.finished());
    const QuizSummary s = app.share.quiz.summary();
    CHECK(s.cases == 3);
    CHECK(s.correct == 2);  // hit on IP_M1, "none" right on IP_N0, miss on IP_M3
    CHECK(s.hits == 1);

    const auto dir = std::filesystem::temp_directory_path() / "duckling_share_test";
    std::filesystem::create_directories(dir);
    setenv("DUCK_EXPORT_DIR", dir.c_str(), 1);
    REQUIRE(export_quiz_csv(app));
    const std::string csv = test::read_file((dir / "duckling-quiz-results.csv").string());
    CHECK(csv.find("1,IP_M1,melanoma,3,ISIC_11,ISIC_11,1,1,1") != std::string::npos);
    CHECK(csv.find("2,IP_N0,none,3,,,1,0") != std::string::npos);
    REQUIRE(export_scores_csv(app));
    CHECK(app.share.last_export.rows == 12);
    end_quiz(app);
    CHECK_FALSE(app.explorer.labels_hidden);

    const auto j = nlohmann::json::parse(app_state_json(app), nullptr, false);
    CHECK(j["quiz"]["active"] == false);
    CHECK(j["exports"]["last"]["name"] == "duckling-scores.csv");
    CHECK(j["share"]["messages"].is_array());
}

TEST_CASE("the intents decide history: navigations push, a filter or zoom replaces once still") {
    duck::platform::Services services;  // fetches, start-up parameters, the URL (in the app, AppController's)
    App app = loaded_app();
    platform::set_url_hash("");
    share_tick(app, 0.0);
    REQUIRE(app.share.url_live);
    const size_t start = platform::history_length();
    const uint32_t first = app.view.patient;
    app.step_patient(-1);  // k (IP_N0 is last in the list by id): a new patient
    REQUIRE(app.view.patient != first);
    share_tick(app, 0.1);
    CHECK(platform::history_length() == start + 1);
    app.set_mode(ViewMode::Viewer);
    share_tick(app, 0.2);
    CHECK(platform::history_length() == start + 2);
    const std::string viewer = platform::get_url_hash();
    CHECK(viewer.find("mode=viewer") != std::string::npos);
    // The body-map filter is no navigation: written in place once the view is still.
    app.explorer.grid_sites = uint8_t(1u << int(Site::Torso));
    share_tick(app, 0.3);
    CHECK(platform::get_url_hash() == viewer);
    share_tick(app, 1.0);
    CHECK(platform::get_url_hash() != viewer);
    CHECK(platform::history_length() == start + 2);
    // A link applied (as back/forward does) is written in place, then a step pushes.
    apply_view_state(app, link("#patient=IP_M3"));
    share_tick(app, 2.0);
    const size_t after_link = platform::history_length();
    app.step_lesion(1);
    share_tick(app, 2.1);
    CHECK(platform::history_length() == after_link + 1);
    // An intent that changes nothing writes nothing.
    app.open_patient(app.view.patient);
    share_tick(app, 2.2);
    CHECK(platform::history_length() == after_link + 1);
}
