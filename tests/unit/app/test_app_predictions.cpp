// test_app_predictions.cpp - predictions files in the app: a folder's
// predictions CSV loads beside its metadata (a copy of the metadata does not),
// a file dropped on its own joins the dataset in use, the patient list sorts by
// a model and filters to its disagreements with the ugly-duckling top lesion
// (computed from real scores in the browser test), and
// state().predictions reports matches, ranks and metrics (or "no labels").
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "app/app.h"
#include "app/app_load.h"
#include "app/app_predictions.h"
#include "platform/image_io.h"
#include "platform/platform.h"

namespace fs = std::filesystem;
using namespace duck;

namespace {

constexpr const char* kHeader =
    "image_name,patient_id,sex,age_approx,anatom_site_general_challenge,diagnosis,benign_malignant,target\n";

// Runs requests and parsing until both are done. The last parse slice may queue
// new requests (a folder's predictions files, fetched once its metadata is in).
void settle(App& app) {
    for (int i = 0; i < 10000; ++i) {
        const bool parsing = pump_metadata(app);
        if (!parsing && platform::pending_fetches() == 0) break;
        platform::poll();
    }
    REQUIRE(platform::pending_fetches() == 0);
}

// P1: 4 lesions, melanoma b; P2: 4 benign lesions. oof.csv scores them all plus
// an unknown image and a duplicate row; images.csv is a metadata copy.
struct Folder {
    fs::path root = fs::temp_directory_path() / ("duck_pred_" + std::to_string(getpid()));
    fs::path dir = root / "isic", drop = root / "dropped";
    Folder() {
        fs::remove_all(root);
        fs::create_directories(dir);
        fs::create_directories(drop);
        std::ofstream(dir / "train.csv") << kHeader << "ISIC_a,IP_1,male,50,torso,nevus,benign,0\n"
                                         << "ISIC_b,IP_1,male,50,torso,melanoma,malignant,1\n"
                                         << "ISIC_c,IP_1,male,50,torso,nevus,benign,0\n"
                                         << "ISIC_d,IP_1,male,50,torso,nevus,benign,0\n"
                                         << "ISIC_e,IP_2,female,30,torso,nevus,benign,0\n"
                                         << "ISIC_f,IP_2,female,30,torso,nevus,benign,0\n"
                                         << "ISIC_g,IP_2,female,30,torso,nevus,benign,0\n"
                                         << "ISIC_h,IP_2,female,30,torso,nevus,benign,0\n";
        std::ofstream(dir / "oof.csv") << "image_name,target,pred,fold\nISIC_a,0,0.1,0\nISIC_b,1,0.9,0\n"
                                          "ISIC_c,0,0.3,0\nISIC_d,0,0.2,1\nISIC_e,0,0.05,1\nISIC_f,0,0.5,1\n"
                                          "ISIC_g,0,0.4,1\nISIC_h,0,0.3,1\nISIC_zz,0,0.7,1\nISIC_a,0,0.8,1\n";
        std::ofstream(dir / "images.csv") << "image_name,patient_id,target\nISIC_a,IP_1,0\n";
        std::ofstream(drop / "sub.csv") << "image_name,target\nISIC_a,0.6\nISIC_b,0.2\n";
    }
    ~Folder() { fs::remove_all(root); }
};

App open_folder(platform::ImageIo& io, const fs::path& dir) {
    App app;
    auto listing = platform::scan_folder(io, dir.string());
    REQUIRE(listing.ok());
    load_folder(app, io, listing.value());
    settle(app);
    sync_predictions(app);
    return app;
}

}  // namespace

TEST_CASE("app predictions: a folder's predictions CSV loads beside the metadata, unmatched and duplicates reported") {
    duck::platform::Services services;  // fetches, start-up parameters, the URL (in the app, AppController's)
    duck::platform::ImageIo io;  // the image service's state (in the app, AppController's)
    Folder f;
    App app = open_folder(io, f.dir);
    REQUIRE(app.dataset.lesions.size() == 8);
    REQUIRE(app.predictions.models.size() == 1);  // images.csv is metadata, not a model
    const auto& m = app.predictions.models[0];
    CHECK(m.file.name == "oof.csv");
    CHECK(m.file.column == "pred");
    CHECK(m.match.matched == 8);
    CHECK(m.match.unmatched == 1);
    CHECK(m.match.duplicates == 1);
    CHECK(m.ranks[app.dataset.find_lesion("ISIC_b")] == 1);
    CHECK(m.ranks[app.dataset.find_lesion("ISIC_f")] == 1);
    CHECK(m.ranks[app.dataset.find_lesion("ISIC_e")] == 4);
    CHECK(m.eval.patients == 1);
    CHECK(m.eval.top1.value == doctest::Approx(1.0));
    CHECK(app.dataset.lesions.size() == 8);  // nothing else changed

    const auto j = nlohmann::json::parse(app_state_json(app));
    const auto& pj = j["predictions"]["models"][0];
    CHECK(pj["name"] == "oof.csv");
    CHECK(pj["unmatched"] == 1);
    CHECK(pj["duplicates"] == 1);
    CHECK(pj["metrics"]["top1"]["value"] == 1.0);
    // The current patient (IP_1) tiles with their ranks under the model.
    const auto& tiles = j["predictions"]["tiles"];
    REQUIRE(tiles.size() == 4);
    CHECK(tiles[1]["image_name"] == "ISIC_b");
    CHECK(tiles[1]["ranks"][0] == 1);
}

