// test_slice3d_load.cpp - ISIC 2024 (SLICE-3D) metadata: the 3 real rows of the
// public test metadata (../shared/data/isic2024, read-only) and SYNTHETIC rows in
// the same 44-column layout (core/demo/slice3d_synthetic.h) load with their named
// locations, 3D positions and measurements, land on the body figure, and merge.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <nlohmann/json.hpp>

#include "core/data/dataset_load.h"
#include "core/data/stats.h"
#include "core/data/tbp_location.h"
#include "core/demo/slice3d_synthetic.h"
#include "core/view/body_figure.h"
#include "dataset_lookup.h"
#include "test_helpers.h"

using namespace duck;
using duck::test::lesion;

namespace {
LoadResult real_rows() {
    return load_csv(test::read_file(test::shared_path("data/isic2024/test-metadata.csv")), "test-metadata.csv");
}
}  // namespace

TEST_CASE("slice3d: every location value parses to its site, side and coarse value") {
    int parsed = 0;
    for (int i = 1; i < kTbpLocationCount; ++i) {
        const auto l = static_cast<TbpLocation>(i);
        TbpLocation back;
        REQUIRE(parse_tbp_location(tbp_location_name(l), back));
        CHECK(back == l);
        ++parsed;
    }
    CHECK(parsed == 21);
    TbpLocation l;
    REQUIRE(parse_tbp_location("  left leg -  upper ", l));
    CHECK(l == TbpLocation::LeftLegUpper);
    CHECK(tbp_site(l) == Site::LowerExtremity);
    CHECK(tbp_body_side(l) == BodySide::Left);
    CHECK(tbp_simple(l) == TbpLocation::LeftLeg);
    REQUIRE(parse_tbp_location("Torso Back Middle Third", l));
    CHECK(tbp_site(l) == Site::Torso);
    CHECK(tbp_side(l) == SiteSide::Posterior);
    REQUIRE(parse_tbp_location("Torso Front Bottom Half", l));
    CHECK(tbp_side(l) == SiteSide::Anterior);
    REQUIRE(parse_tbp_location("Head & Neck", l));
    CHECK(tbp_site(l) == Site::HeadNeck);
    REQUIRE(parse_tbp_location("Right Arm - Lower", l));
    CHECK(tbp_site(l) == Site::UpperExtremity);
    CHECK(tbp_body_side(l) == BodySide::Right);
    REQUIRE(parse_tbp_location("", l));
    CHECK(l == TbpLocation::None);
    REQUIRE(parse_tbp_location("Unknown", l));
    CHECK(tbp_site(l) == Site::Unknown);
    CHECK_FALSE(parse_tbp_location("Left Foot", l));
}

TEST_CASE("slice3d: the 3 real rows load with locations, positions and measurements") {
    const LoadResult r = real_rows();
    REQUIRE(r.ok);
    CHECK(r.problems.empty());
    const Dataset& ds = r.dataset;
    CHECK(ds.lesions.size() == 3);
    CHECK(ds.patients.size() == 3);
    CHECK_FALSE(ds.has_labels);
    const Lesion& back = lesion(ds, "ISIC_0015657");
    CHECK(back.patient_id == "IP_6074337");
    CHECK(back.sex == Sex::Male);
    CHECK(back.age == 45.f);
    CHECK(back.site == Site::Torso);
    CHECK(back.site_side == SiteSide::Posterior);
    CHECK(back.tbp_location == TbpLocation::TorsoBackTopThird);
    const Lesion& leg = lesion(ds, "ISIC_0015729");
    CHECK(leg.site == Site::LowerExtremity);
    CHECK(leg.tbp_location == TbpLocation::LeftLegUpper);
    // 33 numeric columns: the 32 tbp_lv_* but the two locations, and the clinical diameter.
    CHECK(ds.measures.names.size() == 33);
    CHECK(ds.measures.column("tbp_lv_location") < 0);
    CHECK(ds.measures.get(back, "tbp_lv_x") == doctest::Approx(-155.0651));
    CHECK(ds.measures.get(back, "tbp_lv_y") == doctest::Approx(1511.222));
    CHECK(ds.measures.get(back, "tbp_lv_z") == doctest::Approx(113.9801));
    CHECK(ds.measures.get(leg, "tbp_lv_y") == doctest::Approx(629.535888671875));
    CHECK(ds.measures.get(back, "tbp_lv_norm_border") == doctest::Approx(5.435366));
    CHECK(ds.measures.get(back, "clin_size_long_diam_mm") == doctest::Approx(2.7));
    CHECK(std::isnan(ds.measures.get(back, "tbp_lv_no_such_column")));
    // Text columns stay extra columns.
    CHECK(ds.extra.get(back, "image_type") == "TBP tile: close-up");
    CHECK_FALSE(ds.extra.get(back, "copyright_license").empty());
    // On the figure: two on the back, one on the legs.
    const AreaCounts c = count_areas(ds);
    CHECK(c.lesions[static_cast<int>(BodyArea::PosteriorTorso)] == 2);
    CHECK(c.lesions[static_cast<int>(BodyArea::LowerExtremity)] == 1);
    const DatasetStats s = compute_stats(ds);
    CHECK(s.tbp.present);
    CHECK(s.tbp.with_location == 3);
    CHECK(s.tbp.with_position == 3);
    CHECK(s.tbp.with_measurements == 3);
    CHECK(s.tbp.locations[static_cast<int>(TbpLocation::TorsoBackTopThird)] == 2);
    const auto j = stats_to_json(s);
    CHECK(j["tbp"]["locations"]["Left Leg - Upper"] == 1);
    CHECK(j["tbp"]["lesions_with_position"] == 3);
}

