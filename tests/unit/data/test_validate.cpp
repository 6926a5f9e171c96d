// test_validate.cpp - dataset-level warnings and the image-folder comparison.
#include <doctest/doctest.h>

#include "core/data/dataset_load.h"
#include "core/data/validate.h"

TEST_CASE("validate: few lesions and sex conflicts are warnings at the patient's rows") {
    const auto r = duck::load_csv(
        "image_name,patient_id,sex\n"
        "I1,P1,male\nI2,P1,female\nI3,P1,\n"  // 3 lesions, sex conflict on line 3
        "I4,P2,female\nI5,P2,female\n",       // 2 lesions
        "v.csv");
    duck::Problems ps;
    duck::validate_dataset(r.dataset, ps);
    REQUIRE(ps.size() == 2);
    for (const auto& p : ps) CHECK(p.severity == duck::Severity::Warning);
    CHECK(ps[0].kind == "patient_sex_conflict");
    CHECK(ps[0].where == "v.csv:3");
    CHECK(ps[1].kind == "few_lesions");
    CHECK(ps[1].where == "v.csv:5");
    CHECK(ps[1].message.find("P2") != std::string::npos);
}

TEST_CASE("validate: rows without images and images without rows are errors") {
    const auto r = duck::load_csv("image_name,patient_id\nISIC_1,P\nISIC_2,P\nISIC_3,P\n", "i.csv");
    duck::Problems ps;
    duck::check_images(r.dataset, {"d/ISIC_1.JPG", "d/sub/isic_2.dcm", "d/ISIC_9.jpeg", "d/notes.txt", "d/._ISIC_3.jpg"}, ps);
    REQUIRE(ps.size() == 2);
    CHECK(ps[0].kind == "image_unlisted");
    CHECK(ps[0].where == "d/ISIC_9.jpeg");
    CHECK(ps[1].kind == "image_missing");
    CHECK(ps[1].where == "i.csv:4");
    for (const auto& p : ps) CHECK(p.severity == duck::Severity::Error);
    ps.clear();
    duck::check_images(duck::load_csv("image_name_1,image_name_2\nISIC_1,ISIC_2\n", "d").dataset, {}, ps);
    CHECK(ps.empty());
}

TEST_CASE("validate: an opened folder's stray and duplicate image files are warnings, rows without files are not") {
    const auto r = duck::load_csv("image_name,patient_id\nISIC_1,P\nISIC_2,P\nISIC_3,P\n", "i.csv");
    duck::Problems ps;
    duck::check_folder_images(r.dataset,
                              {"f/copy/ISIC_1.JPG", "f/train/ISIC_1.dcm", "f/ISIC_1.jpg", "f/train/ISIC_2.jpg",
                               "f/train/ISIC_9_caf\xe9.jpg", "f/notes.txt", "f/._ISIC_3.jpg"},
                              ps);
    REQUIRE(ps.size() == 2);
    for (const auto& p : ps) CHECK(p.severity == duck::Severity::Warning);
    CHECK(ps[0].kind == "image_unlisted");
    CHECK(ps[0].where == "f/train/ISIC_9_caf\xe9.jpg");
    CHECK(ps[0].message.find("ISIC_9_caf") != std::string::npos);
    CHECK(ps[1].kind == "image_duplicate_file");
    CHECK(ps[1].where == "ISIC_1");
    // The shallowest JPEG is shown (folder_scan's rule), the others are named.
    CHECK(ps[1].message == "ISIC_1 has 3 files: showing f/ISIC_1.jpg, ignoring f/copy/ISIC_1.JPG, f/train/ISIC_1.dcm");
}

TEST_CASE("validate: a folder full of strays is summed up after max_each listed files") {
    const auto r = duck::load_csv("image_name,patient_id\nISIC_1,P\n", "i.csv");
    std::vector<std::string> paths;
    for (int i = 0; i < 50; ++i) paths.push_back("f/ISIC_X" + std::to_string(i) + ".jpg");
    duck::Problems ps;
    duck::check_folder_images(r.dataset, paths, ps, 5);
    REQUIRE(ps.size() == 6);
    for (const auto& p : ps) CHECK(p.kind == "image_unlisted");
    CHECK(ps[4].where == "f/ISIC_X4.jpg");
    CHECK(ps[5].message == "45 more image files have no row in the metadata");
    ps.clear();
    duck::check_folder_images(duck::load_csv("image_name_1,image_name_2\nISIC_1,ISIC_2\n", "d").dataset, paths, ps);
    CHECK(ps.empty());
}
