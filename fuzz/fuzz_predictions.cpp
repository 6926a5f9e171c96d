// fuzz_predictions.cpp - the classifier-predictions CSV (?pred= links, and every
// CSV of an opened folder, which is read to see whether it holds predictions).
// The input is a CSV, optionally followed by "\n\x1e\n" and the score column to
// ask for by name. Checks besides ASan/UBSan:
//  - an Error names the file; an accepted file has a score column from its header,
//    every record is either a row or a counted bad row, rows keep file order with
//    a name and a finite score, at most 20 bad rows are listed plus one summary;
//  - matching against a small dataset accounts for every row and every lesion;
//  - parse_score agrees with strtod on every field that is a plain decimal: it
//    accepts it exactly when the value is finite, with the same value (to 1e-12,
//    relative; values below the normal range only have to be tiny too).
#include <cerrno>
#include <cfloat>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "core/data/csv.h"
#include "core/data/dataset_load.h"
#include "core/data/predictions.h"
#include "fuzz_check.h"

namespace {

constexpr std::string_view kName = "p.csv";

// A fixed dataset of four lesions, two of them labelled, to match rows against.
const duck::Dataset& dataset() {
    static const duck::Dataset ds = [] {
        duck::LoadResult r = duck::load_csv(
            "image_name,patient_id,sex,age_approx,anatom_site_general_challenge,diagnosis,benign_malignant,target\n"
            "ISIC_0000001,IP_1,male,45.0,torso,unknown,benign,0\n"
            "ISIC_0000002,IP_1,male,45.0,torso,melanoma,malignant,1\n"
            "ISIC_0000003,IP_2,female,60.0,head/neck,nevus,benign,0\n"
            "ISIC_0000004,IP_2,female,60.0,head/neck,unknown,benign,0\n",
            "meta.csv");
        FUZZ_CHECK(r.ok && r.dataset.lesions.size() == 4);
        return std::move(r.dataset);
    }();
    return ds;
}

// The grammar parse_score documents, written out independently: optional sign,
// digits with at most one '.', at least one digit, optional exponent with digits.
bool plain_decimal(std::string_view t) {
    size_t i = 0, digits = 0;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    for (; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i) ++digits;
    if (i < t.size() && t[i] == '.')
        for (++i; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i) ++digits;
    if (digits == 0) return false;
    if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
        ++i;
        if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
        size_t ed = 0;
        for (; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i) ++ed;
        if (ed == 0) return false;
    }
    return i == t.size();
}

void check_score(std::string_view field) {
    double got = 0;
    const bool ok = duck::parse_score(field, got);
    if (ok) FUZZ_CHECK(std::isfinite(got));
    const std::string t(duck::trim(field));
    if (!plain_decimal(t)) {
        FUZZ_CHECK(!ok);
        return;
    }
    const double want = std::strtod(t.c_str(), nullptr);
    // At the very top of the range a few ulps decide between DBL_MAX and infinity.
    if (std::fabs(want) > DBL_MAX * (1 - 1e-12)) return;
    FUZZ_CHECK(ok);
    if (std::fabs(want) < DBL_MIN && std::fabs(got) < DBL_MIN) return;
    FUZZ_CHECK(std::fabs(got - want) <= 1e-12 * std::fabs(want));
}

void check_file(const duck::PredictionsFile& f, std::string_view column) {
    FUZZ_CHECK(f.name == kName);
    FUZZ_CHECK(!f.column.empty());
    FUZZ_CHECK(f.columns >= 2);
    if (duck::trim(column).empty()) {  // no column asked for (a blank name asks for none)
        bool listed = false;
        for (const auto& c : f.score_columns) listed = listed || c == f.column;
        FUZZ_CHECK(listed);
        FUZZ_CHECK(!f.ambiguous || f.score_columns.size() > 1);
    } else {
        FUZZ_CHECK(duck::iequals(f.column, duck::trim(column)));
    }
    FUZZ_CHECK(f.rows.size() + f.bad_rows == f.records);
    FUZZ_CHECK(f.problems.size() <= 21);
    FUZZ_CHECK(f.bad_rows == 0 || !f.problems.empty());
    FUZZ_CHECK(f.problems.size() <= f.bad_rows);
    for (const auto& p : f.problems) {
        FUZZ_CHECK(!p.kind.empty());
        FUZZ_CHECK(std::string_view(p.where).substr(0, kName.size()) == kName);
        FUZZ_CHECK(!p.message.empty());
    }
    uint32_t last = 1;  // the header's line at least
    for (const auto& r : f.rows) {
        FUZZ_CHECK(!r.image_name.empty());
        FUZZ_CHECK(duck::trim(std::string_view(r.image_name)) == std::string_view(r.image_name));
        FUZZ_CHECK(std::isfinite(r.score));
        FUZZ_CHECK(r.line > last);
        last = r.line;
    }
    (void)duck::looks_like_predictions(f);

    const duck::Dataset& ds = dataset();
    const duck::PredictionMatch m = duck::match_predictions(f, ds);
    FUZZ_CHECK(m.score.size() == ds.lesions.size());
    FUZZ_CHECK(m.matched + m.lesions_without == ds.lesions.size());
    FUZZ_CHECK(m.matched + m.unmatched + m.duplicates == f.rows.size());
    size_t scored = 0;
    for (double s : m.score) scored += !std::isnan(s);
    FUZZ_CHECK(scored == m.matched);
    FUZZ_CHECK(m.unmatched_examples.size() <= m.unmatched && m.unmatched_examples.size() <= 5);
    FUZZ_CHECK(m.duplicate_examples.size() <= m.duplicates && m.duplicate_examples.size() <= 5);
    const std::string summary = duck::match_summary(f, m);
    FUZZ_CHECK(summary.substr(0, kName.size()) == kName);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view in(reinterpret_cast<const char*>(data), size);
    const size_t cut = in.find("\n\x1e\n");
    const std::string_view csv = in.substr(0, cut);
    const std::string_view column = cut == std::string_view::npos ? std::string_view() : in.substr(cut + 3);

    auto r = duck::parse_predictions(csv, kName, column);
    if (r) check_file(r.value(), column);
    else FUZZ_CHECK(r.error().message.substr(0, kName.size() + 2) == std::string(kName) + ": ");

    duck::CsvReader rd(csv);
    std::vector<std::string_view> fields;
    std::vector<std::string> paths;
    while (rd.next(fields))
        for (auto f : fields) {
            check_score(f);
            paths.emplace_back(f);
        }
    // Every field taken as a folder's CSV path: the picked ones are .csv files, in order.
    const std::vector<std::string> picked = duck::pick_prediction_csvs(paths);
    size_t at = 0;
    for (const auto& p : picked) {
        while (at < paths.size() && paths[at] != p) ++at;
        FUZZ_CHECK(at < paths.size());
        FUZZ_CHECK(p.size() >= 4 && duck::iequals(std::string_view(p).substr(p.size() - 4), ".csv"));
        ++at;
    }
    return 0;
}
