// patient_list.h - the patient browser's model: one summary row per patient,
// filters (search, sex, age, site, label, lesion count, diagnosis) and sorting.
// Built once per dataset so that filtering on every keystroke stays well under a
// frame on the full ISIC 2020 train.csv (33,126 lesions, 2,056 patients).
#pragma once
#include <climits>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/data/dataset.h"

namespace duck {

enum class SexFilter : uint8_t { Any, Male, Female, Unknown };
enum class LabelFilter : uint8_t { Any, HasMelanoma, NoMelanoma, Unlabelled };

// ISIC ages are approx_age in 5-year steps from 0 to 90.
inline constexpr float kAgeFilterMin = 0.f;
inline constexpr float kAgeFilterMax = 90.f;

struct PatientFilter {
    std::string search;                 // substring of the patient id or of any image name, any case
    SexFilter sex = SexFilter::Any;
    float age_min = kAgeFilterMin;      // on the patient's mean age; patients without an
    float age_max = kAgeFilterMax;      // age only pass while the range is the full range
    uint8_t site_mask = 0;              // bit (1 << Site): has a lesion there; 0 = any site
    LabelFilter label = LabelFilter::Any;
    int lesions_min = 0;                // inclusive lesion-count range
    int lesions_max = INT_MAX;
    std::string diagnosis;              // has a lesion with this diagnosis; empty = any

    bool age_active() const { return age_min > kAgeFilterMin || age_max < kAgeFilterMax; }
    // True when any filter narrows the list.
    bool active() const;
};

enum class PatientColumn : uint8_t { Id, Sex, Age, Lesions, Melanomas, TopScore };
inline constexpr int kPatientColumnCount = 6;
std::string_view patient_column_name(PatientColumn c);  // "id", "sex", "age", "lesions", "melanomas", "score"
bool parse_patient_column(std::string_view name, PatientColumn& out);

struct PatientSort {
    PatientColumn column = PatientColumn::Id;
    bool descending = false;
};

// What the browser shows and filters on, per patient.
struct PatientRow {
    uint32_t patient = kNone;
    int lesions = 0;
    int melanomas = 0;
    float age = NAN;
    Sex sex = Sex::Unknown;
    bool labelled = false;
    uint8_t sites = 0;        // bit (1 << Site) for every site among its lesions
    uint64_t diagnoses = 0;   // bit i for PatientIndex::diagnoses()[i] (first 64 distinct)
    float top_score = NAN;    // highest ugly-duckling score among its lesions; NaN = none yet
};

class PatientIndex {
public:
    // Summarises every patient of `ds`. O(lesions).
    void build(const Dataset& ds);
    // Per-lesion scores (index = lesion index, NaN = unscored); empty clears the top scores.
    void set_scores(std::span<const float> lesion_scores);

    // Patients passing `f`, in dataset order.
    std::vector<uint32_t> filter(const PatientFilter& f) const;
    // Sorts patient indices in place; ties and unknowns (NaN, Sex::Unknown) go last, then by id.
    void sort(std::vector<uint32_t>& patients, PatientSort s) const;
    std::vector<uint32_t> query(const PatientFilter& f, PatientSort s) const {
        auto v = filter(f);
        sort(v, s);
        return v;
    }

    const PatientRow& row(uint32_t patient) const { return rows_[patient]; }
    size_t size() const { return rows_.size(); }
    // Distinct non-empty diagnoses in first-seen order (filter choices).
    const std::vector<std::string>& diagnoses() const { return diagnoses_; }
    int max_lesions() const { return max_lesions_; }

private:
    const Dataset* ds_ = nullptr;
    std::vector<PatientRow> rows_;
    std::vector<std::string> search_text_;  // lower-case "id\nimage\nimage..." per patient
    std::vector<std::string> diagnoses_;
    int max_lesions_ = 0;
};

// The patient `delta` steps away from `current` in `list` (j/k = +-1, PageUp/Down =
// +-page), clamped to the ends. When `current` is not in the list, the first (delta
// > 0) or last (delta < 0) entry. kNone for an empty list.
uint32_t step_patient(const std::vector<uint32_t>& list, uint32_t current, int delta);

// Lower-case ASCII copy (ISIC ids and names are ASCII).
std::string ascii_lower(std::string_view s);

}  // namespace duck
