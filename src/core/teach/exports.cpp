// exports.cpp - CSV writers for scores and quiz results (see exports.h).
#include "core/teach/exports.h"

#include <cmath>

#include "core/base/url_codec.h"

namespace duck {

namespace {

std::string join_names(const Dataset& ds, const std::vector<uint32_t>& lesions) {
    std::string s;
    for (uint32_t l : lesions) {
        if (l >= ds.lesions.size()) continue;
        if (!s.empty()) s += ';';
        s += ds.lesions[l].image_name;
    }
    return s;
}

}  // namespace

std::string csv_text(std::string_view text) {
    std::string cell;
    if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' || text[0] == '\t' ||
                          text[0] == '\r'))
        cell += '\'';
    cell += text;
    const bool quote = cell.find_first_of(",\"\r\n") != std::string::npos ||
                       (!cell.empty() && (cell.front() == ' ' || cell.back() == ' '));
    if (!quote) return cell;
    std::string out = "\"";
    for (char c : cell) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

std::string csv_number(float v) { return std::isfinite(v) ? format_float_exact(v) : std::string(); }

std::string scores_csv(std::span<const ScoreRow> rows) {
    // Images shared under a licence carry whose they are wherever they go.
    bool credits = false;
    for (const auto& r : rows) credits = credits || !r.attribution.empty() || !r.copyright_license.empty();
    std::string out = credits ? "image_name,patient_id,score,rank,level,top_reasons,status,attribution,copyright_license\r\n"
                              : "image_name,patient_id,score,rank,level,top_reasons,status\r\n";
    for (const auto& r : rows) {
        std::string reasons;
        for (const auto& why : r.reasons) reasons += (reasons.empty() ? "" : "; ") + why;
        out += csv_text(r.image_name) + ',' + csv_text(r.patient_id) + ',' + csv_number(r.score) + ',' +
               (r.rank > 0 ? std::to_string(r.rank) : std::string()) + ',' + csv_number(r.level) + ',' +
               csv_text(reasons) + ',' + csv_text(r.status);
        if (credits) out += ',' + csv_text(r.attribution) + ',' + csv_text(r.copyright_license);
        out += "\r\n";
    }
    return out;
}

std::vector<ScoreRow> score_rows(const Dataset& ds, std::span<const float> scores) {
    std::vector<ScoreRow> rows(ds.lesions.size());
    for (size_t i = 0; i < ds.lesions.size(); ++i) {
        rows[i].image_name = ds.lesions[i].image_name;
        rows[i].patient_id = ds.lesions[i].patient_id;
        rows[i].score = i < scores.size() ? scores[i] : NAN;
        rows[i].attribution = ds.extra.get(ds.lesions[i], "attribution");
        rows[i].copyright_license = ds.extra.get(ds.lesions[i], "copyright_license");
    }
    for (uint32_t p = 0; p < ds.patients.size(); ++p) {
        const auto order = model_order(ds, p, scores);
        for (size_t k = 0; k < order.size(); ++k)
            if (std::isfinite(rows[order[k]].score)) rows[order[k]].rank = static_cast<int>(k) + 1;
    }
    return rows;
}

std::string quiz_results_csv(const Dataset& ds, std::span<const QuizCaseResult> results) {
    std::string out =
        "case,patient_id,kind,lesions,picks,melanomas,correct,hits,rank_in_picks,model_rank,model_top,"
        "model_correct\r\n";
    int n = 0;
    for (const auto& r : results) {
        const bool known = r.patient < ds.patients.size();
        const bool scored = r.model_top != kNone;
        out += std::to_string(++n) + ',' + csv_text(known ? ds.patients[r.patient].id : std::string()) + ',' +
               (r.melanoma_case ? "melanoma" : "none") + ',' + std::to_string(r.lesion_count) + ',' +
               csv_text(join_names(ds, r.picks)) + ',' + csv_text(join_names(ds, r.melanomas)) + ',' +
               (r.correct ? "1" : "0") + ',' + std::to_string(r.hits) + ',' +
               (r.rank_in_picks ? std::to_string(r.rank_in_picks) : std::string()) + ',' +
               (r.model_rank ? std::to_string(r.model_rank) : std::string()) + ',' +
               csv_text(scored ? join_names(ds, {r.model_top}) : std::string()) + ',' +
               (scored && r.melanoma_case ? (r.model_correct ? "1" : "0") : "") + "\r\n";
    }
    return out;
}

}  // namespace duck
