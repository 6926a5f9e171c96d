// test_quiz.cpp - quiz case selection (seeded, order-independent, curated by link),
// answer scoring against the truth and the model, the running quiz, and summaries.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "core/data/dataset_load.h"
#include "core/teach/quiz.h"

using namespace duck;

namespace {

// 12 melanoma patients (IP_M00..IP_M11, 4 lesions, the 3rd malignant), 8 patients
// without (IP_N00..), one single-lesion melanoma patient and one unlabelled patient.
Dataset quiz_fixture() {
    std::string csv = "image_name,patient_id,sex,age_approx,anatom_site_general_challenge,diagnosis,benign_malignant,target\n";
    auto row = [&](const std::string& img, const std::string& pid, bool mal) {
        csv += img + "," + pid + ",male,50,torso," + (mal ? "melanoma,malignant,1" : "nevus,benign,0") + "\n";
    };
    for (int p = 0; p < 12; ++p)
        for (int l = 0; l < 4; ++l) row("ISIC_M" + std::to_string(p * 10 + l), "IP_M" + std::to_string(100 + p), l == 2);
    for (int p = 0; p < 8; ++p)
        for (int l = 0; l < 3; ++l) row("ISIC_N" + std::to_string(p * 10 + l), "IP_N" + std::to_string(100 + p), false);
    row("ISIC_S1", "IP_SINGLE", true);
    csv += "ISIC_U1,IP_UNL,male,50,torso,,,\nISIC_U2,IP_UNL,male,50,torso,,,\n";
    LoadResult r = load_csv(csv, "quiz.csv");
    REQUIRE(r.ok);
    return std::move(r.dataset);
}

std::vector<uint32_t> all_patients(const Dataset& ds) {
    std::vector<uint32_t> v(ds.patients.size());
    for (uint32_t i = 0; i < v.size(); ++i) v[i] = i;
    return v;
}

uint32_t lesion(const Dataset& ds, const char* name) {
    const uint32_t l = ds.find_lesion(name);
    REQUIRE(l != kNone);
    return l;
}

}  // namespace

TEST_CASE("random cases: seeded, melanoma patients only, independent of list order") {
    const Dataset ds = quiz_fixture();
    auto list = all_patients(ds);
    auto a = pick_random_cases(ds, list, {.seed = 42, .count = 5});
    REQUIRE(a.ok());
    CHECK(a->size() == 5);
    std::set<uint32_t> distinct(a->begin(), a->end());
    CHECK(distinct.size() == 5);
    for (uint32_t p : a.value()) {
        CHECK(ds.patients[p].melanomas > 0);
        CHECK(ds.patients[p].lesions.size() >= 2);  // IP_SINGLE never drawn
    }
    std::reverse(list.begin(), list.end());
    auto b = pick_random_cases(ds, list, {.seed = 42, .count = 5});
    CHECK(b.value() == a.value());
    auto c = pick_random_cases(ds, list, {.seed = 43, .count = 5});
    CHECK(c.value() != a.value());
    // Asking for more than exist gives all of them.
    CHECK(pick_random_cases(ds, list, {.seed = 1, .count = 100})->size() == 12);
}

TEST_CASE("random cases: include_none mixes in labelled patients without melanoma") {
    const Dataset ds = quiz_fixture();
    auto cases = pick_random_cases(ds, all_patients(ds), {.seed = 7, .count = 8, .include_none = true});
    REQUIRE(cases.ok());
    CHECK(cases->size() == 8);
    const auto none = std::count_if(cases->begin(), cases->end(), [&](uint32_t p) { return ds.patients[p].melanomas == 0; });
    CHECK(none == 2);
    for (uint32_t p : cases.value()) CHECK(ds.patients[p].labelled);
}

TEST_CASE("random cases: a list without melanomas gives a message") {
    const Dataset ds = quiz_fixture();
    std::vector<uint32_t> only_none{ds.find_patient("IP_N100"), ds.find_patient("IP_UNL")};
    auto r = pick_random_cases(ds, only_none, {});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("melanoma") != std::string::npos);
}

TEST_CASE("curated cases keep link order and explain skipped ids") {
    const Dataset ds = quiz_fixture();
    const std::vector<std::string> ids{"IP_M105", "IP_NOPE", "IP_N101", "IP_M105", "IP_UNL", "IP_SINGLE", "IP_M100"};
    std::vector<std::string> notes;
    auto r = resolve_curated_cases(ds, ids, &notes);
    REQUIRE(r.ok());
    REQUIRE(r->size() == 3);
    CHECK(ds.patients[r.value()[0]].id == "IP_M105");
    CHECK(ds.patients[r.value()[1]].id == "IP_N101");
    CHECK(ds.patients[r.value()[2]].id == "IP_M100");
    REQUIRE(notes.size() == 4);
    CHECK(notes[0].find("IP_NOPE") != std::string::npos);
    CHECK(notes[0].find("not in this dataset") != std::string::npos);
    CHECK(notes[1].find("twice") != std::string::npos);
    CHECK(notes[2].find("no labels") != std::string::npos);
    CHECK(notes[3].find("fewer than two") != std::string::npos);
    const std::vector<std::string> bad{"IP_X"};
    CHECK_FALSE(resolve_curated_cases(ds, bad).ok());
}

