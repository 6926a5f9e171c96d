// test_explorer_state.cpp - the explorer's list refresh, link-filter mapping and
// its fields in window.duckling.state().
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/view/explorer_link.h"
#include "core/view/explorer_state.h"
#include "explorer_fixture.h"

using namespace duck;

TEST_CASE("explorer list follows filters, sort and a new dataset") {
    Dataset ds = test::small_dataset();
    ExplorerState st;
    st.refresh(ds, 1);
    CHECK(st.patients.size() == 4);
    st.filter.sex = SexFilter::Female;
    st.refresh(ds, 1);
    CHECK(st.patients.size() == 4);  // not invalidated: unchanged until asked
    st.invalidate();
    st.refresh(ds, 1);
    CHECK(st.patients == std::vector<uint32_t>{1, 3});
    st.sort = {PatientColumn::Lesions, true};
    st.invalidate();
    st.refresh(ds, 1);
    CHECK(st.patients == std::vector<uint32_t>{3, 1});

    Dataset other = test::make_dataset({{"ISIC_1", "IP_X", Sex::Female, 20, Site::Torso, "", Label::Benign}});
    st.refresh(other, 1);  // the same generation: the index is kept
    CHECK(st.index().size() == 4);
    st.refresh(other, 2);  // a new load (its owner's next generation) rebuilds it
    CHECK(st.patients == std::vector<uint32_t>{0});
    CHECK(st.index().size() == 1);
}

TEST_CASE("patient filters travel through deep-link filters unchanged") {
    PatientFilter f;
    f.search = "IP_7";
    f.sex = SexFilter::Unknown;
    f.age_min = 35;
    f.site_mask = 0b1010;
    f.label = LabelFilter::Unlabelled;
    f.lesions_max = 20;
    f.diagnosis = "nevus";
    const LinkFilters l = to_link_filters(f);
    CHECK(l.age_min == 35);
    CHECK(l.age_max == -1);
    CHECK(l.lesions_min == -1);
    CHECK(l.lesions_max == 20);
    const PatientFilter back = from_link_filters(l);
    CHECK(back.search == f.search);
    CHECK(back.sex == f.sex);
    CHECK(back.age_min == f.age_min);
    CHECK(back.age_max == kAgeFilterMax);
    CHECK(back.site_mask == f.site_mask);
    CHECK(back.label == f.label);
    CHECK(back.lesions_min == 0);
    CHECK(back.lesions_max == 20);
    CHECK(back.diagnosis == "nevus");
    CHECK(to_link_filters(PatientFilter{}).empty());
}

TEST_CASE("state() view fields: filters, sort, zoom and the current patient's tiles") {
    Dataset ds = test::small_dataset();
    ExplorerState st;
    st.filter.label = LabelFilter::NoMelanoma;
    st.filter.site_mask = 1u << static_cast<int>(Site::Torso);
    st.sort = {PatientColumn::Age, true};
    st.tile_order = TileOrder::Site;
    st.refresh(ds, 1);
    st.image_w = 1000, st.image_h = 500, st.viewport_w = 500, st.viewport_h = 500;
    view_fit(st.view, 1000, 500, 500, 500);
    view_zoom_at(st.view, 2.f, {250, 250}, 1000, 500, 500, 500);

    nlohmann::json v = nlohmann::json::object();
    explorer_state_json(v, st, ds, 3, [](uint32_t li) { return li == 8 ? ImageStatus::Missing : ImageStatus::Ready; });
    CHECK(v["filters"]["label"] == "no_melanoma");
    CHECK(v["filters"]["sites"] == nlohmann::json::array({"torso"}));
    CHECK(v["filters"]["active"] == true);
    CHECK(v["sort"]["column"] == "age");
    CHECK(v["sort"]["descending"] == true);
    CHECK(v["patients_shown"] == 1);  // only IP_4 is labelled, melanoma-free, with a torso lesion
    CHECK(v["patient_index"] == 0);
    CHECK(v["zoom"]["fit"] == false);
    CHECK(v["zoom"]["relative"].get<float>() == doctest::Approx(2));
    CHECK(v["grid"]["order"] == "site");
    REQUIRE(v["tiles"].size() == 4);
    CHECK(v["tiles"][0]["image_name"] == "ISIC_0000030");  // torso group first
    CHECK(v["tiles"][1]["image_name"] == "ISIC_0000033");
    CHECK(v["tiles"][3]["image_name"] == "ISIC_0000032");
    CHECK(v["tiles"][3]["status"] == "missing");
    CHECK(v["tiles"][0]["status"] == "ready");

    nlohmann::json none = nlohmann::json::object();
    explorer_state_json(none, st, ds, kNone, nullptr);
    CHECK(none["tiles"].empty());
    CHECK(none["patient_index"] == -1);
}
