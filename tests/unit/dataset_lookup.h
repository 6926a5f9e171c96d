// dataset_lookup.h - finding a loaded lesion by image name in a test: fails the
// test (rather than reading out of range) when the name is not there.
#pragma once
#include <doctest/doctest.h>

#include <string_view>

#include "core/data/dataset.h"

namespace duck::test {

inline const Lesion& lesion(const Dataset& ds, std::string_view name) {
    const uint32_t i = ds.find_lesion(name);
    REQUIRE_MESSAGE(i != kNone, name);
    return ds.lesions[i];
}

}  // namespace duck::test
