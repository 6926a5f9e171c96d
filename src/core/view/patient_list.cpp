// patient_list.cpp - patient summary rows, filtering and sorting for the browser.
#include "core/view/patient_list.h"

#include <algorithm>
#include <cctype>

namespace duck {

namespace {
constexpr std::string_view kColumnNames[kPatientColumnCount] = {"id", "sex", "age", "lesions", "melanomas", "score"};

// Orders NaN after every number whatever the direction, so unknowns stay at the bottom.
int cmp_float(float a, float b, bool desc) {
    const bool na = std::isnan(a), nb = std::isnan(b);
    if (na || nb) return na == nb ? 0 : (na ? 1 : -1);
    if (a == b) return 0;
    return ((a < b) != desc) ? -1 : 1;
}
int cmp_int(int a, int b, bool desc) { return a == b ? 0 : (((a < b) != desc) ? -1 : 1); }
}  // namespace

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string_view patient_column_name(PatientColumn c) {
    auto i = static_cast<int>(c);
    return (i >= 0 && i < kPatientColumnCount) ? kColumnNames[i] : kColumnNames[0];
}

bool parse_patient_column(std::string_view name, PatientColumn& out) {
    for (int i = 0; i < kPatientColumnCount; ++i)
        if (name == kColumnNames[i]) {
            out = static_cast<PatientColumn>(i);
            return true;
        }
    return false;
}

bool PatientFilter::active() const {
    return !search.empty() || sex != SexFilter::Any || age_active() || site_mask != 0 ||
           label != LabelFilter::Any || lesions_min > 0 || lesions_max != INT_MAX || !diagnosis.empty();
}

void PatientIndex::build(const Dataset& ds) {
    ds_ = &ds;
    rows_.assign(ds.patients.size(), {});
    search_text_.assign(ds.patients.size(), {});
    diagnoses_.clear();
    max_lesions_ = 0;
    for (uint32_t p = 0; p < ds.patients.size(); ++p) {
        const Patient& pat = ds.patients[p];
        PatientRow& r = rows_[p];
        r.patient = p;
        r.lesions = static_cast<int>(pat.lesions.size());
        max_lesions_ = std::max(max_lesions_, r.lesions);
        std::string& text = search_text_[p];
        text.reserve(16 * (pat.lesions.size() + 1));
        text = ascii_lower(pat.id);
        double age_sum = 0;
        int age_n = 0;
        for (uint32_t li : pat.lesions) {
            if (li >= ds.lesions.size()) continue;
            const Lesion& l = ds.lesions[li];
            text += '\n';
            text += ascii_lower(l.image_name);
            if (!std::isnan(l.age)) age_sum += l.age, ++age_n;
            if (r.sex == Sex::Unknown) r.sex = l.sex;
            if (l.label != Label::Unknown) r.labelled = true;
            if (l.label == Label::Malignant) ++r.melanomas;
            r.sites |= static_cast<uint8_t>(1u << static_cast<unsigned>(l.site));
            if (!l.diagnosis.empty()) {
                auto it = std::find(diagnoses_.begin(), diagnoses_.end(), l.diagnosis);
                size_t d = static_cast<size_t>(it - diagnoses_.begin());
                if (it == diagnoses_.end()) diagnoses_.push_back(l.diagnosis);
                if (d < 64) r.diagnoses |= uint64_t{1} << d;
            }
        }
        r.age = age_n ? static_cast<float>(age_sum / age_n) : NAN;
    }
}

void PatientIndex::set_scores(std::span<const float> scores) {
    for (auto& r : rows_) {
        r.top_score = NAN;
        if (scores.empty() || !ds_) continue;
        for (uint32_t li : ds_->patients[r.patient].lesions)
            if (li < scores.size() && !std::isnan(scores[li]) && !(scores[li] <= r.top_score)) r.top_score = scores[li];
    }
}

std::vector<uint32_t> PatientIndex::filter(const PatientFilter& f) const {
    std::vector<uint32_t> out;
    out.reserve(rows_.size());
    const std::string needle = ascii_lower(f.search);
    uint64_t diag_bit = 0;
    if (!f.diagnosis.empty()) {
        auto it = std::find(diagnoses_.begin(), diagnoses_.end(), f.diagnosis);
        if (it == diagnoses_.end() || it - diagnoses_.begin() >= 64) return out;  // nobody has it
        diag_bit = uint64_t{1} << (it - diagnoses_.begin());
    }
    const bool age_on = f.age_active();
    for (const PatientRow& r : rows_) {
        if (f.sex == SexFilter::Male && r.sex != Sex::Male) continue;
        if (f.sex == SexFilter::Female && r.sex != Sex::Female) continue;
        if (f.sex == SexFilter::Unknown && r.sex != Sex::Unknown) continue;
        if (age_on && (std::isnan(r.age) || r.age < f.age_min || r.age > f.age_max)) continue;
        if (f.site_mask && !(r.sites & f.site_mask)) continue;
        if (f.label == LabelFilter::HasMelanoma && r.melanomas == 0) continue;
        if (f.label == LabelFilter::NoMelanoma && (!r.labelled || r.melanomas > 0)) continue;
        if (f.label == LabelFilter::Unlabelled && r.labelled) continue;
        if (r.lesions < f.lesions_min || r.lesions > f.lesions_max) continue;
        if (diag_bit && !(r.diagnoses & diag_bit)) continue;
        if (!needle.empty() && search_text_[r.patient].find(needle) == std::string::npos) continue;
        out.push_back(r.patient);
    }
    return out;
}

void PatientIndex::sort(std::vector<uint32_t>& patients, PatientSort s) const {
    if (!ds_) return;
    const bool d = s.descending;
    auto by_id = [&](uint32_t a, uint32_t b) {
        const std::string& x = ds_->patients[a].id;
        const std::string& y = ds_->patients[b].id;
        return x == y ? a < b : ((x < y) != (d && s.column == PatientColumn::Id));
    };
    auto key = [&](uint32_t a, uint32_t b) -> int {
        const PatientRow& x = rows_[a];
        const PatientRow& y = rows_[b];
        switch (s.column) {
            case PatientColumn::Sex: {
                // Unknown sex sorts last in both directions.
                const bool ux = x.sex == Sex::Unknown, uy = y.sex == Sex::Unknown;
                if (ux || uy) return ux == uy ? 0 : (ux ? 1 : -1);
                return cmp_int(static_cast<int>(x.sex), static_cast<int>(y.sex), d);
            }
            case PatientColumn::Age: return cmp_float(x.age, y.age, d);
            case PatientColumn::Lesions: return cmp_int(x.lesions, y.lesions, d);
            case PatientColumn::Melanomas:
                if (x.labelled != y.labelled) return x.labelled ? -1 : 1;
                return cmp_int(x.melanomas, y.melanomas, d);
            case PatientColumn::TopScore: return cmp_float(x.top_score, y.top_score, d);
            case PatientColumn::Id: break;
        }
        return 0;
    };
    std::sort(patients.begin(), patients.end(), [&](uint32_t a, uint32_t b) {
        if (a >= rows_.size() || b >= rows_.size()) return a < b;
        const int c = key(a, b);
        return c != 0 ? c < 0 : by_id(a, b);
    });
}

uint32_t step_patient(const std::vector<uint32_t>& list, uint32_t current, int delta) {
    if (list.empty()) return kNone;
    auto it = std::find(list.begin(), list.end(), current);
    if (it == list.end()) return delta >= 0 ? list.front() : list.back();
    const long pos = static_cast<long>(it - list.begin()) + delta;
    return list[static_cast<size_t>(std::clamp(pos, 0L, static_cast<long>(list.size()) - 1))];
}

}  // namespace duck
