// test_dataset_load.cpp - loading ISIC CSVs by header name: the schemas, missing
// values, bad rows (reported with line numbers, the rest still loads) and
// every real ISIC 2020 file in ../shared/data/isic2020.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>

#include "core/data/csv.h"
#include "core/data/dataset_load.h"
#include "test_helpers.h"

using duck::Label;
using duck::load_csv;
using duck::Severity;
using duck::Sex;
using duck::Site;

namespace {
// Problems of a given kind, as "where" strings.
std::vector<std::string> where_of(const duck::LoadResult& r, const std::string& kind) {
    std::vector<std::string> out;
    for (const auto& p : r.problems)
        if (p.kind == kind) out.push_back(p.where);
    return out;
}
std::string isic(const std::string& rel) { return duck::test::read_file(duck::test::shared_path("data/isic2020/" + rel)); }
}  // namespace

TEST_CASE("load: columns are found by name, in any order, extras kept") {
    const auto r = load_csv(
        "target,Sex,width,image_name,age_approx,patient_id,anatom_site_general_challenge\n"
        "1,female,6000,ISIC_1,45.0,IP_1,torso\n"
        "0,,640,ISIC_2,,IP_1,\n",
        "t.csv");
    REQUIRE(r.ok);
    CHECK(r.problems.empty());
    CHECK(r.dataset.schema == duck::CsvSchema::Train);
    REQUIRE(r.dataset.lesions.size() == 2);
    const auto& a = r.dataset.lesions[0];
    CHECK(a.image_name == "ISIC_1");
    CHECK(a.sex == Sex::Female);
    CHECK(a.age == doctest::Approx(45.0));
    CHECK(a.site == Site::Torso);
    CHECK(a.label == Label::Malignant);
    CHECK(r.dataset.extra.get(a, "width") == "6000");
    const auto& b = r.dataset.lesions[1];
    CHECK(b.sex == Sex::Unknown);  // missing values are unknown, never 0
    CHECK(std::isnan(b.age));
    CHECK(b.site == Site::Unknown);
    CHECK(b.label == Label::Benign);
    CHECK(r.dataset.extra.get(b, "width") == "640");
    CHECK(r.dataset.extra.get(b, "height").empty());
    REQUIRE(r.dataset.patients.size() == 1);
    CHECK(r.dataset.patients[0].sex == Sex::Female);
    CHECK(r.dataset.patients[0].melanomas == 1);
    CHECK(r.dataset.patients[0].mean_age == doctest::Approx(45.0));
}

