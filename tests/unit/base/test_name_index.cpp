// test_name_index.cpp - the flat name -> row table behind Dataset::find_lesion
// and find_patient: first row wins, growth keeps every entry, names it never
// stored are absent, and it agrees with a std::map on random names.
#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "core/base/name_index.h"
#include "core/base/small_string.h"

namespace {
struct Rows {
    std::vector<std::string> names;
    const std::string& operator()(uint32_t r) const { return names.at(r); }
};
}  // namespace

TEST_CASE("name_index: insert, find, first row wins") {
    Rows rows{{"ISIC_1", "ISIC_2", "ISIC_1", ""}};
    duck::NameIndex ix;
    CHECK(ix.find("ISIC_1", rows) == duck::NameIndex::kAbsent);  // empty table
    CHECK(ix.insert("ISIC_1", 0, rows) == std::pair<uint32_t, bool>{0, true});
    CHECK(ix.insert("ISIC_2", 1, rows) == std::pair<uint32_t, bool>{1, true});
    CHECK(ix.insert("ISIC_1", 2, rows) == std::pair<uint32_t, bool>{0, false});
    CHECK(ix.insert("", 3, rows) == std::pair<uint32_t, bool>{3, true});
    CHECK(ix.size() == 3);
    CHECK(ix.find("ISIC_1", rows) == 0);
    CHECK(ix.find("ISIC_2", rows) == 1);
    CHECK(ix.find("", rows) == 3);
    CHECK(ix.find("ISIC_3", rows) == duck::NameIndex::kAbsent);
    CHECK(ix.find("ISIC_", rows) == duck::NameIndex::kAbsent);
    ix.clear();
    CHECK(ix.empty());
    CHECK(ix.find("ISIC_1", rows) == duck::NameIndex::kAbsent);
}

TEST_CASE("name_index: growth and reserve keep every entry, agrees with std::map") {
    Rows rows;
    std::map<std::string, uint32_t> want;
    uint32_t seed = 3;
    for (int i = 0; i < 20000; ++i) {
        seed = seed * 1664525u + 1013904223u;
        // Many repeats and lengths 0..30 (words of 8 bytes and tails).
        std::string name = (seed >> 28) % 2 ? "IP_" : "ISIC_";
        name += std::to_string((seed >> 8) % 5000);
        name.resize((seed >> 4) % 31, 'z');
        rows.names.push_back(name);
    }
    duck::NameIndex grown, reserved;
    reserved.reserve(rows.names.size());
    for (uint32_t r = 0; r < rows.names.size(); ++r) {
        const auto [at, added] = want.emplace(rows.names[r], r);
        CHECK(grown.insert(rows.names[r], r, rows) == std::pair<uint32_t, bool>{at->second, added});
        CHECK(reserved.insert(rows.names[r], r, rows) == std::pair<uint32_t, bool>{at->second, added});
    }
    CHECK(grown.size() == want.size());
    CHECK(reserved.size() == want.size());
    for (const auto& [name, r] : want) {
        CHECK(grown.find(name, rows) == r);
        CHECK(reserved.find(name, rows) == r);
    }
    CHECK(grown.find("not there", rows) == duck::NameIndex::kAbsent);
    // Copies are independent tables (Dataset is copied by value).
    duck::NameIndex copy = grown;
    grown.clear();
    CHECK(copy.size() == want.size());
    CHECK(copy.find(want.begin()->first, rows) == want.begin()->second);
}

TEST_CASE("name_index: the hash depends on every byte and on the length") {
    CHECK(duck::name_hash("ISIC_0000001") != duck::name_hash("ISIC_0000002"));
    CHECK(duck::name_hash("IP_12345678a") != duck::name_hash("IP_12345678b"));
    CHECK(duck::name_hash(std::string_view("a\0", 2)) != duck::name_hash("a"));
    CHECK(duck::name_hash("") == duck::name_hash(std::string()));
}

TEST_CASE("name_index: the hash's tail reads every byte at every length") {
    // The last partial word is read with overlapping fixed-size loads: changing
    // any one byte of a name of any length must still change the hash.
    for (size_t n = 1; n <= 24; ++n) {
        std::string name(n, 'a');
        for (size_t i = 0; i < n; ++i) name[i] = static_cast<char>('A' + (i * 7) % 26);
        const uint32_t h = duck::name_hash(name);
        for (size_t i = 0; i < n; ++i) {
            std::string other = name;
            other[i] = static_cast<char>(other[i] ^ 1);
            CHECK_MESSAGE(duck::name_hash(other) != h, "length " << n << ", byte " << i);
        }
        CHECK(duck::name_hash(name + '\0') != h);
    }
}

TEST_CASE("name_index: SmallString names and keys (the Dataset's tables) agree with std::map") {
    std::vector<duck::SmallString> names;
    std::map<std::string, uint32_t> want;
    uint32_t seed = 11;
    for (int i = 0; i < 5000; ++i) {
        seed = seed * 1664525u + 1013904223u;
        std::string name = "IP_" + std::to_string((seed >> 8) % 900);
        name.resize((seed >> 4) % 24, '7');  // inline and heap lengths
        names.emplace_back(name);
    }
    const auto key = [&names](uint32_t r) -> const duck::SmallString& { return names.at(r); };
    duck::NameIndex ix;
    for (uint32_t r = 0; r < names.size(); ++r) {
        const auto [at, added] = want.emplace(std::string(names[r]), r);
        CHECK(ix.insert(names[r], r, key) == std::pair<uint32_t, bool>{at->second, added});
    }
    CHECK(ix.size() == want.size());
    for (const auto& [name, r] : want) {
        CHECK(ix.find(std::string_view(name), key) == r);
        CHECK(ix.find(duck::SmallString(name), key) == r);
    }
    CHECK(ix.find(std::string_view("IP_x"), key) == duck::NameIndex::kAbsent);
}
