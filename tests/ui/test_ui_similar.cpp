// test_ui_similar.cpp - the viewer's strip of similar lesions, driven through the
// real panels: a hand-made dataset whose features are handed to the model the way
// a lesion index does (ModelSession::set_features), the strip checked against the
// core search run here on the same vectors, a click on a card, the within-patient
// toggle (`w`), the cache (no search per frame) and labels hidden in a quiz.
#include <doctest/doctest.h>

#include <random>
#include <set>

#include "app/app_share.h"
#include "app/app_similar.h"
#include "core/model/malignancy_model.h"
#include "core/model/similar.h"
#include "ui_harness.h"

using namespace duck;

namespace {

// 6 patients x 5 lesions; every third lesion a melanoma. Patient IP_F has no
// features (not seen yet), so the search covers 25 of the 30 lesions.
Dataset six_patients() {
    std::vector<test::L> rows;
    static std::vector<std::string> names;  // the fixture keeps const char*
    names.clear();
    names.reserve(30);
    const char* patients[] = {"IP_A", "IP_B", "IP_C", "IP_D", "IP_E", "IP_F"};
    const Site sites[] = {Site::Torso, Site::HeadNeck, Site::LowerExtremity, Site::UpperExtremity};
    for (int i = 0; i < 30; ++i) {
        names.push_back("ISIC_09" + std::to_string(10000 + i));
        const bool mel = i % 3 == 0;
        rows.push_back({names.back().c_str(), patients[i / 5], Sex::Female, 50, sites[i % 4], mel ? "melanoma" : "nevus",
                        mel ? Label::Malignant : Label::Benign});
    }
    Dataset ds = test::make_dataset(rows);
    ds.reindex();
    return ds;
}

struct Fixture {
    test::Harness h;
    std::vector<std::vector<float>> features;  // what the index "holds", per lesion (empty: none)
    SimilarSpace space;                        // the same vectors searched by the core directly
    Fixture() {
        h.app.set_dataset(six_patients(), {});
        h.app.image_status.assign(h.app.dataset.lesions.size(), ImageStatus::Pending);
        const auto& info = h.app.model.feature_info();
        const size_t n = h.app.dataset.lesions.size(), d = info.size();
        std::mt19937 rng(7);
        std::normal_distribution<float> z(0.f, 1.f);
        std::vector<float> raw(n * d, 0.f);
        std::vector<uint8_t> present(n, 0);
        features.resize(n);
        for (size_t i = 0; i < 25; ++i) {
            for (size_t j = 0; j < d; ++j) features[i].push_back(0.5f + 0.2f * z(rng));
            std::copy(features[i].begin(), features[i].end(), raw.begin() + long(i * d));
            present[i] = 1;
            REQUIRE(h.app.model.set_features(uint32_t(i), features[i]));
        }
        while (h.app.model.needs_step()) h.app.model.step(50);
        SimilarOptions so;
        so.malignancy = &shipped_malignancy_model();
        space = build_similar_space(raw, n, present, info, so);
    }
    std::vector<std::string> expected(uint32_t lesion, bool within) const {
        std::vector<int> rows;
        if (within)
            for (uint32_t l : h.app.dataset.patients[h.app.dataset.lesions[lesion].patient].lesions)
                if (l != lesion && !features[l].empty()) rows.push_back(int(l));
        std::vector<std::string> out;
        for (const Neighbour& nb : nearest_lesions(space, int(lesion), 12, rows))
            out.push_back(std::string(h.app.dataset.lesions[size_t(nb.row)].image_name));
        return out;
    }
    std::vector<std::string> shown() {
        std::vector<std::string> out;
        const auto state = h.state();
        for (const auto& it : state["similar"]["items"]) out.push_back(it["image_name"]);
        return out;
    }
    void open_viewer(uint32_t lesion) {
        h.app.select_lesion(lesion);
        h.app.set_mode(ViewMode::Viewer);
        h.frame(3);
    }
};

}  // namespace