TEST_CASE("load: bad rows are listed with their line and good rows still load") {
    const auto r = load_csv(
        "image_name,patient_id,sex,age_approx,anatom_site_general_challenge,diagnosis,benign_malignant,target\n"
        "ISIC_1,IP_1,male,45.0,torso,nevus,benign,0\n"
        "ISIC_2,IP_1,male,forty,torso,nevus,benign,0\n"        // line 3: bad age
        "ISIC_3,IP_1,male,45,elbow,nevus,benign,0\n"           // line 4: bad site
        "ISIC_4,IP_1,male,45,torso,melanoma,benign,1\n"        // line 5: label conflict
        "ISIC_5,IP_1,male,45,torso,nevus,benign,yes\n"         // line 6: bad target
        "ISIC_1,IP_1,male,45,torso,nevus,benign,0\n"           // line 7: duplicate image
        "ISIC_6,IP_1,male,45,torso\n"                          // line 8: wrong column count
        "ISIC_7,IP_2,robot,45,torso,nevus,benign,0\n"          // line 9: bad sex
        ",IP_2,male,45,torso,nevus,benign,0\n"                 // line 10: no image name
        "ISIC_8,,male,45,torso,nevus,maybe,0\n",               // line 11: bad b/m + no patient
        "bad.csv");
    REQUIRE(r.ok);
    CHECK(r.records == 10);
    CHECK(where_of(r, "bad_age") == std::vector<std::string>{"bad.csv:3"});
    CHECK(where_of(r, "bad_site") == std::vector<std::string>{"bad.csv:4"});
    CHECK(where_of(r, "label_conflict") == std::vector<std::string>{"bad.csv:5"});
    CHECK(where_of(r, "bad_target") == std::vector<std::string>{"bad.csv:6"});
    CHECK(where_of(r, "duplicate_image") == std::vector<std::string>{"bad.csv:7"});
    CHECK(where_of(r, "csv_columns") == std::vector<std::string>{"bad.csv:8"});
    CHECK(where_of(r, "bad_sex") == std::vector<std::string>{"bad.csv:9"});
    CHECK(where_of(r, "missing_image_name") == std::vector<std::string>{"bad.csv:10"});
    CHECK(where_of(r, "bad_benign_malignant") == std::vector<std::string>{"bad.csv:11"});
    CHECK(where_of(r, "missing_patient") == std::vector<std::string>{"bad.csv:11"});
    CHECK(r.error_count() == 9);
    CHECK(r.warning_count() == 1);
    // Rows with bad values load with those values unknown; skipped rows do not.
    const auto& ds = r.dataset;
    CHECK(ds.lesions.size() == 7);  // ISIC_1..5, 7, 8
    CHECK(std::isnan(ds.lesions[ds.find_lesion("ISIC_2")].age));
    CHECK(ds.lesions[ds.find_lesion("ISIC_3")].site == Site::Unknown);
    CHECK(ds.lesions[ds.find_lesion("ISIC_4")].label == Label::Malignant);  // target wins
    CHECK(ds.lesions[ds.find_lesion("ISIC_5")].label == Label::Benign);     // from benign_malignant
    CHECK(ds.lesions[ds.find_lesion("ISIC_8")].patient == duck::kNone);
    CHECK(ds.find_lesion("ISIC_6") == duck::kNone);
    CHECK(ds.lesions[ds.find_lesion("ISIC_1")].line == 2);
    CHECK(ds.where(ds.lesions[ds.find_lesion("ISIC_3")]) == "bad.csv:4");
    for (const auto& p : r.problems) CHECK_FALSE(p.message.empty());
}

TEST_CASE("load: unrecognised or empty files are reported, not crashed on") {
    auto r = load_csv("", "empty.csv");
    CHECK_FALSE(r.ok);
    CHECK(where_of(r, "csv_empty").size() == 1);
    r = load_csv("a,b,c\n1,2,3\n", "other.csv");
    CHECK_FALSE(r.ok);
    CHECK(where_of(r, "csv_header") == std::vector<std::string>{"other.csv:1"});
    CHECK(r.dataset.lesions.empty());
    r = load_csv("image_name,patient_id\nISIC_1,\"IP_1\nISIC_2,IP_2\n", "q.csv");
    CHECK(r.ok);
    CHECK(where_of(r, "csv_quote") == std::vector<std::string>{"q.csv:2"});
    r = load_csv("image_name,patient_id\nISIC_\"1,IP_1\n", "s.csv");
    CHECK(r.error_count() == 0);
    CHECK(r.warning_count() == 1);
}

TEST_CASE("load: schemas are recognised from the header") {
    CHECK(load_csv("image_name,patient_id,sex\nISIC_1,IP_1,male\n", "x").dataset.schema == duck::CsvSchema::Test);
    CHECK(load_csv("image_name,lesion_id,target\nISIC_1,IL_1,0\n", "x").dataset.schema == duck::CsvSchema::TrainV2);
    const auto d = load_csv("image_name_1,image_name_2\r\nISIC_1,ISIC_2\r\nISIC_3,ISIC_3\r\n", "d");
    CHECK(d.dataset.schema == duck::CsvSchema::Duplicates);
    REQUIRE(d.dataset.lesions.size() == 1);
    CHECK(d.dataset.lesions[0].image_name == "ISIC_2");
    CHECK(d.dataset.lesions[0].duplicate_of == "ISIC_1");
    CHECK(where_of(d, "bad_duplicate_pair") == std::vector<std::string>{"d:3"});
}

