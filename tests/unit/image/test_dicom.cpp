// test_dicom.cpp - the DICOM reader on the two real ISIC files and on generated
// valid, truncated and malicious files: errors are values, never crashes, never
// allocations driven by a declared length.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "core/image/dicom.h"
#include "core/image/image_decode.h"
#include "dicom_builder.h"
#include "test_helpers.h"

using duck::test::Bytes;
using duck::test::DicomBuilder;

namespace {

Bytes load(const std::string& rel) {
    std::string s = duck::test::read_file(duck::test::shared_path(rel));
    return Bytes(s.begin(), s.end());
}

// The real ISIC_0052212 header (everything before the pixel data element at
// offset 1188) followed by encapsulated pixel data holding a small real JPEG.
Bytes mini_isic_dicom() {
    Bytes head = load("data/other/dicom/ISIC_0052212.dcm");
    head.resize(1188);
    Bytes jpeg = load("data/isic2020/images/ISIC_2637011.jpg");
    if (jpeg.size() % 2) jpeg.push_back(0);
    DicomBuilder d;
    d.b = head;
    d.header(0x7FE00010, "OB", 0xFFFFFFFF);
    d.item(0);
    d.item(uint32_t(jpeg.size()));
    d.b.insert(d.b.end(), jpeg.begin(), jpeg.end());
    d.seq_delim();
    return d.b;
}

uint32_t lcg(uint32_t& x) { return x = x * 1664525u + 1013904223u; }

}  // namespace

TEST_CASE("real ISIC DICOMs: tags and the byte-identical JPEG frame") {
    struct Case {
        const char* id;
        const char* sex;
        const char* age;
        const char* part;
        int rows, cols;
    };
    for (Case c : {Case{"ISIC_0015719", "F", "040Y", "UPPER EXTREMITY", 4000, 6000},
                   Case{"ISIC_0052212", "F", "050Y", "LOWER EXTREMITY", 1053, 1872}}) {
        CAPTURE(c.id);
        auto r = duck::parse_dicom(load(std::string("data/other/dicom/") + c.id + ".dcm"));
        REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
        const auto& t = r->tags;
        CHECK(t.patient_id == c.id);
        CHECK(t.patient_sex == c.sex);
        CHECK(t.patient_age == c.age);
        CHECK(t.body_part_examined == c.part);
        CHECK(t.photometric_interpretation == "YBR_FULL_422");
        CHECK(t.rows == c.rows);
        CHECK(t.columns == c.cols);
        CHECK(t.samples_per_pixel == 3);
        CHECK(t.transfer_syntax_uid == duck::test::kJpegBaseline);
        CHECK(t.sop_class_uid == "1.2.840.10008.5.1.4.1.1.77.1.4");
        CHECK(t.study_description == "ISIC 2020 Grand Challenge image");
        CHECK_FALSE(t.anatomic_region.empty());
        CHECK(r->pixels == duck::DicomPixels::Encapsulated);
        CHECK(r->fragments == 1);
        CHECK(r->offset_table_entries == 0);
        CHECK(r->frame == load(std::string("data/other/dicom/") + c.id + "_encapsulated_frame.jpg"));
    }
    auto r = duck::parse_dicom(load("data/other/dicom/ISIC_0052212.dcm"));
    CHECK(r->tags.anatomic_region == "Skin of part of lower limb");
}

TEST_CASE("a DICOM frame decodes to the same pixels as the cut-out JPEG, in skin colours") {
    for (std::string id : {"ISIC_0052212", "ISIC_0015719"}) {
        CAPTURE(id);
        auto f = duck::decode_image_file(load(std::string("data/other/dicom/") + id + ".dcm"));
        REQUIRE_MESSAGE(f.decoded.ok(), f.decoded.error);
        CHECK(f.format == "dicom");
        REQUIRE(f.dicom.has_value());
        CHECK(f.decoded.image.width == f.dicom->columns);
        CHECK(f.decoded.image.height == f.dicom->rows);
        auto j = duck::decode_jpeg(load(std::string("data/other/dicom/") + id + "_encapsulated_frame.jpg"));
        REQUIRE(j.ok());
        CHECK(f.decoded.image.pixels == j.image.pixels);
        // YBR_FULL_422 converted exactly once: the mean colour matches the ISIC
        // JPEG export of the same image (a different file from another source).
        // Converting twice (the "pink" bug) or not at all moves it by far more.
        auto mean_rgb = [](const duck::ImageRGBA& im) {
            std::vector<double> m(3, 0.0);
            for (size_t i = 0; i < im.pixels.size(); i += 4)
                for (size_t k = 0; k < 3; ++k) m[k] += im.pixels[i + k];
            for (auto& v : m) v /= double(im.pixels.size() / 4);
            return m;
        };
        auto ref = duck::decode_jpeg(load(std::string("data/isic2020/images/") + id + ".jpg"));
        REQUIRE(ref.ok());
        auto a = mean_rgb(f.decoded.image), b = mean_rgb(ref.image);
        for (size_t k = 0; k < 3; ++k) {
            CAPTURE(k);
            CHECK(std::abs(a[k] - b[k]) < 4.0);
        }
        CHECK(a[0] > a[1]);  // skin: red dominates
    }
}

