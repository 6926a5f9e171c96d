// predictions.cpp - predictions CSV -> rows (see predictions.h). The header
// decides the image and score columns; bad rows are counted and the first few
// reported with their lines, the good rows still load.
#include "core/data/predictions.h"

#include <cmath>

#include "core/data/csv.h"

namespace duck {

namespace {

constexpr size_t kMaxProblems = 20;  // bad rows reported one by one; the rest are counted
constexpr size_t kMaxExamples = 5;   // names quoted in the match summary

bool is_image_column(std::string_view h) {
    return iequals(h, "image_name") || iequals(h, "image") || iequals(h, "image_id") || iequals(h, "isic_id");
}

// Columns that are metadata, labels, folds or paths, never a model's score
// (class_0_oof is the benign probability: its complement is class_1_oof).
bool is_metadata_column(std::string_view h) {
    constexpr std::string_view kNames[] = {
        "patient_id", "patient", "lesion_id", "sex", "age_approx", "age", "anatom_site_general_challenge",
        "anatom_site_general", "site", "diagnosis", "benign_malignant", "fold", "kfold", "tfrecord", "width",
        "height", "image_path", "path", "filepath", "oof_trues", "label", "labels", "y_true", "class_0_oof",
        // The ISIC Archive's metadata export (numeric ones would pass for scores).
        "acquisition_day", "attribution", "copyright_license", "anatom_site_special", "clin_size_long_diam_mm",
        "pixels_x", "pixels_y", "mel_thick_mm", "mel_mitotic_index", "fitzpatrick_skin_type", "concomitant_biopsy",
        "family_hx_mm", "personal_hx_mm", "melanocytic", "image_type", "dermoscopic_type", "diagnosis_confirm_type",
        "diagnosis_1", "diagnosis_2", "diagnosis_3", "diagnosis_4", "diagnosis_5"};
    for (auto n : kNames)
        if (iequals(h, n)) return true;
    return false;
}

// Conventional score column names, most specific first. `target` comes last: in
// an out-of-fold file (image_name,target,pred,fold) it is the label.
constexpr std::string_view kScoreNames[] = {"pred", "prediction", "predictions", "preds", "score", "prob",
                                            "probability", "proba", "class_1_oof", "oof_pred", "melanoma",
                                            "malignant", "target"};

std::string show(std::string_view v) {
    if (v.size() > 40) return "'" + std::string(v.substr(0, 37)) + "...'";
    return "'" + std::string(v) + "'";
}

std::string join_names(const std::vector<std::string>& names) {
    std::string s;
    for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
    return s;
}

// 10^e for |e| <= 22: exact doubles, so m * 10^e (m < 2^53) is rounded once.
double pow10(int e) {
    static const double kPow[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    return kPow[e];
}

}  // namespace

bool parse_score(std::string_view raw, double& out) {
    const std::string_view t = trim(raw);
    size_t i = 0;
    const bool neg = i < t.size() && t[i] == '-';
    if (i < t.size() && (t[i] == '-' || t[i] == '+')) ++i;
    // Mantissa digits as an integer (up to 19 significant), the decimal point as an exponent.
    uint64_t m = 0;
    int digits = 0, exp10 = 0, sig = 0;
    for (; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i, ++digits) {
        if (sig < 19) {
            m = m * 10 + uint64_t(t[i] - '0');
            sig += m != 0;
        } else {
            ++exp10;
        }
    }
    if (i < t.size() && t[i] == '.') {
        for (++i; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i, ++digits)
            if (sig < 19) {
                m = m * 10 + uint64_t(t[i] - '0');
                sig += m != 0;
                --exp10;
            }
    }
    if (digits == 0) return false;
    if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
        ++i;
        const bool eneg = i < t.size() && t[i] == '-';
        if (i < t.size() && (t[i] == '-' || t[i] == '+')) ++i;
        int e = 0, ed = 0;
        for (; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i, ++ed) e = std::min(e * 10 + (t[i] - '0'), 9999);
        if (ed == 0) return false;
        exp10 += eneg ? -e : e;
    }
    if (i != t.size()) return false;
    double v = double(m);
    if (m == 0) v = 0;  // "0e999" is zero (0 * 10^999 would be 0 * inf = NaN)
    else if (m < (uint64_t(1) << 53) && exp10 >= -22 && exp10 <= 22) v = exp10 < 0 ? v / pow10(-exp10) : v * pow10(exp10);
    else {
        // Scaled in two halves: 10^exp10 alone underflows or overflows where the value
        // does not ("10000000000000000000e-325" is 1e-306, but 10^-324 is 0 as a double).
        const int half = exp10 / 2;
        v = v * std::pow(10.0, half) * std::pow(10.0, exp10 - half);
    }
    if (!std::isfinite(v)) return false;
    out = neg ? -v : v;
    return true;
}

Result<PredictionsFile> parse_predictions(std::string_view bytes, std::string_view name, std::string_view column) {
    PredictionsFile f;
    f.name = std::string(name);
    CsvReader rd(bytes);
    std::vector<std::string_view> fields;
    if (!rd.next(fields)) return Error{f.name + ": the file is empty (expected a header: image_name plus a score column)"};
    std::vector<std::string> header;
    for (auto h : fields) header.emplace_back(trim(h));
    int image_col = -1;
    for (size_t c = 0; c < header.size() && image_col < 0; ++c)
        if (is_image_column(header[c])) image_col = int(c);
    if (image_col < 0)
        return Error{f.name + ": no image_name column in the header (" + join_names(header) +
                     "); a predictions file has image_name plus a score column"};

    // The data rows are read once; the first one tells which columns are numeric.
    std::vector<std::vector<std::string_view>> first;
    size_t first_line = 0;
    if (rd.next(fields)) {
        first.push_back(fields);
        first_line = rd.line();
    }
    std::vector<int> candidates;
    for (size_t c = 0; c < header.size(); ++c) {
        if (int(c) == image_col || header[c].empty() || is_metadata_column(header[c])) continue;
        double v;
        if (first.empty() || (c < first[0].size() && parse_score(first[0][c], v))) candidates.push_back(int(c));
    }
    for (int c : candidates) f.score_columns.push_back(header[size_t(c)]);
    int score_col = -1;
    // A blank name asks for no column in particular (it would pick an unnamed one).
    if (!trim(column).empty()) {
        for (size_t c = 0; c < header.size() && score_col < 0; ++c)
            if (int(c) != image_col && iequals(header[c], trim(column))) score_col = int(c);
        if (score_col < 0)
            return Error{f.name + ": no column named " + show(column) + "; its columns are " + join_names(header)};
    } else {
        for (auto want : kScoreNames) {
            for (int c : candidates)
                if (iequals(header[size_t(c)], want)) {
                    score_col = c;
                    break;
                }
            if (score_col >= 0) break;
        }
        if (score_col < 0 && !candidates.empty()) {
            score_col = candidates[0];
            f.ambiguous = candidates.size() > 1;
        }
        if (score_col < 0)
            return Error{f.name + ": no score column (a numeric column such as pred, target, prediction or class_1_oof) in " +
                         join_names(header)};
    }
    f.column = header[size_t(score_col)];
    f.columns = header.size();

    f.rows.reserve(bytes.size() / 32);
    auto take = [&](const std::vector<std::string_view>& row, size_t line) {
        ++f.records;
        auto bad = [&](std::string msg) {
            ++f.bad_rows;
            if (f.problems.size() < kMaxProblems)
                f.problems.push_back({Severity::Error, "pred_bad_row", f.name + ":" + std::to_string(line), std::move(msg)});
        };
        if (size_t(std::max(image_col, score_col)) >= row.size())
            return bad("has " + std::to_string(row.size()) + " fields; the header has " + std::to_string(header.size()));
        const std::string_view img = trim(row[size_t(image_col)]);
        if (img.empty()) return bad("no image name");
        double v;
        if (!parse_score(row[size_t(score_col)], v))
            return bad(f.column + " " + show(row[size_t(score_col)]) + " is not a number");
        f.rows.push_back({SmallString(img), v, uint32_t(line)});
    };
    if (!first.empty()) take(first[0], first_line);
    while (rd.next(fields)) take(fields, rd.line());
    if (f.bad_rows > f.problems.size())
        f.problems.push_back({Severity::Error, "pred_bad_row", f.name,
                              std::to_string(f.bad_rows - f.problems.size()) + " more bad rows not listed"});
    return f;
}

bool looks_like_predictions(const PredictionsFile& file) {
    return !iequals(file.column, "target") || file.columns == 2;
}

std::vector<std::string> pick_prediction_csvs(const std::vector<std::string>& csv_paths) {
    constexpr std::string_view kNotPredictions[] = {
        "train.csv", "test.csv", "sample_submission.csv", "ISIC_2020_Training_GroundTruth.csv",
        "ISIC_2020_Training_GroundTruth_v2.csv", "ISIC_2020_Training_Duplicates.csv", "metadata.csv"};
    std::vector<std::string> out;
    for (const auto& p : csv_paths) {
        const size_t slash = p.find_last_of('/');
        const std::string_view base = std::string_view(p).substr(slash == std::string::npos ? 0 : slash + 1);
        if (base.size() < 5 || !iequals(base.substr(base.size() - 4), ".csv")) continue;
        bool known = false;
        for (auto n : kNotPredictions) known = known || iequals(base, n);
        if (!known) out.push_back(p);
    }
    return out;
}

PredictionMatch match_predictions(const PredictionsFile& file, const Dataset& ds) {
    PredictionMatch m;
    m.score.assign(ds.lesions.size(), NAN);
    for (const auto& r : file.rows) {
        const uint32_t li = ds.find_lesion(r.image_name);
        if (li == kNone) {
            if (m.unmatched++ < kMaxExamples) m.unmatched_examples.push_back(r.image_name);
        } else if (!std::isnan(m.score[li])) {
            if (m.duplicates++ < kMaxExamples) m.duplicate_examples.push_back(r.image_name);
        } else {
            m.score[li] = r.score;
            ++m.matched;
            m.labelled = m.labelled || ds.lesions[li].label != Label::Unknown;
        }
    }
    m.lesions_without = ds.lesions.size() - m.matched;
    return m;
}

std::string match_summary(const PredictionsFile& file, const PredictionMatch& m) {
    auto examples = [](const std::vector<std::string>& v, size_t n) {
        std::string s = join_names(v);
        return n > v.size() ? s + ", ..." : s;
    };
    std::string s = file.name + " (" + file.column + "): " + std::to_string(m.matched) + " of " +
                    std::to_string(m.matched + m.lesions_without) + " lesions scored";
    if (m.unmatched)
        s += "; " + std::to_string(m.unmatched) + (m.unmatched == 1 ? " row names" : " rows name") +
             " no image of the dataset (" + examples(m.unmatched_examples, m.unmatched) + ")";
    if (m.duplicates)
        s += "; " + std::to_string(m.duplicates) + " duplicate row" + (m.duplicates == 1 ? "" : "s") + " (" +
             examples(m.duplicate_examples, m.duplicates) + "; the first row of each name kept)";
    if (file.bad_rows) s += "; " + std::to_string(file.bad_rows) + " unreadable row" + (file.bad_rows == 1 ? "" : "s");
    if (!m.labelled && m.matched) s += "; no labels (metrics need labelled lesions)";
    return s;
}

}  // namespace duck