TEST_CASE("load: age and sex parsing") {
    float a = 0;
    CHECK(duck::parse_age("45.0", a));
    CHECK(a == doctest::Approx(45.0));
    CHECK(duck::parse_age(" 37.5 ", a));
    CHECK(a == doctest::Approx(37.5));
    CHECK(duck::parse_age("0", a));
    CHECK(a == 0.0f);
    CHECK(duck::parse_age("", a));
    CHECK(std::isnan(a));
    CHECK(duck::parse_age("NaN", a));
    CHECK(std::isnan(a));
    CHECK_FALSE(duck::parse_age("-5", a));
    CHECK_FALSE(duck::parse_age("4e1", a));
    CHECK_FALSE(duck::parse_age("1.2.3", a));
    CHECK_FALSE(duck::parse_age("200", a));
    CHECK_FALSE(duck::parse_age(".", a));
    Sex s = Sex::Male;
    CHECK(duck::parse_sex("", s));
    CHECK(s == Sex::Unknown);
    CHECK(duck::parse_sex("Female", s));
    CHECK(s == Sex::Female);
    CHECK_FALSE(duck::parse_sex("x", s));
}

namespace {
// What parse_age accepts, said differently: digits with at most one '.', at
// least one digit, value <= 130 (read by strtod), or a missing-value word.
bool reference_age(std::string_view text, float& out) {
    const std::string t(duck::trim(text));
    out = NAN;
    for (const char* missing : {"", "unknown", "nan", "na", "n/a"})
        if (duck::iequals(t, missing)) return true;
    size_t digits = 0, dots = 0;
    for (char c : t) {
        digits += c >= '0' && c <= '9';
        dots += c == '.';
    }
    if (digits == 0 || dots > 1 || digits + dots != t.size()) return false;
    const double v = std::strtod(t.c_str(), nullptr);
    if (v > 130) return false;
    out = static_cast<float>(v);
    return true;
}
}  // namespace

TEST_CASE("load: parse_age agrees with a plain reading of its rule (fast path for whole numbers)") {
    const char alphabet[] = {'0', '1', '3', '4', '5', '9', '.', ' ', '0', '0', 'n', '-'};
    uint32_t seed = 4242;
    for (int round = 0; round < 20000; ++round) {
        std::string s;
        seed = seed * 1664525u + 1013904223u;
        const int len = static_cast<int>((seed >> 8) % 8);
        for (int i = 0; i < len; ++i) {
            seed = seed * 1664525u + 1013904223u;
            s += alphabet[(seed >> 8) % sizeof(alphabet)];
        }
        float a = 0, b = 0;
        const bool ok_a = duck::parse_age(s, a), ok_b = reference_age(s, b);
        REQUIRE_MESSAGE(ok_a == ok_b, "'", s, "'");
        // Whole numbers (the fast path) exactly; fractions up to the last float bit.
        if (ok_a) CHECK_MESSAGE((std::isnan(a) ? std::isnan(b) : a == b || (b != std::floor(b) && a == doctest::Approx(b).epsilon(1e-6))), "'", s, "'");
    }
    for (const char* s : {"45.0", "45", "45.", "045", "0045", "00045", "130", "130.0", "131", "131.0", "1234", "45.05", "45.50", ".5", "0.0"}) {
        float a = 0, b = 0;
        CHECK_MESSAGE(duck::parse_age(s, a) == reference_age(s, b), s);
        CHECK_MESSAGE((std::isnan(a) ? std::isnan(b) : a == b), s);
    }
}

