// lesion_features.cpp - the dermoscopic feature vector of one lesion image.
#include "core/model/lesion_features.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/image/lab_kernels.h"
#include "core/model/lesion_structure.h"

namespace duck {

namespace {

const std::vector<FeatureInfo> kDermFeatures = {
    {"lightness", "lightness", "L*", "lighter", "darker", 1, 2.0f},
    {"redness", "redness", "a*", "redder", "less red", 1, 2.0f},
    {"yellowness", "yellow-brown tone", "b*", "more yellow-brown", "more bluish", 1, 2.0f},
    {"lightness_sd", "lightness variation", "L*", "more varied in lightness", "more uniform in lightness", 1, 1.0f},
    {"chroma_sd", "hue variation", "dE", "more varied in hue", "more uniform in hue", 1, 1.0f},
    {"skin_contrast", "contrast to the skin", "dE", "higher contrast to the skin", "lower contrast to the skin", 1, 2.0f},
    {"n_colours", "dermoscopic colours", "", "more colours", "fewer colours", 0, 0.5f},
    {"colour_entropy", "colour entropy", "bits", "more colour variety", "less colour variety", 2, 0.2f},
    {"blue_white_pct", "blue-grey/white area", "%", "more blue-grey or white areas", "fewer blue-grey or white areas", 0, 2.0f},
    {"shape_asymmetry", "shape asymmetry", "%", "more asymmetric in shape", "more symmetric in shape", 0, 3.0f},
    {"colour_asymmetry", "colour asymmetry", "dE", "more asymmetric in colour", "more symmetric in colour", 1, 1.0f},
    {"elongation", "elongation", "", "more elongated", "rounder", 2, 0.05f},
    {"compactness", "compactness", "", "border less regular", "border more regular", 2, 0.05f},
    {"radial_irregularity", "border raggedness", "%", "border more ragged", "border smoother", 1, 0.5f},
    {"border_sharpness", "border sharpness", "", "border sharper", "border more blurred", 1, 0.5f},
    {"texture", "fine texture", "L*", "more textured", "smoother in texture", 1, 0.3f},
    {"relative_area", "share of the field of view", "%", "larger", "smaller", 0, 2.0f},
};

// CIELAB prototypes of the dermoscopic colours (after white balance). Rough
// centres from the dermoscopy colour literature; a pixel counts for a colour
// when that prototype is nearer than the surrounding skin and within 30 dE.
constexpr float kPrototypes[int(DermColour::Count)][3] = {
    {88, 0, 4},    // white
    {48, 50, 30},  // red
    {58, 16, 30},  // light brown
    {32, 16, 20},  // dark brown
    {50, -2, -10}, // blue-grey
    {13, 1, 1},    // black
};
constexpr float kMaxColourDistance = 30.0f;
constexpr float kColourPresent = 0.05f;  // share of lesion pixels for a colour to count

float sq(float v) { return v * v; }

struct Shape {
    double area = 0, cx = 0, cy = 0, l1 = 0, l2 = 0;
    double e1x = 1, e1y = 0, e2x = 0, e2y = 1;
};

Shape principal_axes(const Segmentation& seg) {
    kern::Moments m = kern::moments(seg.lesion.data(), seg.width, seg.height);
    Shape s;
    s.area = m.m00;
    if (m.m00 <= 0) return s;
    s.cx = m.m10 / m.m00;
    s.cy = m.m01 / m.m00;
    double mu20 = m.m20 / m.m00 - s.cx * s.cx, mu02 = m.m02 / m.m00 - s.cy * s.cy;
    double mu11 = m.m11 / m.m00 - s.cx * s.cy;
    double half = 0.5 * (mu20 + mu02), root = std::sqrt(0.25 * sq(float(mu20 - mu02)) + mu11 * mu11);
    s.l1 = half + root;
    s.l2 = std::max(0.0, half - root);
    double th = 0.5 * std::atan2(2 * mu11, mu20 - mu02);
    s.e1x = std::cos(th);
    s.e1y = std::sin(th);
    s.e2x = -s.e1y;
    s.e2y = s.e1x;
    return s;
}

bool in_lesion(const Segmentation& seg, int x, int y) {
    return x >= 0 && y >= 0 && x < seg.width && y < seg.height && seg.lesion[size_t(y) * seg.width + x];
}

// std::lround (halves away from zero) without the library call, for pixel coordinates.
int round_coord(double v) { return int(v < 0 ? v - 0.5 : v + 0.5); }

// The lesion mask with a one-pixel frame of zeros, so neighbour tests need no
// bounds checks: row(y)[x] for x in [-1, w], y in [-1, h].
struct PaddedMask {
    int w = 0, h = 0, stride = 0;
    std::vector<uint8_t> px;
    explicit PaddedMask(const Segmentation& seg) : w(seg.width), h(seg.height), stride(seg.width + 2) {
        px.assign(size_t(stride) * (h + 2), 0);
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) px[size_t(y + 1) * stride + x + 1] = seg.lesion[size_t(y) * w + x] != 0;
    }
    const uint8_t* row(int y) const { return px.data() + size_t(y + 1) * stride + 1; }
};

// Lesion pixels with a 4-neighbour outside the lesion (or outside the image), in raster order.
std::vector<std::pair<int, int>> boundary_pixels(const PaddedMask& m) {
    std::vector<std::pair<int, int>> out;
    for (int y = 0; y < m.h; ++y) {
        const uint8_t *up = m.row(y - 1), *c = m.row(y), *dn = m.row(y + 1);
        for (int x = 0; x < m.w; ++x)
            if (c[x] && !(c[x - 1] & c[x + 1] & up[x] & dn[x])) out.emplace_back(x, y);
    }
    return out;
}

// Shape asymmetry (% of area not covered by the mirror image) and colour
// asymmetry (mean dE between mirrored pixels), averaged over both principal axes.
void asymmetry(const Segmentation& seg, const Shape& s, const LabImage& lab, float& shape_pct,
               float& colour_de) {
    double miss = 0, de = 0, pairs = 0;
    for (int y = 0; y < seg.height; ++y)
        for (int x = 0; x < seg.width; ++x) {
            if (!seg.lesion[size_t(y) * seg.width + x]) continue;
            double qx = x - s.cx, qy = y - s.cy;
            double u = qx * s.e1x + qy * s.e1y, v = qx * s.e2x + qy * s.e2y;
            // Mirror across the major axis (v -> -v), then across the minor axis (u -> -u).
            const double mx[2] = {s.cx + qx - 2 * v * s.e2x, s.cx + qx - 2 * u * s.e1x};
            const double my[2] = {s.cy + qy - 2 * v * s.e2y, s.cy + qy - 2 * u * s.e1y};
            for (int k = 0; k < 2; ++k) {
                int rx = round_coord(mx[k]), ry = round_coord(my[k]);
                if (!in_lesion(seg, rx, ry)) {
                    miss += 1;
                    continue;
                }
                size_t i = size_t(y) * seg.width + x, j = size_t(ry) * seg.width + rx;
                de += std::sqrt(sq(lab.L[i] - lab.L[j]) + sq(lab.a[i] - lab.a[j]) + sq(lab.b[i] - lab.b[j]));
                pairs += 1;
            }
        }
    shape_pct = float(s.area > 0 ? 100.0 * miss / (2 * s.area) : 0);
    colour_de = float(pairs > 0 ? de / pairs : 0);
}

// Perimeter by the Cauchy-Crofton formula over 4 line directions: far less
// orientation-dependent than counting boundary pixels (a disc gives 2*pi*r).
double crofton_perimeter(const PaddedMask& m) {
    double n0 = 0, n90 = 0, n45 = 0, n135 = 0;
    for (int y = -1; y < m.h; ++y) {
        const uint8_t *c = m.row(y), *dn = m.row(y + 1);
        int a0 = 0, a90 = 0, a45 = 0, a135 = 0;
        for (int x = -1; x < m.w; ++x) {
            a0 += c[x] != c[x + 1];
            a90 += c[x] != dn[x];
            a45 += c[x] != dn[x + 1];
            a135 += c[x + 1] != dn[x];
        }
        n0 += a0, n90 += a90, n45 += a45, n135 += a135;
    }
    return M_PI / 8.0 * (n0 + n90 + (n45 + n135) / std::sqrt(2.0));
}

// Border raggedness: spread of the boundary radius around its smoothed profile
// (% of the mean radius), so an ellipse is smooth but a notched border is not.
float radial_irregularity(const std::vector<std::pair<int, int>>& boundary, const Shape& s) {
    double r_eq = std::sqrt(s.area / M_PI);
    int nb = r_eq > 20 ? 64 : 32;
    std::vector<double> rmax(nb, -1);
    for (const auto& [x, y] : boundary) {
        double dx = x - s.cx, dy = y - s.cy;
        int bin = int(std::floor((std::atan2(dy, dx) + M_PI) / (2 * M_PI) * nb)) % nb;
        rmax[bin] = std::max(rmax[bin], std::hypot(dx, dy));
    }
    // Empty bins take the nearest filled neighbour (tiny lesions).
    for (int pass = 0; pass < nb; ++pass) {
        bool empty = false;
        for (int i = 0; i < nb; ++i)
            if (rmax[i] < 0) {
                double l = rmax[(i + nb - 1) % nb], r = rmax[(i + 1) % nb];
                rmax[i] = std::max(l, r) >= 0 ? (l >= 0 && r >= 0 ? 0.5 * (l + r) : std::max(l, r)) : -1;
                empty |= rmax[i] < 0;
            }
        if (!empty) break;
    }
    int win = nb / 16;
    double mean = 0, var = 0;
    for (int i = 0; i < nb; ++i) {
        double sm = 0;
        for (int k = -win; k <= win; ++k) sm += rmax[(i + k + nb) % nb];
        sm /= 2 * win + 1;
        mean += rmax[i];
        var += sq(float(rmax[i] - sm));
    }
    mean /= nb;
    return mean > 0 ? float(100.0 * std::sqrt(var / nb) / mean) : 0.0f;
}

// Mean outward lightness gradient at the border, in units of the lesion-skin
// contrast per lesion radius (scale-free: large = sharp edge).
float border_sharpness(const Segmentation& seg, const std::vector<std::pair<int, int>>& boundary, const Shape& s,
                       const std::vector<float>& Lb, float contrast_L) {
    size_t n = Lb.size();
    std::vector<float> gx(n), gy(n);
    kern::gradient(Lb.data(), gx.data(), gy.data(), seg.width, seg.height);
    double acc = 0, cnt = 0;
    for (const auto& [x, y] : boundary) {
        double dx = x - s.cx, dy = y - s.cy, r = std::hypot(dx, dy);
        if (r < 1e-6) continue;
        size_t i = size_t(y) * seg.width + x;
        acc += (gx[i] * dx + gy[i] * dy) / r;
        cnt += 1;
    }
    if (cnt == 0) return 0;
    double r_eq = std::sqrt(s.area / M_PI);
    return float(std::clamp(acc / cnt * r_eq / std::max(5.0f, std::fabs(contrast_L)), 0.0, 50.0));
}

float colour_entropy(const LabImage& lab, const Segmentation& seg) {
    std::vector<uint32_t> hist(10 * 8 * 8, 0);
    double total = 0;
    for (size_t i = 0; i < seg.lesion.size(); ++i) {
        if (!seg.lesion[i]) continue;
        int l = std::clamp(int(lab.L[i] / 10.0f), 0, 9);
        int a = std::clamp(int((lab.a[i] + 10.0f) / 7.5f), 0, 7);
        int b = std::clamp(int((lab.b[i] + 30.0f) / 10.0f), 0, 7);
        hist[(l * 8 + a) * 8 + b]++;
        total += 1;
    }
    double e = 0;
    for (uint32_t c : hist)
        if (c) e -= c / total * std::log2(c / total);
    return float(e);
}

}  // namespace

