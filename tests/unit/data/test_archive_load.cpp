// test_archive_load.cpp - ISIC Archive metadata exports: the constructed fixture
// tests/data/isic_archive_constructed.csv (the Archive's column layout, made-up
// rows) loads like a Kaggle file, with torso sides, indeterminate labels, the
// five diagnosis levels, and attribution and licence carried into the scores export.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "core/data/site.h"
#include "core/data/dataset_load.h"
#include "core/data/folder_scan.h"
#include "core/teach/exports.h"
#include "core/view/body_figure.h"
#include "dataset_lookup.h"
#include "test_helpers.h"

using namespace duck;
using duck::test::lesion;

namespace {
bool has_problem(const LoadResult& r, std::string_view kind, std::string_view text) {
    for (const auto& p : r.problems)
        if (p.kind == kind && p.message.find(text) != std::string::npos) return true;
    return false;
}
}  // namespace

TEST_CASE("archive export: the fixture loads without problems, patients grouped, sides kept") {
    const std::string csv = test::read_file(test::source_path("tests/data/isic_archive_constructed.csv"));
    const LoadResult r = load_csv(csv, "isic_archive_constructed.csv");
    REQUIRE(r.ok);
    CHECK(r.problems.empty());
    const Dataset& ds = r.dataset;
    CHECK(ds.lesions.size() == 10);
    CHECK(ds.patients.size() == 2);
    CHECK(ds.has_labels);
    const Lesion& front = lesion(ds, "ISIC_9000001");
    CHECK(front.site == Site::Torso);
    CHECK(front.site_side == SiteSide::Anterior);
    CHECK(front.patient_id == "IP_9000001");
    CHECK(front.lesion_id == "IL_9000001");
    CHECK(front.sex == Sex::Male);
    CHECK(front.age == 55.f);
    const Lesion& back = lesion(ds, "ISIC_9000002");
    CHECK(back.site_side == SiteSide::Posterior);
    CHECK(back.label == Label::Malignant);
    // The most specific diagnosis level given.
    CHECK(back.diagnosis == "Melanoma Invasive, Superficial spreading");
    CHECK(lesion(ds, "ISIC_9000001").diagnosis == "Nevus");
    CHECK(lesion(ds, "ISIC_9000009").diagnosis == "Benign");
    const Lesion& side = lesion(ds, "ISIC_9000004");
    CHECK(side.site_side == SiteSide::Lateral);
    CHECK(side.label == Label::Unknown);  // indeterminate: no label, no error
    CHECK(lesion(ds, "ISIC_9000005").site == Site::HeadNeck);
    CHECK(lesion(ds, "ISIC_9000005").site_side == SiteSide::Unspecified);
    CHECK(lesion(ds, "ISIC_9000008").site == Site::PalmsSoles);
    CHECK(lesion(ds, "ISIC_9000010").site == Site::Unknown);
    CHECK(lesion(ds, "ISIC_9000010").label == Label::Unknown);
    // The Archive's other columns are kept per image.
    CHECK(ds.extra.get(back, "attribution") == "Constructed fixture (not ISIC data)");
    CHECK(ds.extra.get(back, "copyright_license") == "CC-BY");
    CHECK(ds.extra.get(back, "anatom_site_special") == "upper back");
    CHECK(ds.extra.get(side, "acquisition_day") == "14");

    // On the figure: posterior torso on the back, anterior on the front, lateral on the side.
    const AreaCounts c = count_areas(ds);
    CHECK(c.lesions[static_cast<int>(BodyArea::AnteriorTorso)] == 1);
    CHECK(c.lesions[static_cast<int>(BodyArea::PosteriorTorso)] == 2);
    CHECK(c.melanomas[static_cast<int>(BodyArea::PosteriorTorso)] == 1);
    CHECK(c.lesions[static_cast<int>(BodyArea::LateralTorso)] == 1);
    CHECK(c.lesions[static_cast<int>(BodyArea::Torso)] == 0);
    CHECK(c.lesions[static_cast<int>(BodyArea::Unknown)] == 1);
    const auto& fig = shipped_body_figure();
    REQUIRE(fig.ok());
    Vec2 at;
    REQUIRE(fig->anchor(BodyArea::PosteriorTorso, at));
    FigureHit h;
    REQUIRE(figure_hit(fig.value(), at, h));
    CHECK(fig->views[static_cast<size_t>(h.view)].name == "back");
    REQUIRE(fig->anchor(BodyArea::LateralTorso, at));
    REQUIRE(figure_hit(fig.value(), at, h));
    CHECK(fig->views[static_cast<size_t>(h.view)].name == "side");
    CHECK(h.area == BodyArea::LateralTorso);

    // Attribution and licence travel into the scores export.
    std::vector<float> scores(ds.lesions.size(), NAN);
    const std::string out = scores_csv(score_rows(ds, scores));
    CHECK(out.rfind("image_name,patient_id,score,rank,level,top_reasons,status,attribution,copyright_license\r\n", 0) == 0);
    CHECK(out.find("ISIC_9000002,IP_9000001,,,,,,Constructed fixture (not ISIC data),CC-BY\r\n") != std::string::npos);
    CHECK(out.find("ISIC_9000009,IP_9000002,,,,,,Constructed fixture (not ISIC data),CC-0\r\n") != std::string::npos);
}

