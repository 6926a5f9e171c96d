// test_folder_open.cpp - opening a folder (app/app_open.cpp): progress counts
// (files seen, CSVs and rows read), Cancel while listing or reading leaves the
// current dataset, its source and its images in use, and a folder without
// metadata changes nothing. Two temp folders with hand-written CSVs; the images
// are symlinks to the real ISIC samples in ../shared (never copied).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <unistd.h>

#include "app/app.h"
#include "app/app_load.h"
#include "app/image_loader.h"
#include "platform/image_io.h"
#include "platform/platform.h"
#include "test_helpers.h"

namespace fs = std::filesystem;

namespace {

constexpr const char* kHeader =
    "image_name,patient_id,sex,age_approx,anatom_site_general_challenge,diagnosis,benign_malignant,target\n";

struct NullSink : duck::TextureSink {
    std::map<std::string, int> live;
    void upload(duck::ImageRGBA, const std::string& key) override { ++live[key]; }
    void release(const std::string& key) override { live.erase(key); }
};

// The CSV reads answer and their rows are parsed (a slice per call, as per frame).
void settle_fetches(duck::App& app) {
    for (int i = 0; i < 10000 && (duck::platform::pending_fetches() > 0 || duck::pump_metadata(app)); ++i) duck::platform::poll();
    REQUIRE(duck::platform::pending_fetches() == 0);
    REQUIRE_FALSE(duck::pump_metadata(app));
}

// A: one patient with a real image. B: three other rows in train.csv + a ground truth, no images.
struct Folders {
    fs::path root = fs::temp_directory_path() / ("duck_open_" + std::to_string(getpid()));
    fs::path a = root / "folder_a", b = root / "folder_b", empty = root / "no_csv";
    Folders() {
        fs::remove_all(root);
        fs::create_directories(a / "jpeg");
        fs::create_directories(b / "sub");
        fs::create_directories(empty);
        fs::create_symlink(duck::test::shared_path("data/isic2020/images/ISIC_0015719.jpg"), a / "jpeg" / "ISIC_0015719.jpg");
        std::ofstream(a / "train.csv") << kHeader << "ISIC_0015719,IP_A,female,45,torso,unknown,benign,0\n";
        std::ofstream(b / "train.csv") << kHeader << "ISIC_1000001,IP_B1,male,50,torso,unknown,benign,0\n"
                                       << "ISIC_1000002,IP_B1,male,50,torso,unknown,benign,0\n"
                                       << "ISIC_1000003,IP_B2,female,30,head/neck,unknown,benign,0\n";
        std::ofstream(b / "sub" / "ISIC_2020_Training_GroundTruth.csv")
            << "image_name,patient_id,sex,age_approx,anatom_site_general_challenge,diagnosis,benign_malignant,target\n"
               "ISIC_1000001,IP_B1,male,50,torso,unknown,benign,0\n"
               "ISIC_1000002,IP_B1,male,50,torso,unknown,benign,0\n";
        std::ofstream(empty / "notes.txt") << "no metadata here\n";
    }
    ~Folders() { fs::remove_all(root); }
};

duck::platform::FolderListing scan(duck::platform::ImageIo& io, const fs::path& dir) {
    auto listing = duck::platform::scan_folder(io, dir.string());
    REQUIRE(listing.ok());
    return listing.value();
}

nlohmann::json state(const duck::App& app) { return nlohmann::json::parse(duck::app_state_json(app)); }

// The folders, with A opened and loaded: the dataset every test must keep.
struct OpenedA : Folders {
    duck::App app;
    explicit OpenedA(duck::platform::ImageIo& io) {
        duck::load_folder(app, io, scan(io, a));
        settle_fetches(app);
    }
};

}  // namespace

