// exports.h - what Duckling lets people take away: the loaded dataset's scores and
// a quiz's results as CSV (RFC 4180 quoting; text cells that a spreadsheet would run
// as a formula are defused), ready for a browser download or a file.
#pragma once
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/data/dataset.h"
#include "core/teach/quiz.h"

namespace duck {

// One CSV cell of text: quoted when it holds a comma, quote, CR/LF or edge spaces
// (quotes doubled). A cell starting with = + - @ or a tab/CR gets a leading apostrophe
// so spreadsheets show it instead of evaluating it (image names come from input files).
std::string csv_text(std::string_view text);
// A number cell: shortest exact form, or empty for NaN/inf.
std::string csv_number(float v);

// One lesion's model output as exported. Filled by whoever owns the model results.
struct ScoreRow {
    std::string image_name;
    std::string patient_id;
    float score = NAN;                // NaN = not scored (empty cell)
    int rank = 0;                     // 1 = most outstanding within the patient; 0 = none
    float level = NAN;                // calibrated outlier level in [0, 1]; NaN = none
    std::vector<std::string> reasons; // top reasons, most important first
    std::string status;               // "ok", or why there is no score ("insufficient_context"...)
    std::string attribution;          // the image's attribution and licence (ISIC Archive
    std::string copyright_license;    // metadata), empty when the dataset has none
};

// "image_name,patient_id,score,rank,level,top_reasons,status\r\n" + one line per row;
// reasons are joined with "; " into one cell. When any row has an attribution or a
// licence, two more columns carry them: ",attribution,copyright_license".
std::string scores_csv(std::span<const ScoreRow> rows);

// Score rows for every lesion of `ds` from per-lesion scores (NaN = unscored), with
// ranks from model_order(), and each image's attribution and copyright_license columns.
// Levels, reasons and status are left for the caller to fill.
std::vector<ScoreRow> score_rows(const Dataset& ds, std::span<const float> lesion_scores);

// "case,patient_id,kind,lesions,picks,melanomas,correct,hits,rank_in_picks,model_rank,
//  model_top,model_correct" + one line per answered case (image names joined by ';').
std::string quiz_results_csv(const Dataset& ds, std::span<const QuizCaseResult> results);

}  // namespace duck
