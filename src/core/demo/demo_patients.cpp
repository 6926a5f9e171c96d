// demo_patients.cpp - designs the synthetic demo: patients by kind (quotas, so
// every seed has melanoma, atypical and benign-outlier patients), ISIC-like
// metadata (sex, age, site proportions of the real ISIC 2020 train.csv) and each
// patient's "look" (skin, camera, nevus signature) from which every lesion's
// ImageLook is derived with small jitter. Only the planted outlier departs from
// the signature: that is the ugly duckling the model must find.
#include <algorithm>
#include <cstdio>
#include <set>

#include "core/demo/demo_design.h"
#include "core/demo/demo_rng.h"

namespace duck::demo {

namespace {

// Stream purposes for derive(): independent streams keep patient i's look the
// same when another patient's lesion count changes.
enum : uint64_t { kKinds = 1, kIds = 2, kPatient = 3, kLesion = 4, kSites = 5, kSexes = 6 };

// ISIC 2020 age_approx counts for 10, 15, ..., 90 (ages 0 and missing dropped).
constexpr float kAgeWeights[] = {17, 132, 655, 1544, 2358, 2850, 3576, 4466, 4270,
                                 3824, 3240, 2527, 1968, 981, 419, 149, 80};

constexpr Rgb kSkinTones[] = {{238, 192, 192}, {234, 184, 178}, {230, 178, 164}, {216, 162, 142}, {198, 146, 124}};
constexpr float kSkinWeights[] = {3, 3, 2, 1.5f, 0.7f};
constexpr Rgb kNevusColours[] = {{196, 138, 92}, {172, 112, 70}, {150, 92, 58}, {124, 74, 48}, {168, 100, 78}, {186, 128, 104}};

Rgb scale(Rgb c, float k) { return {c.r * k, c.g * k, c.b * k}; }
Rgb jitter(Rgb c, Rng& r, float amount) {
    return {c.r * (1 + amount * r.bell()), c.g * (1 + amount * r.bell()), c.b * (1 + amount * r.bell())};
}

// A patient's camera, skin and nevus signature; lesions are small variations of it.
struct Signature {
    ImageLook base;
    bool hairy = false;
    bool ruler_camera = false;
    int nevus_colour = 0;
};

Signature make_signature(PatientKind kind, Sex sex, Rng& r) {
    Signature s;
    ImageLook& b = s.base;
    b.skin = kSkinTones[r.pick(kSkinWeights)];
    b.skin_blotch = r.uniform(0.03f, 0.09f);
    b.skin_red = r.uniform(0.1f, 0.6f);
    const float cam[] = {5, 2.5f, 2.5f};
    switch (r.pick(cam)) {
        case 0: b.vignette = 0; break;
        case 1: b.vignette = r.uniform(0.55f, 0.8f); b.vignette_radius = r.uniform(0.58f, 0.72f); break;
        default: b.vignette = r.uniform(0.95f, 1.0f); b.vignette_radius = r.uniform(0.47f, 0.6f); break;
    }
    b.cast = {r.uniform(0.96f, 1.04f), r.uniform(0.95f, 1.03f), r.uniform(0.94f, 1.05f)};
    s.hairy = r.chance(sex == Sex::Male ? 0.55f : 0.15f);
    s.ruler_camera = r.chance(0.3f);

    const bool atypical = kind == PatientKind::Atypical || kind == PatientKind::AtypicalMelanoma;
    const float patterns[] = {4, 2.5f, 3.5f};
    b.kind = atypical ? LesionKind::Atypical : static_cast<LesionKind>(r.pick(patterns));
    s.nevus_colour = r.range(0, 5);
    b.pigment = jitter(kNevusColours[s.nevus_colour], r, 0.04f);
    b.dark = scale(b.pigment, r.uniform(0.55f, 0.75f));
    b.radius = atypical ? r.uniform(0.17f, 0.23f) : r.uniform(0.09f, 0.18f);
    b.elongation = r.uniform(1.0f, 1.35f);
    b.irregularity = atypical ? r.uniform(0.3f, 0.42f) : r.uniform(0.04f, 0.14f);
    b.softness = atypical ? r.uniform(0.18f, 0.3f) : r.uniform(0.12f, 0.3f);
    b.asymmetry = atypical ? r.uniform(0.2f, 0.3f) : r.uniform(0.0f, 0.08f);
    b.opacity = r.uniform(0.7f, 0.95f);
    b.cell = r.uniform(0.022f, 0.04f);
    if (atypical) {
        b.dark = scale(b.pigment, r.uniform(0.45f, 0.55f));  // "fried egg": dark centre, light rim
        b.red = r.chance(0.5f) ? r.uniform(0.04f, 0.1f) : 0.0f;  // mild erythema in some patients
    }
    return s;
}

// The planted outlier of a melanoma patient: asymmetric, irregular, multicoloured.
void make_melanoma(ImageLook& l, Rng& r) {
    l.kind = LesionKind::Melanoma;
    l.pigment = jitter({112, 64, 44}, r, 0.08f);
    l.dark = jitter({48, 32, 34}, r, 0.1f);
    l.radius = r.uniform(0.2f, 0.28f);
    l.elongation = r.uniform(1.1f, 1.6f);
    l.irregularity = r.uniform(0.65f, 0.95f);
    l.asymmetry = r.uniform(0.65f, 1.0f);
    l.softness = r.uniform(0.08f, 0.25f);
    l.opacity = r.uniform(0.85f, 0.97f);
    l.cell = r.uniform(0.018f, 0.03f);
    l.blue_grey = r.uniform(0.18f, 0.35f);
    l.black = r.uniform(0.06f, 0.18f);
    l.red = r.uniform(0.08f, 0.2f);
    l.white = r.chance(0.5f) ? r.uniform(0.05f, 0.14f) : 0.0f;
    if (r.chance(0.3f)) l.black = 0.02f;  // not every melanoma has black; blue-grey and red remain
}

// The benign outliers' colours and outline: the pigment and dark colours are
// jittered by `jitter` (in that order, then the radius is drawn from the range).
struct OutlierLook {
    LesionKind kind;
    Rgb pigment, dark;
    float jitter;
    float radius_lo, radius_hi;
    float softness, opacity;
};
constexpr OutlierLook kSeborrheicLook{LesionKind::Seborrheic, {150, 118, 84}, {92, 70, 52}, 0.05f, 0.18f, 0.25f, 0.05f, 0.9f};
constexpr OutlierLook kBlueNevusLook{LesionKind::BlueNevus, {84, 100, 120}, {54, 64, 84}, 0.05f, 0.1f, 0.16f, 0.3f, 0.9f};
constexpr OutlierLook kLentigoLook{LesionKind::Lentigo, {206, 160, 112}, {186, 136, 92}, 0.04f, 0.2f, 0.28f, 0.1f, 0.55f};

void apply(ImageLook& l, const OutlierLook& o, Rng& r) {
    l.kind = o.kind;
    l.pigment = jitter(o.pigment, r, o.jitter);
    l.dark = jitter(o.dark, r, o.jitter);
    l.radius = r.uniform(o.radius_lo, o.radius_hi);
    l.softness = o.softness;
    l.opacity = o.opacity;
}

// The planted outlier of a benign-outlier patient, chosen to differ from the nevi.
const char* make_benign_outlier(ImageLook& l, int nevus_colour, Rng& r) {
    const float w[] = {4.5f, 3.5f, nevus_colour >= 2 ? 2.0f : 0.0f};
    l.irregularity = 0.12f;
    l.asymmetry = 0.05f;
    l.blue_grey = l.black = l.red = 0;
    switch (r.pick(w)) {
        case 0:
            apply(l, kSeborrheicLook, r);
            l.white = 0;  // its milia-like cysts are drawn by the pattern
            l.cell = r.uniform(0.035f, 0.05f);
            return "seborrheic keratosis";
        case 1:
            apply(l, kBlueNevusLook, r);
            return "nevus";
        default:
            apply(l, kLentigoLook, r);
            l.irregularity = 0.45f;
            return r.chance(0.5f) ? "solar lentigo" : "lentigo NOS";
    }
}

int hairs_for(Site site, bool hairy, Rng& r) {
    if (!hairy) return r.chance(0.15f) ? r.range(1, 2) : 0;
    switch (site) {
        case Site::HeadNeck: return r.range(6, 18);
        case Site::UpperExtremity:
        case Site::LowerExtremity: return r.range(3, 12);
        case Site::PalmsSoles: return 0;
        default: return r.range(1, 8);
    }
}

std::string make_id(const char* prefix, std::set<uint32_t>& used, Rng& r) {
    uint32_t n;
    do n = static_cast<uint32_t>(r.range(10000, 9999999));
    while (!used.insert(n).second);
    char buf[24];
    std::snprintf(buf, sizeof buf, "%s%07u", prefix, n);
    return buf;
}

template <class T>
void shuffle(std::vector<T>& v, Rng& r) {
    for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[static_cast<size_t>(r.range(0, static_cast<int>(i) - 1))]);
}

// Kinds by quota: ~20% melanoma patients (a quarter of them atypical), ~8% atypical
// without melanoma, ~8% with a benign outlier, the rest typical.
std::vector<PatientKind> kind_quota(int n) {
    auto rnd = [](float x) { return static_cast<int>(x + 0.5f); };
    int mel = std::max(n >= 2 ? 1 : 0, rnd(kMelanomaPatientFraction * static_cast<float>(n)));
    int atyp_mel = mel >= 4 ? rnd(static_cast<float>(mel) / 4.0f) : 0;
    int atyp = std::max(n >= 5 ? 1 : 0, rnd(0.08f * static_cast<float>(n)));
    int benign = std::max(n >= 4 ? 1 : 0, rnd(0.08f * static_cast<float>(n)));
    std::vector<PatientKind> k;
    for (int i = 0; i < mel - atyp_mel; ++i) k.push_back(PatientKind::Melanoma);
    for (int i = 0; i < atyp_mel; ++i) k.push_back(PatientKind::AtypicalMelanoma);
    for (int i = 0; i < atyp && static_cast<int>(k.size()) < n; ++i) k.push_back(PatientKind::Atypical);
    for (int i = 0; i < benign && static_cast<int>(k.size()) < n; ++i) k.push_back(PatientKind::BenignOutlier);
    while (static_cast<int>(k.size()) < n) k.push_back(PatientKind::Typical);
    return k;
}

int lesion_count(PatientKind k, Rng& r) {
    float u = r.uniform();
    if (k == PatientKind::Atypical || k == PatientKind::AtypicalMelanoma)
        return 20 + static_cast<int>(40.0f * u * std::sqrt(u));
    int n = kMinLesions + static_cast<int>(static_cast<float>(kMaxLesions - kMinLesions + 1) * u * u * u);
    return has_planted_outlier(k) ? std::max(n, 5) : n;  // an outlier needs a context
}

// Sites for `total` lesions in the real proportions (largest remainder), shuffled.
std::vector<Site> site_quota(int total, Rng& r) {
    std::vector<Site> sites;
    float rem[kSiteCount];
    for (int s = 0; s < kSiteCount; ++s) {
        float exact = kSiteShare[s] * static_cast<float>(total);
        int whole = static_cast<int>(exact);
        rem[s] = exact - static_cast<float>(whole);
        sites.insert(sites.end(), static_cast<size_t>(whole), static_cast<Site>(s));
    }
    while (static_cast<int>(sites.size()) < total) {
        int best = static_cast<int>(std::max_element(rem, rem + kSiteCount) - rem);
        rem[best] = -1;
        sites.push_back(static_cast<Site>(best));
    }
    shuffle(sites, r);
    return sites;
}

}  // namespace