TEST_CASE("real: train.csv (LF, age as 45.0)") {
    const auto r = load_csv(isic("train.csv"), "train.csv");
    REQUIRE(r.ok);
    CHECK(r.problems.empty());
    const auto& ds = r.dataset;
    CHECK(ds.schema == duck::CsvSchema::Train);
    CHECK(ds.lesions.size() == 33126);
    CHECK(ds.patients.size() == 2056);
    int melanomas = 0, mel_patients = 0;
    for (const auto& l : ds.lesions) melanomas += l.label == Label::Malignant;
    for (const auto& p : ds.patients) mel_patients += p.melanomas > 0;
    CHECK(melanomas == 584);
    CHECK(mel_patients == 428);
    // First data row: ISIC_2637011,IP_7279968,male,45.0,head/neck,unknown,benign,0
    const uint32_t i = ds.find_lesion("ISIC_2637011");
    REQUIRE(i != duck::kNone);
    const auto& l = ds.lesions[i];
    CHECK(l.patient_id == "IP_7279968");
    CHECK(l.sex == Sex::Male);
    CHECK(l.age == doctest::Approx(45.0));
    CHECK(l.site == Site::HeadNeck);
    CHECK(l.diagnosis == "unknown");
    CHECK(l.label == Label::Benign);
    CHECK(l.line == 2);
    const uint32_t p = ds.find_patient("IP_7279968");
    REQUIRE(p == l.patient);
    CHECK(ds.patients[p].lesions.size() == 115);  // README: IP_7279968 has 115 images
    CHECK(ds.find_patient("IP_0000000") == duck::kNone);
}

TEST_CASE("real: test.csv has no labels") {
    const auto r = load_csv(isic("test.csv"), "test.csv");
    REQUIRE(r.ok);
    CHECK(r.problems.empty());
    CHECK(r.dataset.schema == duck::CsvSchema::Test);
    CHECK(r.dataset.lesions.size() == 10982);
    CHECK(r.dataset.patients.size() == 690);
    CHECK_FALSE(r.dataset.has_labels);
    for (const auto& l : r.dataset.lesions) REQUIRE(l.label == Label::Unknown);
}

TEST_CASE("real: GroundTruth v1, v2 and their variants (CRLF, no final newline, extra column)") {
    for (const char* f : {"ISIC_2020_Training_GroundTruth.csv", "variants/caitlinruble/ISIC_2020_Training_GroundTruth.csv"}) {
        CAPTURE(f);
        const auto r = load_csv(isic(f), f);
        CHECK(r.problems.empty());
        CHECK(r.dataset.schema == duck::CsvSchema::Train);
        CHECK(r.dataset.lesions.size() == 33126);
        CHECK(r.dataset.patients.size() == 2056);
        CHECK(r.dataset.lesions.back().label != Label::Unknown);  // last row intact without final CRLF
    }
    for (const char* f : {"ISIC_2020_Training_GroundTruth_v2.csv", "variants/caitlinruble/ISIC_2020_Training_GroundTruth_v2.csv",
                          "variants/AlvaroFloresR/ISIC_2020_Training_GroundTruth_v2.csv"}) {
        CAPTURE(f);
        const auto r = load_csv(isic(f), f);
        CHECK(r.problems.empty());
        CHECK(r.dataset.schema == duck::CsvSchema::TrainV2);
        CHECK(r.dataset.lesions.size() == 33126);
        std::set<std::string> ids;
        for (const auto& l : r.dataset.lesions) ids.insert(l.lesion_id);
        CHECK(ids.size() == 32701);
        CHECK_FALSE(ids.count(""));
    }
    const auto a = load_csv(isic("variants/AlvaroFloresR/ISIC_2020_Training_GroundTruth_v2.csv"), "a.csv");
    CHECK(a.dataset.extra.names == std::vector<std::string>{"asymmetry"});
    CHECK(a.dataset.extra.get(a.dataset.lesions[0], "asymmetry") == "0");
}

