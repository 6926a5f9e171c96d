// test_image_io.cpp - the image service's state lives in a platform::ImageIo (the
// AppController owns one), not in globals: requests belong to the ImageIo they
// were made with, a newer one answers for itself, and requests end with their
// ImageIo.
#include <doctest/doctest.h>

#include <string>

#include "platform/image_io.h"

using duck::platform::DecodedImage;
using duck::platform::ImageIo;

namespace {
duck::platform::ImageRequest missing(const char* name) {
    return {name, {std::string("/nonexistent/") + name + ".jpg"}, false};
}
}  // namespace

TEST_CASE("image io: each ImageIo holds its own requests, and the outer one answers again when the inner ends") {
    ImageIo outer;
    std::string answered;
    duck::platform::decode_image(outer, missing("ISIC_OUTER"), [&](DecodedImage d) {
        answered = d.status == duck::ImageStatus::Missing ? "missing" : "other";
    });
    CHECK(duck::platform::pending_images() == 1);
    {
        ImageIo inner;
        CHECK(duck::platform::pending_images() == 0);  // the outer's request is not the inner's
        bool inner_called = false;
        duck::platform::decode_image(inner, missing("ISIC_INNER"), [&](DecodedImage) { inner_called = true; });
        CHECK(duck::platform::pending_images() == 1);
        CHECK(duck::platform::poll_images() == 1);
        CHECK(inner_called);
        CHECK(answered.empty());
        duck::platform::decode_image(inner, missing("ISIC_DROPPED"), [](DecodedImage) { FAIL("ran after its ImageIo ended"); });
    }
    CHECK(duck::platform::pending_images() == 1);  // the outer's again; the inner's last request ended with it
    CHECK(duck::platform::poll_images() == 1);
    CHECK(answered == "missing");
    CHECK(duck::platform::pending_images() == 0);
}

TEST_CASE("image io: a scanned folder is the state of the ImageIo alive") {
    ImageIo io;
    // A listing of a folder that does not exist is an error value, not a crash.
    auto bad = duck::platform::scan_folder(io, "/nonexistent/folder");
    CHECK_FALSE(bad.ok());
    duck::platform::cancel_folder_open(io);  // nothing being opened: nothing happens
    CHECK(duck::platform::pending_images() == 0);
}
