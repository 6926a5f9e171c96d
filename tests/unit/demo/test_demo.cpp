// test_demo.cpp - the synthetic demo dataset: its design matches the stated
// statistics, its CSV loads cleanly through the real ISIC loader, every image
// decodes, the same seed gives the same bytes, and planted outliers are recorded.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <span>

#include "core/data/dataset_load.h"
#include "core/demo/demo_design.h"
#include "core/demo/demo_paint.h"
#include "core/demo/demo_writer.h"
#include "core/image/jpeg_decode.h"
#include "test_helpers.h"

namespace fs = std::filesystem;
using namespace duck::demo;

namespace {

std::string temp_dir(const std::string& name) {
    const std::string dir = std::string(DUCK_BINARY_DIR) + "/test_demo/" + name;
    std::error_code ec;
    fs::remove_all(dir, ec);
    return dir;
}

std::map<std::string, std::string> folder_bytes(const std::string& dir) {
    std::map<std::string, std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file()) out[fs::relative(e.path(), dir).string()] = duck::test::read_file(e.path().string());
    return out;
}

float mean_luma(const duck::ImageRGBA& img, int x0, int y0, int x1, int y1) {
    double sum = 0;
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x) {
            const uint8_t* p = &img.pixels[static_cast<size_t>((y * img.width + x) * 4)];
            sum += 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];
        }
    return static_cast<float>(sum / ((x1 - x0) * (y1 - y0)));
}

}  // namespace

TEST_CASE("default demo design matches its stated statistics") {
    const DemoDesign d = design_demo(DemoOptions{});
    REQUIRE(d.patients.size() == 36);
    int melanoma_patients = 0, males = 0, atypical_without_outlier = 0, benign_outliers = 0;
    int min_lesions = 1000, max_lesions = 0;
    std::set<std::string> patient_ids;
    for (const DemoPatient& p : d.patients) {
        CAPTURE(p.id);
        CHECK(patient_ids.insert(p.id).second);
        CHECK(p.id.size() == 10);
        const int n = static_cast<int>(p.lesions.size());
        min_lesions = std::min(min_lesions, n), max_lesions = std::max(max_lesions, n);
        int mel = 0, outliers = 0;
        for (uint32_t i : p.lesions) {
            const DemoLesion& l = d.lesions[i];
            mel += l.malignant, outliers += l.planted_outlier;
            if (l.malignant) CHECK(l.planted_outlier);  // every melanoma is drawn as the patient's outlier
            if (l.planted_outlier && !l.malignant) ++benign_outliers;
        }
        CHECK(outliers == (has_planted_outlier(p.kind) ? 1 : 0));
        if (outliers) CHECK(n >= 5);  // an outlier always has context
        melanoma_patients += mel > 0;
        males += p.sex == duck::Sex::Male;
        atypical_without_outlier += p.kind == PatientKind::Atypical;
    }
    CHECK(min_lesions == kMinLesions);
    CHECK(max_lesions == kMaxLesions);
    CHECK(melanoma_patients == 7);  // round(0.2 * 36)
    CHECK(atypical_without_outlier >= 2);
    CHECK(benign_outliers >= 2);
    CHECK(std::abs(males / 36.0 - kMaleFraction) < 0.03);
    const size_t total = d.lesions.size();
    CHECK(total >= 400);
    CHECK(total <= 800);

    int site_counts[duck::kSiteCount] = {};
    std::set<std::string> names;
    for (const DemoLesion& l : d.lesions) {
        ++site_counts[static_cast<int>(l.site)];
        CHECK(names.insert(l.image_name).second);
        CHECK(l.age % 5 == 0);
        CHECK(l.age >= 10);
        CHECK(l.age <= 90);
    }
    for (int s = 0; s < duck::kSiteCount; ++s) CHECK(std::abs(site_counts[s] / double(total) - kSiteShare[s]) < 0.01);
    CHECK(std::is_sorted(d.lesions.begin(), d.lesions.end(),
                         [](const DemoLesion& a, const DemoLesion& b) { return a.image_name < b.image_name; }));
}

TEST_CASE("demo kinds scale with the patient count and the seed changes the draw") {
    for (int n : {1, 3, 10, 100}) {
        CAPTURE(n);
        const DemoDesign d = design_demo(DemoOptions{.patients = n, .seed = 7});
        CHECK(d.patients.size() == static_cast<size_t>(n));
        int mel = 0;
        for (const auto& p : d.patients) mel += p.kind == PatientKind::Melanoma || p.kind == PatientKind::AtypicalMelanoma;
        CHECK(std::abs(mel - 0.2 * n) <= 1.0);
        for (const auto& p : d.patients) {
            CHECK(p.lesions.size() >= static_cast<size_t>(kMinLesions));
            CHECK(p.lesions.size() <= static_cast<size_t>(kMaxLesions));
        }
    }
    CHECK(demo_csv(design_demo({.seed = 1})) != demo_csv(design_demo({.seed = 2})));
    CHECK(demo_csv(design_demo({.seed = 1})) == demo_csv(design_demo({.seed = 1})));
}

