// test_app_index.cpp - a lesion index loaded beside the dataset (app/app_index.h):
// an index of the dataset in use gives the model the features extraction would
// have given (the same scores, for patients never opened too), lesions without
// features are marked with their reason, and every file that does not belong
// (another dataset's rows or metadata, another extractor or feature keys, a
// damaged checksum, a shard, a foreign file) is refused with its reason while the
// app keeps working. The index's features come from drawn lesion images.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <unistd.h>

#include "app/app.h"
#include "app/app_index.h"
#include "app/app_load.h"
#include "app/app_model.h"
#include "core/data/dataset_load.h"
#include "core/index/index_build.h"
#include "core/index/index_file_name.h"
#include "drawn_lesions.h"
#include "platform/image_io.h"
#include "platform/platform.h"

namespace fs = std::filesystem;
using namespace duck;
using nlohmann::json;

namespace {

constexpr const char* kHeader =
    "image_name,patient_id,sex,age_approx,anatom_site_general_challenge,diagnosis,benign_malignant,target\n";

// Two patients of six lesions (one atypical in IP_A) and a 13th row whose image is missing.
std::string csv_text(const std::string& first_age = "45.0") {
    std::string csv = kHeader;
    for (int i = 0; i < 13; ++i)
        csv += "ISIC_" + std::to_string(2000000 + i) + "," + (i < 6 ? "IP_A" : "IP_B") + ",female," +
               (i == 0 ? first_age : std::string("45.0")) + ",torso,unknown,benign,0\n";
    return csv;
}
Dataset dataset(const std::string& first_age = "45.0") { return load_csv(csv_text(first_age), "train.csv").dataset; }

// What the image loader would hold per lesion (none for the 13th).
std::map<uint32_t, ImageRGBA> images() {
    std::map<uint32_t, ImageRGBA> out;
    for (uint32_t li = 0; li < 12; ++li)
        out[li] = li == 2 ? test::drawn_atypical(300 + li, 500 + li) : test::drawn_nevus(40 + li);
    return out;
}

// The index `duckling-cli index` would write, from the same pixels.
LesionIndex index_of(const Dataset& ds) {
    const DermFeatureExtractor ex;
    LesionIndex ix = empty_index(ds, ex, 0, 1);
    const auto imgs = images();
    for (size_t e = 0; e < ix.size(); ++e) {
        RowAnalysis a;
        const auto it = imgs.find(ix.rows[e]);
        if (it == imgs.end()) {
            a.reason = "no image file named " + std::string(ds.lesions[ix.rows[e]].image_name) + " in the images folder";
        } else {
            auto f = ex.extract(it->second);
            REQUIRE(f.ok());
            a.status = f.value().segmentation_fallback ? LesionStatus::SegmentationFallback : LesionStatus::Ok;
            if (a.status != LesionStatus::Ok) a.reason = "fallback";
            a.features = f.value().values;
        }
        set_entry(ix, e, std::move(a));
    }
    return ix;
}

std::vector<uint8_t> bytes_of(const LesionIndex& ix) {
    auto b = encode_index(ix);
    REQUIRE(b.ok());
    return b.value();
}

void settle_model(App& app) {
    for (int i = 0; i < 1000 && model_tick(app, nullptr, 1e9); ++i) {
    }
    model_tick(app, nullptr, 1e9);  // the last rescore, when the queue emptied in the previous call
}

// The index's refusal: reported, nothing featured, the dataset still in use.
void check_refused(App& app, const std::vector<uint8_t>& bytes, const std::string& says) {
    const size_t lesions = app.dataset.lesions.size();
    const Status st = apply_index(app, bytes, "test/duckling-index.bin");
    CHECK_FALSE(st.ok());
    CHECK_MESSAGE(st.message.find(says) != std::string::npos, st.message);
    CHECK(app.index.status == "refused");
    CHECK(app.index.message == st.message);
    REQUIRE_FALSE(app.problems.empty());
    CHECK(app.problems.back().kind == "index_refused");
    CHECK(app.problems.back().message.find(says) != std::string::npos);
    CHECK(app.status.find(says) != std::string::npos);
    CHECK(app.model.featured() == 0);
    CHECK(app.dataset.lesions.size() == lesions);
    // The app keeps working: images still feature and score as without an index.
    const auto imgs = images();
    for (uint32_t li : app.dataset.patients[0].lesions) app.model.submit(li, imgs.at(li));
    settle_model(app);
    CHECK(app.model.featured() == app.dataset.patients[0].lesions.size());
    CHECK(app.model.scores()[2].ok());
}

}  // namespace

