// explorer_fixture.h - a small hand-made dataset for the explorer's UI-logic tests.
// Patients are grouped here directly (not via Dataset::reindex) so these tests only
// exercise the explorer code.
#pragma once
#include <string>
#include <vector>

#include "core/data/dataset.h"

namespace duck::test {

struct L {
    const char* image;
    const char* patient;
    Sex sex;
    float age;
    Site site;
    const char* diagnosis;
    Label label;
};

inline Dataset make_dataset(const std::vector<L>& rows) {
    Dataset ds;
    for (const L& r : rows) {
        Lesion l;
        l.image_name = r.image;
        l.patient_id = r.patient;
        l.sex = r.sex;
        l.age = r.age;
        l.site = r.site;
        l.diagnosis = r.diagnosis;
        l.label = r.label;
        uint32_t p = kNone;
        for (uint32_t i = 0; i < ds.patients.size(); ++i)
            if (ds.patients[i].id == r.patient) p = i;
        if (p == kNone) {
            p = static_cast<uint32_t>(ds.patients.size());
            ds.patients.push_back({});
            ds.patients.back().id = r.patient;
        }
        l.patient = p;
        ds.patients[p].lesions.push_back(static_cast<uint32_t>(ds.lesions.size()));
        if (r.label != Label::Unknown) ds.patients[p].labelled = ds.has_labels = true;
        if (r.label == Label::Malignant) ++ds.patients[p].melanomas;
        ds.lesions.push_back(std::move(l));
    }
    return ds;
}

// Four patients: P1 (male, 45, 3 lesions, 1 melanoma), P2 (female, 60, 2 benign),
// P3 (unknown sex and age, 1 unlabelled), P4 (female, 30, 4 lesions, benign + unknown site).
inline Dataset small_dataset() {
    const auto M = Sex::Male, F = Sex::Female, U = Sex::Unknown;
    const auto B = Label::Benign, X = Label::Malignant, N = Label::Unknown;
    return make_dataset({
        {"ISIC_0000001", "IP_1", M, 45, Site::Torso, "nevus", B},
        {"ISIC_0000002", "IP_1", M, 45, Site::HeadNeck, "melanoma", X},
        {"ISIC_0000003", "IP_1", M, 45, Site::Torso, "unknown", B},
        {"ISIC_0000010", "IP_2", F, 60, Site::LowerExtremity, "unknown", B},
        {"ISIC_0000011", "IP_2", F, 60, Site::UpperExtremity, "nevus", B},
        {"ISIC_0000020", "IP_3", U, NAN, Site::Unknown, "", N},
        {"ISIC_0000030", "IP_4", F, 30, Site::Torso, "unknown", B},
        {"ISIC_0000031", "IP_4", F, 30, Site::PalmsSoles, "lentigo NOS", B},
        {"ISIC_0000032", "IP_4", F, 30, Site::Unknown, "unknown", B},
        {"ISIC_0000033", "IP_4", F, 35, Site::Torso, "unknown", B},
    });
}

}  // namespace duck::test
