// index_fixture.h - a small dataset and a filled lesion index for the index
// tests: entries get distinct made-up feature values, every status appears.
#pragma once
#include <cmath>
#include <span>
#include <string>
#include <vector>

#include "core/data/dataset_load.h"
#include "core/index/index_build.h"

namespace duck::test {

// Seven rows over three patients, train.csv columns.
inline Dataset index_dataset(const std::string& age_of_first = "45.0") {
    const std::string csv =
        "image_name,patient_id,sex,age_approx,anatom_site_general_challenge,diagnosis,benign_malignant,target\n"
        "ISIC_0000001,IP_1,male," + age_of_first + ",torso,unknown,benign,0\n"
        "ISIC_0000002,IP_1,male,45.0,torso,nevus,benign,0\n"
        "ISIC_0000003,IP_2,female,60.0,head/neck,melanoma,malignant,1\n"
        "ISIC_0000004,IP_2,female,60.0,,unknown,benign,0\n"
        "ISIC_0000005,IP_3,,,lower extremity,unknown,benign,0\n"
        "ISIC_0000006,IP_3,,,lower extremity,unknown,benign,0\n"
        "ISIC_0000007,IP_3,,,upper extremity,unknown,benign,0\n";
    return load_csv(csv, "index_test.csv").dataset;
}

// Entry of row r: status cycles through every kind; features r*100 + k.
inline RowAnalysis made_up_row(uint32_t row, size_t n_features) {
    RowAnalysis a;
    switch (row % 5) {
        case 0: a.status = LesionStatus::Ok; break;
        case 1: a.status = LesionStatus::SegmentationFallback, a.reason = "no clear lesion: whole-image mask"; break;
        case 2: a.status = LesionStatus::NoImage, a.reason = "no image file named ISIC_x in the images folder"; break;
        case 3: a.status = LesionStatus::DecodeError, a.reason = "corrupt: not a JPEG"; break;
        default: a.status = LesionStatus::Unusable, a.reason = "image too small"; break;
    }
    if (has_features(a.status))
        for (size_t k = 0; k < n_features; ++k) a.features.push_back(float(row) * 100.0f + float(k) + 0.25f);
    return a;
}

inline LesionIndex made_up_index(const Dataset& ds, uint32_t shard_index = 0, uint32_t shard_count = 1) {
    const DermFeatureExtractor ex;
    LesionIndex ix = empty_index(ds, ex, shard_index, shard_count);
    for (size_t e = 0; e < ix.size(); ++e) set_entry(ix, e, made_up_row(ix.rows[e], ix.n_features()));
    return ix;
}

inline std::vector<uint8_t> encoded(const LesionIndex& ix) {
    auto b = encode_index(ix);
    if (!b.ok()) return {};
    return b.value();
}

}  // namespace duck::test
