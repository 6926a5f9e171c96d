// test_csv.cpp - the RFC 4180 reader on every quirk it must survive.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/data/csv.h"

namespace {
using Rows = std::vector<std::vector<std::string>>;

// All records of `text`, as owned strings.
Rows read_all(std::string_view text, std::vector<size_t>* lines = nullptr, std::vector<duck::CsvIssue>* issues = nullptr) {
    duck::CsvReader r(text);
    std::vector<std::string_view> f;
    Rows rows;
    while (r.next(f)) {
        rows.emplace_back(f.begin(), f.end());
        if (lines) lines->push_back(r.line());
        if (issues) issues->push_back(r.issue());
    }
    return rows;
}
}  // namespace

TEST_CASE("csv: plain LF records, missing final newline") {
    CHECK(read_all("a,b\n1,2\n") == Rows{{"a", "b"}, {"1", "2"}});
    CHECK(read_all("a,b\n1,2") == Rows{{"a", "b"}, {"1", "2"}});
}

TEST_CASE("csv: CRLF and lone CR line ends") {
    CHECK(read_all("a,b\r\n1,2\r\n") == Rows{{"a", "b"}, {"1", "2"}});
    CHECK(read_all("a,b\r1,2") == Rows{{"a", "b"}, {"1", "2"}});
}

TEST_CASE("csv: UTF-8 byte-order mark is skipped") {
    const Rows rows = read_all("\xEF\xBB\xBFimage_name,x\nISIC_1,2\n");
    REQUIRE(rows.size() == 2);
    CHECK(rows[0][0] == "image_name");
}

TEST_CASE("csv: empty fields, trailing comma, empty lines") {
    CHECK(read_all("a,,c\n,,\n") == Rows{{"a", "", "c"}, {"", "", ""}});
    CHECK(read_all("a,b,\n") == Rows{{"a", "b", ""}});
    CHECK(read_all("a,b,") == Rows{{"a", "b", ""}});
    CHECK(read_all("\n\na\n\r\n\nb\n\n") == Rows{{"a"}, {"b"}});
    CHECK(read_all("").empty());
    CHECK(read_all("\xEF\xBB\xBF").empty());
}

TEST_CASE("csv: quoted fields with commas, doubled quotes and newlines") {
    const Rows rows = read_all("\"a,b\",\"say \"\"hi\"\"\",\"line1\nline2\",\"\"\nx,\"\"\"\",\"\"\"q\"\"\"\r\n");
    REQUIRE(rows.size() == 2);
    CHECK(rows[0] == std::vector<std::string>{"a,b", "say \"hi\"", "line1\nline2", ""});
    CHECK(rows[1] == std::vector<std::string>{"x", "\"", "\"q\""});
}

TEST_CASE("csv: unescaped quoted fields are views into the input (zero copy)") {
    const std::string text = "\"ISIC_1\",plain\n";
    duck::CsvReader r(text);
    std::vector<std::string_view> f;
    REQUIRE(r.next(f));
    CHECK(f[0].data() == text.data() + 1);
    CHECK(f[1].data() == text.data() + 9);
}

TEST_CASE("csv: line numbers count newlines inside quotes") {
    std::vector<size_t> lines;
    read_all("h\n\"a\nb\nc\"\nnext\n\nlast", &lines);
    CHECK(lines == std::vector<size_t>{1, 2, 5, 7});
    lines.clear();
    read_all("h\r\n\"a\r\nb\"\r\nnext\r\n", &lines);
    CHECK(lines == std::vector<size_t>{1, 2, 4});
}

TEST_CASE("csv: unterminated quote is reported, never crashes") {
    std::vector<duck::CsvIssue> issues;
    const Rows rows = read_all("a,b\n1,\"open\n2,3\n", nullptr, &issues);
    REQUIRE(rows.size() == 2);
    CHECK(rows[1] == std::vector<std::string>{"1", "open\n2,3\n"});
    CHECK(issues[1] == duck::CsvIssue::UnterminatedQuote);
    // Escaped quotes before the missing close are still unescaped.
    const Rows r2 = read_all("\"a\"\"b", nullptr, &issues);
    CHECK(r2 == Rows{{"a\"b"}});
    CHECK(read_all("\"") == Rows{{""}});
}

TEST_CASE("csv: stray quotes are kept literally and flagged") {
    std::vector<duck::CsvIssue> issues;
    const Rows rows = read_all("ab\"c,d\n\"ab\"cd,e\nok,1\n", nullptr, &issues);
    CHECK(rows == Rows{{"ab\"c", "d"}, {"abcd", "e"}, {"ok", "1"}});
    CHECK(issues == std::vector<duck::CsvIssue>{duck::CsvIssue::StrayQuote, duck::CsvIssue::StrayQuote, duck::CsvIssue::None});
}

TEST_CASE("csv: arbitrary bytes never crash the reader") {
    // A cheap deterministic fuzz: every record ends, and the reader terminates.
    uint32_t seed = 12345;
    const char alphabet[] = {'a', ',', '"', '\n', '\r', '\0', 'x'};
    for (int round = 0; round < 300; ++round) {
        std::string s;
        const int len = round % 40;
        for (int i = 0; i < len; ++i) {
            seed = seed * 1664525u + 1013904223u;
            s += alphabet[(seed >> 16) % sizeof(alphabet)];
        }
        duck::CsvReader r(s);
        std::vector<std::string_view> f;
        int records = 0;
        while (r.next(f) && records < 100) {
            for (auto v : f) CHECK(v.size() <= s.size());
            ++records;
        }
        CHECK(records <= len + 1);
    }
}

TEST_CASE("csv: trim and iequals helpers") {
    CHECK(duck::trim("  a b \t") == "a b");
    CHECK(duck::trim("   ").empty());
    CHECK(duck::iequals("Image_Name", "image_name"));
    CHECK_FALSE(duck::iequals("image", "images"));
}