TEST_CASE("demo CSV loads through the ISIC loader without problems and records planted outliers") {
    const DemoDesign d = design_demo(DemoOptions{});
    const std::string csv = demo_csv(d);
    CHECK(csv.rfind(std::string(kCsvHeader) + "\n", 0) == 0);
    const duck::LoadResult r = duck::load_csv(csv, "train.csv");
    REQUIRE(r.ok);
    for (const auto& p : r.problems) CAPTURE(p.message);
    CHECK(r.problems.empty());
    const duck::Dataset& ds = r.dataset;
    CHECK(ds.has_labels);
    CHECK(looks_like_demo(ds));
    CHECK(ds.lesions.size() == d.lesions.size());
    CHECK(ds.patients.size() == d.patients.size());
    int melanomas = 0, planted = 0;
    for (size_t i = 0; i < ds.lesions.size(); ++i) {
        const duck::Lesion& l = ds.lesions[i];
        const DemoLesion& want = d.lesions[i];
        CHECK(l.image_name == want.image_name);
        CHECK(l.site == want.site);
        CHECK(l.age == static_cast<float>(want.age));
        CHECK((l.label == duck::Label::Malignant) == want.malignant);
        const std::string_view flag = ds.extra.get(l, "planted_outlier");
        CHECK(flag == (want.planted_outlier ? "1" : "0"));
        CHECK(!ds.extra.get(l, "demo_pattern").empty());
        melanomas += l.label == duck::Label::Malignant;
        planted += flag == "1";
    }
    const DemoSummary s = summarize(d);
    CHECK(melanomas == s.melanomas);
    CHECK(planted == s.planted_outliers);
}

TEST_CASE("write_demo writes decodable images, a README, and the same bytes for the same seed") {
    const DemoOptions o{.patients = 4, .seed = 11, .image_size = 192};
    const std::string a = temp_dir("a"), b = temp_dir("b"), c = temp_dir("c");
    const auto ra = write_demo(a, o);
    REQUIRE(ra.ok());
    REQUIRE(write_demo(b, o).ok());
    REQUIRE(write_demo(c, DemoOptions{.patients = 4, .seed = 12, .image_size = 192}).ok());

    const auto fa = folder_bytes(a), fb = folder_bytes(b), fc = folder_bytes(c);
    CHECK(fa == fb);
    CHECK(fa.at("train.csv") != fc.at("train.csv"));
    CHECK(fa.at("README.txt").rfind(std::string(kReadmeMarker), 0) == 0);

    const duck::LoadResult r = duck::load_csv(fa.at("train.csv"), "train.csv");
    REQUIRE(r.ok);
    CHECK(r.problems.empty());
    const auto real = duck::load_csv(duck::test::read_file(duck::test::shared_path("data/isic2020/train.csv")), "train.csv");
    CHECK_FALSE(looks_like_demo(real.dataset));
    CHECK(fa.size() == r.dataset.lesions.size() + 2);  // images + train.csv + README.txt
    CHECK(ra->lesions == static_cast<int>(r.dataset.lesions.size()));
    uint64_t bytes = 0;
    for (const auto& l : r.dataset.lesions) {
        const std::string& jpg = fa.at("train/" + l.image_name + ".jpg");
        bytes += jpg.size();
        const auto img = duck::decode_jpeg(std::span(reinterpret_cast<const uint8_t*>(jpg.data()), jpg.size()));
        CAPTURE(l.image_name);
        REQUIRE(img.ok());
        CHECK(img.image.width == 192);
        CHECK(img.image.height == 192);
    }
    CHECK(bytes == ra->image_bytes);
    // Images of a different seed differ too (compare one of each folder).
    const auto first_image = [](const std::map<std::string, std::string>& f) {
        return std::find_if(f.begin(), f.end(), [](const auto& kv) { return kv.first.rfind("train/", 0) == 0; })->second;
    };
    CHECK(first_image(fa) != first_image(fc));

    // Rewriting a previous demo replaces it exactly (stale images are removed).
    REQUIRE(write_demo(a, DemoOptions{.patients = 4, .seed = 12, .image_size = 192}).ok());
    CHECK(folder_bytes(a) == fc);
}

TEST_CASE("write_demo refuses to write into a folder that is not a demo") {
    const std::string dir = temp_dir("foreign");
    fs::create_directories(dir);
    { std::ofstream(dir + "/notes.txt") << "real data"; }
    const auto r = write_demo(dir, DemoOptions{.patients = 1});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("not a Duckling demo folder") != std::string::npos);
    CHECK(fs::exists(dir + "/notes.txt"));
    CHECK_FALSE(write_demo("", DemoOptions{}).ok());
}

TEST_CASE("painted lesions are deterministic and darker than the skin around them") {
    const DemoDesign d = design_demo(DemoOptions{.patients = 12, .seed = 3});
    std::set<LesionKind> kinds;
    for (const DemoLesion& l : d.lesions) {
        if (!kinds.insert(l.look.kind).second) continue;
        CAPTURE(lesion_kind_name(l.look.kind));
        ImageLook look = l.look;
        look.hairs = 0, look.ruler = false, look.vignette = 0;  // judge the lesion alone
        look.cx = look.cy = 0.5f;
        const duck::ImageRGBA img = paint_lesion_image(look, 128);
        CHECK(img.pixels == paint_lesion_image(look, 128).pixels);
        const float centre = mean_luma(img, 56, 56, 72, 72);
        const float skin = std::min({mean_luma(img, 0, 0, 12, 12), mean_luma(img, 116, 116, 128, 128),
                                     mean_luma(img, 0, 116, 12, 128), mean_luma(img, 116, 0, 128, 12)});
        CHECK(centre < skin - 15.0f);
    }
    CHECK(kinds.size() >= 4);
}

// That the demo is the same bytes on every platform is checked across
// platforms, not against a constant: CTest wasm/demo_bytes compares
// duckling-cli demo (native) with the demo writer built for wasm, file by file.