TEST_CASE("every truncation of a DICOM is an error or a file without pixels, never a crash") {
    const Bytes full = mini_isic_dicom();
    REQUIRE(duck::decode_image_file(full).decoded.ok());
    for (size_t keep = 0; keep < full.size(); keep += (keep < 1300 ? 1 : 97)) {
        CAPTURE(keep);
        Bytes cut(full.begin(), full.begin() + long(keep));
        auto r = duck::parse_dicom(cut);
        if (r.ok()) {
            CHECK(r->pixels == duck::DicomPixels::None);  // cut exactly between elements
            CHECK(duck::decode_image_file(cut).decoded.error == "DICOM file has no pixel data");
        } else {
            CHECK_FALSE(r.error().message.empty());
        }
        CHECK_FALSE(duck::decode_image_file(cut).decoded.ok());
    }
    CHECK(duck::parse_dicom({}).error().message == "empty file (0 bytes)");
}

TEST_CASE("lying and undefined lengths are errors, not allocations") {
    SUBCASE("element longer than the file") {
        auto d = DicomBuilder::start(duck::test::kExplicitLE);
        d.header(0x00100020, "UT", 0x7FFFFFF0);
        d.b.resize(d.b.size() + 16, 'A');
        auto r = duck::parse_dicom(d.b);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message == "corrupt DICOM: element (0010,0020) declares 2147483632 bytes but only 16 remain");
    }
    SUBCASE("0xFFFFFFFF on a non-sequence element") {
        auto d = DicomBuilder::start(duck::test::kExplicitLE);
        d.header(0x00091010, "OB", 0xFFFFFFFF);
        d.b.resize(d.b.size() + 64, 0);
        auto r = duck::parse_dicom(d.b);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message == "corrupt DICOM: element (0009,1010) (OB) has undefined length");
    }
    SUBCASE("fragment longer than the file") {
        auto d = DicomBuilder::start(duck::test::kJpegBaseline);
        d.header(0x7FE00010, "OB", 0xFFFFFFFF);
        d.item(0);
        d.item(0xFFFFFFF0);
        d.b.resize(d.b.size() + 100, 0xFF);
        auto r = duck::parse_dicom(d.b);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.find("declares 4294967280 bytes but only 100 remain") != std::string::npos);
    }
    SUBCASE("fragment of undefined length") {
        auto d = DicomBuilder::start(duck::test::kJpegBaseline);
        d.header(0x7FE00010, "OB", 0xFFFFFFFF);
        d.item(0);
        d.item(0xFFFFFFFF);
        CHECK(duck::parse_dicom(d.b).error().message == "corrupt DICOM: pixel data fragment with undefined length");
    }
    SUBCASE("item inside a sequence longer than the sequence") {
        auto d = DicomBuilder::start(duck::test::kExplicitLE);
        d.header(0x00082218, "SQ", 16);
        d.item(1000);
        d.b.resize(d.b.size() + 8 + 2000, 0);
        CHECK_FALSE(duck::parse_dicom(d.b).ok());
    }
    SUBCASE("native pixel data shorter than rows x columns") {
        auto d = DicomBuilder::start(duck::test::kExplicitLE);
        d.us(0x00280002, 1), d.us(0x00280010, 60000), d.us(0x00280011, 60000), d.us(0x00280100, 8);
        d.bytes(0x7FE00010, "OB", Bytes(16, 0));
        CHECK(duck::parse_dicom(d.b).error().message.find("needs 3600000000") != std::string::npos);
    }
}

TEST_CASE("deep sequences and element floods hit the limits") {
    auto deep = DicomBuilder::start(duck::test::kExplicitLE);
    for (int i = 0; i < 5000; ++i) {
        deep.header(0x00082218, "SQ", 0xFFFFFFFF);
        deep.item();
    }
    auto r = duck::parse_dicom(deep.b);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "corrupt DICOM: sequences nested deeper than 8 levels");

    auto flood = DicomBuilder::start(duck::test::kImplicitLE);
    for (int i = 0; i < 250000; ++i) flood.header(0x00091000, "", 0);
    r = duck::parse_dicom(flood.b);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "corrupt DICOM: more than 200000 elements");
    // A file with many elements below the limit is fine.
    CHECK(duck::parse_dicom(flood.b, {.max_elements = 300000}).ok());
}

TEST_CASE("random bytes and random mutations never crash the reader") {
    uint32_t x = 7;
    for (int i = 0; i < 200; ++i) {
        Bytes junk(132 + lcg(x) % 4000);
        for (auto& v : junk) v = uint8_t(lcg(x) >> 24);
        if (i % 2) std::copy_n("DICM", 4, junk.begin() + 128);
        auto f = duck::decode_image_file(junk);
        CHECK_FALSE(f.decoded.ok());
        CHECK_FALSE(f.decoded.error.empty());
    }
    const Bytes base = mini_isic_dicom();
    int ok = 0;
    for (int i = 0; i < 1500; ++i) {
        Bytes m = base;
        const int edits = 1 + int(lcg(x) % 4);
        for (int e = 0; e < edits; ++e) m[132 + lcg(x) % 1100] = uint8_t(lcg(x) >> 24);  // header region
        auto f = duck::decode_image_file(m);
        if (f.decoded.ok()) ++ok;
        else CHECK_FALSE(f.decoded.error.empty());
    }
    CHECK(ok > 0);  // most single-byte edits hit values, not structure
}

