// test_url_codec.cpp - percent coding, UTF-8 and id checks, strict numbers, and the
// `?data=` rules (only http(s) absolute URLs or relative paths).
#include <doctest/doctest.h>

#include "core/base/prng.h"
#include "core/base/url_codec.h"

using namespace duck;

TEST_CASE("percent_encode keeps unreserved characters and escapes the rest") {
    CHECK(percent_encode("IP_7279968") == "IP_7279968");
    CHECK(percent_encode("a b&c=d#e%f+g") == "a%20b%26c%3Dd%23e%25f%2Bg");
    CHECK(percent_encode("https://x.org/a b", ":/") == "https://x.org/a%20b");
    CHECK(percent_encode("\xC3\xA9") == "%C3%A9");
}

TEST_CASE("percent_decode is strict about escapes, control characters and UTF-8") {
    CHECK(percent_decode("a%20b").value() == "a b");
    CHECK(percent_decode("a+b").value() == "a+b");
    CHECK(percent_decode("%c3%a9").value() == "\xC3\xA9");
    auto trunc = percent_decode("abc%4");
    REQUIRE_FALSE(trunc.ok());
    CHECK(trunc.error().message.find("truncated percent escape") != std::string::npos);
    CHECK_FALSE(percent_decode("%").ok());
    CHECK_FALSE(percent_decode("%zz").ok());
    CHECK(percent_decode("%00").error().message.find("control character") != std::string::npos);
    CHECK_FALSE(percent_decode("%0A").ok());
    CHECK(percent_decode("%FF").error().message.find("UTF-8") != std::string::npos);
}

TEST_CASE("is_valid_utf8 rejects overlongs, surrogates and truncation") {
    CHECK(is_valid_utf8("plain"));
    CHECK(is_valid_utf8("\xE2\x82\xAC"));          // euro sign
    CHECK(is_valid_utf8("\xF0\x9F\xA6\x86"));      // duck
    CHECK_FALSE(is_valid_utf8("\xC0\xAF"));        // overlong '/'
    CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));    // surrogate
    CHECK_FALSE(is_valid_utf8("\xE2\x82"));        // truncated
    CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80")); // > U+10FFFF
}

TEST_CASE("is_safe_id accepts ISIC ids and nothing that could break out of a context") {
    CHECK(is_safe_id("IP_7279968"));
    CHECK(is_safe_id("ISIC_2637011"));
    CHECK(is_safe_id("demo-patient.01"));
    CHECK_FALSE(is_safe_id(""));
    CHECK_FALSE(is_safe_id("<script>"));
    CHECK_FALSE(is_safe_id("IP 1"));
    CHECK_FALSE(is_safe_id("IP_1,IP_2"));
    CHECK_FALSE(is_safe_id(std::string(kMaxIdLength + 1, 'a')));
}

TEST_CASE("strict numbers: whole text, range checked, no inf/nan/hex") {
    int64_t i = 0;
    CHECK(parse_int_strict("42", 0, 100, i));
    CHECK(i == 42);
    CHECK(parse_int_strict("-3", -5, 5, i));
    CHECK_FALSE(parse_int_strict("101", 0, 100, i));
    CHECK_FALSE(parse_int_strict("4x", 0, 100, i));
    CHECK_FALSE(parse_int_strict("", 0, 100, i));
    CHECK_FALSE(parse_int_strict("99999999999999999999999", 0, 100, i));
    float f = 0;
    CHECK(parse_float_strict("2.5", 0, 10, f));
    CHECK(f == 2.5f);
    CHECK(parse_float_strict("1e-2", 0, 10, f));
    CHECK_FALSE(parse_float_strict("inf", 0, 10, f));
    CHECK_FALSE(parse_float_strict("nan", 0, 10, f));
    CHECK_FALSE(parse_float_strict("0x10", 0, 100, f));
    CHECK_FALSE(parse_float_strict(" 1", 0, 10, f));
    CHECK_FALSE(parse_float_strict("1.", 0, 10, f));
    CHECK_FALSE(parse_float_strict("11", 0, 10, f));
    CHECK_FALSE(parse_float_strict("1e999", 0, 10, f));
}

TEST_CASE("format_float_exact is short and exact") {
    CHECK(format_float_exact(1.5f) == "1.5");
    CHECK(format_float_exact(0.1f) == "0.1");
    CHECK(format_float_exact(2.0f) == "2");
    SplitMix64 rng(7);
    for (int k = 0; k < 20000; ++k) {
        const float v = (rng.unit() - 0.5f) * 2000.0f;
        float back = 0;
        REQUIRE(parse_float_strict(format_float_exact(v), -1e4f, 1e4f, back));
        CHECK(back == v);
    }
}

TEST_CASE("validate_data_url accepts http(s) and relative paths only") {
    CHECK(validate_data_url("https://data.example.org/isic2020/").ok());
    CHECK(validate_data_url("http://localhost:8080/data").ok());
    CHECK(validate_data_url("HTTPS://Example.org").ok());
    CHECK(validate_data_url("demo/").ok());
    CHECK(validate_data_url("../isic/train/").ok());
    CHECK(validate_data_url("/data/isic").ok());
    CHECK(validate_data_url("data/a:b").ok());  // ':' after a '/' is part of a path, not a scheme

    const char* bad[] = {"javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<b>x</b>", "file:///etc/passwd",
                         "blob:https://x/1", "vbscript:x", "//evil.example/x", "https://", "http:///path",
                         "https://user:pw@host/x", "https://host/a b", "https://host\\@evil", "https://host/\"x",
                         "\x01https://host", "ftp://host/x", ""};
    for (const char* b : bad) {
        INFO(b);
        const Status st = validate_data_url(b);
        CHECK_FALSE(st.ok());
        CHECK_FALSE(st.message.empty());
    }
    CHECK(validate_data_url("javascript:alert(1)").message.find("http") != std::string::npos);
    CHECK(validate_data_url(std::string(kMaxDataUrl + 1, 'a')).message.find("limit") != std::string::npos);
}

TEST_CASE("query_param finds and decodes one parameter") {
    auto p = query_param("?x=1&data=https%3A%2F%2Fh.org%2Fd%2F&y", "data");
    REQUIRE(p.ok());
    CHECK(p->found);
    CHECK(p->value == "https://h.org/d/");
    CHECK_FALSE(query_param("?x=1", "data")->found);
    CHECK(query_param("data=a&data=b", "data")->value == "a");
    CHECK_FALSE(query_param("?data=%G1", "data").ok());
    CHECK(query_param("?data", "data")->found);
}
