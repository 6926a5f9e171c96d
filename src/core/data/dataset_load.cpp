// dataset_load.cpp - ISIC CSV schemas -> Dataset (see dataset_load.h). Header
// names decide what each column means; every row problem is recorded with its
// line and the row is loaded as far as its values allow.
#include "core/data/dataset_load.h"

#include <cctype>
#include <cmath>
#include <string>

#include "core/data/csv.h"

namespace duck {

namespace {

enum Col : int { kImage, kPatient, kLesionId, kSex, kAge, kSite, kDiagnosis, kBenignMalignant, kTarget, kDup1, kDup2, kTbpLocation, kTbpSimple, kColCount };

// Header names (lower-case) of each known column, first the ISIC spelling.
int known_column(std::string_view raw) {
    std::string h(trim(raw));
    for (char& c : h) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (h == "image_name" || h == "image" || h == "image_id" || h == "isic_id") return kImage;
    if (h == "patient_id" || h == "patient") return kPatient;
    if (h == "lesion_id") return kLesionId;
    if (h == "sex") return kSex;
    if (h == "age_approx" || h == "age") return kAge;
    if (h == "anatom_site_general_challenge" || h == "anatom_site_general" || h == "anatomic_site" || h == "site")
        return kSite;
    if (h == "diagnosis") return kDiagnosis;
    if (h == "benign_malignant") return kBenignMalignant;
    if (h == "target") return kTarget;
    if (h == "image_name_1") return kDup1;
    if (h == "image_name_2") return kDup2;
    if (h == "tbp_lv_location") return kTbpLocation;
    if (h == "tbp_lv_location_simple") return kTbpSimple;
    return -1;
}

// ISIC 2024's numeric lesion columns, kept as numbers (Dataset::measures): the
// total-body photography system's tbp_lv_* and the clinical long diameter.
bool is_measure_column(std::string_view raw) {
    const std::string_view h = trim(raw);
    return (h.size() > 7 && iequals(h.substr(0, 7), "tbp_lv_")) || iequals(h, "clin_size_long_diam_mm");
}

// A measurement: [-]digits[.digits][e[+-]digits], as the challenge's CSVs write
// them ("-155.0651", "629.535888671875"). Empty or a missing-value word is NaN
// and true; false for anything else. No allocation (millions of values).
bool parse_measure(std::string_view raw, float& out) {
    const std::string_view t = trim(raw);
    out = NAN;
    if (t.empty() || iequals(t, "nan") || iequals(t, "na") || iequals(t, "n/a")) return true;
    size_t i = 0;
    const bool neg = t[0] == '-';
    if (neg || t[0] == '+') ++i;
    double v = 0, scale = 1;
    size_t digits = 0;
    for (; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i, ++digits) v = v * 10 + (t[i] - '0');
    if (i < t.size() && t[i] == '.')
        for (++i; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i, ++digits) v += (t[i] - '0') * (scale *= 0.1);
    if (digits == 0) return false;
    if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
        ++i;
        const bool eneg = i < t.size() && t[i] == '-';
        if (i < t.size() && (t[i] == '-' || t[i] == '+')) ++i;
        int e = 0;
        size_t ed = 0;
        for (; i < t.size() && t[i] >= '0' && t[i] <= '9' && ed < 3; ++i, ++ed) e = e * 10 + (t[i] - '0');
        if (ed == 0) return false;
        v *= std::pow(10.0, eneg ? -e : e);
    }
    if (i != t.size() || !std::isfinite(v) || std::fabs(v) > 3e38) return false;
    out = static_cast<float>(neg ? -v : v);
    return true;
}

bool is_missing(std::string_view t) {
    return t.empty() || iequals(t, "unknown") || iequals(t, "nan") || iequals(t, "na") || iequals(t, "n/a");
}

// Quotes a value for a message, shortening very long ones.
std::string show(std::string_view v) {
    if (v.size() > 40) return "'" + std::string(v.substr(0, 37)) + "...'";
    return "'" + std::string(v) + "'";
}

struct Loader {
    LoadResult& r;
    std::string_view source;
    size_t line = 0;