TEST_CASE("app index: an accepted index scores every lesion as extracting its image does") {
    const Dataset ds = dataset();
    // Extracted: every image submitted, as the image loader does patient by patient.
    App extracted;
    extracted.set_dataset(ds, {});
    const auto imgs = images();
    for (const auto& [li, img] : imgs) extracted.model.submit(li, img);
    extracted.model.mark_unavailable(12, "image_missing");
    settle_model(extracted);

    // Indexed: no image at all, the index file's bytes.
    App indexed;
    indexed.set_dataset(ds, {});
    const Status st = apply_index(indexed, bytes_of(index_of(ds)), "folder/duckling-index.bin");
    REQUIRE_MESSAGE(st.ok(), st.message);
    CHECK(indexed.index.status == "loaded");
    CHECK(indexed.index.applied == 12);
    CHECK(indexed.index.failed == 1);
    CHECK(indexed.index.rows == 13);
    CHECK(indexed.index.reasons[12].find("no image file named ISIC_2000012") != std::string::npos);
    CHECK(indexed.index.reasons[0].empty());
    CHECK(indexed.status.find("12 of 13 lesions have features") != std::string::npos);
    CHECK(indexed.problems.empty());
    settle_model(indexed);

    const auto& a = extracted.model.scores();
    const auto& b = indexed.model.scores();
    REQUIRE(a.size() == 13);
    REQUIRE(b.size() == 13);
    for (size_t i = 0; i < 13; ++i) {
        CAPTURE(i);
        CHECK(b[i].status == a[i].status);
        if (!a[i].ok()) continue;
        CHECK(b[i].score == doctest::Approx(a[i].score).epsilon(1e-6));
        CHECK(b[i].level == doctest::Approx(a[i].level).epsilon(1e-6));
        CHECK(b[i].rank == a[i].rank);
        CHECK(b[i].flagged == a[i].flagged);
        CHECK(b[i].explanation == a[i].explanation);
    }
    CHECK(b[2].ok());
    CHECK(b[12].status == "image_missing");

    // Patient IP_B was never opened: it is scored, and the patient list's top-score
    // column sorts both patients by their highest level.
    const json s = json::parse(app_state_json(indexed));
    CHECK(s["index"]["status"] == "loaded");
    CHECK(s["index"]["indexed"] == 12);
    CHECK(s["index"]["applied"] == 12);
    CHECK(s["index"]["failed"] == 1);
    const ModelCounts mc = model_counts(indexed);
    CHECK(s["index"]["flagged"] == mc.flagged);
    CHECK(mc.scored == 12);
    for (bool descending : {true, false}) {
        indexed.explorer.sort = {PatientColumn::TopScore, descending};
        indexed.explorer.invalidate();
        indexed.explorer.refresh(indexed.dataset, indexed.data_generation);
        const json list = json::parse(app_state_json(indexed))["view"]["patient_list"];
        REQUIRE(list.size() == 2);
        const float top_a = std::max({float(b[0].level), float(b[1].level), float(b[2].level), float(b[3].level),
                                      float(b[4].level), float(b[5].level)});
        float top_b = 0;
        for (size_t i = 6; i < 12; ++i) top_b = std::max(top_b, float(b[i].level));
        REQUIRE(top_a != top_b);
        const bool a_first = descending ? top_a > top_b : top_a < top_b;
        CHECK(list[0]["id"] == (a_first ? "IP_A" : "IP_B"));
        CHECK(list[0]["top_score"].get<float>() == doctest::Approx(a_first ? top_a : top_b));
        CHECK(list[1]["top_score"].get<float>() == doctest::Approx(a_first ? top_b : top_a));
    }
}

TEST_CASE("app index: features already extracted stay, the others come from the index") {
    const Dataset ds = dataset();
    App app;
    app.set_dataset(ds, {});
    const auto imgs = images();
    app.model.submit(0, imgs.at(0));
    app.model.submit(1, imgs.at(1));
    app.model.step(1e9);  // lesion 0 and 1 featured from their images
    app.model.submit(3, imgs.at(3));  // queued when the index arrives
    REQUIRE(apply_index(app, bytes_of(index_of(ds)), "x").ok());
    CHECK(app.index.applied == 12);
    settle_model(app);
    CHECK(app.model.featured() == 12);  // lesion 3 is not counted twice
}

