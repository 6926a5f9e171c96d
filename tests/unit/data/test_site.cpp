// test_site.cpp - ISIC site strings map to the enum and back.
#include <doctest/doctest.h>

#include "core/data/dataset.h"

TEST_CASE("site names round-trip and unknown strings are rejected") {
    using duck::Site;
    for (int i = 0; i < duck::kSiteCount; ++i) {
        Site s{};
        REQUIRE(duck::parse_site(duck::site_name(static_cast<Site>(i)), s));
        CHECK(static_cast<int>(s) == i);
    }
    Site s = Site::Torso;
    CHECK(duck::parse_site("", s));
    CHECK(s == Site::Unknown);
    CHECK(duck::parse_site("  Head/Neck ", s));
    CHECK(s == Site::HeadNeck);
    CHECK_FALSE(duck::parse_site("elbow", s));
    CHECK(duck::sex_name(duck::Sex::Female) == "female");
}
