// test_predictions.cpp - predictions CSVs: score column choice, bad rows,
// matching to a dataset (unmatched, duplicates), within-patient ranks, top
// lesions, disagreements and the evaluation on hand-made patients.
#include <cmath>

#include <doctest/doctest.h>

#include "core/data/dataset_load.h"
#include "core/model/prediction_ranks.h"
#include "core/view/prediction_links.h"
#include "core/data/predictions.h"
#include "core/view/view_state.h"

using namespace duck;

namespace {

// Two patients: P1 with 4 lesions (a melanoma: b), P2 with 2 benign lesions.
Dataset small_dataset() {
    const char* csv =
        "image_name,patient_id,sex,age_approx,anatom_site_general_challenge,diagnosis,benign_malignant,target\n"
        "ISIC_a,IP_1,male,45.0,torso,nevus,benign,0\n"
        "ISIC_b,IP_1,male,45.0,torso,melanoma,malignant,1\n"
        "ISIC_c,IP_1,male,45.0,torso,nevus,benign,0\n"
        "ISIC_d,IP_1,male,45.0,torso,nevus,benign,0\n"
        "ISIC_e,IP_2,female,30.0,head/neck,nevus,benign,0\n"
        "ISIC_f,IP_2,female,30.0,head/neck,nevus,benign,0\n";
    auto r = load_csv(csv, "train.csv");
    REQUIRE(r.ok);
    return std::move(r.dataset);
}

PredictionsFile parse_ok(std::string_view bytes, std::string_view column = {}) {
    auto r = parse_predictions(bytes, "p.csv", column);
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
    return std::move(r.value());
}

}  // namespace

TEST_CASE("predictions: parse_score reads decimals and exponents, refuses the rest") {
    double v = 0;
    CHECK((parse_score("0.0238428", v) && v == 0.0238428));
    CHECK((parse_score(" 1.3e-05 ", v) && v == 1.3e-05));
    CHECK((parse_score("-2", v) && v == -2.0));
    CHECK((parse_score("+.5", v) && v == 0.5));
    CHECK((parse_score("1E3", v) && v == 1000.0));
    CHECK((parse_score("0.02721912506967783", v) && v == 0.02721912506967783));
    for (const char* bad : {"", "abc", "nan", "inf", "1.2.3", "1e", "0x10", "1,5", "-", "."}) {
        CAPTURE(bad);
        CHECK_FALSE(parse_score(bad, v));
    }
}

TEST_CASE("predictions: parse_score keeps a zero with any exponent, and values whose power of ten alone underflows") {
    double v = 1;
    CHECK((parse_score("0e400", v) && v == 0.0));
    CHECK((parse_score("-0.000E+3085821352", v) && v == 0.0));
    // 10^-324 is 0 as a double, but 1e19 * 10^-325 = 1e-306 is an ordinary double.
    CHECK((parse_score("10000000000000000000e-325", v) && std::fabs(v - 1e-306) <= 1e-318));
    CHECK_FALSE(parse_score("1e400", v));  // beyond a double: refused, never infinity
}

TEST_CASE("predictions: a blank score column name asks for none (an unnamed column is never the score)") {
    auto f = parse_predictions("image_name,,pred\nISIC_a,0.1,0.2\n", "p.csv", " ");
    REQUIRE(f.ok());
    CHECK(f.value().column == "pred");
}

TEST_CASE("predictions: the score column is chosen by name, target only as a last resort") {
    // Out-of-fold file: target is the label, pred the score.
    auto oof = parse_ok("image_name,target,pred,fold\nISIC_a,0,0.25,0\nISIC_b,1,0.75,1\n");
    CHECK(oof.column == "pred");
    CHECK_FALSE(oof.ambiguous);
    CHECK(oof.score_columns == std::vector<std::string>{"target", "pred"});
    REQUIRE(oof.rows.size() == 2);
    CHECK(oof.rows[1].image_name == "ISIC_b");
    CHECK(oof.rows[1].score == 0.75);
    CHECK(oof.rows[1].line == 3);
    // Submission: target is the score.
    CHECK(parse_ok("image_name,target\nISIC_a,0.1\n").column == "target");
    // Metadata columns and the benign probability are never the score.
    auto wide = parse_ok("image_name,patient_id,age_approx,target,width,fold,class_0_oof,class_1_oof,oof_preds\n"
                         "ISIC_a,IP_1,45.0,0,6000,1,0.9,0.1,0\n");
    CHECK(wide.column == "class_1_oof");
    CHECK(wide.score_columns == std::vector<std::string>{"target", "class_1_oof", "oof_preds"});
    // Unknown names: the first numeric column, flagged for the user to confirm.
    auto guess = parse_ok("image_name,model_a,model_b,note\nISIC_a,0.1,0.2,x\n");
    CHECK(guess.column == "model_a");
    CHECK(guess.ambiguous);
    CHECK(guess.score_columns == std::vector<std::string>{"model_a", "model_b"});
    // Picked by the user (any case).
    CHECK(parse_ok("image_name,target,pred\nISIC_a,0,0.3\n", "TARGET").column == "target");
}