    void add(Severity sev, const char* kind, std::string msg) {
        r.problems.push_back({sev, kind, std::string(source) + ":" + std::to_string(line), std::move(msg)});
    }
    void error(const char* kind, std::string msg) { add(Severity::Error, kind, std::move(msg)); }
};

// target: 0/1 (also 0.0/1.0); benign_malignant: benign/malignant. Empty = unknown.
// Both take the raw field: ISIC's exact spellings first, then trimmed.
bool parse_target(std::string_view raw, Label& out) {
    if (text_equal(raw, "0")) return out = Label::Benign, true;
    const std::string_view t = trim(raw);
    if (t.empty()) return out = Label::Unknown, true;
    if (text_equal(t, "0") || text_equal(t, "0.0")) return out = Label::Benign, true;
    if (text_equal(t, "1") || text_equal(t, "1.0")) return out = Label::Malignant, true;
    return false;
}
bool parse_benign_malignant(std::string_view raw, Label& out) {
    if (text_equal(raw, "benign")) return out = Label::Benign, true;
    const std::string_view t = trim(raw);
    if (t.empty()) return out = Label::Unknown, true;
    if (iequals(t, "benign")) return out = Label::Benign, true;
    if (iequals(t, "malignant")) return out = Label::Malignant, true;
    // The ISIC Archive's undecided lesions: a value, but no label.
    if (iequals(t, "indeterminate") || iequals(t, "indeterminate/benign") || iequals(t, "indeterminate/malignant"))
        return out = Label::Unknown, true;
    return false;
}
// The ISIC Archive's diagnosis_1, the top of its diagnosis hierarchy.
bool parse_diagnosis_1(std::string_view raw, Label& out) {
    const std::string_view t = trim(raw);
    if (t.empty() || iequals(t, "Indeterminate")) return out = Label::Unknown, true;
    if (iequals(t, "Benign")) return out = Label::Benign, true;
    if (iequals(t, "Malignant")) return out = Label::Malignant, true;
    return false;
}

}  // namespace

size_t LoadResult::error_count() const {
    size_t n = 0;
    for (const auto& p : problems) n += p.severity == Severity::Error;
    return n;
}
size_t LoadResult::warning_count() const { return problems.size() - error_count(); }

bool parse_sex(std::string_view text, Sex& out) {
    if (text_equal(text, "male")) return out = Sex::Male, true;  // ISIC's spellings first: no trim, no case folding
    if (text_equal(text, "female")) return out = Sex::Female, true;
    const std::string_view t = trim(text);
    if (is_missing(t)) return out = Sex::Unknown, true;
    if (iequals(t, "male") || iequals(t, "m")) return out = Sex::Male, true;
    if (iequals(t, "female") || iequals(t, "f")) return out = Sex::Female, true;
    out = Sex::Unknown;
    return false;
}

bool parse_age(std::string_view text, float& out) {
    // ISIC's own spelling, two digits and ".0" ("45.0"): the result the general
    // path below gives, without its trimming and loops.
    if (text.size() == 4 && text[2] == '.' && text[3] == '0' && text[0] >= '0' && text[0] <= '9' && text[1] >= '0' &&
        text[1] <= '9')
        return out = static_cast<float>((text[0] - '0') * 10 + (text[1] - '0')), true;
    const std::string_view t = trim(text);
    out = NAN;
    // A leading digit is no missing-value word ("nan", "unknown", ...).
    if ((t.empty() || t[0] < '0' || t[0] > '9') && is_missing(t)) return true;
    // Plain decimals only (no locale, no exponent): ages are "45" or "45.0".
    // Whole numbers (ISIC's "45.0") exactly, without floating-point steps.
    {
        uint32_t whole = 0;
        size_t i = 0;
        while (i < t.size() && i < 4 && t[i] >= '0' && t[i] <= '9') whole = whole * 10 + static_cast<uint32_t>(t[i++] - '0');
        if (i > 0 && i < 4 && i < t.size() && t[i] == '.') {
            size_t j = i + 1;
            while (j < t.size() && t[j] == '0') ++j;
            if (j == t.size() && whole <= 130) return out = static_cast<float>(whole), true;
        } else if (i > 0 && i == t.size() && whole <= 130) {
            return out = static_cast<float>(whole), true;
        }
    }
    double v = 0, scale = 1;
    bool digits = false, dot = false;
    for (char c : t) {
        if (c >= '0' && c <= '9') {
            digits = true;
            if (dot) v += (c - '0') * (scale *= 0.1);
            else v = v * 10 + (c - '0');
        } else if (c == '.' && !dot) {
            dot = true;
        } else {
            return false;
        }
    }
    if (!digits || v > 130) return false;
    out = static_cast<float>(v);
    return true;
}