TEST_CASE("app index: files that do not belong are refused with their reason") {
    const Dataset ds = dataset();
    const LesionIndex good = index_of(ds);
    auto fresh = [&] {
        auto app = std::make_unique<App>();
        app->set_dataset(ds, {});
        return app;
    };
    SUBCASE("another dataset's metadata (same image names)") {
        check_refused(*fresh(), bytes_of(index_of(dataset("70.0"))), "metadata differs from the one indexed");
    }
    SUBCASE("another dataset's rows") {
        Dataset more = load_csv(csv_text() + "ISIC_2999999,IP_B,female,45.0,torso,unknown,benign,0\n", "t.csv").dataset;
        check_refused(*fresh(), bytes_of(index_of(more)), "built for a dataset of 14 rows, this dataset has 13");
    }
    SUBCASE("another extractor") {
        LesionIndex ix = good;
        ix.extractor = "dermoscopic-v1";
        check_refused(*fresh(), bytes_of(ix), "built by extractor \"dermoscopic-v1\"");
    }
    SUBCASE("other feature keys") {
        LesionIndex ix = good;
        ix.feature_keys[4] = "not_a_feature";
        check_refused(*fresh(), bytes_of(ix), "feature keys differ at feature 4");
    }
    SUBCASE("a damaged file (checksum)") {
        std::vector<uint8_t> b = bytes_of(good);
        b[b.size() / 2] ^= 0x5a;
        check_refused(*fresh(), b, "checksum mismatch");
    }
    SUBCASE("a foreign file") {
        const std::string text = "image_name,patient_id\nISIC_1,IP_1\n";
        check_refused(*fresh(), std::vector<uint8_t>(text.begin(), text.end()), "not a lesion index file");
    }
    SUBCASE("a shard") {
        LesionIndex ix = empty_index(ds, DermFeatureExtractor{}, 1, 2);
        check_refused(*fresh(), bytes_of(ix), "shard 1 of 2");
    }
}

TEST_CASE("app index: read beside the data (folder listing, base path), a missing one is silent") {
    platform::Services services;
    platform::ImageIo io;
    const fs::path dir = fs::temp_directory_path() / ("duck_index_" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir / "meta");
    std::ofstream(dir / "train.csv") << csv_text();
    {
        const auto b = bytes_of(index_of(dataset()));
        std::ofstream(dir / "meta" / "Duckling-Index.bin", std::ios::binary).write(reinterpret_cast<const char*>(b.data()), long(b.size()));
    }
    CHECK(is_index_file_path("a/b/duckling-index.bin"));
    CHECK_FALSE(is_index_file_path("a/b/old-duckling-index.bin"));
    CHECK(pick_index_path({"x/y/duckling-index.bin", "meta/duckling-index.bin", "z/duckling-index.bin"}) ==
          "meta/duckling-index.bin");

    SUBCASE("an opened folder's index file") {
        auto listing = platform::scan_folder(io, dir.string());
        REQUIRE(listing.ok());
        CHECK(listing.value().index_paths == std::vector<std::string>{"meta/Duckling-Index.bin"});
        App app;
        load_folder(app, io, listing.value());
        settle_loading(app);
        REQUIRE(app.dataset.lesions.size() == 13);
        CHECK(app.index.status == "loaded");
        CHECK(app.index.applied == 12);
        CHECK(app.model.featured() == 12);
    }
    SUBCASE("the conventional name under a CSV's folder: present, then missing") {
        fs::rename(dir / "meta" / "Duckling-Index.bin", dir / std::string(kIndexFileName));
        App app;
        load_source(app, {SourceKind::Folder, "data", dir.string()}, (dir / "train.csv").string());
        settle_loading(app);
        CHECK(app.index.status == "loaded");
        CHECK(app.index.source == (dir / std::string(kIndexFileName)).string());
        fs::remove(dir / std::string(kIndexFileName));
        App none;
        load_source(none, {SourceKind::Folder, "data", dir.string()}, (dir / "train.csv").string());
        settle_loading(none);
        REQUIRE(none.dataset.lesions.size() == 13);
        CHECK(none.index.status == "none");
        CHECK(none.problems.empty());
        CHECK(none.status.empty());
    }
    SUBCASE("an index file that cannot be read when the folder lists one is an error") {
        App app;
        app.set_dataset(dataset(), {});
        load_index(app, (dir / "gone" / std::string(kIndexFileName)).string(), false);
        settle_loading(app);
        CHECK(app.index.status == "refused");
        CHECK(app.index.message.find("cannot read the file") != std::string::npos);
    }
    fs::remove_all(dir);
}