TEST_CASE("predictions: headers without an image or score column are errors that say why") {
    auto none = parse_predictions("", "p.csv");
    REQUIRE_FALSE(none.ok());
    CHECK(none.error().message.find("empty") != std::string::npos);
    auto no_image = parse_predictions("name,pred\nISIC_a,0.1\n", "p.csv");
    REQUIRE_FALSE(no_image.ok());
    CHECK(no_image.error().message.find("no image_name column") != std::string::npos);
    auto no_score = parse_predictions("image_name,patient_id,sex\nISIC_a,IP_1,male\n", "test.csv");
    REQUIRE_FALSE(no_score.ok());
    CHECK(no_score.error().message.find("no score column") != std::string::npos);
    auto missing = parse_predictions("image_name,pred\nISIC_a,0.1\n", "p.csv", "class_1_oof");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message.find("no column named 'class_1_oof'; its columns are image_name, pred") !=
          std::string::npos);
}

TEST_CASE("predictions: bad rows are counted and reported with their lines, good rows load") {
    auto f = parse_ok("image_name,pred\r\nISIC_a,0.5\r\n,0.1\r\nISIC_c,high\r\nISIC_d\r\nISIC_e,0.2\r\n");
    CHECK(f.records == 5);
    CHECK(f.rows.size() == 2);
    CHECK(f.bad_rows == 3);
    REQUIRE(f.problems.size() == 3);
    CHECK(f.problems[0].where == "p.csv:3");
    CHECK(f.problems[0].message == "no image name");
    CHECK(f.problems[1].where == "p.csv:4");
    CHECK(f.problems[1].message == "pred 'high' is not a number");
    CHECK(f.problems[2].where == "p.csv:5");
}

TEST_CASE("predictions: rows match lesions by name, unmatched and duplicate rows are reported") {
    const Dataset ds = small_dataset();
    auto f = parse_ok("image_name,pred\nISIC_a,0.1\nISIC_x,0.5\nISIC_b,0.9\nISIC_a,0.7\nISIC_e,0.3\n");
    const PredictionMatch m = match_predictions(f, ds);
    CHECK(m.matched == 3);
    CHECK(m.unmatched == 1);
    CHECK(m.unmatched_examples == std::vector<std::string>{"ISIC_x"});
    CHECK(m.duplicates == 1);
    CHECK(m.duplicate_examples == std::vector<std::string>{"ISIC_a"});
    CHECK(m.lesions_without == 3);
    CHECK(m.labelled);
    CHECK(m.score[ds.find_lesion("ISIC_a")] == 0.1);  // the first row of a name wins
    CHECK(std::isnan(m.score[ds.find_lesion("ISIC_c")]));
    CHECK(match_summary(f, m) ==
          "p.csv (pred): 3 of 6 lesions scored; 1 row names no image of the dataset (ISIC_x); "
          "1 duplicate row (ISIC_a; the first row of each name kept)");
}

TEST_CASE("predictions: a test submission matches unlabelled rows and says so") {
    auto r = load_csv("image_name,patient_id,sex,age_approx,anatom_site_general_challenge\n"
                      "ISIC_t1,IP_9,male,50.0,torso\nISIC_t2,IP_9,male,50.0,torso\n",
                      "test.csv");
    REQUIRE(r.ok);
    auto f = parse_ok("image_name,target\nISIC_t1,0.2\nISIC_t2,0.6\n");
    const PredictionMatch m = match_predictions(f, r.dataset);
    CHECK(m.matched == 2);
    CHECK_FALSE(m.labelled);
    CHECK(match_summary(f, m).find("no labels") != std::string::npos);
    const auto ranks = patient_ranks(r.dataset, m.score);
    CHECK(ranks[r.dataset.find_lesion("ISIC_t2")] == 1);
    CHECK(ranks[r.dataset.find_lesion("ISIC_t1")] == 2);
    CHECK(evaluate_predictions(r.dataset, m.score).patients == 0);
}

TEST_CASE("predictions: within-patient ranks, top lesions and disagreements") {
    const Dataset ds = small_dataset();
    std::vector<double> s(ds.lesions.size(), NAN);
    auto at = [&](const char* n) { return ds.find_lesion(n); };
    s[at("ISIC_a")] = 0.2;
    s[at("ISIC_b")] = 0.9;
    s[at("ISIC_c")] = 0.2;  // ties ISIC_a: the earlier row ranks first
    s[at("ISIC_e")] = 0.4;
    const auto rank = patient_ranks(ds, s);
    CHECK(rank[at("ISIC_b")] == 1);
    CHECK(rank[at("ISIC_a")] == 2);
    CHECK(rank[at("ISIC_c")] == 3);
    CHECK(rank[at("ISIC_d")] == 0);  // no score
    CHECK(rank[at("ISIC_e")] == 1);
    const uint32_t p1 = ds.find_patient("IP_1"), p2 = ds.find_patient("IP_2");
    CHECK(top_lesion(ds, p1, std::span<const double>(s)) == at("ISIC_b"));
    // Ugly-duckling levels: P1's top is ISIC_d, P2 not scored yet.
    std::vector<float> ud(ds.lesions.size(), NAN);
    ud[at("ISIC_a")] = 0.1f;
    ud[at("ISIC_d")] = 0.8f;
    auto dis = disagreements(ds, s, ud);
    CHECK(dis[p1] == 1);
    CHECK(dis[p2] == 0);  // nothing to disagree with
    ud[at("ISIC_b")] = 0.95f;
    dis = disagreements(ds, s, ud);
    CHECK(dis[p1] == 0);
}

