// dataset_fingerprint.h - a 64-bit fingerprint of a dataset's metadata, stored
// in the lesion index so an index opened beside another dataset is refused.
#pragma once
#include <cstdint>

#include "core/data/dataset.h"

namespace duck {

// FNV-1a over every row's image name, patient, lesion id, sex, age, site, side,
// diagnosis and label, in row order. Independent of the CSV's bytes (line
// endings, column order, "45" vs "45.0"): the same rows give the same value.
uint64_t dataset_fingerprint(const Dataset& ds);

}  // namespace duck
