// test_index_merge.cpp - shards back into one index: the same bytes as the
// index built whole, and shards that do not belong together refused.
#include <doctest/doctest.h>

#include <algorithm>

#include "core/index/index_merge.h"
#include "index/index_fixture.h"

using namespace duck;

namespace {

std::vector<NamedShard> shards_of(const Dataset& ds, uint32_t count) {
    std::vector<NamedShard> out;
    for (uint32_t i = 0; i < count; ++i)
        out.push_back({"shard" + std::to_string(i) + ".bin", test::made_up_index(ds, i, count)});
    return out;
}

std::string merge_error(std::vector<NamedShard> shards) {
    auto r = merge_shards(std::move(shards));
    return r.ok() ? std::string("(accepted)") : r.error().message;
}

}  // namespace

TEST_CASE("index merge: shards hold row % N == I, and merged give the whole index's bytes") {
    const Dataset ds = test::index_dataset();
    const auto whole = test::encoded(test::made_up_index(ds));
    REQUIRE(!whole.empty());
    for (uint32_t n : {1u, 2u, 3u, 7u, 9u}) {
        CAPTURE(n);
        auto shards = shards_of(ds, n);
        size_t held = 0;
        for (const auto& s : shards) {
            for (uint32_t r : s.index.rows) CHECK(r % n == s.index.shard_index);
            held += s.index.size();
            // Every shard carries the whole dataset's rows for the checks.
            CHECK(s.index.image_names.size() == 7);
        }
        CHECK(held == 7);
        // Given in any order.
        std::reverse(shards.begin(), shards.end());
        auto merged = merge_shards(std::move(shards));
        REQUIRE_MESSAGE(merged.ok(), merged.error().message);
        CHECK(test::encoded(merged.value()) == whole);
    }
}

TEST_CASE("index merge: a missing or repeated shard is refused by number") {
    const Dataset ds = test::index_dataset();
    auto shards = shards_of(ds, 3);
    shards.erase(shards.begin() + 1);
    CHECK(merge_error(shards) == "index-merge: shard 1/3 is missing: rows 1, 4, ... are in no shard given");
    shards = shards_of(ds, 3);
    shards.push_back({"again.bin", shards[2].index});
    CHECK(merge_error(shards) == "index-merge: shard 2/3 given twice (shard2.bin and again.bin)");
    CHECK(merge_error({}) == "index-merge: no shards given");
}

TEST_CASE("index merge: shards of different splits, datasets or extractors are refused") {
    const Dataset ds = test::index_dataset();
    auto mixed = shards_of(ds, 2);
    mixed.push_back({"other_split.bin", test::made_up_index(ds, 2, 3)});
    CHECK(merge_error(mixed) == "index-merge: other_split.bin is shard 2/3 but shard0.bin is shard 0/2: shards of "
                                "different splits");

    auto other_data = shards_of(ds, 2);
    other_data[1].index = test::made_up_index(test::index_dataset("50.0"), 1, 2);
    CHECK(merge_error(other_data).find("shard1.bin and shard0.bin belong to different datasets") != std::string::npos);

    auto other_extractor = shards_of(ds, 2);
    other_extractor[1].index.extractor = "learned-v1";
    CHECK(merge_error(other_extractor).find("come from different extractors (\"learned-v1\" vs \"dermoscopic-v2\")") !=
          std::string::npos);

    auto other_keys = shards_of(ds, 2);
    other_keys[0].index.feature_keys[0] = "renamed";
    CHECK(merge_error(other_keys).find("have different feature keys") != std::string::npos);
}