TEST_CASE("opening a folder: cancelled while reading its CSVs, the current dataset and its images stay") {
    duck::platform::Services services;  // fetches, start-up parameters, the URL (in the app, AppController's)
    duck::platform::ImageIo io;  // the image service's state (in the app, AppController's)
    OpenedA f(io);
    duck::App& app = f.app;
    REQUIRE(app.dataset.lesions.size() == 1);
    REQUIRE(app.source.label == "folder_a");
    CHECK_FALSE(app.opening.active);

    // B is being read: progress shows, nothing of the current dataset changes yet.
    duck::load_folder(app, io, scan(io, f.b));
    CHECK(app.opening.active);
    CHECK(app.opening.stage == "reading");
    CHECK(app.opening.label == "folder_b");
    CHECK(app.opening.files == 2);
    CHECK(app.opening.csv_total == 2);
    CHECK(app.opening.csv_done == 0);
    CHECK(app.dataset.lesions.size() == 1);
    CHECK(app.source.label == "folder_a");
    auto j = state(app);
    CHECK(j["opening"]["active"] == true);
    CHECK(j["opening"]["stage"] == "reading");
    CHECK(j["dataset"]["loading"] == true);

    // Esc / Cancel: the UI sets the request, the shell's poll takes it.
    app.opening.cancel_requested = true;
    duck::poll_opened_folder(app, io);
    CHECK_FALSE(app.opening.active);
    CHECK(app.opening.cancelled);
    CHECK(app.opening.csv_rows == 0);
    CHECK(app.status == "Opening 'folder_b' cancelled after 2 files seen, 0 CSV rows read; still showing 'folder_a'");
    settle_fetches(app);  // the CSV reads still answer: they are dropped
    CHECK(app.dataset.lesions.size() == 1);
    CHECK(app.dataset.lesions[0].image_name == "ISIC_0015719");
    CHECK(app.source.label == "folder_a");
    CHECK(app.source.base == f.a.string());
    j = state(app);
    CHECK(j["opening"]["cancelled"] == true);
    CHECK(j["dataset"]["loading"] == false);
    CHECK(j["dataset"]["label"] == "folder_a");

    // Still usable: A's image resolves from A's files (B's listing was dropped).
    NullSink sink;
    duck::ImageLoader loader(app, io);
    app.select_patient(app.dataset.find_patient("IP_A"));
    for (int i = 0; i < 10000; ++i) {
        loader.pump(sink);
        duck::platform::poll();
        if (!loader.busy() && duck::platform::pending_fetches() == 0) break;
    }
    CHECK(app.image_status.at(0) == duck::ImageStatus::Ready);
    CHECK(sink.live.count("thumb:ISIC_0015719") == 1);

    // Opened again and left to finish: B replaces A, with both CSVs' rows counted.
    duck::load_folder(app, io, scan(io, f.b));
    settle_fetches(app);
    CHECK_FALSE(app.opening.active);
    CHECK(app.opening.csv_done == 2);
    CHECK(app.opening.csv_rows == 5);  // 3 + 2 data rows
    CHECK_FALSE(app.opening.cancelled);
    CHECK(app.status.empty());
    CHECK(app.source.label == "folder_b");
    CHECK(app.dataset.lesions.size() == 3);
    CHECK(app.dataset.patients.size() == 2);
}

TEST_CASE("opening a folder: cancelled while the page lists it, with the count of files seen") {
    duck::platform::Services services;  // fetches, start-up parameters, the URL (in the app, AppController's)
    duck::platform::ImageIo io;  // the image service's state (in the app, AppController's)
    OpenedA f(io);
    duck::App& app = f.app;
    // What web_image_io.cpp reports while the page walks a big tree.
    duck::note_folder_listing(app, "big_tree", 0);
    duck::note_folder_listing(app, "big_tree", 12345);
    CHECK(app.opening.active);
    CHECK(app.opening.stage == "listing");
    CHECK(app.opening.files == 12345);
    auto j = state(app);
    CHECK(j["opening"]["files"] == 12345);
    CHECK(j["opening"]["label"] == "big_tree");
    duck::cancel_folder_open(app, io);
    CHECK_FALSE(app.opening.active);
    CHECK(app.status == "Opening 'big_tree' cancelled after 12345 files seen, 0 CSV rows read; still showing 'folder_a'");
    CHECK(app.dataset.lesions.size() == 1);
    // Cancelling when nothing is being opened changes nothing.
    app.status.clear();
    duck::cancel_folder_open(app, io);
    CHECK(app.status.empty());

    // A new listing supersedes a folder still being read: its CSVs are dropped.
    duck::load_folder(app, io, scan(io, f.b));
    duck::note_folder_listing(app, "another", 3);
    settle_fetches(app);
    CHECK(app.opening.active);
    CHECK(app.opening.label == "another");
    CHECK(app.source.label == "folder_a");
    CHECK(app.dataset.lesions.size() == 1);
}

TEST_CASE("opening a folder without metadata CSVs keeps the current dataset and says why") {
    duck::platform::Services services;  // fetches, start-up parameters, the URL (in the app, AppController's)
    duck::platform::ImageIo io;  // the image service's state (in the app, AppController's)
    OpenedA f(io);
    duck::App& app = f.app;
    duck::load_folder(app, io, scan(io, f.empty));
    settle_fetches(app);
    CHECK_FALSE(app.opening.active);
    CHECK(app.source.label == "folder_a");
    CHECK(app.dataset.lesions.size() == 1);
    CHECK(app.status.find("Cannot open 'no_csv'") == 0);
    CHECK(app.status.find("still showing 'folder_a'") != std::string::npos);
    CHECK(app.load.error.find("no metadata CSV") != std::string::npos);
}
