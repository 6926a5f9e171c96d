// slice3d_synthetic.h - SYNTHETIC ISIC 2024 (SLICE-3D) metadata: rows in the
// challenge's 44-column layout (the public test metadata's header), with made-up
// patients, locations, positions and measurements. The training metadata is not
// available here; these rows exercise the loader, the body map, the measurement
// score and the benchmarks at the sizes the real data has (hundreds of lesions per
// patient). Every value is a random draw or a rule below, NOT the real
// distribution: ids start with SYN_, attribution says "Synthetic (not ISIC data)".
#pragma once
#include <cstdint>
#include <string>

namespace duck {

struct Slice3dSynthetic {
    int patients = 2;
    int lesions_per_patient = 20;
    uint64_t seed = 1;
    // The first lesion of every patient gets a border, colour and asymmetry far
    // from its patient's others (an ugly duckling to find); none when false.
    bool plant_outlier = true;
    // Add the training file's target column (0, and 1 for the planted outlier).
    bool with_target = false;
};

// The CSV text (header and rows). Image names are SYN_<patient>_<lesion>,
// patients SYNP_<n>; lesion k of a patient sits at tbp_lv_location k mod 21.
std::string slice3d_synthetic_csv(const Slice3dSynthetic& spec);

}  // namespace duck