TEST_CASE("similar strip: the 12 nearest lesions of every patient with features, as the core search finds them") {
    Fixture f;
    const uint32_t q = 7;  // IP_B
    f.open_viewer(q);
    const auto want = f.expected(q, false);
    REQUIRE(want.size() == 12);
    CHECK(f.shown() == want);
    const auto s = f.h.state()["similar"];
    CHECK(s["lesion"] == std::string(f.h.app.dataset.lesions[q].image_name));
    CHECK(s["searched"] == 24);       // 25 lesions with features, the lesion itself not counted
    CHECK(s["with_features"] == 25);  // of 30: IP_F has not been seen
    CHECK(s["within_patient"] == false);
    CHECK(s["labels_shown"] == true);
    for (const auto& it : s["items"]) {
        const Lesion& l = f.h.app.dataset.lesions[f.h.app.dataset.find_lesion(it["image_name"].get<std::string>())];
        CHECK(it["patient"] == std::string(l.patient_id));
        CHECK(it["diagnosis"] == std::string(l.diagnosis));
        CHECK(it["label"] == (l.label == Label::Malignant ? "malignant" : "benign"));
        CHECK(it["patient"] != "IP_F");  // lesions without features are never neighbours
        CHECK(it["why"].size() >= 1);
        CHECK(it["why"].size() <= 3);
        // Each card is on screen: thumbnail (a placeholder until its image arrives) and link button.
        CHECK(f.h.app.ui_rects.count("similar/item/" + std::string(l.image_name)));
        CHECK(f.h.app.ui_rects.count("similar/link/" + std::string(l.image_name)));
    }
    // Other patients' thumbnails are asked of the image loader.
    CHECK_FALSE(f.h.app.images.extra_thumbs.empty());
    for (uint32_t l : f.h.app.images.extra_thumbs) CHECK(f.h.app.dataset.lesions[l].patient != f.h.app.view.patient);

    // Frames without a change do not search again; the lesion's link opens it in the viewer.
    const uint64_t searches = f.h.app.similar.searches;
    f.h.frame(5);
    f.h.state();
    CHECK(f.h.app.similar.searches == searches);
    const std::string link = lesion_link(f.h.app, f.h.app.dataset.find_lesion(want[0]));
    CHECK(link.find("lesion=" + want[0]) != std::string::npos);
    CHECK(link.find("mode=viewer") != std::string::npos);
}

TEST_CASE("similar strip: a click opens the lesion (view revision, patient, lesion, URL form)") {
    Fixture f;
    ImGui::GetIO().DisplaySize = ImVec2(3840, 2160);  // wide enough for the first cards to be on screen
    const uint32_t q = 7;
    f.open_viewer(q);
    // The first neighbour of another patient.
    std::string target;
    for (const auto& name : f.expected(q, false))
        if (std::string(f.h.app.dataset.lesions[f.h.app.dataset.find_lesion(name)].patient_id) != "IP_B") {
            target = name;
            break;
        }
    REQUIRE_FALSE(target.empty());
    const uint32_t tl = f.h.app.dataset.find_lesion(target);
    const uint64_t rev = f.h.app.view_revision, prev = f.h.app.patient_revision;
    REQUIRE(f.h.app.ui_rects.count("similar/item/" + target));
    f.h.click(f.h.app.ui_rects.at("similar/item/" + target));
    CHECK(f.h.app.view.lesion == tl);
    CHECK(f.h.app.view.patient == f.h.app.dataset.lesions[tl].patient);
    CHECK(f.h.app.view.mode == ViewMode::Viewer);
    CHECK(f.h.app.view_revision > rev);
    CHECK(f.h.app.patient_revision == prev + 1);
    const auto s = f.h.state();
    CHECK(s["view"]["lesion"] == target);
    CHECK(s["view"]["patient"] == std::string(f.h.app.dataset.lesions[tl].patient_id));
    CHECK(s["view"]["mode"] == "viewer");
    // The strip follows: now the neighbours of the lesion opened.
    f.h.frame(2);
    CHECK(f.shown() == f.expected(tl, false));
    CHECK(f.h.state()["similar"]["lesion"] == target);
}