// The loader's state between slices: the header's column map and the reader.
struct CsvLoad::Impl {
    LoadResult r;
    std::string_view bytes;
    std::string source;
    CsvReader reader;
    std::vector<std::string_view> f;
    int col[kColCount];
    // Where record() reads each known column: its field, or the empty field it
    // appends after the row's own (index ncols) when the header lacks the column.
    uint32_t at[kColCount];
    std::vector<int> extra_of;
    std::vector<int> measure_of;  // field -> column of Dataset::measures, or -1
    // The ISIC Archive's diagnosis_1..diagnosis_5 (kept as extra columns too), or -1.
    int diag[5] = {-1, -1, -1, -1, -1};
    size_t ncols = 0;
    bool dups = false;
    bool finished = false;

    Impl(std::string_view b, std::string_view name) : bytes(b), source(name), reader(b) {}
    Loader loader() { return Loader{r, source}; }
    void header();
    void record(Loader& ld);
    TbpLocation tbp_location(Loader& ld, Site& site, SiteSide& side);
    void finish() {
        r.dataset.group_patients();
        finished = true;
    }
};

// Maps header names to columns; anything unknown becomes an extra column. Ends the
// load when there is no header or no image_name column.
void CsvLoad::Impl::header() {
    Dataset& ds = r.dataset;
    ds.sources.emplace_back(source);
    Loader ld = loader();
    for (int& c : col) c = -1;
    if (!reader.next(f)) {
        ld.line = 1;
        ld.error("csv_empty", "the file is empty: expected a header line such as image_name,patient_id,...");
        finished = true;
        return;
    }
    ld.line = reader.line();
    extra_of.assign(f.size(), -1);
    measure_of.assign(f.size(), -1);
    for (size_t i = 0; i < f.size(); ++i) {
        const int k = known_column(f[i]);
        if (k >= 0 && col[k] < 0) {
            col[k] = static_cast<int>(i);
            continue;
        }
        if (k < 0 && is_measure_column(f[i]) && ds.measures.column(trim(f[i])) < 0) {
            measure_of[i] = static_cast<int>(ds.measures.names.size());
            ds.measures.names.emplace_back(trim(f[i]));
            continue;
        }
        if (k >= 0) ld.add(Severity::Warning, "csv_header", "column " + show(trim(f[i])) + " appears twice; the later one is kept as an extra column");
        std::string name(trim(f[i]));
        if (name.empty()) name = "column_" + std::to_string(i + 1);
        extra_of[i] = static_cast<int>(ds.extra.names.size());
        ds.extra.names.push_back(std::move(name));
    }
    ncols = f.size();
    for (size_t i = 0; i < f.size(); ++i) {
        const std::string_view h = trim(f[i]);
        if (h.size() == 11 && iequals(h.substr(0, 10), "diagnosis_") && h[10] >= '1' && h[10] <= '5' && diag[h[10] - '1'] < 0)
            diag[h[10] - '1'] = static_cast<int>(i);
    }
    for (int c = 0; c < kColCount; ++c) at[c] = col[c] >= 0 ? static_cast<uint32_t>(col[c]) : static_cast<uint32_t>(ncols);
    dups = col[kImage] < 0 && col[kDup1] >= 0 && col[kDup2] >= 0;
    if (col[kImage] < 0 && !dups) {
        ld.error("csv_header", "no image_name column in the header (found " + std::to_string(ncols) +
                                   " columns); expected an ISIC metadata CSV such as train.csv");
        ds.extra = {};
        ds.measures = {};
        finished = true;
        return;
    }
    r.ok = true;
    const bool labelled = col[kTarget] >= 0 || col[kBenignMalignant] >= 0 || diag[0] >= 0;
    ds.schema = dups ? CsvSchema::Duplicates
                : labelled ? (col[kLesionId] >= 0 ? CsvSchema::TrainV2 : CsvSchema::Train)
                           : CsvSchema::Test;
    if (dups) ds.extra = {}, ds.measures = {};  // a pair list has nothing else worth keeping
    ds.lesions.reserve(bytes.size() / 60 + 1);  // ~60 bytes per train.csv row
    ds.by_image.reserve(bytes.size() / 60 + 1);
}

