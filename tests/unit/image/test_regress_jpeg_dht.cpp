// test_regress_jpeg_dht.cpp - regression for fuzz finding jpeg#1 (fuzz/fuzz_jpeg):
// stb_image 2.27 adds up a Huffman table's 16 code counts without a bound and
// writes that many entries into its 257-byte size table (UBSan: "index 257 out of
// bounds for type 'stbi_uc[257]'"), then reads as many symbol bytes into a
// 256-byte array. The header walk in jpeg_decode.cpp now refuses such tables
// before stb_image sees the file.
#include <doctest/doctest.h>

#include <cstdint>
#include <vector>

#include "core/image/jpeg_decode.h"

namespace {

void put16(std::vector<uint8_t>& v, size_t x) {
    v.push_back(uint8_t(x >> 8));
    v.push_back(uint8_t(x & 0xFF));
}

// SOI, one DHT table with the given 16 counts (and that many symbols), an 8x8 grey
// baseline frame, a scan with a few data bytes, EOI. Structurally complete, so only
// the table's contents can make it fail.
std::vector<uint8_t> jpeg_with_dht(const uint8_t (&counts)[16]) {
    std::vector<uint8_t> j = {0xFF, 0xD8};
    size_t n = 0;
    for (uint8_t c : counts) n += c;
    j.insert(j.end(), {0xFF, 0xC4});
    put16(j, 2 + 17 + n);
    j.push_back(0x00);  // DC table 0
    j.insert(j.end(), counts, counts + 16);
    for (size_t i = 0; i < n; ++i) j.push_back(uint8_t(i));
    j.insert(j.end(), {0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x08, 0x00, 0x08, 0x01, 0x01, 0x11, 0x00});
    j.insert(j.end(), {0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00});
    j.insert(j.end(), {0x12, 0x34, 0x56, 0xFF, 0xD9});
    return j;
}

}  // namespace

TEST_CASE("regress jpeg#1: Huffman table with more than 256 codes is corrupt, not decoded") {
    uint8_t counts[16];
    for (auto& c : counts) c = 255;  // 4080 codes
    const auto bytes = jpeg_with_dht(counts);
    const duck::JpegInfo info = duck::jpeg_info(bytes);
    CHECK(info.status == duck::ImageStatus::Corrupt);
    CHECK(info.error == "corrupt JPEG (Huffman table declares 4080 codes; at most 256 exist)");
    const duck::DecodedImage img = duck::decode_jpeg(bytes);
    CHECK_FALSE(img.ok());
    CHECK(img.error == info.error);
    CHECK(img.image.pixels.empty());
}

TEST_CASE("regress jpeg#1: 257 codes is one too many, 256 passes the walk") {
    uint8_t counts[16] = {};
    counts[15] = 255;
    counts[14] = 2;  // 257
    CHECK(duck::jpeg_info(jpeg_with_dht(counts)).error.find("declares 257 codes") != std::string::npos);
    counts[14] = 1;  // 256: legal count; whatever stb then says, it is not our Huffman message
    CHECK(duck::jpeg_info(jpeg_with_dht(counts)).error.find("Huffman table declares") == std::string::npos);
}

TEST_CASE("regress jpeg#1: a Huffman table cut short by its segment is corrupt") {
    std::vector<uint8_t> j = {0xFF, 0xD8, 0xFF, 0xC4, 0x00, 0x0A, 0x00, 1, 2, 3, 4, 5, 6, 7, 0xFF, 0xD9};
    CHECK(duck::jpeg_info(j).error == "corrupt JPEG (Huffman table header cut short)");
    uint8_t counts[16] = {};
    counts[0] = 2;
    auto k = jpeg_with_dht(counts);
    k[5] -= 1;   // segment length one short of the 2 symbols
    k.erase(k.begin() + 4 + 2 + 17 + 1);  // and the file consistent with it
    CHECK(duck::jpeg_info(k).error == "corrupt JPEG (Huffman table runs past its segment)");
}