TEST_CASE("similar strip: `w` restricts it to the patient's own lesions, and back") {
    Fixture f;
    const uint32_t q = 12;  // IP_C: 4 other lesions with features
    f.open_viewer(q);
    const uint64_t searches = f.h.app.similar.searches;
    f.h.key(ImGuiKey_W);
    CHECK(f.h.app.similar.within_patient);
    const auto want = f.expected(q, true);
    REQUIRE(want.size() == 4);
    CHECK(f.shown() == want);
    const auto s = f.h.state()["similar"];
    CHECK(s["within_patient"] == true);
    CHECK(s["searched"] == 4);
    for (const auto& it : s["items"]) CHECK(it["patient"] == "IP_C");
    CHECK(f.h.app.images.extra_thumbs.empty());  // all of them the open patient's
    CHECK(f.h.app.similar.searches == searches + 1);  // one search for the toggle, not one per frame
    // The checkbox turns it off again.
    REQUIRE(f.h.app.ui_rects.count("similar/within"));
    f.h.click(f.h.app.ui_rects.at("similar/within"));
    CHECK_FALSE(f.h.app.similar.within_patient);
    CHECK(f.shown() == f.expected(q, false));
    // A lesion without features says so instead of searching.
    f.open_viewer(27);  // IP_F
    CHECK(f.h.state()["similar"]["items"].empty());
    CHECK_FALSE(f.h.state()["similar"]["status"].get<std::string>().empty());
}

TEST_CASE("similar strip: no diagnosis or label during a quiz, even with labels toggled on") {
    Fixture f;
    f.h.app.explorer.refresh(f.h.app.dataset, f.h.app.data_generation);
    start_random_quiz(f.h.app);
    REQUIRE(f.h.app.share.quiz.active());
    const uint32_t q = 7;  // a lesion with features, opened in the viewer while the quiz runs
    f.open_viewer(q);
    f.h.key(ImGuiKey_L);  // the labels key does not reveal them in the strip while the quiz runs
    const auto s = f.h.state()["similar"];
    CHECK(s["labels_shown"] == false);
    REQUIRE(s["items"].size() == 12);
    for (const auto& it : s["items"]) {
        CHECK_FALSE(it.contains("diagnosis"));
        CHECK_FALSE(it.contains("label"));
    }
    // After the quiz, with labels shown, they are back.
    end_quiz(f.h.app);
    f.h.app.explorer.labels_hidden = false;
    f.h.frame(2);
    CHECK(f.h.state()["similar"]["labels_shown"] == true);
    CHECK(f.h.state()["similar"]["items"][0].contains("label"));
}

TEST_CASE("similar strip: while features stream in, the space grows by a quarter or for the lesion asked about") {
    App app;
    app.set_dataset(six_patients(), {});
    const size_t d = app.model.feature_info().size();
    std::mt19937 rng(11);
    std::normal_distribution<float> z(0.f, 1.f);
    auto feature = [&](uint32_t l) {
        std::vector<float> v;
        for (size_t j = 0; j < d; ++j) v.push_back(0.5f + 0.2f * z(rng));
        REQUIRE(app.model.set_features(l, std::move(v)));
    };
    for (uint32_t l = 0; l < 10; ++l) feature(l);
    app.select_lesion(0);
    CHECK(similar_strip(app).searched == 9);
    feature(10);  // 11 featured: less than a quarter more, the space stays
    CHECK(similar_strip(app).searched == 9);
    app.select_lesion(10);  // ...until the lesion asked about is not in it
    CHECK(similar_strip(app).searched == 10);
    CHECK(similar_strip(app).items.size() == 10);
    for (uint32_t l = 11; l < 14; ++l) feature(l);  // 14 >= 11 x 1.25: rebuilt
    app.select_lesion(0);
    CHECK(similar_strip(app).searched == 13);
}
