// test_app_state.cpp - App intents, redraw requests, state() JSON and the
// start-up loading path (native platform services: files instead of URLs).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "app/app.h"
#include "app/app_load.h"
#include "platform/platform.h"
#include "test_helpers.h"

using nlohmann::json;

namespace {
duck::Dataset two_patients() {
    duck::Dataset ds;
    for (auto [img, pat] : {std::pair{"ISIC_1", "IP_A"}, {"ISIC_2", "IP_A"}, {"ISIC_3", "IP_B"}}) {
        duck::Lesion l;
        l.image_name = img;
        l.patient_id = pat;
        ds.lesions.push_back(l);
    }
    // Built by hand so the test does not depend on Dataset::reindex() (dataset core).
    ds.patients = {{"IP_A", {0, 1}}, {"IP_B", {2}}};
    ds.lesions[0].patient = ds.lesions[1].patient = 0;
    ds.lesions[2].patient = 1;
    return ds;
}
}  // namespace

TEST_CASE("state() of an empty app has the documented shape") {
    duck::App app;
    const json j = json::parse(duck::app_state_json(app), nullptr, false);
    REQUIRE(j.is_object());
    CHECK(j["ready"] == false);
    CHECK(j["version"].is_string());
    CHECK(j["dataset"]["source"] == "none");
    CHECK(j["dataset"]["patients"] == 0);
    CHECK(j["dataset"]["lesions"] == 0);
    CHECK(j["dataset"]["problems"].is_array());
    CHECK(j["view"]["patient"].is_null());
    CHECK(j["view"]["lesion"].is_null());
    CHECK(j["view"]["mode"] == "grid");
}

TEST_CASE("selecting a patient selects its first lesion, a lesion selects its patient") {
    duck::App app;
    app.set_dataset(two_patients(), {});
    CHECK(app.view.patient == 0);
    CHECK(app.view.lesion == 0);
    app.select_patient(1);
    CHECK(app.view.lesion == 2);
    app.select_lesion(1);
    CHECK(app.view.patient == 0);
    app.set_mode(duck::ViewMode::Compare);
    const json j = json::parse(duck::app_state_json(app), nullptr, false);
    CHECK(j["view"]["patient"] == "IP_A");
    CHECK(j["view"]["lesion"] == "ISIC_2");
    CHECK(j["view"]["mode"] == "compare");
    CHECK(j["dataset"]["patients"] == 2);
    CHECK(j["dataset"]["lesions"] == 3);
    app.select_patient(99);  // out of range clears the selection instead of crashing
    CHECK(app.view.patient == duck::kNone);
    CHECK(app.view.lesion == duck::kNone);
}

TEST_CASE("redraw requests are counted down by take_redraw") {
    duck::App app;
    while (app.take_redraw()) {
    }
    CHECK_FALSE(app.take_redraw());
    app.request_redraw(2);
    CHECK(app.take_redraw());
    CHECK(app.take_redraw());
    CHECK_FALSE(app.take_redraw());
}

TEST_CASE("problems and invalid UTF-8 survive the JSON export") {
    duck::App app;
    app.add_problem({duck::Severity::Warning, "bad_age", "train.csv:7", "age \xff is not a number"});
    const json j = json::parse(duck::app_state_json(app), nullptr, false);
    REQUIRE(j.is_object());
    REQUIRE(j["dataset"]["problems"].size() == 1);
    CHECK(j["dataset"]["problems"][0]["kind"] == "bad_age");
    CHECK(j["dataset"]["problems"][0]["where"] == "train.csv:7");
    CHECK(j["dataset"]["problems"][0]["severity"] == "warning");
}

TEST_CASE("loading a missing folder reports a fetch problem and settles") {
    duck::platform::Services services;  // fetches, start-up parameters, the URL (in the app, AppController's)
    duck::platform::ImageIo io;  // the image service's state (in the app, AppController's)
    duck::App app;
    duck::platform::set_startup_param("data", "/nonexistent/duckling-test-folder");
    duck::start_initial_load(app, io, /*web=*/false);
    CHECK(app.source.kind == duck::SourceKind::Folder);
    CHECK(app.load.pending == 1);
    duck::settle_loading(app);
    CHECK(app.load.pending == 0);
    REQUIRE(app.problems.size() == 1);
    CHECK(app.problems[0].kind == "fetch_failed");
    CHECK(app.problems[0].where == "/nonexistent/duckling-test-folder/train.csv");
    CHECK(app.problems[0].message.find("cannot open") != std::string::npos);
    duck::platform::set_startup_param("data", "");
}

TEST_CASE("join_path puts exactly one slash between base and name") {
    CHECK(duck::join_path("demo/", "train.csv") == "demo/train.csv");
    CHECK(duck::join_path("https://h/x", "train.csv") == "https://h/x/train.csv");
    CHECK(duck::join_path("", "train.csv") == "train.csv");
}

TEST_CASE("loading the real ISIC folder fills the dataset and selects the first patient") {
    duck::platform::Services services;  // fetches, start-up parameters, the URL (in the app, AppController's)
    duck::platform::ImageIo io;  // the image service's state (in the app, AppController's)
    duck::App app;
    duck::platform::set_startup_param("data", duck::test::shared_path("data/isic2020"));
    duck::start_initial_load(app, io, /*web=*/false);
    duck::settle_loading(app);
    duck::platform::set_startup_param("data", "");
    CHECK(app.load.pending == 0);
    CHECK(app.dataset.lesions.size() == 33126);
    CHECK(app.dataset.patients.size() == 2056);
    CHECK(app.view.patient == 0);
    const json j = json::parse(duck::app_state_json(app), nullptr, false);
    CHECK(j["dataset"]["source"] == "folder");
    CHECK(j["view"]["patient"].is_string());
    CHECK(j["view"]["lesion"].is_string());
}