TEST_CASE("scoring a case: hits, rank among picks and the model's ranking") {
    const Dataset ds = quiz_fixture();
    const uint32_t p = ds.find_patient("IP_M100");  // ISIC_M0..M3, melanoma ISIC_M2
    std::vector<float> scores(ds.lesions.size(), NAN);
    scores[lesion(ds, "ISIC_M0")] = 0.9f;
    scores[lesion(ds, "ISIC_M1")] = 0.1f;
    scores[lesion(ds, "ISIC_M2")] = 0.7f;  // model ranks the melanoma 2nd
    scores[lesion(ds, "ISIC_M3")] = 0.3f;

    auto r = score_quiz_case(ds, p, {lesion(ds, "ISIC_M1"), lesion(ds, "ISIC_M2")}, scores);
    CHECK(r.melanoma_case);
    CHECK(r.hits == 1);
    CHECK(r.rank_in_picks == 2);
    CHECK(r.correct);
    CHECK(r.lesion_count == 4);
    CHECK(r.model_rank == 2);
    CHECK(r.model_top == lesion(ds, "ISIC_M0"));
    CHECK(r.model_correct);  // the model's top two include the melanoma

    auto one = score_quiz_case(ds, p, {lesion(ds, "ISIC_M2")}, scores);
    CHECK(one.rank_in_picks == 1);
    CHECK_FALSE(one.model_correct);  // model's single top pick is ISIC_M0

    auto miss = score_quiz_case(ds, p, {lesion(ds, "ISIC_M0")}, {});
    CHECK_FALSE(miss.correct);
    CHECK(miss.hits == 0);
    CHECK(miss.rank_in_picks == 0);
    CHECK(miss.model_top == kNone);  // no scores: no model comparison
    CHECK(miss.model_rank == 0);

    auto none_case = score_quiz_case(ds, ds.find_patient("IP_N100"), {}, {});
    CHECK_FALSE(none_case.melanoma_case);
    CHECK(none_case.correct);
    auto false_alarm = score_quiz_case(ds, ds.find_patient("IP_N100"), {lesion(ds, "ISIC_N0")}, {});
    CHECK_FALSE(false_alarm.correct);
}

TEST_CASE("model_order: highest score first, unscored last in file order") {
    const Dataset ds = quiz_fixture();
    std::vector<float> scores(ds.lesions.size(), NAN);
    scores[lesion(ds, "ISIC_M3")] = 0.5f;
    scores[lesion(ds, "ISIC_M1")] = 0.8f;
    auto o = model_order(ds, ds.find_patient("IP_M100"), scores);
    REQUIRE(o.size() == 4);
    CHECK(ds.lesions[o[0]].image_name == "ISIC_M1");
    CHECK(ds.lesions[o[1]].image_name == "ISIC_M3");
    CHECK(ds.lesions[o[2]].image_name == "ISIC_M0");
    CHECK(ds.lesions[o[3]].image_name == "ISIC_M2");
}

TEST_CASE("a running quiz of three cases: picks, reveal, next, summary") {
    const Dataset ds = quiz_fixture();
    std::vector<float> scores(ds.lesions.size(), 0.1f);
    for (size_t i = 0; i < ds.lesions.size(); ++i)
        if (ds.lesions[i].label == Label::Malignant) scores[i] = 0.9f;  // a perfect model
    Quiz q;
    CHECK_FALSE(q.active());
    q.start(ds, {ds.find_patient("IP_M100"), ds.find_patient("IP_N100"), ds.find_patient("IP_M101")}, 2);
    q.set_scores(scores);
    REQUIRE(q.active());
    CHECK(q.current_patient() == ds.find_patient("IP_M100"));

    // Case 1: pick the wrong one, then the melanoma; a third pick exceeds max_picks.
    CHECK(q.toggle_pick(lesion(ds, "ISIC_M0")));
    CHECK(q.toggle_pick(lesion(ds, "ISIC_M2")));
    CHECK_FALSE(q.toggle_pick(lesion(ds, "ISIC_M3")));
    CHECK_FALSE(q.toggle_pick(lesion(ds, "ISIC_N0")));  // another patient's lesion
    CHECK_FALSE(q.next());                               // not revealed yet
    const auto& r1 = q.reveal();
    CHECK(r1.correct);
    CHECK(r1.rank_in_picks == 2);
    CHECK(q.revealed());
    CHECK_FALSE(q.toggle_pick(lesion(ds, "ISIC_M1")));  // locked after reveal
    CHECK(q.reveal().rank_in_picks == 2);               // idempotent
    CHECK(q.results().size() == 1);
    CHECK(q.next());

    // Case 2: a patient without melanoma; answering "none" is right.
    CHECK(q.current_patient() == ds.find_patient("IP_N100"));
    CHECK(q.picks().empty());
    CHECK(q.reveal().correct);
    CHECK(q.next());

    // Case 3: pick then unpick then miss.
    CHECK(q.toggle_pick(lesion(ds, "ISIC_M12")));
    CHECK(q.toggle_pick(lesion(ds, "ISIC_M12")));
    CHECK(q.picks().empty());
    CHECK(q.toggle_pick(lesion(ds, "ISIC_M10")));
    CHECK_FALSE(q.reveal().correct);
    CHECK(q.next());
    CHECK(q.finished());
    CHECK(q.current_patient() == kNone);
    CHECK_FALSE(q.next());

    const QuizSummary s = q.summary();
    CHECK(s.cases == 3);
    CHECK(s.melanoma_cases == 2);
    CHECK(s.none_cases == 1);
    CHECK(s.correct == 2);
    CHECK(s.hits == 1);
    CHECK(s.none_correct == 1);
    CHECK(s.picks == 3);
    CHECK(s.mean_rank_in_picks == doctest::Approx(2.0));
    CHECK(s.model_scored == 2);
    CHECK(s.model_correct == 2);
    CHECK(s.mean_model_rank == doctest::Approx(1.0));
}