TEST_CASE("implicit VR, defined-length sequences and native pixels") {
    for (bool implicit_vr : {true, false}) {
        CAPTURE(implicit_vr);
        auto d = DicomBuilder::start(implicit_vr ? duck::test::kImplicitLE : duck::test::kExplicitLE);
        d.str(0x00080060, "CS", "XC");
        // Anatomic region sequence with a defined length and one defined-length item.
        DicomBuilder item;
        item.explicit_vr = d.explicit_vr;
        item.str(0x00080100, "SH", "T-D2220");
        item.str(0x00080104, "LO", "Skin of back");
        d.header(0x00082218, "SQ", uint32_t(item.b.size() + 8));
        d.item(uint32_t(item.b.size()));
        d.b.insert(d.b.end(), item.b.begin(), item.b.end());
        // An unknown undefined-length sequence with an undefined-length item, skipped.
        d.header(0x00400275, "SQ", 0xFFFFFFFF);
        d.item();
        d.str(0x00100020, "LO", "NESTED_NOT_TOP_LEVEL");
        d.item_delim();
        d.seq_delim();
        d.str(0x00100020, "LO", "\"ISIC_0000001\"");
        d.str(0x00100040, "CS", "M");
        d.str(0x00101010, "AS", "045Y");
        d.str(0x00180015, "CS", "TORSO");
        d.us(0x00280002, 3);
        d.str(0x00280004, "CS", "RGB");
        d.us(0x00280006, 0);
        d.us(0x00280010, 1);
        d.us(0x00280011, 2);
        d.us(0x00280100, 8);
        d.bytes(0x7FE00010, "OB", {255, 0, 0, 10, 20, 30});
        auto r = duck::parse_dicom(d.b);
        REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
        CHECK(r->tags.patient_id == "ISIC_0000001");
        CHECK(r->tags.patient_sex == "M");
        CHECK(r->tags.patient_age == "045Y");
        CHECK(r->tags.body_part_examined == "TORSO");
        CHECK(r->tags.anatomic_region == "Skin of back");
        CHECK(r->tags.modality == "XC");
        CHECK(r->pixels == duck::DicomPixels::Native);
        auto f = duck::decode_image_file(d.b);
        REQUIRE_MESSAGE(f.decoded.ok(), f.decoded.error);
        CHECK(f.decoded.image.width == 2);
        CHECK(f.decoded.image.height == 1);
        CHECK(f.decoded.image.pixels == Bytes{255, 0, 0, 255, 10, 20, 30, 255});
    }
}

TEST_CASE("basic offset table selects the first frame's fragments") {
    auto d = DicomBuilder::start(duck::test::kJpegBaseline);
    d.str(0x00280008, "IS", "2");
    d.header(0x7FE00010, "OB", 0xFFFFFFFF);
    d.item(8);
    d.u32(0), d.u32(2 * 8 + 4 + 2);  // frame 1 starts after two fragments of 4 and 2 bytes
    d.item(4), d.b.insert(d.b.end(), {1, 2, 3, 4});
    d.item(2), d.b.insert(d.b.end(), {5, 6});
    d.item(2), d.b.insert(d.b.end(), {7, 8});
    d.seq_delim();
    auto r = duck::parse_dicom(d.b);
    REQUIRE(r.ok());
    CHECK(r->offset_table_entries == 2);
    CHECK(r->fragments == 3);
    CHECK(r->frame == Bytes{1, 2, 3, 4, 5, 6});
}

TEST_CASE("not DICOM, and unsupported syntaxes, say so") {
    CHECK(duck::parse_dicom(Bytes(100, 0)).error().message ==
          "not a DICOM file (100 bytes, shorter than the 132-byte preamble)");
    CHECK(duck::parse_dicom(Bytes(300, 0)).error().message ==
          "not a DICOM Part 10 file (no \"DICM\" after the 128-byte preamble)");
    auto be = DicomBuilder::start("1.2.840.10008.1.2.2");
    CHECK(duck::parse_dicom(be.b).error().message == "unsupported DICOM transfer syntax: Explicit VR Big Endian");
    auto j2k = DicomBuilder::start("1.2.840.10008.1.2.4.90");
    j2k.header(0x7FE00010, "OB", 0xFFFFFFFF);
    j2k.item(0);
    j2k.item(2), j2k.b.insert(j2k.b.end(), {0xFF, 0x4F});
    j2k.seq_delim();
    CHECK(duck::decode_image_file(j2k.b).decoded.error == "unsupported DICOM transfer syntax: JPEG 2000");
}
