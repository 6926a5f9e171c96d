// predictions.h - a classifier's per-image scores (a Kaggle out-of-fold or
// submission CSV: image_name plus a score column such as pred, target,
// prediction or class_1_oof) read beside the ISIC metadata and matched to its
// lesions by image name. Works on bytes in memory like dataset_load: the
// browser, the CLI and the tests share it. Nothing here changes the Dataset.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/data/dataset.h"
#include "core/base/problem.h"
#include "core/base/result.h"
#include "core/base/small_string.h"

namespace duck {

// One data row: the image it scores and the score.
struct PredictionRow {
    SmallString image_name;
    double score = 0;
    uint32_t line = 0;  // 1-based line in the file (for messages)
};

struct PredictionsFile {
    std::string name;                        // the file's name, which names the model in the UI
    std::string column;                      // the score column read
    std::vector<std::string> score_columns;  // every column that could be the score (the user may pick another)
    // True when the score column was a guess among several numeric columns with
    // no conventional name: the UI asks the user to confirm or pick.
    bool ambiguous = false;
    size_t columns = 0;                      // columns in the header
    std::vector<PredictionRow> rows;         // rows with a name and a numeric score, in file order
    size_t records = 0;                      // data records read (header excluded)
    size_t bad_rows = 0;                     // records skipped: no image name or no numeric score
    Problems problems;                       // the first few bad rows, with their lines
};

// Parses a predictions CSV. `column` picks the score column by header name (any
// case); empty = the first of pred, prediction(s), preds, score, prob(ability),
// class_1_oof, oof_pred, melanoma, malignant, target, or the only numeric column
// that is not metadata (fold, width, age_approx...). An Error when the header has
// no image_name column, no candidate score column, or no column named `column`.
Result<PredictionsFile> parse_predictions(std::string_view bytes, std::string_view name, std::string_view column = {});

// How a predictions file lines up with a dataset.
struct PredictionMatch {
    std::vector<double> score;  // per lesion of the dataset; NaN = no prediction for it
    size_t matched = 0;         // lesions that got a score
    size_t unmatched = 0;       // rows naming no image of the dataset
    size_t duplicates = 0;      // rows naming an image an earlier row already scored (first kept)
    size_t lesions_without = 0; // lesions of the dataset no row scores
    std::vector<std::string> unmatched_examples;   // first few names, for the message
    std::vector<std::string> duplicate_examples;
    bool labelled = false;      // some matched lesion has a label (else: metrics say "no labels")
};

// Matches rows to lesions by image name (exact, as the dataset spells it).
PredictionMatch match_predictions(const PredictionsFile& file, const Dataset& ds);

// One line for the status bar and logs: "oof.csv (pred): 32,692 of 33,126 lesions
// scored; 3 rows name no image (ISIC_x, ...); 1 duplicate row (ISIC_y; first kept)".
std::string match_summary(const PredictionsFile& file, const PredictionMatch& m);

// In a folder opened with its metadata, CSVs are taken as predictions only when
// they look like one: a score column other than `target`, or exactly
// image_name,target (a submission). A metadata copy (images.csv: image_name,
// patient_id, target...) is not a model.
bool looks_like_predictions(const PredictionsFile& file);

// The CSVs of an opened folder that may be predictions files: every .csv except
// the ISIC metadata names, test.csv and sample_submission.csv. Paths '/'-separated.
std::vector<std::string> pick_prediction_csvs(const std::vector<std::string>& csv_paths);

// Parses a score: a plain decimal with optional sign, fraction and exponent
// ("0.0238", "-1", "1.3e-05"). False for anything else, NaN and infinities.
bool parse_score(std::string_view text, double& out);

}  // namespace duck
