// stats.h - the dataset summary in the shape of the ISIC 2020 paper's Table 1,
// computed from whatever CSV is loaded. `duckling-cli stats` prints it and the
// app's dataset overview shows the same numbers.
#pragma once
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "core/data/dataset.h"

namespace duck {

// Lesions per patient: mean and quartiles (linear interpolation between order
// statistics, as R type 7 / numpy's default). NaN when there are no patients.
struct CountSummary {
    double mean = NAN, q1 = NAN, median = NAN, q3 = NAN;
};

struct DatasetStats {
    bool labelled = false;  // false for test.csv: melanoma counts are then all 0
    size_t patients = 0, patients_with_melanoma = 0, patients_without_melanoma = 0;
    struct SexRow {
        size_t patients = 0, with_melanoma = 0;
    };
    SexRow sex[3];  // indexed by static_cast<int>(Sex): unknown, male, female
    // Mean over patients of each patient's mean approximate age (patients
    // without any age are left out). NaN when no patient has an age.
    double mean_age_all = NAN, mean_age_with_melanoma = NAN, mean_age_without_melanoma = NAN;
    size_t lesions = 0, lesions_in_melanoma_patients = 0, lesions_in_other_patients = 0, melanomas = 0;
    size_t lesions_without_patient = 0;  // rows with an empty patient_id
    CountSummary per_patient, per_patient_with_melanoma, per_patient_without_melanoma;
    struct SiteRow {
        size_t lesions = 0, melanomas = 0;
    };
    SiteRow sites[kSiteCount];  // indexed by static_cast<int>(Site)
    // ISIC 2024 (SLICE-3D) rows: named locations, 3D positions and measurements.
    struct TbpRow {
        bool present = false;  // the dataset has tbp_lv_location(_simple) or measurement columns
        size_t with_location = 0;      // lesions with a tbp_lv_location other than empty / Unknown
        size_t with_position = 0;      // lesions with all of tbp_lv_x, tbp_lv_y and tbp_lv_z
        size_t with_measurements = 0;  // lesions with at least one measurement
        size_t locations[kTbpLocationCount] = {};  // indexed by static_cast<int>(TbpLocation)
        std::vector<std::string> measurements;     // the measurement columns, header order
    } tbp;
};

DatasetStats compute_stats(const Dataset& ds);
// Mean and type-7 quartiles of `values` (copied and sorted).
CountSummary summarize_counts(std::vector<double> values);

// The JSON contract of `duckling-cli stats --json` (see README):
// {"patients":{total,with_melanoma,without_melanoma}, "sex":{male|female|unknown:
// {patients,with_melanoma}}, "mean_age":{all,with_melanoma,without_melanoma},
// "lesions":{total,in_melanoma_patients,in_other_patients,melanoma},
// "lesions_per_patient":{mean,q1,median,q3}, "sites":{<site>:{lesions,melanomas}}}
// plus "labelled", "lesions_without_patient" and "lesions_per_patient_by_class";
// for ISIC 2024 (SLICE-3D) data also "tbp":{lesions_with_location,
// lesions_with_position, lesions_with_measurements, measurements:[names],
// locations:{<tbp_lv_location>: lesions}} (absent for other datasets).
// Undefined means (no ages) are null.
nlohmann::json stats_to_json(const DatasetStats& s);
// A readable text table laid out like the paper's Table 1.
std::string stats_table(const DatasetStats& s);

}  // namespace duck
