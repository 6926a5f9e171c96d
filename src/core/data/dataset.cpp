// dataset.cpp - lookups and patient grouping for the data model (dataset.h).
#include "core/data/dataset.h"

namespace duck {

std::string_view schema_name(CsvSchema s) {
    switch (s) {
        case CsvSchema::Train: return "train";
        case CsvSchema::TrainV2: return "train_v2";
        case CsvSchema::Test: return "test";
        case CsvSchema::Duplicates: return "duplicates";
        default: return "unknown";
    }
}

std::string_view ExtraColumns::get(const Lesion& l, std::string_view name) const {
    if (l.extra_row == kNone || l.extra_row >= rows.size()) return {};
    const auto& row = rows[l.extra_row];
    for (size_t c = 0; c < names.size() && c < row.size(); ++c)
        if (names[c] == name) return row[c];
    return {};
}

int Measurements::column(std::string_view name) const {
    for (size_t c = 0; c < names.size(); ++c)
        if (names[c] == name) return static_cast<int>(c);
    return -1;
}

float Measurements::get(const Lesion& l, int c) const {
    if (c < 0 || static_cast<size_t>(c) >= names.size() || l.measure_row == kNone) return NAN;
    const size_t at = size_t(l.measure_row) * names.size() + size_t(c);
    return at < values.size() ? values[at] : NAN;
}

float Measurements::get(const Lesion& l, std::string_view name) const { return get(l, column(name)); }

uint32_t Dataset::find_lesion(std::string_view image_name) const {
    return by_image.find(image_name, [this](uint32_t i) -> const SmallString& { return lesions[i].image_name; });
}

uint32_t Dataset::find_patient(std::string_view patient_id) const {
    return by_patient.find(patient_id, [this](uint32_t p) -> const std::string& { return patients[p].id; });
}

std::pair<uint32_t, bool> Dataset::index_lesion(uint32_t i) {
    return by_image.insert(lesions[i].image_name, i, [this](uint32_t j) -> const SmallString& { return lesions[j].image_name; });
}

std::string Dataset::where(const Lesion& l) const {
    std::string s = l.source < sources.size() ? sources[l.source] : std::string("?");
    if (l.line) s += ":" + std::to_string(l.line);
    return s;
}

void Dataset::reindex() {
    by_image.clear();
    by_image.reserve(lesions.size());
    // First row wins for a repeated image name, as in the loader.
    for (uint32_t i = 0; i < lesions.size(); ++i) index_lesion(i);
    group_patients();
}

void Dataset::group_patients() {
    patients.clear();
    by_patient.clear();
    // Pass 1: each lesion's patient (new patients in order of first appearance)
    // and the patients' sizes, so pass 2 fills lesion lists allocated once.
    // The table's names are read from each patient's first lesion: SmallString
    // against SmallString is one 16-byte compare (Patient::id, a std::string, holds
    // the same text; find_patient reads that). Raw pointers and locals in the
    // loops: stores through Lesion& would otherwise make the compiler reload
    // the vectors' bounds on every row.
    const uint32_t n = static_cast<uint32_t>(lesions.size());
    Lesion* const rows = lesions.data();
    std::vector<uint32_t> count, first;
    const auto id_of = [rows, &first](uint32_t p) -> const SmallString& { return rows[first[p]].patient_id; };
    bool labels = false;
    for (uint32_t i = 0; i < n; ++i) {
        Lesion& l = rows[i];
        labels |= l.label != Label::Unknown;
        if (l.patient_id.empty()) {  // rows without a patient (e.g. a duplicates list) stay ungrouped
            l.patient = kNone;
            continue;
        }
        const auto [p, inserted] = by_patient.insert(l.patient_id, static_cast<uint32_t>(first.size()), id_of);
        if (inserted) {
            first.push_back(i);
            count.push_back(0);
        }
        l.patient = p;
        ++count[p];
    }
    has_labels = labels;
    const size_t np = first.size();
    patients.resize(np);
    for (size_t p = 0; p < np; ++p) {
        patients[p].id = rows[first[p]].patient_id;
        patients[p].lesions.reserve(count[p]);
    }
    std::vector<double> age_sum(np, 0.0);
    std::vector<int> age_n(np, 0);
    Patient* const pts = patients.data();
    for (uint32_t i = 0; i < n; ++i) {
        const Lesion& l = rows[i];
        const uint32_t p = l.patient;
        if (p == kNone) continue;
        Patient& pt = pts[p];
        pt.lesions.push_back(i);
        if (pt.sex == Sex::Unknown) pt.sex = l.sex;
        if (!std::isnan(l.age)) {
            age_sum[p] += l.age;
            ++age_n[p];
        }
        if (l.label == Label::Malignant) ++pt.melanomas;
        if (l.label != Label::Unknown) pt.labelled = true;
    }
    for (size_t p = 0; p < np; ++p)
        if (age_n[p]) pts[p].mean_age = static_cast<float>(age_sum[p] / age_n[p]);
}

}  // namespace duck