std::string_view patient_kind_name(PatientKind k) {
    switch (k) {
        case PatientKind::Typical: return "typical";
        case PatientKind::Melanoma: return "melanoma";
        case PatientKind::Atypical: return "atypical";
        case PatientKind::AtypicalMelanoma: return "atypical_melanoma";
        case PatientKind::BenignOutlier: return "benign_outlier";
    }
    return "typical";
}

std::string_view lesion_kind_name(LesionKind k) {
    constexpr std::string_view names[] = {"reticular", "globular", "homogeneous", "atypical",
                                          "melanoma", "seborrheic_keratosis", "blue_nevus", "lentigo"};
    return names[static_cast<int>(k)];
}

bool has_planted_outlier(PatientKind k) {
    return k == PatientKind::Melanoma || k == PatientKind::AtypicalMelanoma || k == PatientKind::BenignOutlier;
}

DemoDesign design_demo(const DemoOptions& options) {
    DemoDesign d;
    d.options = options;
    d.options.patients = std::clamp(options.patients, kMinPatients, kMaxPatients);
    d.options.image_size = std::clamp(options.image_size, 64, 1024);
    d.options.jpeg_quality = std::clamp(options.jpeg_quality, 30, 100);
    const int n = d.options.patients;
    const uint64_t seed = d.options.seed;

    Rng kind_rng(derive(seed, kKinds));
    std::vector<PatientKind> kinds = kind_quota(n);
    shuffle(kinds, kind_rng);
    std::vector<Sex> sexes(static_cast<size_t>(n), Sex::Female);
    const int males = static_cast<int>(kMaleFraction * static_cast<float>(n) + 0.5f);
    std::fill(sexes.begin(), sexes.begin() + males, Sex::Male);
    Rng sex_rng(derive(seed, kSexes));
    shuffle(sexes, sex_rng);

    Rng id_rng(derive(seed, kIds));
    std::set<uint32_t> used_patients, used_images;
    std::vector<int> counts(static_cast<size_t>(n));
    bool forced_max = false, forced_min = false;
    for (int i = 0; i < n; ++i) {
        DemoPatient p;
        p.id = make_id("IP_", used_patients, id_rng);
        p.kind = kinds[static_cast<size_t>(i)];
        p.sex = sexes[static_cast<size_t>(i)];
        Rng r(derive(seed, kPatient, static_cast<uint64_t>(i)));
        p.base_age = 10 + 5 * r.pick(kAgeWeights);
        int c = lesion_count(p.kind, r);
        // Show the full range in any demo of reasonable size: one 60-lesion atypical
        // patient, one typical patient with the minimum of 3.
        if (n >= 8 && !forced_max && (p.kind == PatientKind::Atypical)) c = kMaxLesions, forced_max = true;
        if (n >= 8 && !forced_min && p.kind == PatientKind::Typical) c = kMinLesions, forced_min = true;
        counts[static_cast<size_t>(i)] = c;
        d.patients.push_back(std::move(p));
    }

    int total = 0;
    for (int c : counts) total += c;
    Rng site_rng(derive(seed, kSites));
    std::vector<Site> sites = site_quota(total, site_rng);

    size_t next_site = 0;
    for (int i = 0; i < n; ++i) {
        DemoPatient& p = d.patients[static_cast<size_t>(i)];
        Rng r(derive(seed, kPatient + 100, static_cast<uint64_t>(i)));
        const Signature sig = make_signature(p.kind, p.sex, r);
        const int count = counts[static_cast<size_t>(i)];
        const int visits = r.chance(0.45f) ? 2 : (r.chance(0.12f) ? 3 : 1);
        const int outlier_at = has_planted_outlier(p.kind) ? r.range(0, count - 1) : -1;
        for (int j = 0; j < count; ++j) {
            Rng lr(derive(seed, kLesion, (static_cast<uint64_t>(i) << 16) + static_cast<uint64_t>(j)));
            DemoLesion l;
            l.image_name = make_id("ISIC_", used_images, id_rng);
            l.patient = static_cast<uint32_t>(i);
            l.site = sites[next_site++];
            l.age = std::min(90, p.base_age + 5 * lr.range(0, visits - 1));
            l.diagnosis = lr.chance(0.17f) ? "nevus" : "unknown";
            ImageLook& k = l.look;
            k = sig.base;
            k.seed = lr.next();
            k.pigment = jitter(sig.base.pigment, lr, 0.035f);
            k.dark = jitter(sig.base.dark, lr, 0.035f);
            k.radius *= lr.uniform(0.8f, 1.25f);
            k.angle = lr.uniform();
            k.irregularity = clamp01(k.irregularity + 0.02f * lr.bell());
            k.opacity = clamp01(k.opacity + 0.04f * lr.bell());
            k.cx = 0.5f + 0.05f * lr.bell();
            k.cy = 0.5f + 0.05f * lr.bell();
            k.vignette_radius += 0.01f * lr.bell();
            k.hairs = hairs_for(l.site, sig.hairy, lr);
            k.ruler = sig.ruler_camera && lr.chance(0.45f);
            if (j == outlier_at) {
                l.planted_outlier = true;
                if (p.kind == PatientKind::BenignOutlier) {
                    l.diagnosis = make_benign_outlier(k, sig.nevus_colour, lr);
                } else {
                    make_melanoma(k, lr);
                    l.diagnosis = "melanoma";
                    l.malignant = true;
                }
            }
            p.lesions.push_back(static_cast<uint32_t>(d.lesions.size()));
            d.lesions.push_back(std::move(l));
        }
    }

    // Sort rows by image name like ISIC's train.csv, then fix the patients' indices.
    std::vector<uint32_t> order(d.lesions.size());
    for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](uint32_t a, uint32_t b) { return d.lesions[a].image_name < d.lesions[b].image_name; });
    std::vector<DemoLesion> sorted;
    sorted.reserve(order.size());
    for (uint32_t i : order) sorted.push_back(std::move(d.lesions[i]));
    d.lesions = std::move(sorted);
    for (auto& p : d.patients) p.lesions.clear();
    for (uint32_t i = 0; i < d.lesions.size(); ++i) d.patients[d.lesions[i].patient].lesions.push_back(i);
    return d;
}

}  // namespace duck::demo