TEST_CASE("slice3d: synthetic rows place every location and keep hundreds of lesions per patient") {
    Slice3dSynthetic spec;
    spec.patients = 3;
    spec.lesions_per_patient = 420;
    const LoadResult r = load_csv(slice3d_synthetic_csv(spec), "synthetic.csv");
    REQUIRE(r.ok);
    CHECK(r.problems.empty());
    const Dataset& ds = r.dataset;
    REQUIRE(ds.patients.size() == 3);
    CHECK(ds.patients[0].lesions.size() == 420);
    CHECK(ds.measures.rows() == ds.lesions.size());
    const DatasetStats s = compute_stats(ds);
    // Every named location but "Unknown" is used, 420/20 = 21 times per patient.
    for (int i = 2; i < kTbpLocationCount; ++i) CHECK(s.tbp.locations[i] == 63);
    for (const Lesion& l : ds.lesions) {
        CHECK(l.site == tbp_site(l.tbp_location));
        if (l.site == Site::Torso) CHECK(l.site_side == tbp_side(l.tbp_location));
    }
}

TEST_CASE("slice3d: the location fills in a missing site and a torso's side, bad values are named") {
    const std::string csv =
        "isic_id,patient_id,anatom_site_general,tbp_lv_location,tbp_lv_location_simple,tbp_lv_x,tbp_lv_norm_border\n"
        "SYN_1,SYNP_1,,Torso Back Middle Third,Torso Back,1.5,4\n"
        "SYN_2,SYNP_1,torso,Torso Front Top Half,Torso Front,,\n"
        "SYN_3,SYNP_1,,Unknown,Left Arm,abc,3\n"
        "SYN_4,SYNP_1,head/neck,Left Foot,,2,NA\n"
        "SYN_5,SYNP_1,lower extremity,Left Leg - Lower,Left Leg,1e2,5\n";
    const LoadResult r = load_csv(csv, "mixed.csv");
    REQUIRE(r.ok);
    const Dataset& ds = r.dataset;
    CHECK(lesion(ds, "SYN_1").site == Site::Torso);
    CHECK(lesion(ds, "SYN_1").site_side == SiteSide::Posterior);
    CHECK(lesion(ds, "SYN_2").site_side == SiteSide::Anterior);
    CHECK(std::isnan(ds.measures.get(lesion(ds, "SYN_2"), "tbp_lv_x")));
    // "Unknown" in tbp_lv_location: the simple location places it.
    CHECK(lesion(ds, "SYN_3").tbp_location == TbpLocation::LeftArm);
    CHECK(lesion(ds, "SYN_3").site == Site::UpperExtremity);
    CHECK(std::isnan(ds.measures.get(lesion(ds, "SYN_3"), "tbp_lv_x")));
    CHECK(ds.measures.get(lesion(ds, "SYN_3"), "tbp_lv_norm_border") == 3.f);
    CHECK(lesion(ds, "SYN_4").site == Site::HeadNeck);
    CHECK(lesion(ds, "SYN_4").tbp_location == TbpLocation::None);
    CHECK(ds.measures.get(lesion(ds, "SYN_5"), "tbp_lv_x") == 100.f);
    int bad_loc = 0, bad_num = 0;
    for (const auto& p : r.problems) {
        CHECK(p.severity == Severity::Warning);
        if (p.kind == "bad_tbp_location") {
            ++bad_loc;
            CHECK(p.where == "mixed.csv:5");
            CHECK(p.message.find("'Left Foot'") != std::string::npos);
        }
        if (p.kind == "bad_measurement") {
            ++bad_num;
            CHECK(p.message.find("tbp_lv_x 'abc'") != std::string::npos);
        }
    }
    CHECK(bad_loc == 1);
    CHECK(bad_num == 1);
}

TEST_CASE("slice3d: merging fills missing measurements and widens the table") {
    LoadResult a = load_csv("isic_id,patient_id,tbp_lv_x\nSYN_1,SYNP_1,1\nSYN_2,SYNP_1,\n", "a.csv");
    LoadResult b = load_csv("isic_id,patient_id,tbp_lv_y,tbp_lv_x\nSYN_2,SYNP_1,7,2\nSYN_3,SYNP_1,8,3\n", "b.csv");
    REQUIRE(a.ok);
    REQUIRE(b.ok);
    Problems problems;
    merge_into(a.dataset, b.dataset, problems);
    const Dataset& ds = a.dataset;
    REQUIRE(ds.measures.names.size() == 2);
    CHECK(ds.measures.get(lesion(ds, "SYN_1"), "tbp_lv_x") == 1.f);
    CHECK(std::isnan(ds.measures.get(lesion(ds, "SYN_1"), "tbp_lv_y")));
    CHECK(ds.measures.get(lesion(ds, "SYN_2"), "tbp_lv_x") == 2.f);
    CHECK(ds.measures.get(lesion(ds, "SYN_2"), "tbp_lv_y") == 7.f);
    CHECK(ds.measures.get(lesion(ds, "SYN_3"), "tbp_lv_y") == 8.f);
    CHECK(ds.measures.get(lesion(ds, "SYN_3"), "tbp_lv_x") == 3.f);
}