TEST_CASE("real: duplicates list (425 pairs, with and without final CRLF)") {
    for (const char* f : {"ISIC_2020_Training_Duplicates.csv", "variants/caitlinruble/ISIC_2020_Training_Duplicates.csv"}) {
        CAPTURE(f);
        const auto r = load_csv(isic(f), f);
        CHECK(r.problems.empty());
        CHECK(r.dataset.schema == duck::CsvSchema::Duplicates);
        CHECK(r.dataset.lesions.size() == 425);
        CHECK(r.dataset.patients.empty());
        CHECK(r.dataset.lesions[0].image_name == "ISIC_8521950");
        CHECK(r.dataset.lesions[0].duplicate_of == "ISIC_0079038");
    }
}

TEST_CASE("real: jpeg-melanoma-512x512 train.csv keeps tfrecord/width/height") {
    const auto r = load_csv(isic("jpeg-melanoma-512x512/train.csv"), "512/train.csv");
    CHECK(r.problems.empty());
    const auto& ds = r.dataset;
    CHECK(ds.lesions.size() == 33126);
    CHECK(ds.patients.size() == 2056);
    CHECK(ds.extra.names == std::vector<std::string>{"tfrecord", "width", "height"});
    const auto& l = ds.lesions[ds.find_lesion("ISIC_2637011")];
    CHECK(ds.extra.get(l, "width") == "6000");
    CHECK(ds.extra.get(l, "height") == "4000");
    int dropped = 0;  // README: tfrecord == -1 for 434 images
    for (const auto& x : ds.lesions) dropped += ds.extra.get(x, "tfrecord") == "-1";
    CHECK(dropped == 434);
}

TEST_CASE("real: images.csv and test_images.csv (partial schemas) load") {
    const auto a = load_csv(isic("images.csv"), "images.csv");
    CHECK(a.problems.empty());
    CHECK(a.dataset.lesions.size() == 22);
    CHECK(a.dataset.patients.size() == 21);
    const auto b = load_csv(isic("test_images.csv"), "test_images.csv");
    CHECK(b.problems.empty());
    CHECK(b.dataset.lesions.size() == 32);
    CHECK(b.dataset.patients.size() == 31);
    CHECK_FALSE(b.dataset.has_labels);  // empty target column
}

TEST_CASE("load: CsvLoad in slices gives exactly load_csv's result, with rising progress") {
    const std::string text = isic("train.csv") +
                             "ISIC_X1,IP_X,robot,forty,moon,nevus,benign,maybe\nISIC_X2,IP_X\n\"ISIC_X3,IP_X,f";
    const auto whole = load_csv(text, "train.csv");
    duck::CsvLoad sliced(text, "train.csv");
    CHECK_FALSE(sliced.done());
    CHECK(sliced.progress() < 0.01);
    size_t steps = 0;
    double last = sliced.progress();
    while (!sliced.step(997)) {
        ++steps;
        CHECK(sliced.progress() >= last);
        last = sliced.progress();
        REQUIRE(steps < 100);
    }
    CHECK(steps == whole.records / 997);
    CHECK(sliced.done());
    CHECK(sliced.progress() == 1.0);
    CHECK(sliced.step(10));  // done stays done
    const auto r = sliced.take();
    CHECK(r.ok);
    CHECK(r.records == whole.records);
    REQUIRE(r.dataset.lesions.size() == whole.dataset.lesions.size());
    CHECK(r.dataset.patients.size() == whole.dataset.patients.size());
    CHECK(r.dataset.find_lesion("ISIC_X1") == whole.dataset.find_lesion("ISIC_X1"));
    REQUIRE(r.problems.size() == whole.problems.size());
    for (size_t i = 0; i < r.problems.size(); ++i) {
        CHECK(r.problems[i].kind == whole.problems[i].kind);
        CHECK(r.problems[i].where == whole.problems[i].where);
        CHECK(r.problems[i].message == whole.problems[i].message);
    }
    CHECK(where_of(r, "bad_age").size() == 1);
    CHECK(where_of(r, "csv_columns").size() == 2);
}

