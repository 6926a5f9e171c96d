// test_jpeg_decode.cpp - the JPEG wrapper: real ISIC files decode with the right
// dimensions; empty, truncated, wrong-format and oversized inputs fail with the
// right status and a specific message, before any pixel allocation.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/image/jpeg_decode.h"
#include "test_helpers.h"

namespace {

using Bytes = std::vector<uint8_t>;

Bytes load(const std::string& path) {
    std::string s = duck::test::read_file(path);
    return Bytes(s.begin(), s.end());
}

// Position of the first SOF0 segment's marker byte (0xC0) in a JPEG.
size_t find_sof0(const Bytes& b) {
    for (size_t i = 2; i + 1 < b.size(); ++i)
        if (b[i] == 0xFF && b[i + 1] == 0xC0) return i + 1;
    return 0;
}

// Dimensions read with an independent script (SOF0 of each file) when the
// fixtures were chosen; every file not listed here is 224x224 (the resized copies).
const std::map<std::string, std::pair<int, int>> kNot224 = {
    {"ISIC_0052212.jpg", {1872, 1053}}, {"ISIC_0074311.jpg", {512, 512}},   {"ISIC_0075914.jpg", {6000, 4000}},
    {"ISIC_0076262.jpg", {512, 512}},   {"ISIC_0081956.jpg", {6000, 4000}}, {"ISIC_0100550.jpg", {512, 512}},
    {"ISIC_0149568.jpg", {256, 256}},   {"ISIC_1135213.jpg", {640, 480}},   {"ISIC_2637011.jpg", {75, 50}},
    {"ISIC_0165617.jpg", {1872, 1053}}, {"ISIC_0208233.jpg", {768, 768}},
};

}  // namespace

TEST_CASE("image status names are the stable JSON strings") {
    using duck::ImageStatus;
    CHECK(duck::image_status_name(ImageStatus::Pending) == "pending");
    CHECK(duck::image_status_name(ImageStatus::Loading) == "loading");
    CHECK(duck::image_status_name(ImageStatus::Ready) == "ready");
    CHECK(duck::image_status_name(ImageStatus::Missing) == "missing");
    CHECK(duck::image_status_name(ImageStatus::Corrupt) == "corrupt");
    CHECK(duck::image_status_name(ImageStatus::TooLarge) == "too_large");
    CHECK(duck::image_status_from_name("too_large") == ImageStatus::TooLarge);
    CHECK_FALSE(duck::image_status_from_name("broken").has_value());
}

TEST_CASE("every real ISIC JPEG decodes with its header dimensions") {
    int checked = 0;
    for (const char* dir : {"data/isic2020/images", "data/isic2020/test_images"}) {
        for (const auto& e : std::filesystem::directory_iterator(duck::test::shared_path(dir))) {
            const std::string name = e.path().filename().string();
            CAPTURE(name);
            auto it = kNot224.find(name);
            const int w = it == kNot224.end() ? 224 : it->second.first;
            const int h = it == kNot224.end() ? 224 : it->second.second;
            auto info = duck::jpeg_info(load(e.path().string()));
            CHECK(info.ok());
            CHECK(info.width == w);
            CHECK(info.height == h);
            CHECK(info.components == 3);
            auto d = duck::decode_jpeg(load(e.path().string()));
            REQUIRE_MESSAGE(d.ok(), d.error);
            CHECK(d.image.width == w);
            CHECK(d.image.height == h);
            CHECK(d.image.pixels.size() == size_t(w) * size_t(h) * 4);
            CHECK(d.image.pixels[3] == 255);
            ++checked;
        }
    }
    CHECK(checked == 54);
}

TEST_CASE("empty, truncated and non-JPEG bytes are corrupt with a reason") {
    const Bytes good = load(duck::test::shared_path("data/isic2020/images/ISIC_2637011.jpg"));
    REQUIRE(duck::decode_jpeg(good).ok());

    auto empty = duck::decode_jpeg({});
    CHECK(empty.status == duck::ImageStatus::Corrupt);
    CHECK(empty.error == "empty file (0 bytes)");

    for (size_t keep : {size_t(2), size_t(20), size_t(300), good.size() / 2, good.size() - 2}) {
        CAPTURE(keep);
        Bytes cut(good.begin(), good.begin() + long(keep));
        auto d = duck::decode_jpeg(cut);
        CHECK(d.status == duck::ImageStatus::Corrupt);
        CHECK(d.error.rfind("truncated JPEG", 0) == 0);
        CHECK(d.image.pixels.empty());
    }

    // A PNG renamed .jpg: the name does not matter, the bytes do.
    Bytes png = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    auto p = duck::decode_jpeg(png);
    CHECK(p.status == duck::ImageStatus::Corrupt);
    CHECK(p.error == "not a JPEG (PNG signature)");
    CHECK(duck::sniff_format(png) == "png");

    std::string html = "<!DOCTYPE html><title>404 Not Found</title>";
    auto h = duck::decode_jpeg(Bytes(html.begin(), html.end()));
    CHECK(h.error == "not a JPEG (HTML signature)");

    Bytes noise(4096);
    uint32_t x = 12345;
    for (auto& v : noise) v = uint8_t((x = x * 1664525u + 1013904223u) >> 24);
    noise[0] = 0x00;
    CHECK(duck::decode_jpeg(noise).error == "not a JPEG (no start-of-image marker)");

    // JPEG signature followed by garbage: still rejected, never a crash.
    noise[0] = 0xFF, noise[1] = 0xD8, noise[2] = 0xFF;
    auto g = duck::decode_jpeg(noise);
    CHECK(g.status == duck::ImageStatus::Corrupt);
    CHECK_FALSE(g.error.empty());
}

TEST_CASE("a header declaring 60000x60000 is too_large before any allocation") {
    Bytes b = load(duck::test::shared_path("data/isic2020/images/ISIC_2637011.jpg"));
    const size_t sof = find_sof0(b);
    REQUIRE(sof > 0);
    // SOF0 payload: length(2) precision(1) height(2) width(2)
    b[sof + 4] = 0xEA, b[sof + 5] = 0x60;  // 60000
    b[sof + 6] = 0xEA, b[sof + 7] = 0x60;
    auto info = duck::jpeg_info(b);
    CHECK(info.status == duck::ImageStatus::TooLarge);
    CHECK(info.width == 60000);
    CHECK(info.error == "image 60000x60000 exceeds the 50 MP limit");
    auto d = duck::decode_jpeg(b);
    CHECK(d.status == duck::ImageStatus::TooLarge);
    CHECK(d.image.pixels.empty());

    // The limit is configurable: the 75x50 original fails a 0.001 MP limit.
    Bytes small = load(duck::test::shared_path("data/isic2020/images/ISIC_2637011.jpg"));
    auto tight = duck::decode_jpeg(small, {.max_megapixels = 0.001});
    CHECK(tight.status == duck::ImageStatus::TooLarge);
    CHECK(tight.error == "image 75x50 exceeds the 0.001 MP limit");

    // 0x0 is corrupt, not too large.
    b[sof + 4] = 0, b[sof + 5] = 0;
    CHECK(duck::jpeg_info(b).status == duck::ImageStatus::Corrupt);
}
