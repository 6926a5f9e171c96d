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
    auto it = by_image.find(image_name);
    return it == by_image.end() ? kNone : it->second;
}

uint32_t Dataset::find_patient(std::string_view patient_id) const {
    auto it = by_patient.find(patient_id);
    return it == by_patient.end() ? kNone : it->second;
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
    for (uint32_t i = 0; i < lesions.size(); ++i) by_image.emplace(lesions[i].image_name, i);
    group_patients();
}

void Dataset::group_patients() {
    patients.clear();
    by_patient.clear();
    has_labels = false;
    std::vector<double> age_sum;
    std::vector<int> age_n;
    for (uint32_t i = 0; i < lesions.size(); ++i) {
        Lesion& l = lesions[i];
        if (l.label != Label::Unknown) has_labels = true;
        if (l.patient_id.empty()) {  // rows without a patient (e.g. a duplicates list) stay ungrouped
            l.patient = kNone;
            continue;
        }
        auto [it, inserted] = by_patient.try_emplace(l.patient_id, static_cast<uint32_t>(patients.size()));
        if (inserted) {
            patients.emplace_back();
            patients.back().id = l.patient_id;
            age_sum.push_back(0.0);
            age_n.push_back(0);
        }
        const uint32_t p = it->second;
        l.patient = p;
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
