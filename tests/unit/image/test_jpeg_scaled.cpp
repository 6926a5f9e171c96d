// test_jpeg_scaled.cpp - reduced-scale JPEG decoding (libjpeg-turbo): which scale
// is chosen for which size, that a 1/8 decode is the 8x8 block average of the
// full decode, that the real 6000x4000 originals reduce to what stb's full decode
// shows, that bad bytes fail with a message instead of exiting; and in the image
// pipeline: which images take the reduced path, that the analysis image does not
// depend on whether a thumbnail or viewer image is asked for too, and that bad
// files get the full decode's messages.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/demo/demo_jpeg.h"
#include "core/image/image_pipeline.h"
#include "core/image/jpeg_decode.h"
#include "core/image/jpeg_scaled.h"
#include "test_helpers.h"

namespace {

using Bytes = std::vector<uint8_t>;

Bytes load(const std::string& path) {
    std::string s = duck::test::read_file(path);
    return Bytes(s.begin(), s.end());
}

// Smooth colour ramps with a soft disc: little ringing, so block averages of the
// full decode and the DC-only 1/8 decode must agree closely.
duck::ImageRGBA test_picture(int w, int h) {
    duck::ImageRGBA im;
    im.width = w, im.height = h;
    im.pixels.resize(size_t(w) * size_t(h) * 4);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const double dx = x - w * 0.5, dy = y - h * 0.5;
            const double disc = std::exp(-(dx * dx + dy * dy) / (0.08 * w * h));
            uint8_t* p = &im.pixels[(size_t(y) * size_t(w) + size_t(x)) * 4];
            p[0] = uint8_t(60 + 150 * x / w);
            p[1] = uint8_t(40 + 120 * y / h - 30 * disc);
            p[2] = uint8_t(90 + 100 * disc);
            p[3] = 255;
        }
    return im;
}

}  // namespace

TEST_CASE("scaled decode: the smallest 1/d that still covers the thumbnail is chosen") {
    using duck::jpeg_scale_denom;
    // The ISIC originals: 750x500 covers the 256 px thumbnail and the 128 px analysis image.
    CHECK(jpeg_scale_denom(6000, 4000, 128) == 8);
    CHECK(jpeg_scale_denom(6000, 4000, 256) == 8);
    // Asking for less than the thumbnail never picks a smaller decode than the
    // thumbnail needs: the analysis image is the same with or without a thumbnail.
    CHECK(jpeg_scale_denom(2000, 2000, 128) == jpeg_scale_denom(2000, 2000, 256));
    CHECK(jpeg_scale_denom(2000, 2000, 256) == 4);  // 250 < 256 <= 500
    CHECK(jpeg_scale_denom(6000, 4000, 1024) == 4);  // 1500x1000 holds 1024x683
    CHECK(jpeg_scale_denom(6000, 4000, 2000) == 2);
    CHECK(jpeg_scale_denom(6000, 4000, 4096) == 1);
    // Rounding up: ceil(2047/8) = 256 still covers 256.
    CHECK(jpeg_scale_denom(2047, 2047, 256) == 8);
    CHECK(jpeg_scale_denom(2039, 2039, 256) == 4);
    // Small images (the 512 px copy, 600x450 dermoscopy, a 1872x1053 DICOM frame)
    // stay on the full decode.
    CHECK(jpeg_scale_denom(512, 512, 256) == 1);
    CHECK(jpeg_scale_denom(600, 450, 128) == 1);
    CHECK(jpeg_scale_denom(1872, 1053, 256) == 1);
    CHECK(jpeg_scale_denom(0, 4000, 256) == 1);
    CHECK(jpeg_scale_denom(-5, -5, 256) == 1);
}

