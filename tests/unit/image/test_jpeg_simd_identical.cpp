// test_jpeg_simd_identical.cpp - stb_image's SIMD path (what duck::decode_jpeg
// runs: SSE2 natively; SSE2 as wasm SIMD in the web build, where duckling-bench
// repeats this check in the browser) gives exactly the pixels of its scalar path,
// on real ISIC JPEGs of several sizes and subsamplings.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>

#include "../../bench/stb_scalar_ref.h"
#include "core/image/jpeg_decode.h"
#include "test_helpers.h"

namespace {
std::vector<uint8_t> read_bytes(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}
}  // namespace

TEST_CASE("stb's SIMD JPEG path is bit-identical to its scalar path on real ISIC files") {
    for (const char* name : {"ISIC_0015719.jpg", "ISIC_0074311.jpg", "ISIC_0149568.jpg", "ISIC_1135213.jpg",
                             "ISIC_0052212.jpg", "ISIC_0075914.jpg"}) {
        CAPTURE(name);
        const auto bytes = read_bytes(duck::test::shared_path(std::string("data/isic2020/images/") + name));
        REQUIRE(!bytes.empty());
        const duck::DecodedImage simd = duck::decode_jpeg(bytes);
        REQUIRE(simd.ok());
        int w = 0, h = 0;
        const std::vector<uint8_t> scalar = duck::stb_ref::decode_scalar(bytes, w, h);
        REQUIRE(w == simd.image.width);
        REQUIRE(h == simd.image.height);
        CHECK(scalar == simd.image.pixels);
    }
}