std::string format_feature_value(float v, const FeatureInfo& f) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", f.decimals, double(v));
    std::string s = buf;
    std::string unit = f.unit;
    if (unit == "%") return s + "%";
    return unit.empty() ? s : s + " " + unit;
}

std::string_view derm_colour_name(DermColour c) {
    static const char* names[] = {"white", "red", "light brown", "dark brown", "blue-grey", "black"};
    return names[std::clamp(int(c), 0, int(DermColour::Count) - 1)];
}

const std::vector<FeatureInfo>& DermFeatureExtractor::features() const {
    static const std::vector<FeatureInfo> all = [] {
        std::vector<FeatureInfo> v = kDermFeatures;
        const auto& more = structure_feature_info();
        v.insert(v.end(), more.begin(), more.end());
        return v;
    }();
    return all;
}

std::vector<float> colour_fractions(const LabImage& lab, const Segmentation& seg,
                                    const float skin_lab[3]) {
    const int nc = int(DermColour::Count);
    std::vector<float> frac(nc, 0.0f);
    double total = 0;
    for (size_t i = 0; i < seg.lesion.size(); ++i) {
        if (!seg.lesion[i]) continue;
        total += 1;
        float best = sq(lab.L[i] - skin_lab[0]) + sq(lab.a[i] - skin_lab[1]) + sq(lab.b[i] - skin_lab[2]);
        int pick = -1;
        for (int c = 0; c < nc; ++c) {
            float d = sq(lab.L[i] - kPrototypes[c][0]) + sq(lab.a[i] - kPrototypes[c][1]) +
                      sq(lab.b[i] - kPrototypes[c][2]);
            if (d < best && d < kMaxColourDistance * kMaxColourDistance) {
                best = d;
                pick = c;
            }
        }
        if (pick >= 0) frac[pick] += 1;
    }
    if (total > 0)
        for (float& f : frac) f = float(f / total);
    return frac;
}

