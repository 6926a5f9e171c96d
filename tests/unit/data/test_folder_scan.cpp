// test_folder_scan.cpp - metadata CSV choice and image index of an opened folder.
#include <doctest/doctest.h>

#include "core/data/folder_scan.h"

TEST_CASE("folder scan: metadata CSVs in merge order, shallowest copy, any case") {
    const std::vector<std::string> paths = {
        "isic/variants/x/ISIC_2020_Training_GroundTruth_v2.csv",
        "isic/ISIC_2020_Training_Duplicates.csv",
        "isic/jpeg-melanoma-512x512/train.csv",
        "isic/test.csv",
        "isic/ISIC_2020_Training_GroundTruth.csv",
        "isic/isic_2020_training_groundtruth_v2.CSV",
        "isic/TRAIN.csv",
        "isic/images.csv",
    };
    const auto csvs = duck::pick_metadata_csvs(paths);
    REQUIRE(csvs.size() == 4);
    CHECK(csvs[0] == "isic/TRAIN.csv");
    CHECK(csvs[1] == "isic/isic_2020_training_groundtruth_v2.CSV");
    CHECK(csvs[2] == "isic/ISIC_2020_Training_GroundTruth.csv");
    CHECK(csvs[3] == "isic/ISIC_2020_Training_Duplicates.csv");
    CHECK(duck::pick_metadata_csvs({"a/test.csv", "b.txt"}).empty());
}

TEST_CASE("folder scan: ISIC 2024 metadata, the test file only when alone") {
    const auto both = duck::pick_metadata_csvs({"kaggle/test-metadata.csv", "kaggle/train-metadata.csv"});
    REQUIRE(both.size() == 1);
    CHECK(both[0] == "kaggle/train-metadata.csv");
    const auto test = duck::pick_metadata_csvs({"isic2024/images/x/test-metadata.csv", "isic2024/test-metadata.csv"});
    REQUIRE(test.size() == 1);
    CHECK(test[0] == "isic2024/test-metadata.csv");
}

TEST_CASE("folder scan: image index by name anywhere in the tree, JPEG before DICOM") {
    const auto idx = duck::index_images({
        "d/train/ISIC_0000001.dcm",
        "d/jpeg/train/ISIC_0000001.JPG",
        "d/ISIC_0000002.jpeg",
        "d/deep/er/isic_0000002.jpg",
        "d/train/ISIC_0000003.dcm",
        "d/._ISIC_0000004.jpg",
        "d/train.csv",
        "d/notes.txt",
    });
    CHECK(idx.size() == 3);
    CHECK(idx.at("ISIC_0000001") == "d/jpeg/train/ISIC_0000001.JPG");
    CHECK(idx.at("ISIC_0000002") == "d/ISIC_0000002.jpeg");
    CHECK(idx.at("ISIC_0000003") == "d/train/ISIC_0000003.dcm");
    CHECK(idx.count("ISIC_0000004") == 0);
}

TEST_CASE("folder scan: label is the folder's last component") {
    CHECK(duck::folder_label("/work/shared/data/isic2020/") == "isic2020");
    CHECK(duck::folder_label("isic2020") == "isic2020");
    CHECK(duck::folder_label("/") == "/");
}
