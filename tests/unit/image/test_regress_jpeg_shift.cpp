// test_regress_jpeg_shift.cpp - regression for the fuzz finding kept as
// fuzz/findings/jpeg/grow_buffer_shift33.jpg: stb_image 2.27 (Debian bookworm)
// let its bit reader's count go negative when a marker ended the entropy data in
// the middle of a code (extend_receive took 9 bits of 0), and the next refill
// shifted a 32-bit value by 33 (UBSan: "shift exponent 33 is too large for
// 32-bit type 'unsigned int'" in stbi__grow_buffer_unsafe). stb_image 2.28+
// (now built in, cmake/deps.cmake) stops at the end of the bits. Under the
// sanitize preset (scripts/test) any undefined behaviour fails this test.
//
// The file, bit by bit: a 16x8 grey baseline frame (two blocks), a DC table with
// category 0 coded "0" and category 9 coded with 16 bits, an AC table with EOB
// "0" and run 0/size 12 coded "10". Block 1 takes 16 bits (DC "0", AC "10" + 12
// bits, EOB "0"), leaving exactly 16 buffered; block 2's DC code takes those 16,
// then its 9 magnitude bits meet the EOI marker.
#include <doctest/doctest.h>

#include <cstdint>
#include <vector>

#include "core/image/jpeg_decode.h"
#include "test_helpers.h"

namespace {

std::vector<uint8_t> shift33_jpeg() {
    std::vector<uint8_t> j = {0xFF, 0xD8};
    j.insert(j.end(), {0xFF, 0xDB, 0x00, 0x43, 0x00});  // DQT 0: all ones
    j.insert(j.end(), 64, uint8_t(1));
    j.insert(j.end(), {0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x08, 0x00, 0x10, 0x01, 0x01, 0x11, 0x00});  // 16x8 grey
    j.insert(j.end(), {0xFF, 0xC4, 0x00, 0x28});
    j.insert(j.end(), {0x00, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0x00, 0x09});  // DC: "0" -> 0, 16 bits -> 9
    j.insert(j.end(), {0x10, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x0C});  // AC: "0" EOB, "10" -> 0/12
    j.insert(j.end(), {0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00});
    j.insert(j.end(), {0x50, 0x00, 0x80, 0x00, 0xFF, 0xD9});  // 0|10|100000000000|0 then 1000000000000000, EOI
    return j;
}

}  // namespace

TEST_CASE("regress jpeg shift33: entropy data ending inside a magnitude is no undefined behaviour") {
    const auto bytes = shift33_jpeg();
    // The same bytes as the saved finding that scripts/fuzz --replay runs.
    const std::string saved = duck::test::read_file(duck::test::source_path("fuzz/findings/jpeg/grow_buffer_shift33.jpg"));
    REQUIRE(std::vector<uint8_t>(saved.begin(), saved.end()) == bytes);
    const duck::JpegInfo info = duck::jpeg_info(bytes);
    REQUIRE(info.ok());  // the headers are sound: only the entropy data is short
    CHECK(info.width == 16);
    CHECK(info.height == 8);
    // stb_image 2.30 reads the bits the marker cut off as zeros (as decoders do
    // with a truncated scan) and delivers the image; 2.27 reported it corrupt,
    // after the undefined shift.
    const duck::DecodedImage img = duck::decode_jpeg(bytes);
    REQUIRE(img.ok());
    CHECK(img.image.width == 16);
    CHECK(img.image.height == 8);
    CHECK(img.image.pixels.size() == size_t(16) * 8 * 4);
}
