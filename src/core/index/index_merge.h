// index_merge.h - shards of one index back into the whole index: the same
// bytes a single process writes (docs/index-format.md, "Shards").
#pragma once
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/index/lesion_index.h"

namespace duck {

struct NamedShard {
    std::string name;  // for messages: the file it came from
    LesionIndex index;
};

// Checks that the shards share format, extractor, feature keys, dataset rows
// and fingerprint and shard count, and that each shard 0..count-1 is present
// exactly once (so every row is covered once); returns the whole index.
Result<LesionIndex> merge_shards(std::vector<NamedShard> shards);

}  // namespace duck
