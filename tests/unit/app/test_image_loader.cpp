// test_image_loader.cpp - the app's image loader end to end on native files:
// a hand-written CSV in a temp dir whose train/ links to the real ISIC samples in
// ../shared (never copied), one missing image and one corrupt file; a fake
// texture sink records what would reach the GPU.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <unistd.h>

#include "app/app.h"
#include "app/app_load.h"
#include "app/image_loader.h"
#include "core/image/resample.h"
#include "platform/image_io.h"
#include "platform/platform.h"
#include "sample_folder.h"
#include "test_helpers.h"

namespace fs = std::filesystem;

namespace {

struct FakeSink : duck::TextureSink {
    std::map<std::string, duck::ImageRGBA> live;
    int uploads = 0, releases = 0;
    void upload(duck::ImageRGBA image, const std::string& key) override {
        live[key] = std::move(image);
        ++uploads;
    }
    void release(const std::string& key) override {
        releases += int(live.erase(key));
    }
};

// Runs the loader the way the shell does until nothing is left to do.
void settle(duck::ImageLoader& loader, FakeSink& sink) {
    for (int i = 0; i < 10000; ++i) {
        loader.pump(sink);
        duck::platform::poll();
        if (!loader.busy() && duck::platform::pending_fetches() == 0) {
            loader.pump(sink);  // a view change may queue more
            if (!loader.busy()) return;
        }
    }
    FAIL("image loader did not settle");
}

duck::ImageStatus status_of(const duck::App& app, const char* name) {
    return app.image_status.at(app.dataset.find_lesion(name));
}

// A temp folder whose images/ links to the real ISIC samples (never copied) and
// whose train.csv holds `rows` (the header is added); loaded into `app`. Returns it.
fs::path images_folder_app(const std::string& tag, const std::string& rows, duck::App& app, duck::platform::ImageIo& io) {
    const fs::path dir = fs::temp_directory_path() / (tag + "_" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    fs::create_directory_symlink(duck::test::shared_path("data/isic2020/images"), dir / "images");
    std::ofstream(dir / "train.csv")
        << "image_name,patient_id,sex,age_approx,anatom_site_general_challenge,diagnosis,benign_malignant,target\n" << rows;
    auto listing = duck::platform::scan_folder(io, dir.string());
    REQUIRE(listing.ok());
    duck::load_folder(app, io, listing.value());
    duck::settle_loading(app);
    return dir;
}

}  // namespace

TEST_CASE("image loader: real thumbnails, a missing and a corrupt image, viewer textures bounded") {
    duck::platform::Services services;  // fetches, start-up parameters, the URL (in the app, AppController's)
    duck::platform::ImageIo io;  // the image service's state (in the app, AppController's)
    const fs::path dir = duck::test::sample_folder("imgload", "ISIC_0015719,IP_TEST,female,45,upper extremity,unknown,benign,0\n"
                                                            "ISIC_0052212,IP_TEST,female,45,torso,unknown,benign,0\n"
                                                            "ISIC_0000001,IP_TEST,female,45,torso,unknown,benign,0\n"
                                                            "ISIC_0000002,IP_TEST,female,45,torso,unknown,benign,0\n");
    {
        std::ofstream bad(dir / "ISIC_0000002.jpg", std::ios::binary);
        bad << "this is not a jpeg";
    }
    duck::App app;
    auto listing = duck::platform::scan_folder(io, dir.string());
    REQUIRE(listing.ok());
    CHECK(listing.value().csv_paths == std::vector<std::string>{"train.csv"});
    duck::load_folder(app, io, listing.value());
    duck::settle_loading(app);
    REQUIRE(app.dataset.lesions.size() == 4);
    CHECK(app.source.kind == duck::SourceKind::Folder);

    FakeSink sink;
    duck::ImageLoader loader(app, io);
    settle(loader, sink);
    CHECK(status_of(app, "ISIC_0015719") == duck::ImageStatus::Ready);
    CHECK(status_of(app, "ISIC_0052212") == duck::ImageStatus::Ready);
    CHECK(status_of(app, "ISIC_0000001") == duck::ImageStatus::Missing);
    CHECK(status_of(app, "ISIC_0000002") == duck::ImageStatus::Corrupt);
    REQUIRE(sink.live.count("thumb:ISIC_0015719") == 1);
    const auto& t = sink.live["thumb:ISIC_0015719"];
    // ISIC_0015719 is a 224x224 resized copy: thumbnails never upscale.
    CHECK(std::max(t.width, t.height) == std::min(224, duck::kThumbnailSide));
    CHECK(sink.live.count("thumb:ISIC_0052212") == 1);
    CHECK(sink.live.size() == 2);  // grid mode: no full-size textures
    CHECK(loader.analysis(app.dataset.find_lesion("ISIC_0015719")) != nullptr);

    bool missing = false, corrupt = false;
    for (const auto& p : app.problems) {
        missing |= p.kind == "image_missing" && p.where == "ISIC_0000001" && !p.message.empty();
        corrupt |= p.kind == "image_corrupt" && p.where == "ISIC_0000002" && !p.message.empty();
    }
    CHECK(missing);
    CHECK(corrupt);
    // Reasons for the placeholders and progress for the status bar.
    CHECK(app.images.errors.at(app.dataset.find_lesion("ISIC_0000001")).find("ISIC_0000001") != std::string::npos);
    CHECK(app.images.total == 4);
    CHECK(app.images.done == 4);
    CHECK(app.images.failed == 2);
    CHECK(app.images.analysis.size() == 2);

    // state().view.tiles reports the same statuses.
    const auto j = nlohmann::json::parse(duck::app_state_json(app), nullptr, false);
    REQUIRE(j["view"]["tiles"].is_array());
    std::map<std::string, std::string> tiles;
    for (const auto& tile : j["view"]["tiles"]) tiles[tile["image_name"]] = tile["status"];
    CHECK(tiles["ISIC_0015719"] == "ready");
    CHECK(tiles["ISIC_0000001"] == "missing");
    CHECK(tiles["ISIC_0000002"] == "corrupt");

    // The viewer gets one full-size texture, only for the selected lesion.
    app.select_lesion(app.dataset.find_lesion("ISIC_0015719"));
    app.set_mode(duck::ViewMode::Viewer);
    settle(loader, sink);
    CHECK(sink.live.count("full:ISIC_0015719") == 1);
    app.select_lesion(app.dataset.find_lesion("ISIC_0052212"));
    settle(loader, sink);
    CHECK(sink.live.count("full:ISIC_0015719") == 0);
    CHECK(sink.live.count("full:ISIC_0052212") == 1);
    CHECK(status_of(app, "ISIC_0052212") == duck::ImageStatus::Ready);
    CHECK(sink.releases == 1);
    // Compare mode: both lesions full size; back in the grid none.
    app.set_mode(duck::ViewMode::Compare);
    app.explorer.compare_lesion = app.dataset.find_lesion("ISIC_0015719");
    settle(loader, sink);
    CHECK(sink.live.count("full:ISIC_0052212") == 1);
    CHECK(sink.live.count("full:ISIC_0015719") == 1);
    app.set_mode(duck::ViewMode::Grid);
    settle(loader, sink);
    CHECK(sink.live.count("full:ISIC_0052212") == 0);
    CHECK(sink.live.count("full:ISIC_0015719") == 0);
    CHECK(loader.texture_bytes() > 0);

    // The same rows loaded again (same size, same source) are a new dataset too:
    // the loader starts over from the data generation, not from the row count.
    {
        duck::Dataset again = app.dataset;
        const int uploads = sink.uploads;
        app.set_dataset(std::move(again), {});
        loader.pump(sink);
        CHECK(sink.live.empty());
        settle(loader, sink);
        CHECK(sink.uploads > uploads);
        CHECK(status_of(app, "ISIC_0015719") == duck::ImageStatus::Ready);
    }

    // A new dataset releases every texture and starts over.
    duck::Dataset empty;
    app.set_dataset(std::move(empty), {});
    loader.pump(sink);
    CHECK(sink.live.empty());
    CHECK(app.image_status.empty());
    fs::remove_all(dir);
}

TEST_CASE("image loader: texture budget evicts other patients' thumbnails, cancel and resume") {
    duck::platform::Services services;  // fetches, start-up parameters, the URL (in the app, AppController's)
    duck::platform::ImageIo io;  // the image service's state (in the app, AppController's)
    const fs::path dir = fs::temp_directory_path() / ("duck_imgbudget_" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir / "deep" / "er");
    // Images anywhere in the tree, found by name (one as upper-case .JPG).
    fs::create_symlink(duck::test::shared_path("data/isic2020/images/ISIC_0015719.jpg"), dir / "deep" / "er" / "ISIC_0015719.JPG");
    fs::create_symlink(duck::test::shared_path("data/isic2020/images/ISIC_0052212.jpg"), dir / "ISIC_0052212.jpg");
    {
        std::ofstream csv(dir / "train.csv");
        csv << "image_name,patient_id,sex,age_approx,anatom_site_general_challenge,diagnosis,benign_malignant,target\n"
               "ISIC_0015719,IP_A,female,45,torso,unknown,benign,0\n"
               "ISIC_0052212,IP_B,female,45,torso,unknown,benign,0\n";
    }
    duck::App app;
    auto listing = duck::platform::scan_folder(io, dir.string());
    REQUIRE(listing.ok());
    CHECK(listing.value().images == 2);
    duck::load_folder(app, io, listing.value());
    duck::settle_loading(app);
    REQUIRE(app.dataset.patients.size() == 2);

    FakeSink sink;
    duck::ImageLoaderOptions opts;
    opts.texture_budget = 1;  // anything beyond the current patient's thumbnails is evicted
    duck::ImageLoader loader(app, io, opts);
    app.select_patient(app.dataset.find_patient("IP_A"));
    // Cancel before anything arrives: the lesion goes back to pending, nothing loads.
    loader.pump(sink);
    app.images.cancel_requested = true;
    settle(loader, sink);
    CHECK(app.images.cancelled);
    CHECK(status_of(app, "ISIC_0015719") == duck::ImageStatus::Pending);
    CHECK(sink.live.empty());
    // Resume loads it.
    app.images.retry_requested = true;
    settle(loader, sink);
    CHECK_FALSE(app.images.cancelled);
    CHECK(status_of(app, "ISIC_0015719") == duck::ImageStatus::Ready);
    CHECK(sink.live.count("thumb:ISIC_0015719") == 1);
    // Next patient: the previous one's thumbnail is evicted, the current one kept.
    app.select_patient(app.dataset.find_patient("IP_B"));
    settle(loader, sink);
    CHECK(sink.live.count("thumb:ISIC_0052212") == 1);
    CHECK(sink.live.count("thumb:ISIC_0015719") == 0);
    CHECK(status_of(app, "ISIC_0015719") == duck::ImageStatus::Pending);
    CHECK(app.images.analysis.size() == 1);
    CHECK(app.images.analysis.count(app.dataset.find_lesion("ISIC_0052212")) == 1);
    CHECK(loader.texture_bytes() == sink.live["thumb:ISIC_0052212"].pixels.size() * 4 / 3);
    fs::remove_all(dir);
}

TEST_CASE("image loader: extra thumbnails of other patients' lesions, after the current patient's") {
    duck::platform::Services services;
    duck::platform::ImageIo io;
    const fs::path dir = duck::test::sample_folder("imgextra", "ISIC_0015719,IP_A,female,45,torso,unknown,benign,0\n"
                                                             "ISIC_0052212,IP_B,female,45,torso,unknown,benign,0\n"
                                                             "ISIC_0000001,IP_C,female,45,torso,unknown,benign,0\n");
    duck::App app;
    auto listing = duck::platform::scan_folder(io, dir.string());
    REQUIRE(listing.ok());
    duck::load_folder(app, io, listing.value());
    duck::settle_loading(app);
    REQUIRE(app.dataset.patients.size() == 3);
    FakeSink sink;
    duck::ImageLoader loader(app, io);
    app.select_patient(app.dataset.find_patient("IP_A"));
    loader.pump(sink);  // the loader has started on this dataset (its reset is behind it)
    const uint32_t other = app.dataset.find_lesion("ISIC_0052212");
    app.images.extra_thumbs = {other, 999999};  // out of range: ignored
    settle(loader, sink);
    CHECK(sink.live.count("thumb:ISIC_0015719") == 1);
    CHECK(sink.live.count("thumb:ISIC_0052212") == 1);  // asked for, though IP_B is not open
    CHECK(sink.live.count("thumb:ISIC_0000001") == 0);  // not asked for
    CHECK(status_of(app, "ISIC_0052212") == duck::ImageStatus::Ready);
    CHECK(status_of(app, "ISIC_0000001") == duck::ImageStatus::Pending);
    // The progress and the model's analysis pixels stay the current patient's.
    CHECK(app.images.total == 1);
    CHECK(app.images.analysis.size() == 1);
    CHECK(app.images.analysis.count(app.dataset.find_lesion("ISIC_0015719")) == 1);
    // A new dataset forgets the request (its indices belong to the old one).
    app.set_dataset(app.dataset, {});
    loader.pump(sink);
    CHECK(app.images.extra_thumbs.empty());
    fs::remove_all(dir);
}

// A URL-style source (a base with layouts to try): until an image is found every
// layout is asked for, in order; the first image found decides which layout
// later images are asked for under first (the others follow it).
TEST_CASE("image loader: the first image found is asked for under its layout first, the other layouts after it") {
    duck::platform::Services services;
    duck::platform::ImageIo io;
    duck::App app;
    const fs::path dir = images_folder_app("duck_imglayout",  // ISIC_0015719 under images/, the 4th layout
                                           "ISIC_0015719,IP_A,female,45,torso,unknown,benign,0\n"
                                           "ISIC_0000001,IP_B,female,45,torso,unknown,benign,0\n",
                                           app, io);
    REQUIRE(app.dataset.patients.size() == 2);
    const std::string base = dir.string() + "/";
    app.set_source({duck::SourceKind::Url, "layout test", base});

    FakeSink sink;
    duck::ImageLoader loader(app, io);
    app.select_patient(app.dataset.find_patient("IP_A"));
    // A link to data waits for it: nothing is requested for the patient shown meanwhile.
    app.share.link_pending = true;
    app.share.pending.data_url = base + "train.csv";
    loader.pump(sink);
    CHECK_FALSE(loader.busy());
    CHECK(status_of(app, "ISIC_0015719") == duck::ImageStatus::Pending);
    app.share.link_pending = false;
    loader.pump(sink);
    CHECK(loader.busy());
    const std::vector<std::string> all = loader.candidates("ISIC_0000001");
    REQUIRE(all.size() == 6);
    CHECK(all.front() == base + "train/ISIC_0000001.jpg");
    CHECK(all[3] == base + "images/ISIC_0000001.jpg");
    settle(loader, sink);
    REQUIRE(status_of(app, "ISIC_0015719") == duck::ImageStatus::Ready);

    // Found under images/: from now on images/ is asked for first, the others after it.
    const std::vector<std::string> after = loader.candidates("ISIC_0000001");
    REQUIRE(after.size() == 6);
    CHECK(after.front() == base + "images/ISIC_0000001.jpg");
    CHECK(after[1] == base + "train/ISIC_0000001.jpg");
    app.select_patient(app.dataset.find_patient("IP_B"));
    settle(loader, sink);
    CHECK(status_of(app, "ISIC_0000001") == duck::ImageStatus::Missing);
    const std::string why = app.images.errors.at(app.dataset.find_lesion("ISIC_0000001"));
    CHECK(why.find("images/ISIC_0000001.jpg") != std::string::npos);

    // The same place again (a reload) keeps it; another source starts over with every layout.
    app.set_source({duck::SourceKind::Url, "layout test again", base});
    loader.pump(sink);
    CHECK(loader.candidates("ISIC_0000001").front() == base + "images/ISIC_0000001.jpg");
    app.set_source({duck::SourceKind::Url, "elsewhere", "http://127.0.0.1:9/data/"});
    loader.pump(sink);
    const std::vector<std::string> again = loader.candidates("ISIC_0000001");
    REQUIRE(again.size() == 6);
    CHECK(again.front() == "http://127.0.0.1:9/data/train/ISIC_0000001.jpg");
    fs::remove_all(dir);
}

TEST_CASE("image loader: a patient's first images under no layout stop its loading until Resume") {
    duck::platform::Services services;
    duck::platform::ImageIo io;
    // IP_A: 30 lesions without files, IP_B: one real image, IP_C: 20 lesions without files.
    std::string rows;
    for (int i = 0; i < 30; ++i) rows += "ISIC_90000" + std::to_string(10 + i) + ",IP_A,female,45,torso,unknown,benign,0\n";
    rows += "ISIC_0015719,IP_B,female,45,torso,unknown,benign,0\n";
    for (int i = 0; i < 20; ++i) rows += "ISIC_91000" + std::to_string(10 + i) + ",IP_C,female,45,torso,unknown,benign,0\n";
    duck::App app;
    const fs::path dir = images_folder_app("duck_imgunfound", rows, app, io);
    REQUIRE(app.dataset.patients.size() == 3);
    app.set_source({duck::SourceKind::Url, "unfound test", dir.string() + "/"});
    const auto count = [&](const char* patient, duck::ImageStatus s) {
        int n = 0;
        for (uint32_t l : app.dataset.patients[app.dataset.find_patient(patient)].lesions) n += app.image_status[l] == s;
        return n;
    };
    const auto not_asked = [&] {
        return std::count_if(app.problems.begin(), app.problems.end(), [](const duck::Problem& p) { return p.kind == "images_not_asked"; });
    };

    FakeSink sink;
    duck::ImageLoader loader(app, io);
    app.select_patient(app.dataset.find_patient("IP_A"));
    settle(loader, sink);
    // Stopped after the probe: the images out when it ended may have been answered, no more.
    const int missing = count("IP_A", duck::ImageStatus::Missing);
    CHECK(missing >= duck::kProbeImages);
    CHECK(missing <= duck::kProbeImages + duck::ImageLoaderOptions{}.max_in_flight);
    CHECK(count("IP_A", duck::ImageStatus::Pending) == 30 - missing);
    CHECK(app.images.cancelled);
    CHECK(app.images.stopped_why.find("none of the first 16 images") != std::string::npos);
    CHECK(not_asked() == 1);
    const auto j = nlohmann::json::parse(duck::images_state_json(app));
    CHECK(j["stopped_why"] == app.images.stopped_why);

    // Resume asks for every one of them, without a second stop.
    app.images.retry_requested = true;
    settle(loader, sink);
    CHECK(count("IP_A", duck::ImageStatus::Missing) == 30);
    CHECK_FALSE(app.images.cancelled);
    CHECK(app.images.stopped_why.empty());

    // The next patient is asked for again: its image is found, so the source has a layout...
    app.select_patient(app.dataset.find_patient("IP_B"));
    settle(loader, sink);
    CHECK(count("IP_B", duck::ImageStatus::Ready) == 1);
    // ...and a patient without files afterwards is asked for in full.
    app.select_patient(app.dataset.find_patient("IP_C"));
    settle(loader, sink);
    CHECK(count("IP_C", duck::ImageStatus::Missing) == 20);
    CHECK_FALSE(app.images.cancelled);
    CHECK(not_asked() == 1);
    fs::remove_all(dir);
}