TEST_CASE("load: values padded with spaces or tabs read as the bare ones") {
    // The parsed columns reach their parse_* untrimmed (ISIC's exact spellings
    // take a fast path); padding must still give the same lesion, no problem.
    const auto r = load_csv(
        "image_name,patient_id,sex,age_approx,anatom_site_general_challenge,diagnosis,benign_malignant,target\n"
        "ISIC_1,IP_1,male,45.0,torso,nevus,benign,0\n"
        " ISIC_2 ,\tIP_1 , male , 45.0 ,\ttorso , nevus , benign , 0 \n"
        "ISIC_3,IP_2, Female,50, Upper Extremity ,melanoma, Malignant,1.0 \n"
        "ISIC_4,IP_2,,,,,,\n"
        "ISIC_5,IP_2,  ,  ,  ,  ,  ,  \n",
        "p.csv");
    REQUIRE(r.ok);
    CHECK(r.problems.empty());
    REQUIRE(r.dataset.lesions.size() == 5);
    const auto& a = r.dataset.lesions[0];
    const auto& b = r.dataset.lesions[1];
    CHECK(b.image_name == "ISIC_2");
    CHECK(b.patient_id == "IP_1");
    CHECK(b.diagnosis == "nevus");
    CHECK(b.sex == a.sex);
    CHECK(b.age == a.age);
    CHECK(b.site == a.site);
    CHECK(b.label == a.label);
    const auto& c = r.dataset.lesions[2];
    CHECK(c.sex == Sex::Female);
    CHECK(c.age == 50.0f);
    CHECK(c.site == Site::UpperExtremity);
    CHECK(c.label == Label::Malignant);
    for (size_t i : {3, 4}) {
        const auto& e = r.dataset.lesions[i];
        CHECK(e.sex == Sex::Unknown);
        CHECK(std::isnan(e.age));
        CHECK(e.site == Site::Unknown);
        CHECK(e.label == Label::Unknown);
        CHECK(e.diagnosis.empty());
    }
    CHECK(r.dataset.patients.size() == 2);
}

TEST_CASE("load: a bad padded value is reported trimmed") {
    const auto r = load_csv("image_name,sex,target,benign_malignant\nISIC_1,  robot ,  2 , maybe \n", "b.csv");
    REQUIRE(r.problems.size() == 3);
    CHECK(r.problems[0].message == "sex 'robot' is not male, female or empty");
    CHECK(r.problems[1].message == "target '2' is not 0 or 1");
    CHECK(r.problems[2].message == "benign_malignant 'maybe' is not benign, malignant or indeterminate");
}

TEST_CASE("load: CsvLoad of an empty or headerless input is done at once") {
    duck::CsvLoad empty("", "e.csv");
    CHECK(empty.done());
    CHECK(empty.step(1));
    const auto e = empty.take();
    CHECK_FALSE(e.ok);
    CHECK(where_of(e, "csv_empty") == std::vector<std::string>{"e.csv:1"});
    duck::CsvLoad headerless("a,b\n1,2\n", "h.csv");
    CHECK(headerless.done());
    CHECK(where_of(headerless.take(), "csv_header").size() == 1);
}

TEST_CASE("parse_age: the two-digit \"DD.0\" fast path gives what the general path gives") {
    // Every ISIC spelling "00.0".."99.0" and the same digits with a trailing
    // space (which the fast path leaves to the general one): same value, exactly.
    for (int v = 0; v <= 99; ++v) {
        const std::string fast = (v < 10 ? "0" : "") + std::to_string(v) + ".0";
        float a = -1, b = -1;
        CHECK(duck::parse_age(fast, a));
        CHECK(duck::parse_age(fast + " ", b));
        CHECK(a == static_cast<float>(v));
        CHECK(a == b);
    }
    float a = 0;
    CHECK_FALSE(duck::parse_age("4a.0", a));  // not digits: general path, rejected
    CHECK_FALSE(duck::parse_age("45.a", a));
    CHECK(duck::parse_age("45.5", a));  // ".5" is not the fast path
    CHECK(a == 45.5f);
}
