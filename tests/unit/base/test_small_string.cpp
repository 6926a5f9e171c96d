// test_small_string.cpp - the Lesion text field type (small_string.h): inline up
// to 15 characters, heap beyond, and the std::string behaviour its callers rely
// on (comparisons, ordering, concatenation, copies and moves, self-assignment).
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/base/small_string.h"

using duck::SmallString;

TEST_CASE("small_string: every length 0..40 round-trips, inline up to 15") {
    const std::string src = "ISIC_0015719/seborrheic keratosis/abcdefghij";
    for (size_t n = 0; n <= 40; ++n) {
        const std::string want = src.substr(0, n);
        const SmallString s(want);
        CHECK(s.size() == n);
        CHECK(s.empty() == (n == 0));
        CHECK(std::string_view(s) == want);
        CHECK(std::string(s) == want);
        CHECK(s.c_str()[n] == '\0');  // NUL-terminated, also at exactly 15
        CHECK(std::string(s.c_str()) == want);
        CHECK(s.on_heap() == (n > SmallString::kInline));
    }
}

TEST_CASE("small_string: equality compares text, not storage") {
    const SmallString a("ISIC_0015719"), b(std::string("ISIC_0015719")), c("ISIC_0015718");
    CHECK(a == b);
    CHECK_FALSE(a == c);
    CHECK(a == "ISIC_0015719");
    CHECK(a == std::string("ISIC_0015719"));
    CHECK(a == std::string_view("ISIC_0015719"));
    CHECK(std::string("ISIC_0015719") == a);
    CHECK(a != "ISIC_001571");
    CHECK(a != "ISIC_00157190");
    // A shorter value assigned over a longer one leaves no old bytes behind.
    SmallString d("ISIC_0015719x");
    d = "ISIC_0015719";
    CHECK(d == a);
    d = "IP_1";
    CHECK(d == SmallString("IP_1"));
    // Heap strings: equal to each other and to views, never to an inline one.
    const SmallString h1("seborrheic keratosis"), h2(std::string_view("seborrheic keratosis"));
    CHECK(h1.on_heap());
    CHECK(h1 == h2);
    CHECK(h1 == "seborrheic keratosis");
    CHECK_FALSE(h1 == a);
    CHECK(SmallString() == "");
    CHECK(SmallString("") == SmallString());
}

TEST_CASE("small_string: ordering matches std::string") {
    std::vector<std::string> names = {"ISIC_2", "ISIC_10", "", "atypical melanocytic proliferation", "ISIC_1", "a", "ISIC_1z"};
    std::vector<SmallString> small(names.begin(), names.end());
    std::sort(names.begin(), names.end());
    std::sort(small.begin(), small.end());
    for (size_t i = 0; i < names.size(); ++i) CHECK(small[i] == names[i]);
    CHECK(SmallString("ISIC_1") < SmallString("ISIC_2"));
    CHECK(SmallString("ISIC_1") < "ISIC_10");
    CHECK(SmallString("b") > std::string("a"));
    CHECK_FALSE(SmallString("a") < SmallString("a"));
}

TEST_CASE("small_string: concatenation, substr and conversions like std::string") {
    const SmallString a("ISIC_0015719"), dx("seborrheic keratosis");
    CHECK(a + " has no patient_id" == std::string("ISIC_0015719 has no patient_id"));
    CHECK("thumb:" + a == std::string("thumb:ISIC_0015719"));
    CHECK(std::string("full:") + a == std::string("full:ISIC_0015719"));
    CHECK(a + '.' + "jpg" == std::string("ISIC_0015719.jpg"));
    CHECK(a + dx == std::string("ISIC_0015719seborrheic keratosis"));
    CHECK(a.substr(10) == "19");
    CHECK(dx.substr(0, 10) == "seborrheic");
    std::string s = a;  // implicit, as Lesion's fields were std::string
    CHECK(s == "ISIC_0015719");
    s += a;
    CHECK(s == "ISIC_0015719ISIC_0015719");
    const std::string& ref = dx;  // a temporary copy, as for any converting type
    CHECK(ref == "seborrheic keratosis");
}

TEST_CASE("small_string: copies, moves and self-assignment keep the text") {
    for (const char* text : {"", "IP_7279968", "ISIC_0015719", "fifteen chars!!", "atypical melanocytic proliferation"}) {
        SmallString a(text);
        SmallString b(a);  // copy
        CHECK(b == text);
        SmallString c(std::move(b));  // move empties the source
        CHECK(c == text);
        CHECK(b.empty());
        b = c;  // copy-assign over an empty one
        CHECK(b == text);
        a = SmallString("x");  // move-assign over any storage
        CHECK(a == "x");
        a = c;
        CHECK(a == text);
        const SmallString& self = a;
        a = self;  // self-assignment
        CHECK(a == text);
        a = std::string_view(a).substr(std::string_view(a).size() / 2);  // from a view of itself
        CHECK(a == std::string(text).substr(std::string(text).size() / 2));
        c.clear();
        CHECK(c.empty());
        CHECK(c == "");
        std::vector<SmallString> v(100, SmallString(text));  // reallocation moves them
        v.resize(1000);
        CHECK(v[99] == text);
        CHECK(v[999].empty());
    }
}

TEST_CASE("small_string: text_equal agrees with == at every length and every differing byte") {
    const std::string base = "ISIC_0015719/IP_7279968/seborrheic/0123456789";
    for (size_t n = 0; n <= 40; ++n) {
        const std::string a = base.substr(0, n);
        CHECK(duck::text_equal(a, std::string(a)));
        CHECK_FALSE(duck::text_equal(a, base.substr(0, n + 1)));  // lengths differ
        for (size_t i = 0; i < n; ++i) {
            std::string b = a;
            b[i] = static_cast<char>(b[i] ^ 0x20);
            CHECK_FALSE(duck::text_equal(a, b));
        }
    }
}
