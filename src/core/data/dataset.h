// dataset.h - the ISIC 2020 data model: lesions (one per image row), patients
// (their lesions grouped), and lookups. Everything else in Duckling reads this.
// Missing metadata is "unknown", never 0: an empty age is NaN, an empty site
// is Site::Unknown, an unlabelled row (test.csv) is Label::Unknown.
#pragma once
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/name_index.h"
#include "core/data/site.h"
#include "core/data/tbp_location.h"
#include "core/base/small_string.h"

namespace duck {

// target / benign_malignant. Unknown for test-set rows that carry no label.
enum class Label : int8_t { Unknown = -1, Benign = 0, Malignant = 1 };

inline constexpr uint32_t kNone = 0xFFFFFFFFu;

// What kind of ISIC CSV a dataset was loaded from (recognised by its header).
enum class CsvSchema : uint8_t {
    Unknown,     // no image_name column: nothing could be loaded
    Train,       // train.csv / GroundTruth v1: labels, no lesion_id
    TrainV2,     // GroundTruth v2: labels and lesion_id
    Test,        // test.csv: image rows without labels
    Duplicates,  // image_name_1,image_name_2 pairs: annotations only, no lesion rows of its own
};
// "unknown" | "train" | "train_v2" | "test" | "duplicates"
std::string_view schema_name(CsvSchema s);

// One image row of the metadata.
struct Lesion {
    // Text fields are SmallStrings (small_string.h): ISIC's ids stay inline, no
    // allocation per row on wasm32.
    SmallString image_name;     // ISIC_1234567
    SmallString patient_id;     // IP_1234567 (empty when the CSV has no patient column)
    SmallString lesion_id;      // IL_... from ground truth v2, else empty
    Sex sex = Sex::Unknown;
    float age = NAN;            // age_approx; NaN when missing
    Site site = Site::Unknown;
    SiteSide site_side = SiteSide::Unspecified;  // the ISIC Archive's anterior/posterior/lateral torso
    SmallString diagnosis;      // "unknown", "nevus", "melanoma", ... ; empty when absent
    Label label = Label::Unknown;
    SmallString duplicate_of;   // image_name of the kept twin (ISIC duplicates list), else empty
    uint32_t patient = kNone;   // index into Dataset::patients
    uint32_t extra_row = kNone; // row in Dataset::extra, when extra columns were loaded
    uint32_t measure_row = kNone; // row in Dataset::measures (ISIC 2024 rows), else kNone
    TbpLocation tbp_location = TbpLocation::None;  // ISIC 2024's tbp_lv_location (or _simple)
    uint32_t line = 0;          // 1-based line of the row in its source CSV (for messages)
    uint16_t source = 0;        // index into Dataset::sources

    Lesion() = default;
    // A row's values (the loader's constructor): every byte written once.
    // Default construction and then assignment zeroed the whole row first, which
    // the wasm build did with a memset call per row (a tenth of loading train.csv).
    Lesion(std::string_view image_name_, std::string_view patient_id_, std::string_view lesion_id_, Sex sex_, float age_,
           Site site_, std::string_view diagnosis_, Label label_, std::string_view duplicate_of_, uint32_t line_)
        : image_name(image_name_), patient_id(patient_id_), lesion_id(lesion_id_), sex(sex_), age(age_), site(site_),
          diagnosis(diagnosis_), label(label_), duplicate_of(duplicate_of_), line(line_) {}
};

// A patient: the unit Duckling is built around.
struct Patient {
    std::string id;
    std::vector<uint32_t> lesions;  // indices into Dataset::lesions, in file order
    Sex sex = Sex::Unknown;         // from the patient's rows (the first row that has one)
    float mean_age = NAN;           // mean over the patient's rows with an age (NaN if none)
    int melanomas = 0;              // rows with Label::Malignant
    bool labelled = false;          // at least one row has a label
};

// Columns the loader did not interpret (e.g. width, height, tfrecord), kept by name.
struct ExtraColumns {
    std::vector<std::string> names;
    std::vector<std::vector<std::string>> rows;  // rows[extra_row][column]
    // Value of column `name` for a lesion, or empty when absent.
    std::string_view get(const Lesion& l, std::string_view name) const;
};

// The numbers ISIC 2024 (SLICE-3D) gives per lesion: the total-body photography
// system's tbp_lv_* measurements (colour, border, symmetry, size, the 3D position
// tbp_lv_x/y/z) and clin_size_long_diam_mm, kept by column name. A value the row
// leaves empty is NaN ("not measured"), never 0.
struct Measurements {
    std::vector<std::string> names;  // header order
    std::vector<float> values;       // values[measure_row * names.size() + column]
    bool empty() const { return names.empty(); }
    size_t rows() const { return names.empty() ? 0 : values.size() / names.size(); }
    int column(std::string_view name) const;  // -1 when the dataset has no such column
    float get(const Lesion& l, int column) const;  // NaN when absent
    float get(const Lesion& l, std::string_view name) const;
};

struct Dataset {
    std::vector<Lesion> lesions;
    std::vector<Patient> patients;
    ExtraColumns extra;
    Measurements measures;
    bool has_labels = false;                 // at least one row carries target/benign_malignant
    CsvSchema schema = CsvSchema::Unknown;   // of the first source
    std::vector<std::string> sources;        // file names, indexed by Lesion::source

    // Index of the lesion with that image name, or kNone. O(1).
    uint32_t find_lesion(std::string_view image_name) const;
    // Index of the patient with that id, or kNone. O(1).
    uint32_t find_patient(std::string_view patient_id) const;
    // Rebuilds patients and lookup tables from `lesions` (call after changing lesions).
    void reindex();
    // Rebuilds only `patients` and `by_patient` (by_image already up to date).
    void group_patients();
    // "train.csv:17": where a lesion's row came from, for problem messages.
    std::string where(const Lesion& l) const;

    // image_name -> lesion and patient_id -> patient (rows of the vectors above).
    NameIndex by_image;
    NameIndex by_patient;
    // Adds lesions[i] to by_image unless its name is already there; returns the
    // row that has the name and whether it was added.
    std::pair<uint32_t, bool> index_lesion(uint32_t i);
};

}  // namespace duck