TEST_CASE("scaled decode: 1/1 matches stb_image, 1/8 is the block average") {
    const duck::ImageRGBA pic = test_picture(96, 64);
    const Bytes jpg = duck::demo::encode_jpeg(pic, 95);
    REQUIRE_FALSE(jpg.empty());
    const duck::DecodedImage stb = duck::decode_jpeg(jpg);
    REQUIRE(stb.ok());

    const duck::ScaledJpeg full = duck::decode_jpeg_scaled(jpg, 1);
    REQUIRE_MESSAGE(full.ok, full.error);
    REQUIRE(full.image.width == 96);
    REQUIRE(full.image.height == 64);
    // Two decoders of the same bytes differ by their upsampling and rounding only.
    int worst = 0;
    for (size_t i = 0; i < full.image.pixels.size(); ++i)
        worst = std::max(worst, std::abs(int(full.image.pixels[i]) - int(stb.image.pixels[i])));
    CHECK(worst <= 6);

    for (int d : {2, 4, 8}) {
        CAPTURE(d);
        const duck::ScaledJpeg s = duck::decode_jpeg_scaled(jpg, d);
        REQUIRE_MESSAGE(s.ok, s.error);
        CHECK(s.image.width == 96 / d);
        CHECK(s.image.height == 64 / d);
        CHECK(s.image.pixels.size() == size_t(s.image.width) * size_t(s.image.height) * 4);
        double err = 0;
        for (int y = 0; y < s.image.height; ++y)
            for (int x = 0; x < s.image.width; ++x)
                for (int c = 0; c < 4; ++c) {
                    double sum = 0;
                    for (int v = 0; v < d; ++v)
                        for (int u = 0; u < d; ++u)
                            sum += full.image.pixels[(size_t(y * d + v) * 96 + size_t(x * d + u)) * 4 + size_t(c)];
                    err = std::max(err, std::abs(sum / (d * d) - s.image.pixels[(size_t(y) * size_t(s.image.width) + size_t(x)) * 4 + size_t(c)]));
                }
        CHECK(err <= 4.0);
    }
}

TEST_CASE("scaled decode: a real 6000x4000 original at 1/8 shows what stb's full decode shows") {
    const Bytes jpg = load(duck::test::shared_path("data/isic2020/images/ISIC_0075914.jpg"));
    REQUIRE(jpg.size() > 1000);
    const duck::ScaledJpeg s = duck::decode_jpeg_scaled(jpg, 8);
    REQUIRE_MESSAGE(s.ok, s.error);
    CHECK(s.image.width == 750);
    CHECK(s.image.height == 500);
    const duck::DecodedImage stb = duck::decode_jpeg(jpg);
    REQUIRE(stb.ok());
    // Mean absolute difference of each 1/8 pixel from the average of its 8x8 block
    // in stb's decode (sRGB codes): the reduced decode is the same picture.
    double total = 0;
    for (int y = 0; y < 500; ++y)
        for (int x = 0; x < 750; ++x)
            for (int c = 0; c < 3; ++c) {
                double sum = 0;
                for (int v = 0; v < 8; ++v)
                    for (int u = 0; u < 8; ++u)
                        sum += stb.image.pixels[(size_t(y * 8 + v) * 6000 + size_t(x * 8 + u)) * 4 + size_t(c)];
                total += std::abs(sum / 64 - s.image.pixels[(size_t(y) * 750 + size_t(x)) * 4 + size_t(c)]);
            }
    CHECK(total / (750.0 * 500 * 3) < 1.0);
    for (size_t i = 3; i < s.image.pixels.size(); i += 4) REQUIRE(s.image.pixels[i] == 255);
}

TEST_CASE("scaled decode: bad bytes fail with libjpeg's message, never exit") {
    const Bytes good = duck::demo::encode_jpeg(test_picture(64, 48), 90);
    REQUIRE(duck::decode_jpeg_scaled(good, 8).ok);

    const duck::ScaledJpeg empty = duck::decode_jpeg_scaled({}, 8);
    CHECK_FALSE(empty.ok);
    CHECK(empty.error == "empty file (0 bytes)");

    const duck::ScaledJpeg bad_scale = duck::decode_jpeg_scaled(good, 3);
    CHECK_FALSE(bad_scale.ok);
    CHECK(bad_scale.error.find("1/3") != std::string::npos);

    // Truncated anywhere: libjpeg would pad with grey and warn; here that is a failure.
    for (size_t keep : {size_t(2), size_t(20), size_t(200), good.size() / 2, good.size() - 2}) {
        CAPTURE(keep);
        const duck::ScaledJpeg s = duck::decode_jpeg_scaled(Bytes(good.begin(), good.begin() + long(keep)), 8);
        CHECK_FALSE(s.ok);
        CHECK_FALSE(s.error.empty());
        CHECK(s.image.pixels.empty());
    }

    // Not a JPEG at all.
    const std::string png = "\x89PNG\r\n\x1a\n0000IHDR";
    const duck::ScaledJpeg p = duck::decode_jpeg_scaled(Bytes(png.begin(), png.end()), 2);
    CHECK_FALSE(p.ok);
    CHECK(p.error.find("Not a JPEG") != std::string::npos);

    // Entropy-coded data overwritten with noise: libjpeg warns (corrupt data) and
    // would carry on; the call fails instead, so the caller's stb path reports it.
    Bytes noisy = good;
    uint32_t x = 99;
    for (size_t i = noisy.size() / 2; i + 2 < noisy.size(); ++i) noisy[i] = uint8_t((x = x * 1664525u + 1013904223u) >> 24);
    const duck::ScaledJpeg n = duck::decode_jpeg_scaled(noisy, 8);
    CHECK_FALSE(n.ok);
    CHECK_FALSE(n.error.empty());
}

