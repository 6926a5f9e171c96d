// dataset_load.h - turns ISIC CSV bytes into a Dataset, and merges datasets.
// Works on bytes in memory (no file I/O), so the browser, the CLI and the tests
// share one code path. Columns are found by header name, in any order; unknown
// columns are kept in Dataset::extra. Bad rows are reported as Problems (with
// "file:line") and the good rows still load.
#pragma once
#include <memory>
#include <string_view>
#include <vector>

#include "core/data/dataset.h"
#include "core/base/problem.h"

namespace duck {

struct LoadResult {
    Dataset dataset;
    Problems problems;
    size_t records = 0;  // data records read (header excluded), loaded or not
    // False when the header was not recognised (no image_name column and no
    // image_name_1/image_name_2 pair): the dataset is empty and problems say why.
    bool ok = false;

    size_t error_count() const;
    size_t warning_count() const;
};

// Parses one CSV (train, test, GroundTruth v1/v2, duplicates list, or any CSV
// with an image_name column). `source_name` is used in problem locations.
// Problem kinds (errors unless noted): csv_empty, csv_header, csv_quote
// (stray quote: warning), csv_columns, missing_image_name, duplicate_image,
// bad_sex, bad_age, bad_site, bad_target, bad_benign_malignant, label_conflict,
// missing_patient (warning), bad_duplicate_pair, and for ISIC 2024 (SLICE-3D)
// rows bad_tbp_location and bad_measurement (warnings). ISIC 2024's tbp_lv_*
// and clin_size_long_diam_mm columns load as numbers into Dataset::measures,
// tbp_lv_location / tbp_lv_location_simple into Lesion::tbp_location.
LoadResult load_csv(std::string_view bytes, std::string_view source_name);

// load_csv() a slice at a time, so that a huge file (a million rows take seconds)
// never freezes a UI: the app calls step() once per frame until it returns true,
// then take(). `bytes` must outlive the load. The result is exactly load_csv()'s.
class CsvLoad {
public:
    CsvLoad(std::string_view bytes, std::string_view source_name);
    ~CsvLoad();
    CsvLoad(const CsvLoad&) = delete;
    CsvLoad& operator=(const CsvLoad&) = delete;

    // Reads up to `max_records` more data records; true once the whole input is read.
    bool step(size_t max_records);
    bool done() const;
    // Share of the input read so far, 0..1.
    double progress() const;
    // Data records read so far (loaded or not).
    size_t records() const;
    // The result (call once, after step() returned true).
    LoadResult take();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Merges `other` into `base` and reindexes base. New image names are appended;
// rows for an image already in base fill in what base lacks (lesion_id,
// duplicate_of, unknown sex/age/site, extra columns) and every differing value
// is reported as "merge_conflict" (base's value is kept; a label conflict is an
// error, other fields are warnings). A duplicates list (CsvSchema::Duplicates)
// only annotates existing lesions (duplicate_of) and never adds rows; names it
// lists that are not in base are "merge_unknown_image" warnings.
void merge_into(Dataset& base, const Dataset& other, Problems& problems);

// Merges several loads into one dataset: the first non-duplicates file is the
// base, then the other row files in order, then duplicates lists. All load
// problems are carried over into `problems`, followed by the merge problems.
Dataset merge_all(std::vector<LoadResult> parts, Problems& problems);

// Parses an ISIC sex string: male/female (any case, also m/f); empty, "unknown",
// "nan" and "na" are Sex::Unknown. False for anything else.
bool parse_sex(std::string_view text, Sex& out);
// Parses an age like "45", "45.0" or "" (NaN). False when not a plain decimal
// number in [0, 130].
bool parse_age(std::string_view text, float& out);

}  // namespace duck
