// validate.h - checks that need the whole dataset (or the image folder) rather
// than one row: what `duckling-cli check` adds on top of the loader's problems.
#pragma once
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/base/problem.h"

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

// What an opened folder's image files (`image_paths`, any layout) say about the
// dataset, from their names alone - the app's counterpart of check_images, which
// leaves rows without files to the image loader (it reports them as it meets
// them): "image_unlisted" for a file whose image has no row (e.g. a renamed or
// non-UTF-8 name) and "image_duplicate_file" for an image with several files,
// naming the one that is shown (core/folder_scan index_images rules). Warnings.
// At most `max_each` of each kind are listed one by one; one more problem of the
// kind then counts the rest, so a folder full of strays cannot flood the report.
void check_folder_images(const Dataset& ds, const std::vector<std::string>& image_paths, Problems& out,
                         size_t max_each = 20);

}  // namespace duck
