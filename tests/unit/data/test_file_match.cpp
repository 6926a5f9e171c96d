// test_file_match.cpp - which ISIC image a file path names.
#include <doctest/doctest.h>

#include "core/data/file_match.h"

TEST_CASE("file_match: jpg/jpeg/dcm in any case, anywhere in a tree") {
    using duck::image_name_from_path;
    CHECK(image_name_from_path("ISIC_0015719.jpg") == "ISIC_0015719");
    CHECK(image_name_from_path("a/b/c/ISIC_0015719.JPG") == "ISIC_0015719");
    CHECK(image_name_from_path("C:\\data\\ISIC_0015719.Jpeg") == "ISIC_0015719");
    CHECK(image_name_from_path("/x/isic_0015719.dcm") == "ISIC_0015719");
    CHECK(image_name_from_path("dir.jpg/ISIC_1.DCM") == "ISIC_1");
    CHECK(image_name_from_path("ISIC_0015719.png").empty());
    CHECK(image_name_from_path("ISIC_0015719.jpg.txt").empty());
    CHECK(image_name_from_path("._ISIC_0015719.jpg").empty());  // macOS resource fork
    CHECK(image_name_from_path(".jpg").empty());
    CHECK(image_name_from_path("dir/").empty());
    CHECK(image_name_from_path("").empty());
    CHECK(duck::is_dicom_path("a/ISIC_1.DcM"));
    CHECK_FALSE(duck::is_dicom_path("a.dcm/ISIC_1.jpg"));
}