// One data record (already in `f`): a lesion, or problems saying why not.
void CsvLoad::Impl::record(Loader& ld) {
    Dataset& ds = r.dataset;
    // Text columns are trimmed; the parsed ones go raw to their parse_*, which
    // try ISIC's exact spelling first and trim only when that fails.
    auto raw = [this](int c) -> std::string_view { return f[at[c]]; };
    auto field = [&raw](int c) -> std::string_view { return trim(raw(c)); };
    ++r.records;
    ld.line = reader.line();
    if (reader.issue() == CsvIssue::UnterminatedQuote) ld.error("csv_quote", std::string(reader.issue_text()));
    else if (reader.issue() == CsvIssue::StrayQuote) ld.add(Severity::Warning, "csv_quote", std::string(reader.issue_text()));
    if (f.size() != ncols) {
        ld.error("csv_columns", "row has " + std::to_string(f.size()) + " fields but the header has " +
                                    std::to_string(ncols) + "; row skipped");
        return;
    }
    f.emplace_back();  // the value of absent columns
    // Rows for skipped records never reach ds.lesions (no copy of their fields).
    if (dups) {
        const std::string_view a = field(kDup1), b = field(kDup2);
        if (a.empty() || b.empty() || a == b) {
            ld.error("bad_duplicate_pair", "a duplicate pair needs two different image names, got " + show(a) + " and " + show(b));
            return;
        }
    } else if (field(kImage).empty()) {
        ld.error("missing_image_name", "empty image_name; row skipped");
        return;
    }
    // The row's values first, then the Lesion built from them in place (each
    // byte written once; see Lesion's constructor); taken back out if its name repeats.
    std::string_view image, patient, lesion_id, diagnosis, duplicate_of;
    Sex sex = Sex::Unknown;
    float age = NAN;
    Site site = Site::Unknown;
    SiteSide side = SiteSide::Unspecified;
    Label label = Label::Unknown;
    TbpLocation tbp = TbpLocation::None;
    if (dups) {
        image = field(kDup2);  // image_name_2 is the duplicate of image_name_1
        duplicate_of = field(kDup1);
    } else {
        image = field(kImage);
        patient = field(kPatient);
        if (col[kPatient] >= 0 && patient.empty())
            ld.add(Severity::Warning, "missing_patient", std::string(image) + " has no patient_id; it is not grouped with any patient");
        lesion_id = field(kLesionId);
        diagnosis = field(kDiagnosis);
        // An Archive export has no "diagnosis": its most specific level given stands for it.
        if (col[kDiagnosis] < 0)
            for (int k = 4; k >= 0 && diagnosis.empty(); --k)
                if (diag[k] >= 0) diagnosis = trim(f[static_cast<size_t>(diag[k])]);
        if (!parse_sex(raw(kSex), sex))
            ld.error("bad_sex", "sex " + show(field(kSex)) + " is not male, female or empty");
        if (!parse_age(raw(kAge), age))
            ld.error("bad_age", "age_approx " + show(field(kAge)) + " is not a number between 0 and 130");
        if (!parse_site_side(raw(kSite), site, side))
            ld.error("bad_site", "anatomic site " + show(field(kSite)) +
                                     " is not one of head/neck, upper extremity, lower extremity, torso, anterior torso, "
                                     "posterior torso, lateral torso, palms/soles, oral/genital");
        Label t = Label::Unknown, bm = Label::Unknown;
        const bool t_ok = parse_target(raw(kTarget), t);
        const bool bm_ok = parse_benign_malignant(raw(kBenignMalignant), bm);
        if (!t_ok) ld.error("bad_target", "target " + show(field(kTarget)) + " is not 0 or 1");
        if (!bm_ok)
            ld.error("bad_benign_malignant",
                     "benign_malignant " + show(field(kBenignMalignant)) + " is not benign, malignant or indeterminate");
        Label d1 = Label::Unknown;
        if (diag[0] >= 0 && !parse_diagnosis_1(f[static_cast<size_t>(diag[0])], d1))
            ld.error("bad_diagnosis", "diagnosis_1 " + show(trim(f[static_cast<size_t>(diag[0])])) +
                                          " is not Benign, Malignant or Indeterminate");
        // target is ISIC's scoring label, so it wins a disagreement.
        if (t != Label::Unknown && bm != Label::Unknown && t != bm)
            ld.error("label_conflict", "target " + show(field(kTarget)) + " disagrees with benign_malignant " +
                                           show(field(kBenignMalignant)) + "; using target");
        label = t != Label::Unknown ? t : bm != Label::Unknown ? bm : d1;
        tbp = tbp_location(ld, site, side);
    }
    Lesion& l = ds.lesions.emplace_back(image, patient, lesion_id, sex, age, site, diagnosis, label, duplicate_of,
                                        static_cast<uint32_t>(ld.line));
    l.site_side = side;
    l.tbp_location = tbp;
    const auto [first, inserted] = ds.index_lesion(static_cast<uint32_t>(ds.lesions.size() - 1));
    if (!inserted) {
        ld.error("duplicate_image", l.image_name + " already appears on line " +
                                        std::to_string(ds.lesions[first].line) + "; row skipped");
        ds.lesions.pop_back();
        return;
    }
    if (!ds.extra.names.empty()) {
        l.extra_row = static_cast<uint32_t>(ds.extra.rows.size());
        auto& row = ds.extra.rows.emplace_back(ds.extra.names.size());
        for (size_t i = 0; i < ncols; ++i)
            if (extra_of[i] >= 0) row[extra_of[i]] = f[i];
    }
    if (!ds.measures.empty()) {
        l.measure_row = static_cast<uint32_t>(ds.measures.rows());
        const size_t at = ds.measures.values.size();
        ds.measures.values.resize(at + ds.measures.names.size(), NAN);
        for (size_t i = 0; i < ncols; ++i) {
            if (measure_of[i] < 0) continue;
            float v;
            if (!parse_measure(f[i], v))
                ld.add(Severity::Warning, "bad_measurement",
                       ds.measures.names[size_t(measure_of[i])] + " " + show(trim(f[i])) + " is not a number; left empty");
            ds.measures.values[at + size_t(measure_of[i])] = v;
        }
    }
}

