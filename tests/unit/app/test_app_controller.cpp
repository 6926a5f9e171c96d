// test_app_controller.cpp - the app's per-frame work driven by one tick() the
// way the shell drives it: real images (symlinks into ../shared, never copied)
// decoded, uploaded within the upload budget, scored by the model.
#include <doctest/doctest.h>

#include <deque>
#include <filesystem>
#include <map>
#include <string>

#include "app/app.h"
#include "app/app_controller.h"
#include "app/app_load.h"
#include "platform/image_io.h"
#include "platform/platform.h"
#include "sample_folder.h"

namespace fs = std::filesystem;

namespace {
// Queues uploads as the shell's GL sink does; flush uploads one image per call
// with a zero budget (one at least, then the budget is spent).
struct QueueSink : duck::TextureSink {
    std::deque<std::string> queued;
    std::map<std::string, int> live;
    int flushes = 0;
    void upload(duck::ImageRGBA, const std::string& key) override { queued.push_back(key); }
    void release(const std::string& key) override { live.erase(key); }
    size_t pending() const override { return queued.size(); }
    size_t flush(double budget_ms) override {
        ++flushes;
        do {
            live[queued.front()] = 1;
            queued.pop_front();
        } while (!queued.empty() && budget_ms > 0);
        return queued.size();
    }
};
}  // namespace

TEST_CASE("app controller: one tick per frame loads, uploads within budget and scores") {
    const fs::path dir = duck::test::sample_folder("ctl", "ISIC_0015719,IP_TEST,female,45,upper extremity,unknown,benign,0\n"
                                                         "ISIC_0052212,IP_TEST,female,45,torso,unknown,benign,0\n"
                                                         "ISIC_0000001,IP_TEST,female,45,torso,unknown,benign,0\n");
    duck::App app;
    duck::LoadingBudgets budgets;
    budgets.upload_ms = 0;  // one upload per turn
    duck::AppController controller(app, budgets);  // owns the image service's state: the folder in use
    duck::platform::set_startup_param("data", dir.string());  // `duckling --data DIR`
    controller.start(/*web=*/false);
    duck::platform::set_startup_param("data", "");
    duck::settle_loading(app);
    REQUIRE(app.dataset.lesions.size() == 3);

    QueueSink sink;
    int turns = 0;
    while (controller.tick(duck::platform::now_seconds(), sink) || duck::platform::pending_fetches() > 0 ||
           duck::platform::pending_images() > 0) {
        CHECK(app.texture_uploads_pending == sink.queued.size());
        REQUIRE(++turns < 10000);
    }
    const uint32_t a = app.dataset.find_lesion("ISIC_0015719"), b = app.dataset.find_lesion("ISIC_0052212");
    CHECK(app.image_status.at(a) == duck::ImageStatus::Ready);
    CHECK(app.image_status.at(b) == duck::ImageStatus::Ready);
    CHECK(app.image_status.at(app.dataset.find_lesion("ISIC_0000001")) == duck::ImageStatus::Missing);
    CHECK(sink.live.count("thumb:ISIC_0015719") == 1);
    CHECK(sink.live.count("thumb:ISIC_0052212") == 1);
    CHECK(sink.queued.empty());
    CHECK(app.texture_uploads_pending == 0);
    CHECK(sink.flushes >= 2);  // the two thumbnails never went up in one turn
    // The model had its turns in the same ticks: both decoded lesions have features.
    CHECK(app.model.has_features(a));
    CHECK(app.model.has_features(b));
    CHECK(app.model.queued() == 0);
    fs::remove_all(dir);
}
