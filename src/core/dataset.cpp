// dataset.cpp - lookups and patient grouping for the data model (dataset.h).
#include "core/dataset.h"

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
    has_labels = false;
    // Pass 1: each lesion's patient (new patients in order of first appearance)
    // and the patients' sizes, so pass 2 fills lesion lists allocated once.
    // The table's names are read from each patient's first lesion: SmallString
    // against SmallString is one 16-byte compare (Patient::id, a std::string, holds
    // the same text; find_patient reads that).
    std::vector<uint32_t> count, first;
    const auto id_of = [this, &first](uint32_t p) -> const SmallString& { return lesions[first[p]].patient_id; };
    for (uint32_t i = 0; i < lesions.size(); ++i) {
        Lesion& l = lesions[i];
        if (l.label != Label::Unknown) has_labels = true;
        if (l.patient_id.empty()) {  // rows without a patient (e.g. a duplicates list) stay ungrouped
            l.patient = kNone;
            continue;
        }
        const auto [p, inserted] = by_patient.insert(l.patient_id, static_cast<uint32_t>(patients.size()), id_of);
        if (inserted) {
            patients.emplace_back().id = l.patient_id;
            count.push_back(0);
            first.push_back(i);
        }
        l.patient = p;
        ++count[p];
    }
    for (size_t p = 0; p < patients.size(); ++p) patients[p].lesions.reserve(count[p]);
    std::vector<double> age_sum(patients.size(), 0.0);
    std::vector<int> age_n(patients.size(), 0);
    for (uint32_t i = 0; i < lesions.size(); ++i) {
        const Lesion& l = lesions[i];
        if (l.patient == kNone) continue;
        const uint32_t p = l.patient;
        Patient& pt = patients[p];
        pt.lesions.push_back(i);
        if (pt.sex == Sex::Unknown) pt.sex = l.sex;
        if (!std::isnan(l.age)) {
            age_sum[p] += l.age;
            ++age_n[p];
        }
        if (l.label == Label::Malignant) ++pt.melanomas;
        if (l.label != Label::Unknown) pt.labelled = true;
    }
    for (size_t p = 0; p < patients.size(); ++p)
        if (age_n[p]) patients[p].mean_age = static_cast<float>(age_sum[p] / age_n[p]);
}

}  // namespace duck