// ISIC 2024's named location (tbp_lv_location, else tbp_lv_location_simple). It
// places the lesion when anatom_site_general is empty, and gives a plain "torso"
// its side; where both are given, anatom_site_general is kept.
TbpLocation CsvLoad::Impl::tbp_location(Loader& ld, Site& site, SiteSide& side) {
    TbpLocation fine = TbpLocation::None, simple = TbpLocation::None;
    for (const int c : {kTbpLocation, kTbpSimple}) {
        if (col[c] < 0) continue;
        TbpLocation& out = c == kTbpLocation ? fine : simple;
        const std::string_view v = f[at[c]];
        if (!parse_tbp_location(v, out))
            ld.add(Severity::Warning, "bad_tbp_location",
                   std::string(c == kTbpLocation ? "tbp_lv_location " : "tbp_lv_location_simple ") + show(trim(v)) +
                       " is not one of ISIC 2024's locations (Head & Neck, Torso Front / Back and their halves or thirds, "
                       "Left / Right Arm or Leg and their upper / lower parts, Unknown); location left unknown");
    }
    const TbpLocation loc = fine != TbpLocation::None && fine != TbpLocation::Unknown ? fine
                            : simple != TbpLocation::None                               ? simple
                                                                                        : fine;
    if (site == Site::Unknown && tbp_site(loc) != Site::Unknown) {
        site = tbp_site(loc);
        side = tbp_side(loc);
    } else if (site == Site::Torso && side == SiteSide::Unspecified && tbp_site(loc) == Site::Torso) {
        side = tbp_side(loc);
    }
    return loc;
}

CsvLoad::CsvLoad(std::string_view bytes, std::string_view source_name)
    : impl_(std::make_unique<Impl>(bytes, source_name)) {
    impl_->header();
}

CsvLoad::~CsvLoad() = default;

bool CsvLoad::step(size_t max_records) {
    Impl& m = *impl_;
    if (m.finished) return true;
    Loader ld = m.loader();
    for (size_t n = 0; n < max_records; ++n) {
        if (!m.reader.next(m.f)) {
            m.finish();
            return true;
        }
        m.record(ld);
    }
    return false;
}

bool CsvLoad::done() const { return impl_->finished; }

double CsvLoad::progress() const {
    if (impl_->finished || impl_->bytes.empty()) return 1.0;
    return double(impl_->reader.offset()) / double(impl_->bytes.size());
}

size_t CsvLoad::records() const { return impl_->r.records; }

LoadResult CsvLoad::take() { return std::move(impl_->r); }

LoadResult load_csv(std::string_view bytes, std::string_view source_name) {
    CsvLoad load(bytes, source_name);
    load.step(size_t(-1));
    return load.take();
}

}  // namespace duck
