// test_patient_list.cpp - patient browser filters, sorting and j/k navigation.
#include <doctest/doctest.h>

#include "core/view/patient_list.h"
#include "explorer_fixture.h"

using namespace duck;

namespace {
std::vector<std::string> ids(const Dataset& ds, const std::vector<uint32_t>& ps) {
    std::vector<std::string> out;
    for (auto p : ps) out.push_back(ds.patients[p].id);
    return out;
}
using V = std::vector<std::string>;
}  // namespace

TEST_CASE("patient rows summarise each patient's lesions") {
    Dataset ds = test::small_dataset();
    PatientIndex ix;
    ix.build(ds);
    REQUIRE(ix.size() == 4);
    CHECK(ix.row(0).lesions == 3);
    CHECK(ix.row(0).melanomas == 1);
    CHECK(ix.row(0).sex == Sex::Male);
    CHECK(ix.row(3).age == doctest::Approx(31.25));
    CHECK(std::isnan(ix.row(2).age));
    CHECK_FALSE(ix.row(2).labelled);
    CHECK(ix.max_lesions() == 4);
    CHECK(ix.diagnoses() == V{"nevus", "melanoma", "unknown", "lentigo NOS"});
}

TEST_CASE("patient filters: search, sex, age, site, label, lesion count, diagnosis") {
    Dataset ds = test::small_dataset();
    PatientIndex ix;
    ix.build(ds);
    PatientFilter f;
    CHECK_FALSE(f.active());
    CHECK(ids(ds, ix.filter(f)) == V{"IP_1", "IP_2", "IP_3", "IP_4"});

    f.search = "ip_2";  // patient id, any case
    CHECK(f.active());
    CHECK(ids(ds, ix.filter(f)) == V{"IP_2"});
    f.search = "00003";  // part of an image name: IP_1 ISIC_0000003, IP_4 ISIC_000003x
    CHECK(ids(ds, ix.filter(f)) == V{"IP_1", "IP_4"});
    f.search = "nothing";
    CHECK(ix.filter(f).empty());

    f = {};
    f.sex = SexFilter::Female;
    CHECK(ids(ds, ix.filter(f)) == V{"IP_2", "IP_4"});
    f.sex = SexFilter::Unknown;
    CHECK(ids(ds, ix.filter(f)) == V{"IP_3"});

    f = {};
    f.age_min = 40;  // narrowing the range drops patients without an age
    CHECK(ids(ds, ix.filter(f)) == V{"IP_1", "IP_2"});
    f.age_max = 50;
    CHECK(ids(ds, ix.filter(f)) == V{"IP_1"});

    f = {};
    f.site_mask = 1u << static_cast<int>(Site::PalmsSoles) | 1u << static_cast<int>(Site::HeadNeck);
    CHECK(ids(ds, ix.filter(f)) == V{"IP_1", "IP_4"});

    f = {};
    f.label = LabelFilter::HasMelanoma;
    CHECK(ids(ds, ix.filter(f)) == V{"IP_1"});
    f.label = LabelFilter::NoMelanoma;
    CHECK(ids(ds, ix.filter(f)) == V{"IP_2", "IP_4"});
    f.label = LabelFilter::Unlabelled;
    CHECK(ids(ds, ix.filter(f)) == V{"IP_3"});

    f = {};
    f.lesions_min = 2;
    f.lesions_max = 3;
    CHECK(ids(ds, ix.filter(f)) == V{"IP_1", "IP_2"});

    f = {};
    f.diagnosis = "lentigo NOS";
    CHECK(ids(ds, ix.filter(f)) == V{"IP_4"});
    f.diagnosis = "no such diagnosis";
    CHECK(ix.filter(f).empty());

    // Filters combine with AND.
    f = {};
    f.sex = SexFilter::Female;
    f.site_mask = 1u << static_cast<int>(Site::Torso);
    CHECK(ids(ds, ix.filter(f)) == V{"IP_4"});
}

TEST_CASE("patient sorting by every column, unknowns last in both directions") {
    Dataset ds = test::small_dataset();
    PatientIndex ix;
    ix.build(ds);
    auto q = [&](PatientColumn c, bool desc) { return ids(ds, ix.query({}, {c, desc})); };
    CHECK(q(PatientColumn::Id, true) == V{"IP_4", "IP_3", "IP_2", "IP_1"});
    CHECK(q(PatientColumn::Age, false) == V{"IP_4", "IP_1", "IP_2", "IP_3"});
    CHECK(q(PatientColumn::Age, true) == V{"IP_2", "IP_1", "IP_4", "IP_3"});
    CHECK(q(PatientColumn::Lesions, true) == V{"IP_4", "IP_1", "IP_2", "IP_3"});
    CHECK(q(PatientColumn::Lesions, false) == V{"IP_3", "IP_2", "IP_1", "IP_4"});
    CHECK(q(PatientColumn::Sex, false) == V{"IP_1", "IP_2", "IP_4", "IP_3"});
    CHECK(q(PatientColumn::Sex, true) == V{"IP_2", "IP_4", "IP_1", "IP_3"});
    CHECK(q(PatientColumn::Melanomas, true) == V{"IP_1", "IP_2", "IP_4", "IP_3"});

    // Top score: the highest lesion score per patient; unscored patients last.
    std::vector<float> scores(ds.lesions.size(), NAN);
    scores[1] = 0.9f;  // IP_1
    scores[3] = 0.2f;  // IP_2
    scores[4] = 0.5f;  // IP_2 -> top 0.5
    scores[6] = 0.7f;  // IP_4
    ix.set_scores(scores);
    CHECK(ix.row(1).top_score == doctest::Approx(0.5));
    CHECK(q(PatientColumn::TopScore, true) == V{"IP_1", "IP_4", "IP_2", "IP_3"});
    CHECK(q(PatientColumn::TopScore, false) == V{"IP_2", "IP_4", "IP_1", "IP_3"});
    ix.set_scores({});
    CHECK(std::isnan(ix.row(0).top_score));

    PatientColumn c{};
    CHECK(parse_patient_column(patient_column_name(PatientColumn::TopScore), c));
    CHECK(c == PatientColumn::TopScore);
    CHECK_FALSE(parse_patient_column("bogus", c));
}

TEST_CASE("j/k and PageUp/PageDown step through the filtered list and clamp") {
    const std::vector<uint32_t> list{5, 2, 9, 7};
    CHECK(step_patient(list, 2, 1) == 9);
    CHECK(step_patient(list, 2, -1) == 5);
    CHECK(step_patient(list, 5, -1) == 5);   // clamps at the top
    CHECK(step_patient(list, 9, 10) == 7);   // page past the end
    CHECK(step_patient(list, 42, 1) == 5);   // not in the list: start from the top
    CHECK(step_patient(list, 42, -1) == 7);
    CHECK(step_patient({}, 1, 1) == kNone);
}
