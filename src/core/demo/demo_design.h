// demo_design.h - the synthetic demo dataset, as data: which patients exist, what
// metadata each lesion row carries, and how each image should look. design_demo()
// is pure and cheap; painting (demo_paint.h) and writing (demo_writer.h) follow it.
// The design is what tests check the statistics against.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/data/dataset.h"

namespace duck::demo {

// Kind of patient, chosen by quota so that every demo (any seed) has each kind.
enum class PatientKind : uint8_t {
    Typical,        // similar benign nevi, no outlier
    Melanoma,       // similar benign nevi plus one melanoma that looks different (planted outlier)
    Atypical,       // many similar atypical nevi ("atypical mole syndrome"), no outlier
    AtypicalMelanoma,  // many similar atypical nevi plus one melanoma (planted outlier)
    BenignOutlier,  // similar nevi plus one different benign lesion (planted outlier, target 0)
};

// What is painted. Nevus patterns are the patient's signature.
enum class LesionKind : uint8_t { Reticular, Globular, Homogeneous, Atypical, Melanoma, Seborrheic, BlueNevus, Lentigo };

struct Rgb {
    float r = 0, g = 0, b = 0;  // 0..255
};

// Everything the painter needs for one image; all randomness left to the painter
// comes from `seed`.
struct ImageLook {
    LesionKind kind = LesionKind::Homogeneous;
    Rgb skin;                    // base skin tone under the dermoscope
    float skin_blotch = 0.05f;   // low-frequency tone variation
    float skin_red = 0.3f;       // pink/erythema patches
    Rgb pigment;                 // main lesion colour
    Rgb dark;                    // colour of the darkest (usually central) part
    float radius = 0.15f;        // mean lesion radius, fraction of the image side
    float elongation = 1.0f;     // ratio of the two ellipse axes (>= 1)
    float angle = 0.0f;          // orientation in turns
    float cx = 0.5f, cy = 0.5f;  // lesion centre, fraction of the side
    float irregularity = 0.1f;   // border raggedness, 0 smooth .. 1 very irregular
    float softness = 0.15f;      // border fade width relative to the radius
    float asymmetry = 0.0f;      // 0 one ellipse .. 1 strongly lobed and off-centre colour
    float opacity = 0.8f;        // how strongly the pigment covers the skin
    float cell = 0.03f;          // network / globule cell size, fraction of the side
    float blue_grey = 0, black = 0, red = 0, white = 0;  // extra colour zones, ~area fraction
    float vignette = 0.0f;       // dark dermoscope ring: 0 none .. 1 opaque black
    float vignette_radius = 0.7f;  // ring's inner radius, fraction of the side from the centre
    int hairs = 0;
    bool ruler = false;
    Rgb cast{1.0f, 1.0f, 1.0f};  // camera white balance multipliers (not 0..255)
    uint64_t seed = 0;
};

struct DemoLesion {
    std::string image_name;  // ISIC_xxxxxxx
    uint32_t patient = 0;    // index into DemoDesign::patients
    Site site = Site::Unknown;
    int age = 0;             // multiple of 5
    std::string diagnosis;   // ISIC vocabulary: "unknown", "nevus", "melanoma", ...
    bool malignant = false;
    bool planted_outlier = false;
    ImageLook look;
};

struct DemoPatient {
    std::string id;  // IP_xxxxxxx
    PatientKind kind = PatientKind::Typical;
    Sex sex = Sex::Unknown;
    int base_age = 0;
    std::vector<uint32_t> lesions;  // indices into DemoDesign::lesions
};

struct DemoOptions {
    int patients = 36;
    uint64_t seed = 2020;
    int image_size = 384;   // square images, pixels per side
    int jpeg_quality = 82;
};

struct DemoDesign {
    DemoOptions options;
    std::vector<DemoPatient> patients;
    std::vector<DemoLesion> lesions;  // sorted by image_name, like ISIC's train.csv
};

// Design targets (also used by the tests): real ISIC 2020 train.csv proportions.
inline constexpr int kMinLesions = 3;
inline constexpr int kMaxLesions = 60;
inline constexpr float kMelanomaPatientFraction = 0.2f;  // 428 / 2056 in ISIC 2020
inline constexpr float kMaleFraction = 0.524f;           // 1077 / 2054 patients with a sex
inline constexpr int kMinPatients = 1;
inline constexpr int kMaxPatients = 2000;
// Lesion share per site, in Site enum order (head/neck, upper, lower, torso, palms/soles,
// oral/genital, unknown): ISIC 2020 counts 1855, 4983, 8417, 16845, 375, 124, 527.
inline constexpr float kSiteShare[kSiteCount] = {0.056f, 0.150f, 0.254f, 0.509f, 0.011f, 0.004f, 0.016f};

std::string_view patient_kind_name(PatientKind k);
std::string_view lesion_kind_name(LesionKind k);
bool has_planted_outlier(PatientKind k);

// The whole demo design for these options (clamped to sane ranges). Deterministic:
// the same options give the same design on every platform.
DemoDesign design_demo(const DemoOptions& options);

}  // namespace duck::demo