TEST_CASE("app predictions: the patient list sorts by a model and filters to its disagreements") {
    duck::platform::Services services;  // fetches, start-up parameters, the URL (in the app, AppController's)
    duck::platform::ImageIo io;  // the image service's state (in the app, AppController's)
    Folder f;
    App app = open_folder(io, f.dir);
    auto& ex = app.explorer;
    // No ugly-duckling scores yet (no image was featured): nothing to disagree with.
    CHECK(app.predictions.disagree.at(0) == std::vector<uint8_t>{0, 0});
    // Sorted by the model's top score, highest first: P1 (0.9) before P2 (0.5); ascending flips it.
    ex.sort_model = 0;
    ex.sort.descending = true;
    ex.invalidate();
    ex.refresh(app.dataset, app.data_generation);
    REQUIRE(ex.patients.size() == 2);
    CHECK(app.dataset.patients[ex.patients[0]].id == "IP_1");
    ex.sort.descending = false;
    ex.invalidate();
    ex.refresh(app.dataset, app.data_generation);
    CHECK(app.dataset.patients[ex.patients[0]].id == "IP_2");
    CHECK(ex.prediction_top(0, ex.patients[0]) == doctest::Approx(0.5f));
    // The disagreements filter keeps the patients flagged for the chosen model.
    ex.sort_model = -1;
    ex.set_prediction_columns({{0.9f, 0.5f}}, {{0, 1}});
    ex.disagreement_model = 0;
    ex.refresh(app.dataset, app.data_generation);
    REQUIRE(ex.patients.size() == 1);
    CHECK(app.dataset.patients[ex.patients[0]].id == "IP_2");
    ex.disagreement_model = 1;  // no such model: nobody
    ex.invalidate();
    ex.refresh(app.dataset, app.data_generation);
    CHECK(ex.patients.empty());
    ex.disagreement_model = -1;
    ex.invalidate();
    ex.refresh(app.dataset, app.data_generation);
    CHECK(ex.patients.size() == 2);
}

TEST_CASE("app predictions: a file dropped alone joins the dataset, the column can be re-picked, removal") {
    duck::platform::Services services;  // fetches, start-up parameters, the URL (in the app, AppController's)
    duck::platform::ImageIo io;  // the image service's state (in the app, AppController's)
    Folder f;
    App app = open_folder(io, f.dir);
    auto listing = platform::scan_folder(io, f.drop.string());
    REQUIRE(listing.ok());
    load_folder(app, io, listing.value());
    settle(app);
    REQUIRE(app.dataset.lesions.size() == 8);  // the dataset in use stays
    REQUIRE(app.predictions.models.size() == 2);
    CHECK(app.predictions.models[1].file.name == "sub.csv");
    CHECK(app.predictions.models[1].match.matched == 2);
    CHECK_FALSE(app.opening.active);
    // oof.csv re-read with its label column as the score, then an unknown column (refused, kept as it was).
    REQUIRE(set_prediction_column(app, 0, "target"));
    CHECK(app.predictions.models[0].file.column == "target");
    CHECK_FALSE(set_prediction_column(app, 0, "nope"));
    CHECK(app.predictions.models[0].file.column == "target");
    app.explorer.sort_model = 1;
    remove_predictions(app, 0);
    CHECK(app.predictions.models.size() == 1);
    CHECK(app.explorer.sort_model == 0);  // still the same file
}

TEST_CASE("app predictions: a test submission without labels ranks but says no labels, bad files are problems") {
    App app;
    auto r = load_csv("image_name,patient_id,sex,age_approx,anatom_site_general_challenge\n"
                      "ISIC_t1,IP_9,male,50.0,torso\nISIC_t2,IP_9,male,50.0,torso\n",
                      "test.csv");
    REQUIRE(r.ok);
    app.set_dataset(std::move(r.dataset), {});
    REQUIRE(add_predictions(app, "submission.csv", "image_name,target\nISIC_t1,0.2\nISIC_t2,0.6\n"));
    sync_predictions(app);
    const auto j = nlohmann::json::parse(app_state_json(app));
    CHECK(j["predictions"]["models"][0]["metrics"] == "no labels");
    CHECK(j["predictions"]["models"][0]["labelled"] == false);
    CHECK(app.predictions.models[0].ranks[app.dataset.find_lesion("ISIC_t2")] == 1);
    const size_t problems = app.problems.size();
    CHECK_FALSE(add_predictions(app, "notes.csv", "a,b\n1,2\n"));
    REQUIRE(app.problems.size() == problems + 1);
    CHECK(app.problems.back().kind == "pred_unreadable");
    CHECK(app.predictions.models.size() == 1);
}

TEST_CASE("app predictions: ?pred= files keep the link's order whatever order they arrive in") {
    duck::platform::Services services;  // fetches, start-up parameters, the URL (in the app, AppController's)
    duck::platform::ImageIo io;  // the image service's state (in the app, AppController's)
    Folder f;
    App app = open_folder(io, f.dir);  // oof.csv from the folder: first
    app.predictions.link_urls = {"x/a.csv", "x/b.csv"};
    const std::string csv = "image_name,pred\nISIC_a,0.5\n";
    REQUIRE(add_predictions(app, "b.csv", csv, "x/b.csv"));
    REQUIRE(app.predictions.models[0].file.name == "b.csv");  // before the folder's file
    app.explorer.sort_model = 0;  // b.csv
    REQUIRE(add_predictions(app, "a.csv", csv, "x/a.csv"));
    REQUIRE(app.predictions.models.size() == 3);
    CHECK(app.predictions.models[0].file.name == "a.csv");
    CHECK(app.predictions.models[1].file.name == "b.csv");
    CHECK(app.predictions.models[2].file.name == "oof.csv");
    CHECK(app.explorer.sort_model == 1);  // still b.csv
    remove_predictions(app, 0);
    CHECK(app.predictions.link_urls == std::vector<std::string>{"x/b.csv"});
}
