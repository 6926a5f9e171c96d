// test_bad_corpus.cpp - the hostile corpus (core/bad_corpus.h) against the core
// loaders: every planted CSV problem is reported with its kind and line, every
// broken image gets the planned status and a specific reason, the valid lesions
// load and decode, and the manifest matches the files. The browser e2e test
// (tests/e2e) checks the same manifest through the app.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <span>

#include "core/demo/bad_corpus.h"
#include "core/data/dataset_load.h"
#include "core/demo/demo_jpeg.h"
#include "core/data/file_match.h"
#include "core/image/image_decode.h"
#include "core/data/validate.h"

namespace {

duck::BadCorpus small_corpus() {
    duck::BadCorpusOptions o;
    o.big_rows = 2000;
    return duck::make_bad_corpus(o, [](const duck::ImageRGBA& img) { return duck::demo::encode_jpeg(img, 85); });
}

std::string_view text_of(const duck::CorpusFile& f) {
    return {reinterpret_cast<const char*>(f.bytes.data()), f.bytes.size()};
}

const duck::CorpusFile* find(const duck::BadCorpus& c, const std::string& path) {
    for (const auto& f : c.files)
        if (f.path == path) return &f;
    return nullptr;
}

bool contains_ci(std::string hay, std::string needle) {
    auto low = [](std::string& s) { std::transform(s.begin(), s.end(), s.begin(), [](unsigned char ch) { return char(std::tolower(ch)); }); };
    low(hay), low(needle);
    return hay.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("bad corpus: every planted CSV problem is reported with its kind and line") {
    const auto c = small_corpus();
    for (const char* folder : {"mixed", "million"}) {
        const auto* csv = find(c, std::string(folder) + "/train.csv");
        REQUIRE(csv);
        const duck::LoadResult r = duck::load_csv(text_of(*csv), "train.csv");
        CHECK(r.ok);
        size_t planted = 0;
        for (const auto& e : c.expect) {
            if (e.folder != folder || e.kind.empty() || e.listing) continue;
            ++planted;
            INFO(folder, " ", e.kind, " at ", e.where);
            const auto it = std::find_if(r.problems.begin(), r.problems.end(),
                                         [&](const duck::Problem& p) { return p.kind == e.kind && p.where == e.where; });
            REQUIRE(it != r.problems.end());
            CHECK(contains_ci(it->message, e.message_has));
        }
        CHECK(planted >= (std::string(folder) == "mixed" ? 9u : 9u));
        // Nothing beyond the planted problems is reported for the CSV itself.
        CHECK(r.problems.size() == planted);
    }
}

TEST_CASE("bad corpus: the long CSV keeps its well-formed rows") {
    const auto c = small_corpus();
    const duck::LoadResult r = duck::load_csv(text_of(*find(c, "million/train.csv")), "train.csv");
    CHECK(r.records == c.big_rows);
    CHECK(r.dataset.lesions.size() >= c.big_valid_rows);
    CHECK(r.dataset.lesions.size() <= c.big_rows);
    CHECK(r.dataset.find_lesion("ISIC_1000000") != duck::kNone);
    CHECK(r.dataset.find_lesion("ISIC_1001999") != duck::kNone);
}

TEST_CASE("bad corpus: broken images get their status and a specific reason, valid ones decode") {
    const auto c = small_corpus();
    std::map<std::string, const duck::CorpusFile*> by_name;  // first file per image name (train/ first)
    for (const auto& f : c.files) {
        const std::string n = duck::image_name_from_path(f.path);
        if (!n.empty() && f.path.rfind("mixed/train/", 0) == 0) by_name.emplace(n, &f);
    }
    for (const auto& name : c.valid_images) {
        INFO(name);
        REQUIRE(by_name.count(name));
        const auto d = duck::decode_image_file(by_name[name]->bytes);
        CHECK(d.decoded.ok());
    }
    size_t images = 0;
    for (const auto& e : c.expect) {
        if (!e.kind.empty() || e.listing) continue;
        ++images;
        INFO(e.where, " expected ", e.status);
        if (e.status == "missing") {
            CHECK(by_name.count(e.where) == 0);
            continue;
        }
        REQUIRE(by_name.count(e.where));
        const auto d = duck::decode_image_file(by_name[e.where]->bytes);
        CHECK_FALSE(d.decoded.ok());
        CHECK(duck::image_status_name(d.decoded.status) == e.status);
        CHECK_FALSE(d.decoded.error.empty());
        CHECK(contains_ci(d.decoded.error, e.message_has));
    }
    CHECK(images == 8);
}

TEST_CASE("bad corpus: noise files and the manifest") {
    const auto c = small_corpus();
    CHECK(find(c, "mixed/train/ISIC_9100002.jpg")->bytes.empty());
    CHECK(duck::image_name_from_path("mixed/train/._ISIC_9000003.jpg").empty());
    CHECK(find(c, "mixed/copy/ISIC_9000002.JPG"));
    const auto* latin1 = find(c, "mixed/train/ISIC_9300001_caf\xe9.jpg");
    REQUIRE(latin1);
    const auto j = nlohmann::json::parse(duck::bad_corpus_manifest(c), nullptr, false);
    REQUIRE_FALSE(j.is_discarded());
    CHECK(j["mixed"]["valid_images"].size() == 13);
    CHECK(j["million"]["rows"] == 2000);
    CHECK(j["million"]["valid_rows"] == 2000 - 9);
    CHECK(j["mixed"]["problems"].size() == 8 + 9 + 2);
}

TEST_CASE("bad corpus: the folder's stray and duplicate files are exactly its listing problems") {
    const auto c = small_corpus();
    const duck::LoadResult r = duck::load_csv(text_of(*find(c, "mixed/train.csv")), "train.csv");
    std::vector<std::string> paths;
    for (const auto& f : c.files)
        if (f.path.rfind("mixed/", 0) == 0 && !duck::image_name_from_path(f.path).empty()) paths.push_back(f.path.substr(6));
    duck::Problems found;
    duck::check_folder_images(r.dataset, paths, found);
    size_t listing = 0;
    for (const auto& e : c.expect) {
        if (!e.listing) continue;
        ++listing;
        INFO(e.kind, " with ", e.message_has);
        const auto it = std::find_if(found.begin(), found.end(), [&](const duck::Problem& p) {
            return p.kind == e.kind && contains_ci(p.message, e.message_has);
        });
        CHECK(it != found.end());
    }
    CHECK(listing == 2);
    CHECK(found.size() == listing);
}
