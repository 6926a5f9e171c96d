// test_result.cpp - Result<T>/Status carry either a value or a message.
#include <doctest/doctest.h>

#include "core/base/result.h"

TEST_CASE("Result holds a value or an error") {
    duck::Result<int> good = 42;
    CHECK(good.ok());
    CHECK(good.value() == 42);
    duck::Result<int> bad = duck::Error{"no such file"};
    CHECK_FALSE(bad.ok());
    CHECK(bad.error().message == "no such file");
    CHECK(duck::Status::success().ok());
    CHECK_FALSE(duck::Status::fail("x").ok());
}