TEST_CASE("pipeline: a 24 MP original's thumbnail and analysis image come from the 1/8 decode") {
    const Bytes jpg = load(duck::test::shared_path("data/isic2020/images/ISIC_0075914.jpg"));
    const std::span<const uint8_t> bytes(jpg);
    duck::PipelineRequest app;  // 256 px thumbnail + 128 px analysis image, as the app asks
    duck::PipelineRequest full = app;
    full.full_decode = true;
    const duck::PipelineResult r = duck::process_image(bytes, app), f = duck::process_image(bytes, full);
    REQUIRE_MESSAGE(r.ok(), r.error);
    REQUIRE(f.ok());
    CHECK(r.width == 6000);
    CHECK(r.height == 4000);
    CHECK(r.thumb.width == f.thumb.width);
    CHECK(r.thumb.height == f.thumb.height);
    REQUIRE(r.analysis.width == f.analysis.width);
    REQUIRE(r.analysis.height == f.analysis.height);
    CHECK(r.analysis.width == duck::kAnalysisSide);
    // Not byte for byte the full decode's (8x8 blocks are averaged in sRGB codes
    // first), but the same picture: well under one code level on average.
    double diff = 0;
    for (size_t i = 0; i < r.analysis.pixels.size(); ++i) diff += std::abs(int(r.analysis.pixels[i]) - int(f.analysis.pixels[i]));
    CHECK(diff / double(r.analysis.pixels.size()) < 1.0);
    CHECK(r.analysis.pixels != f.analysis.pixels);  // the reduced path really ran

    // The CLI asks for the analysis image alone: the same pixels as with a thumbnail.
    duck::PipelineRequest cli;
    cli.thumb_side = 0;
    const duck::PipelineResult c = duck::process_image(bytes, cli);
    REQUIRE(c.ok());
    CHECK(c.thumb.empty());
    CHECK(c.analysis.pixels == r.analysis.pixels);

    // With the viewer image: that one from stb's full decode (the same pixels as
    // before), thumbnail and analysis image still from the reduced decode.
    duck::PipelineRequest viewer = app;
    viewer.viewer_side = duck::kViewerMaxSide;
    duck::PipelineRequest viewer_full = viewer;
    viewer_full.full_decode = true;
    const duck::PipelineResult v = duck::process_image(bytes, viewer), vf = duck::process_image(bytes, viewer_full);
    REQUIRE(v.ok());
    REQUIRE(vf.ok());
    CHECK(v.viewer.width == 4096);
    CHECK(v.viewer.pixels == vf.viewer.pixels);
    CHECK(v.analysis.pixels == r.analysis.pixels);
    CHECK(v.thumb.pixels == r.thumb.pixels);
}

TEST_CASE("pipeline: small images stay on stb_image, pixels unchanged") {
    for (const char* rel : {"data/isic2020/images/ISIC_0074311.jpg", "data/isic2020/images/ISIC_0052212.jpg",
                            "data/isic2020/images/ISIC_1135213.jpg"}) {
        CAPTURE(rel);
        const Bytes jpg = load(duck::test::shared_path(rel));
        duck::PipelineRequest full;
        full.full_decode = true;
        const duck::PipelineResult r = duck::process_image(jpg), f = duck::process_image(jpg, full);
        REQUIRE(r.ok());
        CHECK(r.thumb.pixels == f.thumb.pixels);
        CHECK(r.analysis.pixels == f.analysis.pixels);
    }
}

TEST_CASE("pipeline: a corrupt 24 MP original gets the message the full decode gives") {
    Bytes jpg = load(duck::test::shared_path("data/isic2020/images/ISIC_0081956.jpg"));
    // Noise over the middle of the entropy-coded data, no 0xFF (so no marker is
    // made and the header walk still finds the end-of-image marker).
    uint32_t x = 7;
    for (size_t i = jpg.size() / 3; i < jpg.size() / 3 + 4096; ++i) jpg[i] = uint8_t(((x = x * 1664525u + 1013904223u) >> 24) % 255);
    duck::PipelineRequest full;
    full.full_decode = true;
    const duck::PipelineResult r = duck::process_image(jpg), f = duck::process_image(jpg, full);
    CHECK(r.status == f.status);
    CHECK(r.error == f.error);
    CHECK(r.thumb.pixels == f.thumb.pixels);
    CHECK(r.analysis.pixels == f.analysis.pixels);
}
