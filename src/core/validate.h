// validate.h - checks that need the whole dataset (or the image folder) rather
// than one row: what `duckling-cli check` adds on top of the loader's problems.
#pragma once
#include <string>
#include <vector>

#include "core/dataset.h"
#include "core/problem.h"

namespace duck {

// The paper's inclusion rule asks for at least this many lesions per patient.
inline constexpr size_t kMinLesionsPerPatient = 3;

// Warnings: patients with fewer than kMinLesionsPerPatient lesions ("few_lesions"),
// patients whose rows disagree on sex ("patient_sex_conflict"). Located at the
// patient's first row.
void validate_dataset(const Dataset& ds, Problems& out);

// Compares the rows with image files found under a folder (`paths`, any
// layout; names matched with image_name_from_path). Errors: "image_missing"
// for each row without a file (at the row's line), "image_unlisted" for each
// image file without a row (at the file path). Other files are ignored. A
// duplicates-only dataset has no rows to compare and yields nothing.
void check_images(const Dataset& ds, const std::vector<std::string>& paths, Problems& out);

}  // namespace duck