TEST_CASE("archive export: bad sites and labels are reported with the values allowed") {
    const LoadResult r = load_csv(
        "isic_id,patient_id,anatom_site_general,benign_malignant,diagnosis_1\n"
        "ISIC_1,IP_1,upper torso,benign,Benign\n"
        "ISIC_2,IP_1,posterior torso,maybe,Benign\n"
        "ISIC_3,IP_1, Posterior Torso ,indeterminate/malignant,Indeterminate\n"
        "ISIC_4,IP_1,torso,,Malignant\n"
        "ISIC_5,IP_1,torso,,Sometimes\n",
        "archive.csv");
    REQUIRE(r.ok);
    CHECK(has_problem(r, "bad_site", "'upper torso' is not one of head/neck"));
    CHECK(has_problem(r, "bad_site", "anterior torso, posterior torso, lateral torso"));
    CHECK(has_problem(r, "bad_benign_malignant", "'maybe' is not benign, malignant or indeterminate"));
    CHECK(has_problem(r, "bad_diagnosis", "diagnosis_1 'Sometimes' is not Benign, Malignant or Indeterminate"));
    CHECK(r.error_count() == 3);
    const Dataset& ds = r.dataset;
    CHECK(lesion(ds, "ISIC_1").site == Site::Unknown);
    CHECK(lesion(ds, "ISIC_3").site_side == SiteSide::Posterior);  // case and spaces do not matter
    CHECK(lesion(ds, "ISIC_3").label == Label::Unknown);
    CHECK(lesion(ds, "ISIC_4").label == Label::Malignant);  // from diagnosis_1 when benign_malignant is empty
    CHECK(lesion(ds, "ISIC_4").site_side == SiteSide::Unspecified);
}

TEST_CASE("archive export: a folder's metadata.csv is its metadata, after the ISIC 2020 names") {
    CHECK(pick_metadata_csvs({"isic/predictions.csv", "isic/metadata.csv"}) == std::vector<std::string>{"isic/metadata.csv"});
    CHECK(pick_metadata_csvs({"a/metadata.csv", "a/train.csv"}) == std::vector<std::string>{"a/train.csv", "a/metadata.csv"});
}

TEST_CASE("sided torso values parse, near misses do not") {
    Site s{};
    SiteSide side{};
    CHECK(parse_site_side("posterior torso", s, side));
    CHECK((s == Site::Torso && side == SiteSide::Posterior));
    CHECK(parse_site_side("LATERAL TORSO", s, side));
    CHECK(side == SiteSide::Lateral);
    CHECK(parse_site_side("torso", s, side));
    CHECK((s == Site::Torso && side == SiteSide::Unspecified));
    CHECK(parse_site_side("", s, side));
    CHECK(s == Site::Unknown);
    CHECK_FALSE(parse_site_side("back torso", s, side));
    CHECK_FALSE(parse_site_side("torsos", s, side));
    // The general parser still reads the sided values as the torso.
    CHECK(parse_site("anterior torso", s));
    CHECK(s == Site::Torso);
    CHECK_FALSE(parse_site("mid torso", s));
    CHECK(side_name(SiteSide::Posterior) == "posterior");
}

TEST_CASE("archive export: merged over ISIC 2020 rows, the finer torso side fills in") {
    LoadResult base = load_csv(
        "image_name,patient_id,anatom_site_general_challenge,target\n"
        "ISIC_1,IP_1,torso,0\n"
        "ISIC_2,IP_1,,0\n",
        "train.csv");
    const LoadResult archive = load_csv(
        "isic_id,patient_id,anatom_site_general\n"
        "ISIC_1,IP_1,posterior torso\n"
        "ISIC_2,IP_1,lateral torso\n",
        "metadata.csv");
    REQUIRE((base.problems.empty() && archive.problems.empty()));
    Problems problems;
    merge_into(base.dataset, archive.dataset, problems);
    CHECK(problems.empty());
    CHECK(lesion(base.dataset, "ISIC_1").site == Site::Torso);
    CHECK(lesion(base.dataset, "ISIC_1").site_side == SiteSide::Posterior);
    CHECK(lesion(base.dataset, "ISIC_2").site == Site::Torso);
    CHECK(lesion(base.dataset, "ISIC_2").site_side == SiteSide::Lateral);
}