TEST_CASE("a big CSV is parsed a slice per frame, a newer load supersedes it") {
    duck::platform::Services services;  // fetches, start-up parameters, the URL (in the app, AppController's)
    duck::platform::ImageIo io;  // the image service's state (in the app, AppController's)
    namespace fs = std::filesystem;
    const fs::path dir = fs::path(DUCK_BINARY_DIR) / "test_big_csv_folder";
    fs::remove_all(dir);
    fs::create_directories(dir);
    {
        std::ofstream csv(dir / "train.csv");
        csv << "image_name,patient_id,sex,age_approx,anatom_site_general_challenge,diagnosis,benign_malignant,target\n";
        for (int i = 0; i < 200000; ++i)
            csv << "ISIC_" << 1000000 + i << ",IP_" << 1000000 + i / 16 << ",male,50.0,torso,nevus,benign,0\n";
        csv << "ISIC_BAD,IP_1000000,male,fifty,torso,nevus,benign,0\n";
    }
    duck::App app;
    auto listing = duck::platform::scan_folder(io, dir.string());
    REQUIRE(listing.ok());
    duck::load_folder(app, io, listing.value());
    while (duck::platform::pending_fetches() > 0) duck::platform::poll();  // the file is read
    // 200,000 rows cannot be parsed in one ~20 ms slice: the opening is still in
    // progress, it shows how far the CSV got, and the dataset is not replaced yet.
    CHECK(duck::pump_metadata(app));
    CHECK(app.opening.active);
    CHECK(app.opening.stage == "reading");
    CHECK(app.opening.csv_done == 0);
    CHECK(app.opening.csv_part > 0.0);
    CHECK(app.opening.csv_part < 1.0);
    CHECK(app.opening.csv_part_rows > 0);
    CHECK(app.opening.csv_part_rows < 200001);
    CHECK(app.dataset.lesions.empty());
    CHECK(app.redraw_frames > 0);  // the loop keeps turning
    int slices = 1;
    while (duck::pump_metadata(app)) ++slices;
    CHECK(slices >= 2);
    CHECK_FALSE(app.opening.active);
    CHECK(app.opening.csv_done == 1);
    CHECK(app.opening.csv_rows == 200001);
    CHECK(app.opening.csv_part_rows == 0);
    CHECK(app.load.stage.empty());
    CHECK(app.dataset.lesions.size() == 200001);  // a bad age keeps its row
    CHECK(app.dataset.patients.size() == 12500);
    REQUIRE(app.problems.size() == 1);
    CHECK(app.problems[0].kind == "bad_age");
    CHECK(app.problems[0].where == "test_big_csv_folder/train.csv:200002");

    // Cancelled halfway through the parse: the dataset just loaded stays.
    const size_t problems_before = app.problems.size();
    duck::load_folder(app, io, listing.value());
    while (duck::platform::pending_fetches() > 0) duck::platform::poll();
    CHECK(duck::pump_metadata(app));
    CHECK(app.opening.csv_part > 0.0);
    app.opening.cancel_requested = true;
    duck::poll_opened_folder(app, io);
    CHECK(app.opening.cancelled);
    CHECK_FALSE(duck::pump_metadata(app));  // the superseded parse is dropped, not finished
    CHECK(app.dataset.lesions.size() == 200001);
    CHECK(app.problems.size() == problems_before);
    CHECK(app.source.label == "test_big_csv_folder");

    // A second load started while the first is still parsing wins; the first one's
    // rows never appear.
    duck::load_folder(app, io, listing.value());
    while (duck::platform::pending_fetches() > 0) duck::platform::poll();
    CHECK(duck::pump_metadata(app));
    duck::platform::set_startup_param("data", duck::test::shared_path("data/isic2020"));
    duck::start_initial_load(app, io, /*web=*/false);
    duck::platform::set_startup_param("data", "");
    duck::settle_loading(app);
    CHECK(app.load.pending == 0);
    CHECK(app.dataset.lesions.size() == 33126);
    CHECK_FALSE(duck::pump_metadata(app));

    // The page lists paths with the folder's name in front (webkitRelativePath):
    // problems name "folder/train.csv:line" all the same, not "folder/folder/...".
    duck::platform::FolderListing page_like = listing.value();
    page_like.base = dir.parent_path().string();
    page_like.csv_paths = {"test_big_csv_folder/train.csv"};
    duck::load_folder(app, io, page_like);
    duck::settle_loading(app);
    REQUIRE(app.problems.size() == 1);
    CHECK(app.problems[0].where == "test_big_csv_folder/train.csv:200002");
    fs::remove_all(dir);
}

TEST_CASE("state().memory reports the heap and the shell's texture counters") {
    duck::App app;
    app.texture_count = 7;
    app.texture_bytes = 7 * 256 * 256 * 4;
    const json j = json::parse(duck::app_state_json(app), nullptr, false);
    REQUIRE(j.contains("memory"));
    CHECK(j["memory"]["heap_bytes"].get<uint64_t>() > 1024 * 1024);  // natively the resident set
    CHECK(j["memory"]["textures"] == 7);
    CHECK(j["memory"]["texture_bytes"] == 7 * 256 * 256 * 4);
}