Result<LesionFeatures> DermFeatureExtractor::extract(const ImageRGBA& in) const {
    if (in.empty() || in.pixels.size() != size_t(in.width) * in.height * 4)
        return Error{"image has no pixels or a wrong buffer size"};
    if (std::min(in.width, in.height) < 16)
        return Error{"image too small for analysis (" + std::to_string(in.width) + "x" +
                     std::to_string(in.height) + ", need at least 16 px per side)"};
    // The pipeline's analysis image is already at the feature size: used as-is.
    ImageRGBA reduced;
    const bool small = std::max(in.width, in.height) <= kFeatureSize;
    if (!small) reduced = reduce_to_analysis(in, kFeatureSize);
    const ImageRGBA& img = small ? in : reduced;
    const int w = img.width, h = img.height;
    const size_t n = size_t(w) * h;
    auto field = field_of_view(img);
    LabImage lab = to_lab(img, shades_of_grey_gains(img, field));
    // Lengths below are stated for a 256 px image and scaled to this one.
    float sigma = 1.5f * std::max(w, h) / 256.0f;
    LabImage blurred{w, h, gaussian_blur(lab.L, w, h, sigma), gaussian_blur(lab.a, w, h, sigma),
                     gaussian_blur(lab.b, w, h, sigma)};

    LesionFeatures out;
    out.seg = segment_lesion(blurred, std::move(field));
    const Segmentation& seg = out.seg;
    out.segmentation_fallback = seg.fallback;
    out.note = seg.note;
    Shape shape = principal_axes(seg);
    double r_eq = std::sqrt(shape.area / M_PI);

    // Colour inside the lesion and in a ring of skin around it.
    kern::PlaneStats in_st = kern::masked_stats(lab.L.data(), lab.a.data(), lab.b.data(), seg.lesion.data(), n);
    auto dist = distance_transform(seg.lesion, w, h);
    float gap = 2.0f * sigma, ring_w = std::max(4.0f * sigma, 0.5f * float(r_eq));
    std::vector<uint8_t> ring(n);
    for (size_t i = 0; i < n; ++i) ring[i] = seg.field[i] && dist[i] > gap && dist[i] <= gap + ring_w;
    kern::PlaneStats skin_st = kern::masked_stats(lab.L.data(), lab.a.data(), lab.b.data(), ring.data(), n);
    if (skin_st.count < 20) {  // lesion fills the frame: use whatever skin is left
        for (size_t i = 0; i < n; ++i) ring[i] = seg.field[i] && !seg.lesion[i];
        skin_st = kern::masked_stats(lab.L.data(), lab.a.data(), lab.b.data(), ring.data(), n);
    }
    float mean[3], sd[3], skin[3];
    for (int c = 0; c < 3; ++c) {
        double cnt = std::max(in_st.count, 1.0);
        mean[c] = float(in_st.sum[c] / cnt);
        sd[c] = float(std::sqrt(std::max(0.0, in_st.sq[c] / cnt - double(mean[c]) * mean[c])));
        skin[c] = skin_st.count > 0 ? float(skin_st.sum[c] / skin_st.count) : mean[c];
    }

    auto frac = colour_fractions(blurred, seg, skin);
    int n_colours = 0;
    for (float f : frac) n_colours += f >= kColourPresent;

    // Fine texture: high-frequency lightness inside the lesion, away from its edge.
    std::vector<float> hf(n);
    auto inner = morph_disc(seg.lesion, w, h, gap, false);  // away from the lesion's edge
    for (size_t i = 0; i < n; ++i) hf[i] = lab.L[i] - blurred.L[i];
    kern::PlaneStats tex = kern::masked_stats(hf.data(), hf.data(), hf.data(), inner.data(), n);
    float texture = tex.count > 0 ? float(std::sqrt(std::max(0.0, tex.sq[0] / tex.count -
                                                             sq(float(tex.sum[0] / tex.count)))))
                                  : 0.0f;

    float shape_asym = 0, colour_asym = 0;
    asymmetry(seg, shape, blurred, shape_asym, colour_asym);
    const PaddedMask padded(seg);
    const auto boundary = boundary_pixels(padded);
    double perimeter = crofton_perimeter(padded);

    std::vector<float>& v = out.values;
    v.assign(kDermFeatureCount, 0.0f);
    v[kLightness] = mean[0];
    v[kRedness] = mean[1];
    v[kYellowness] = mean[2];
    v[kLightnessSpread] = sd[0];
    v[kColourSpread] = std::sqrt(sd[1] * sd[1] + sd[2] * sd[2]);
    v[kSkinContrast] = std::sqrt(sq(mean[0] - skin[0]) + sq(mean[1] - skin[1]) + sq(mean[2] - skin[2]));
    v[kColourCount] = float(n_colours);
    v[kColourEntropy] = colour_entropy(blurred, seg);
    v[kBlueWhiteFraction] = 100.0f * (frac[int(DermColour::White)] + frac[int(DermColour::BlueGrey)]);
    v[kShapeAsymmetry] = shape_asym;
    v[kColourAsymmetry] = colour_asym;
    v[kElongation] = shape.l1 > 0 ? float(1.0 - std::sqrt(shape.l2 / shape.l1)) : 0.0f;
    v[kCompactness] = shape.area > 0 ? float(perimeter * perimeter / (4 * M_PI * shape.area)) : 0.0f;
    v[kBorderIrregularity] = radial_irregularity(boundary, shape);
    v[kBorderSharpness] = border_sharpness(seg, boundary, shape, blurred.L, skin[0] - mean[0]);
    v[kTexture] = texture;
    v[kRelativeArea] = 100.0f * seg.area_fraction;
    const std::vector<float> structure = structure_features(lab, blurred, seg, sigma, seg.skin);
    v.insert(v.end(), structure.begin(), structure.end());
    (void)r_eq;
    return out;
}

Result<LesionFeatures> compute_features(const ImageRGBA& img) {
    static const DermFeatureExtractor extractor;
    return extractor.extract(img);
}

}  // namespace duck