TEST_CASE("predictions: evaluation counts the classifier's scored lesions only") {
    const Dataset ds = small_dataset();
    std::vector<double> s(ds.lesions.size(), NAN);
    for (const char* n : {"ISIC_a", "ISIC_b", "ISIC_c", "ISIC_d"}) s[ds.find_lesion(n)] = 0.1;
    s[ds.find_lesion("ISIC_b")] = 0.2;  // the melanoma
    s[ds.find_lesion("ISIC_c")] = 0.5;  // a benign lesion above it: the melanoma ranks 2
    auto r = evaluate_predictions(ds, s, 4, 100);
    CHECK(r.patients == 1);
    CHECK(r.top1.value == doctest::Approx(0.0));
    CHECK(r.top3.value == doctest::Approx(1.0));
    CHECK(r.mrr.value == doctest::Approx(0.5));
    CHECK(r.auc.value == doctest::Approx(2.0 / 3));  // above a and d, below c
    s[ds.find_lesion("ISIC_d")] = NAN;  // 3 scored lesions: too few
    CHECK(evaluate_predictions(ds, s, 4, 100).patients == 0);
}

TEST_CASE("predictions: ?pred= links are repeatable, validated, and kept beside ?data= and the hash") {
    auto urls = prediction_urls("?data=demo/&pred=oof.csv&pred=https%3A%2F%2Fh.example%2Fsub.csv");
    REQUIRE(urls.ok());
    CHECK(urls.value() == std::vector<std::string>{"oof.csv", "https://h.example/sub.csv"});
    CHECK(prediction_urls("?data=demo/").value().empty());
    auto bad = prediction_urls("?pred=javascript:alert(1)");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message.rfind("?pred=: ", 0) == 0);
    CHECK_FALSE(prediction_urls("?pred=%zz").ok());
    ViewState s;
    s.data_url = "demo/";
    s.pred_urls = {"oof.csv", "https://h.example/sub.csv"};
    s.patient = "IP_1";
    s.lesion = "ISIC_b";
    const std::string link = encode_link(s);
    CHECK(link == "?data=demo/&pred=oof.csv&pred=https://h.example/sub.csv#patient=IP_1&lesion=ISIC_b");
    auto back = decode_link(link.substr(0, link.find('#')), link.substr(link.find('#')));
    REQUIRE(back.ok());
    CHECK(back.value() == s);
    // The existing forms are unchanged: no predictions, no "&pred".
    s.pred_urls.clear();
    CHECK(encode_link(s) == "?data=demo/#patient=IP_1&lesion=ISIC_b");
}

TEST_CASE("predictions: hostile bytes never crash, every refusal or bad row says why") {
    // Fixed-seed random mutations of a valid file: quotes, NULs, huge numbers, cut rows.
    const std::string base = "image_name,target,pred,fold\nISIC_a,0,0.25,0\nISIC_b,1,\"7.5e-1\",1\nISIC_c,0,1e308,2\n";
    const Dataset ds = small_dataset();
    uint64_t x = 88172645463325252ull;
    auto next = [&] { return x ^= x << 13, x ^= x >> 7, x ^= x << 17; };
    const char alphabet[] = {',', '"', '\n', '\r', '\0', 'e', '-', '.', '9', 'x', ' ', '\xff'};
    for (int i = 0; i < 3000; ++i) {
        std::string s = base;
        for (int k = int(next() % 6); k >= 0; --k) {
            const size_t at = next() % (s.size() + 1);
            if (next() % 3 == 0 && at < s.size()) s.erase(at, 1 + next() % 8);
            else s.insert(at, 1, alphabet[next() % sizeof alphabet]);
        }
        auto r = parse_predictions(s, "p.csv");
        if (!r.ok()) {
            CHECK_FALSE(r.error().message.empty());
            continue;
        }
        for (const auto& p : r->problems) CHECK_FALSE(p.message.empty());
        for (const auto& row : r->rows) CHECK(std::isfinite(row.score));
        CHECK(r->rows.size() + r->bad_rows == r->records);
        const auto m = match_predictions(r.value(), ds);
        CHECK(m.matched + m.unmatched + m.duplicates == r->rows.size());
    }
}
