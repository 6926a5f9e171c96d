// test_exports.cpp - CSV exports: quoting, formula defusing, score ranks and the quiz
// results file, checked by parsing them back with the dataset core's CSV reader.
#include <doctest/doctest.h>

#include <cmath>

#include "core/data/csv.h"
#include "core/data/dataset_load.h"
#include "core/teach/exports.h"

using namespace duck;

namespace {

// Parses CSV text back into rows of strings with the dataset core's reader.
std::vector<std::vector<std::string>> parse_back(const std::string& csv) {
    std::vector<std::vector<std::string>> rows;
    CsvReader reader(csv);
    std::vector<std::string_view> fields;
    while (reader.next(fields)) {
        REQUIRE(reader.issue() == CsvIssue::None);
        rows.emplace_back(fields.begin(), fields.end());
    }
    return rows;
}

Dataset small_dataset() {
    const char* csv =
        "image_name,patient_id,sex,age_approx,anatom_site_general_challenge,diagnosis,benign_malignant,target\n"
        "ISIC_1,IP_A,male,40,torso,nevus,benign,0\n"
        "ISIC_2,IP_A,male,40,torso,melanoma,malignant,1\n"
        "ISIC_3,IP_A,male,40,torso,nevus,benign,0\n"
        "ISIC_4,IP_B,female,30,torso,nevus,benign,0\n"
        "ISIC_5,IP_B,female,30,torso,nevus,benign,0\n";
    LoadResult r = load_csv(csv, "t.csv");
    REQUIRE(r.ok);
    return std::move(r.dataset);
}

}  // namespace

TEST_CASE("csv_text quotes only when needed and defuses formulas") {
    CHECK(csv_text("ISIC_1") == "ISIC_1");
    CHECK(csv_text("a,b") == "\"a,b\"");
    CHECK(csv_text("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csv_text("line\nbreak") == "\"line\nbreak\"");
    CHECK(csv_text(" padded") == "\" padded\"");
    CHECK(csv_text("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
    CHECK(csv_text("+1") == "'+1");
    CHECK(csv_text("@SUM") == "'@SUM");
    CHECK(csv_text("") == "");
    CHECK(csv_number(0.25f) == "0.25");
    CHECK(csv_number(-1.5f) == "-1.5");
    CHECK(csv_number(NAN) == "");
}

TEST_CASE("score_rows ranks within each patient, scores_csv writes every field") {
    const Dataset ds = small_dataset();
    std::vector<float> scores{0.2f, 0.8f, 0.5f, NAN, 0.3f};
    auto rows = score_rows(ds, scores);
    REQUIRE(rows.size() == 5);
    CHECK(rows[1].rank == 1);
    CHECK(rows[2].rank == 2);
    CHECK(rows[0].rank == 3);
    CHECK(rows[4].rank == 1);
    CHECK(rows[3].rank == 0);  // unscored
    rows[1].level = 0.975f;
    rows[1].status = "ok";
    rows[1].reasons = {"more colourful, than the others", "darker \"core\""};

    const std::string csv = scores_csv(rows);
    const auto t = parse_back(csv);
    REQUIRE(t.size() == 6);
    CHECK(t[0] == std::vector<std::string>{"image_name", "patient_id", "score", "rank", "level", "top_reasons", "status"});
    CHECK(t[2] == std::vector<std::string>{"ISIC_2", "IP_A", "0.8", "1", "0.975",
                                                "more colourful, than the others; darker \"core\"", "ok"});
    CHECK(t[4] == std::vector<std::string>{"ISIC_4", "IP_B", "", "", "", "", ""});
}

TEST_CASE("quiz_results_csv has one line per answered case") {
    const Dataset ds = small_dataset();
    std::vector<float> scores{0.2f, 0.8f, 0.5f, 0.1f, 0.3f};
    std::vector<QuizCaseResult> results;
    results.push_back(score_quiz_case(ds, ds.find_patient("IP_A"), {2, 1}, scores));
    results.push_back(score_quiz_case(ds, ds.find_patient("IP_B"), {}, scores));
    const auto t = parse_back(quiz_results_csv(ds, results));
    REQUIRE(t.size() == 3);
    CHECK(t[0][0] == "case");
    CHECK(t[0].size() == 12);
    CHECK(t[1] == std::vector<std::string>{"1", "IP_A", "melanoma", "3", "ISIC_3;ISIC_2", "ISIC_2", "1", "1", "2",
                                                "1", "ISIC_2", "1"});
    CHECK(t[2] == std::vector<std::string>{"2", "IP_B", "none", "2", "", "", "1", "0", "", "", "ISIC_5", ""});
}
