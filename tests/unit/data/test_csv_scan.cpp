// test_csv_scan.cpp - the CSV reader's fast path (16-byte delimiter scan, used for
// records without quotes) against the byte-by-byte reference path: same fields,
// same line numbers, same issues, on hand-picked quirks and on random inputs.
// Also built into the wasm SIMD test binary, where csv_special_mask is wasm_simd128.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/data/csv.h"
#include "core/data/csv_scan.h"

namespace {

struct Record {
    std::vector<std::string> fields;
    size_t line;
    duck::CsvIssue issue;
    bool operator==(const Record& o) const { return fields == o.fields && line == o.line && issue == o.issue; }
};

std::vector<Record> read_all(std::string_view text, duck::CsvScan scan) {
    duck::CsvReader r(text, scan);
    std::vector<std::string_view> f;
    std::vector<Record> out;
    while (r.next(f)) out.push_back({{f.begin(), f.end()}, r.line(), r.issue()});
    return out;
}

// Both paths agree; returns the records for further checks.
std::vector<Record> same_both_ways(std::string_view text) {
    const auto fast = read_all(text, duck::CsvScan::Fast);
    const auto ref = read_all(text, duck::CsvScan::Reference);
    CHECK_MESSAGE(fast == ref, "input: ", std::string(text));
    return fast;
}

uint32_t next_rand(uint32_t& s) {
    s = s * 1664525u + 1013904223u;
    return s >> 8;
}

}  // namespace

TEST_CASE("csv_scan: the SIMD mask equals the scalar mask for every byte in every lane") {
    INFO("vector path: ", duck::csv_scan_path());
    char block[16];
    for (int lane = 0; lane < 16; ++lane)
        for (int b = 0; b < 256; ++b) {
            for (int i = 0; i < 16; ++i) block[i] = static_cast<char>('a' + i);
            block[lane] = static_cast<char>(b);
            REQUIRE(duck::csv_special_mask(block) == duck::csv_special_mask_scalar(block));
        }
    uint32_t seed = 7;
    const char pick[] = {',', '"', '\n', '\r', 'x', '\0', '\x80', '\xff', ' ', ';'};
    for (int round = 0; round < 2000; ++round) {
        for (char& c : block) c = pick[next_rand(seed) % sizeof(pick)];
        REQUIRE(duck::csv_special_mask(block) == duck::csv_special_mask_scalar(block));
    }
    for (int i = 0; i < 16; ++i) block[i] = ',';
    CHECK(duck::csv_special_mask(block) == 0xFFFFu);
}

TEST_CASE("csv_scan: fast and reference paths agree on the quirks") {
    const char* cases[] = {
        "a,b\n1,2\n", "a,b\n1,2", "a,b\r\n1,2\r\n", "a,b\r1,2", "a\r\r\nb\n\r\nc", "\xEF\xBB\xBFimage_name,x\nISIC_1,2\n",
        "a,,c\n,,\n", "a,b,\n", "a,b,", ",", ",\n", "\n\na\n\r\n\nb\n\n", "", "\xEF\xBB\xBF", "\r", "\r\n",
        // Quoted fields go through the reference path from the record's start.
        "\"a,b\",\"say \"\"hi\"\"\",\"line1\nline2\",\"\"\nx,\"\"\"\",\"\"\"q\"\"\"\r\n",
        "h\n\"a\nb\nc\"\nnext\n\nlast", "h\r\n\"a\r\nb\"\r\nnext\r\n", "a,b\n1,\"open\n2,3\n", "\"a\"\"b", "\"",
        "ab\"c,d\n\"ab\"cd,e\nok,1\n", "plain,fields,before,a,late,quote,0123456789abcdef\"x\nnext,row\n",
        // Records and fields across 16-byte block edges, fields of exactly 16 bytes.
        "0123456789abcdef,0123456789abcdef\n0123456789abcde,0123456789abcdefg\n",
        "ISIC_2637011,IP_7279968,male,45.0,head/neck,unknown,benign,0\r\nISIC_0015719,IP_3075186,female,45.0,upper extremity,unknown,benign,0\r\n",
        "012345678901234\n", "0123456789012345\n", "01234567890123456\n", "0123456789012345", "012345678901234,",
    };
    for (const char* c : cases) same_both_ways(c);
    same_both_ways(std::string_view("nul\0in,a\0field\n\0,\0", 18));
}

TEST_CASE("csv_scan: quote-free fields are views into the input") {
    const std::string text = "ISIC_1,plain,0123456789abcdef0123\nx,y\n";
    duck::CsvReader r(text);
    std::vector<std::string_view> f;
    REQUIRE(r.next(f));
    REQUIRE(f.size() == 3);
    CHECK(f[0].data() == text.data());
    CHECK(f[1].data() == text.data() + 7);
    CHECK(f[2] == "0123456789abcdef0123");
    CHECK(f[2].data() == text.data() + 13);
    REQUIRE(r.next(f));
    CHECK(r.line() == 2);
    CHECK(f == std::vector<std::string_view>{"x", "y"});
    CHECK_FALSE(r.next(f));
}

TEST_CASE("csv_scan: fast and reference paths agree on random inputs") {
    // Property: for any bytes, the two paths return the same records. Inputs mix
    // long plain runs (so fields cross 16-byte blocks) with the special bytes.
    uint32_t seed = 20201;
    const char alphabet[] = {'a', 'b', ',', ',', '"', '\n', '\r', ' ', '\0', '\xEF', 'x', 'y', 'z', '0'};
    for (int round = 0; round < 4000; ++round) {
        std::string s;
        const size_t len = next_rand(seed) % 120;
        const bool few_quotes = round % 2 == 0;  // half the inputs mostly take the fast path
        while (s.size() < len) {
            char c = alphabet[next_rand(seed) % sizeof(alphabet)];
            if (few_quotes && c == '"' && next_rand(seed) % 8) c = 'q';
            const size_t run = c == 'a' ? next_rand(seed) % 20 : 1;
            s.append(run, c);
        }
        same_both_ways(s);
    }
}

TEST_CASE("csv_scan: a large ISIC-like file reads the same both ways") {
    std::string s = "image_name,patient_id,sex,age_approx,anatom_site_general_challenge,diagnosis,benign_malignant,target\n";
    uint32_t seed = 99;
    for (int i = 0; i < 3000; ++i) {
        s += "ISIC_" + std::to_string(1000000 + i) + ",IP_" + std::to_string(next_rand(seed) % 500) + ",";
        s += (next_rand(seed) % 2 ? "male" : "female");
        s += "," + std::to_string(next_rand(seed) % 90) + ".0,";
        s += i % 97 == 0 ? "\"torso, anterior\"" : "lower extremity";
        s += ",unknown,benign,0";
        s += i % 3 ? "\n" : "\r\n";
    }
    const auto records = same_both_ways(s);
    REQUIRE(records.size() == 3001);
    CHECK(records[97 + 1].fields[4] == "torso, anterior");
    CHECK(records.back().line == 3001);
}
