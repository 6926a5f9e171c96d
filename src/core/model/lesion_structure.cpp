// lesion_structure.cpp - texture, dots, lines, rim/sector colour and border
// variability inside one lesion mask (lesion_structure.h).
#include "core/model/lesion_structure.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace duck {

namespace {

// Words and floors (smallest meaningful difference between two lesions) of the
// features before the colour areas, in StructureFeature order.
const FeatureInfo kStructureInfo[kColourAreaFirst] = {
    {"lbp_entropy", "variety of fine patterns", "bits", "more varied in fine pattern", "more uniform in fine pattern", 2, 0.1f},
    {"lbp_irregular", "irregular fine pattern", "%", "more irregular in fine pattern", "more regular in fine pattern", 0, 2.0f},
    {"contrast_fine", "fine-scale contrast", "L*", "more contrast between neighbouring pixels", "less contrast between neighbouring pixels", 1, 0.3f},
    {"contrast_coarse", "coarse-scale contrast", "L*", "more patchy", "less patchy", 1, 0.5f},
    {"contrast_ratio", "coarse-to-fine contrast", "", "coarser in structure", "finer in structure", 2, 0.1f},
    {"dot_density", "dark dots and globules", "per 100 px", "more dots and globules", "fewer dots and globules", 1, 0.3f},
    {"dot_irregularity", "irregular dots and globules", "", "more uneven in its dots and globules", "more even in its dots and globules", 2, 0.05f},
    {"line_density", "dark lines (network, streaks)", "%", "more dark lines", "fewer dark lines", 0, 1.0f},
    {"rim_centre_de", "rim-to-centre colour change", "dE", "more colour change from rim to centre", "less colour change from rim to centre", 1, 1.0f},
    {"sector_de", "colour difference between sectors", "dE", "more uneven in colour around the lesion", "more even in colour around the lesion", 1, 1.0f},
    {"sector_lightness_sd", "lightness difference between sectors", "L*", "more uneven in darkness around the lesion", "more even in darkness around the lesion", 1, 0.5f},
    {"border_gradient_cv", "uneven border sharpness", "", "more uneven in border sharpness", "more even in border sharpness", 2, 0.05f},
    {"blue_veil_pct", "blue-grey veil area", "%", "more blue-grey veil", "less blue-grey veil", 0, 2.0f},
    {"white_scar_pct", "white scar-like area", "%", "more white scar-like areas", "fewer white scar-like areas", 0, 2.0f},
    {"lightness_range", "range of darkness", "L*", "wider range from light to dark", "narrower range from light to dark", 1, 1.0f},
    {"saturation_sd", "saturation variation", "C*", "more varied in saturation", "more uniform in saturation", 1, 0.5f},
    {"mirror_colour_min", "colour asymmetry on every axis", "dE", "more asymmetric in colour on every axis", "more symmetric in colour about some axis", 1, 0.5f},
    {"mirror_colour_coarse", "blotch asymmetry", "dE", "more asymmetric in its blotches", "more symmetric in its blotches", 1, 0.5f},
    {"dark_off_centre", "off-centre darkest part", "", "more off-centre in its darkest part", "more central in its darkest part", 2, 0.05f},
    {"colour_clusters", "distinct colour shades", "", "more distinct colour shades", "fewer distinct colour shades", 0, 0.5f},
    {"skin_contrast_cv", "uneven contrast to the skin", "", "contrast to the skin more uneven", "contrast to the skin more even", 2, 0.03f},
    {"texture_sector_cv", "uneven texture around the lesion", "", "more uneven in texture around the lesion", "more even in texture around the lesion", 2, 0.05f},
    {"line_sector_cv", "uneven dark lines around the lesion", "", "more uneven in its dark lines", "more even in its dark lines", 2, 0.1f},
    {"grey_dots_pct", "grey-blue dots (peppering)", "%", "more grey-blue dots", "fewer grey-blue dots", 0, 5.0f},
};

// The colour areas: lightness relative to the skin (L* difference bounds) x hue.
constexpr float kDarkerBounds[4] = {-40, -25, -12, 0};  // L* - skin L*: 5 classes
constexpr const char* kLightnessWords[5][2] = {{"very_dark", "very dark"}, {"dark", "dark"},
                                                {"mid", "mid-dark"}, {"light", "light"},
                                                {"pale", "paler-than-skin"}};
constexpr const char* kHueWords[4][2] = {{"grey_blue", "grey-blue"}, {"red", "red"}, {"brown", "brown"},
                                          {"yellow", "yellow-brown"}};

// Hue class of a CIELAB colour: grey or blue (little chroma, or b* < 0), red
// (hue angle < 30 degrees), brown (< 55), yellow-brown.
int hue_class(float a, float b) {
    if (std::hypot(a, b) < 8 || b < 0) return 0;
    float hue = std::atan2(b, a) * float(180 / M_PI);
    return hue < 30 ? 1 : hue < 55 ? 2 : 3;
}

int lightness_class(float dl) {
    int c = 0;
    while (c < 4 && dl >= kDarkerBounds[c]) ++c;
    return c;
}

float sq(float v) { return v * v; }

struct Grid {
    int w, h;
    size_t at(int x, int y) const { return size_t(y) * size_t(w) + size_t(x); }
    bool inside(int x, int y) const { return x >= 0 && y >= 0 && x < w && y < h; }
};

// Bilinear sample of a plane (coordinates inside the image).
float sample(const std::vector<float>& p, const Grid& g, float x, float y) {
    x = std::clamp(x, 0.0f, float(g.w - 1));
    y = std::clamp(y, 0.0f, float(g.h - 1));
    int x0 = std::min(int(x), g.w - 2), y0 = std::min(int(y), g.h - 2);
    float fx = x - float(x0), fy = y - float(y0);
    const float* r0 = &p[g.at(x0, y0)];
    const float* r1 = &p[g.at(x0, y0 + 1)];
    return (1 - fy) * ((1 - fx) * r0[0] + fx * r0[1]) + fy * ((1 - fx) * r1[0] + fx * r1[1]);
}

// Rotation-invariant uniform LBP histogram over `mask` (8 neighbours on a
// circle of radius r; a neighbour counts as brighter when it exceeds the centre
// by more than `tol` L*, so JPEG noise on flat skin is not texture).
// Returns the 10-bin histogram (0..8 ones on one arc, 9 = non-uniform).
std::vector<double> lbp_histogram(const std::vector<float>& L, const Grid& g, const std::vector<uint8_t>& mask, float r,
                                  float tol) {
    std::vector<double> hist(10, 0.0);
    float ox[8], oy[8];
    for (int k = 0; k < 8; ++k) {
        ox[k] = r * std::cos(float(M_PI) / 4 * float(k));
        oy[k] = r * std::sin(float(M_PI) / 4 * float(k));
    }
    for (int y = 0; y < g.h; ++y)
        for (int x = 0; x < g.w; ++x) {
            if (!mask[g.at(x, y)]) continue;
            float c = L[g.at(x, y)];
            int bits[8], ones = 0;
            for (int k = 0; k < 8; ++k) {
                bits[k] = sample(L, g, float(x) + ox[k], float(y) + oy[k]) > c + tol;
                ones += bits[k];
            }
            int transitions = 0;
            for (int k = 0; k < 8; ++k) transitions += bits[k] != bits[(k + 1) % 8];
            hist[transitions <= 2 ? ones : 9] += 1;
        }
    return hist;
}

// Mean |L(p) - L(p + offset)| over pairs inside `mask`, averaged over four
// directions 45 degrees apart (lag d on the axes, d / sqrt 2 on the diagonals).
float lag_contrast(const std::vector<float>& L, const Grid& g, const std::vector<uint8_t>& mask, int d) {
    int dd = std::max(1, int(std::lround(d / std::sqrt(2.0))));
    const int off[4][2] = {{d, 0}, {0, d}, {dd, dd}, {dd, -dd}};
    double total = 0;
    int dirs = 0;
    for (const auto& o : off) {
        double s = 0, n = 0;
        for (int y = 0; y < g.h; ++y)
            for (int x = 0; x < g.w; ++x) {
                int x2 = x + o[0], y2 = y + o[1];
                if (!mask[g.at(x, y)] || !g.inside(x2, y2) || !mask[g.at(x2, y2)]) continue;
                s += std::fabs(L[g.at(x, y)] - L[g.at(x2, y2)]);
                n += 1;
            }
        if (n > 0) total += s / n, ++dirs;
    }
    return dirs ? float(total / dirs) : 0.0f;
}

double mean_of(const std::vector<double>& v) {
    double s = 0;
    for (double x : v) s += x;
    return v.empty() ? 0 : s / double(v.size());
}

double sd_of(const std::vector<double>& v) {
    double m = mean_of(v), s = 0;
    for (double x : v) s += (x - m) * (x - m);
    return v.empty() ? 0 : std::sqrt(s / double(v.size()));
}


// std::lround for coordinates well inside int's range, without the library
// call: the truncation and the remainder v - i are exact, so halves round away
// from zero exactly as std::lround does.
int round_half_away(double v) {
    const int i = int(v);
    const double f = v - double(i);
    return f >= 0.5 ? i + 1 : f <= -0.5 ? i - 1 : i;
}

// Mean colour difference between each lesion pixel and its mirror image about
// the line through (cx, cy) at each of 8 angles (pairs leaving the lesion are
// skipped); returns the smallest: the lesion's most symmetric axis. Both images
// are measured in one pass per angle, as the mirror pixel depends on the mask
// and the axis only (sums are taken in the same order as image by image).
void least_mirror_differences(const LabImage& c0, const LabImage& c1, const std::vector<uint8_t>& lesion,
                              const Grid& g, double cx, double cy, float& out0, float& out1) {
    double best[2] = {-1, -1};
    for (int k = 0; k < 8; ++k) {
        const double th = M_PI * k / 8, ex = std::cos(th), ey = std::sin(th);
        double de0 = 0, de1 = 0, pairs = 0;
        for (int y = 0; y < g.h; ++y)
            for (int x = 0; x < g.w; ++x) {
                const size_t i = g.at(x, y);
                if (!lesion[i]) continue;
                const double qx = x - cx, qy = y - cy, u = qx * ex + qy * ey;
                const int rx = round_half_away(cx + 2 * u * ex - qx), ry = round_half_away(cy + 2 * u * ey - qy);
                if (!g.inside(rx, ry) || !lesion[g.at(rx, ry)]) continue;
                const size_t j = g.at(rx, ry);
                de0 += std::sqrt(sq(c0.L[i] - c0.L[j]) + sq(c0.a[i] - c0.a[j]) + sq(c0.b[i] - c0.b[j]));
                de1 += std::sqrt(sq(c1.L[i] - c1.L[j]) + sq(c1.a[i] - c1.a[j]) + sq(c1.b[i] - c1.b[j]));
                pairs += 1;
            }
        if (pairs > 0 && (best[0] < 0 || de0 / pairs < best[0])) best[0] = de0 / pairs;
        if (pairs > 0 && (best[1] < 0 || de1 / pairs < best[1])) best[1] = de1 / pairs;
    }
    out0 = float(std::max(best[0], 0.0));
    out1 = float(std::max(best[1], 0.0));
}

}  // namespace

const std::vector<FeatureInfo>& structure_feature_info() {
    // The colour areas' strings live as long as the table (built once).
    static const std::vector<std::string> words = [] {
        std::vector<std::string> w;
        for (int l = 0; l < 5; ++l)
            for (int h = 0; h < 4; ++h) {
                std::string name = std::string(kLightnessWords[l][1]) + " " + kHueWords[h][1];
                w.push_back(std::string("area_") + kLightnessWords[l][0] + "_" + kHueWords[h][0]);
                w.push_back(name + " area");
                w.push_back("more " + name);
                w.push_back("less " + name);
            }
        return w;
    }();
    static const std::vector<FeatureInfo> info = [] {
        std::vector<FeatureInfo> v(kStructureInfo, kStructureInfo + kColourAreaFirst);
        for (int k = 0; k < kColourAreas; ++k)
            v.push_back({words[size_t(4 * k)].c_str(), words[size_t(4 * k + 1)].c_str(), "%",
                         words[size_t(4 * k + 2)].c_str(), words[size_t(4 * k + 3)].c_str(), 0, 2.0f});
        return v;
    }();
    return info;
}

std::vector<float> structure_features(const LabImage& lab, const LabImage& blurred, const Segmentation& seg,
                                      float sigma, const float skin[3]) {
    std::vector<float> v(kStructureFeatureCount, 0.0f);
    const Grid g{seg.width, seg.height};
    const size_t n = size_t(g.w) * size_t(g.h);
    if (g.w < 4 || g.h < 4 || lab.L.size() != n || seg.lesion.size() != n) return v;

    // Distance to the outside of the lesion: the rim/centre split and the
    // inner part away from the segmentation's edge.
    std::vector<uint8_t> outside(n);
    for (size_t i = 0; i < n; ++i) outside[i] = !seg.lesion[i];
    const std::vector<float> depth = distance_transform(outside, g.w, g.h);
    float max_depth = 0;
    double area = 0, cx = 0, cy = 0;
    for (int y = 0; y < g.h; ++y)
        for (int x = 0; x < g.w; ++x)
            if (seg.lesion[g.at(x, y)]) {
                max_depth = std::max(max_depth, depth[g.at(x, y)]);
                area += 1, cx += x, cy += y;
            }
    if (area < 16) return v;
    cx /= area, cy /= area;
    std::vector<uint8_t> inner(n);
    const float gap = std::max(1.0f, 2.0f * sigma);
    // The 8 angular sectors around the centroid, of each lesion pixel (used twice below).
    std::vector<uint8_t> sector8(n, 0);
    for (int y = 0; y < g.h; ++y)
        for (int x = 0; x < g.w; ++x)
            if (seg.lesion[g.at(x, y)]) {
                const double ang = std::atan2(double(y) - cy, double(x) - cx) + M_PI;
                sector8[g.at(x, y)] = uint8_t(std::min(7, int(ang / (2 * M_PI) * 8)));
            }
    for (size_t i = 0; i < n; ++i) inner[i] = seg.lesion[i] && depth[i] > gap;

    // Texture: LBP codes at radius 1 and 2, lightness contrast at lags 1 and 4.
    auto h1 = lbp_histogram(lab.L, g, inner, 1.0f, 1.0f);
    auto h2 = lbp_histogram(lab.L, g, inner, 2.0f, 1.0f);
    double t1 = 0, t2 = 0;
    for (int k = 0; k < 10; ++k) t1 += h1[size_t(k)], t2 += h2[size_t(k)];
    double ent = 0;
    for (double c : h1)
        if (c > 0) ent -= c / t1 * std::log2(c / t1);
    v[kLbpEntropy] = float(ent);
    v[kLbpIrregular] = t2 > 0 ? float(100.0 * h2[9] / t2) : 0.0f;
    v[kContrastFine] = lag_contrast(lab.L, g, inner, 1);
    v[kContrastCoarse] = lag_contrast(lab.L, g, inner, 4);
    v[kContrastRatio] = v[kContrastFine] > 0.05f ? v[kContrastCoarse] / v[kContrastFine] : 0.0f;

    // Dots and globules: local minima of a difference of Gaussians of L*
    // (sigma 1 and 2 px) deeper than 2 L*. Lines: a dark ridge where the
    // Hessian's larger eigenvalue (sigma 1 px) is clearly positive and
    // dominates the other (a line, not a blob).
    const std::vector<float> g1 = gaussian_blur(lab.L, g.w, g.h, 1.0f);
    const std::vector<float> g2 = gaussian_blur(lab.L, g.w, g.h, 2.0f);
    std::vector<double> dot_depth;
    double inner_area = 0, ridge = 0, grey_dots = 0;
    double sec_n[8] = {}, sec_contrast[8] = {}, sec_ridge[8] = {};
    for (int y = 1; y + 1 < g.h; ++y)
        for (int x = 1; x + 1 < g.w; ++x) {
            size_t i = g.at(x, y);
            if (!inner[i]) continue;
            inner_area += 1;
            float dog = g1[i] - g2[i];
            bool minimum = dog < -2.0f;
            for (int dy = -1; dy <= 1 && minimum; ++dy)
                for (int dx = -1; dx <= 1; ++dx) {
                    size_t j = g.at(x + dx, y + dy);
                    if (j != i && g1[j] - g2[j] <= dog) {
                        minimum = false;
                        break;
                    }
                }
            const int sector = sector8[i];
            sec_n[sector] += 1;
            sec_contrast[sector] += 0.25 * (std::fabs(lab.L[i] - lab.L[i + 1]) + std::fabs(lab.L[i] - lab.L[i - 1]) +
                                            std::fabs(lab.L[i] - lab.L[i + size_t(g.w)]) +
                                            std::fabs(lab.L[i] - lab.L[i - size_t(g.w)]));
            if (minimum) {
                dot_depth.push_back(-dog);
                grey_dots += blurred.b[i] < skin[2] - 10;
            }
            float lxx = g1[i - 1] - 2 * g1[i] + g1[i + 1];
            float lyy = g1[i - size_t(g.w)] - 2 * g1[i] + g1[i + size_t(g.w)];
            float lxy = 0.25f * (g1[i + size_t(g.w) + 1] - g1[i + size_t(g.w) - 1] - g1[i - size_t(g.w) + 1] +
                                 g1[i - size_t(g.w) - 1]);
            float half = 0.5f * (lxx + lyy), root = std::sqrt(0.25f * sq(lxx - lyy) + lxy * lxy);
            float l1 = half + root, l2 = half - root;
            if (l1 > 1.5f && l1 > 2.0f * std::fabs(l2)) ridge += 1, sec_ridge[sector] += 1;
        }
    std::vector<double> sector_contrast, sector_lines;
    for (int s = 0; s < 8; ++s)
        if (sec_n[s] >= 8) {
            sector_contrast.push_back(sec_contrast[s] / sec_n[s]);
            sector_lines.push_back(sec_ridge[s] / sec_n[s]);
        }
    if (sector_contrast.size() >= 4) {
        v[kTextureSectorCv] = float(sd_of(sector_contrast) / std::max(mean_of(sector_contrast), 0.5));
        v[kLineSectorCv] = float(sd_of(sector_lines) / std::max(mean_of(sector_lines), 0.02));
    }
    if (!dot_depth.empty()) v[kGreyDots] = float(100.0 * grey_dots / double(dot_depth.size()));
    if (inner_area > 0) {
        v[kDotDensity] = float(100.0 * double(dot_depth.size()) / inner_area);
        v[kLineDensity] = float(100.0 * ridge / inner_area);
    }
    if (dot_depth.size() >= 2) v[kDotIrregularity] = float(sd_of(dot_depth) / std::max(mean_of(dot_depth), 1e-6));

    // Colour of the rim (outer third by depth) against the centre (inner third),
    // and of 8 angular sectors around the centroid.
    double rim[4] = {0, 0, 0, 0}, core[4] = {0, 0, 0, 0};
    double sec[8][4] = {};
    std::vector<float> Ls, chroma;
    Ls.reserve(size_t(area));
    chroma.reserve(size_t(area));
    double veil = 0, scar = 0;
    const float skin_chroma = std::hypot(skin[1], skin[2]);
    for (int y = 0; y < g.h; ++y)
        for (int x = 0; x < g.w; ++x) {
            size_t i = g.at(x, y);
            if (!seg.lesion[i]) continue;
            const float c[3] = {blurred.L[i], blurred.a[i], blurred.b[i]};
            double* acc = depth[i] <= max_depth / 3 ? rim : depth[i] > 2 * max_depth / 3 ? core : nullptr;
            if (acc) {
                for (int k = 0; k < 3; ++k) acc[k] += c[k];
                acc[3] += 1;
            }
            const int s = sector8[i];
            for (int k = 0; k < 3; ++k) sec[s][k] += c[k];
            sec[s][3] += 1;
            Ls.push_back(lab.L[i]);
            float ch = std::hypot(lab.a[i], lab.b[i]);
            chroma.push_back(ch);
            // Blue-white veil: bluer than the skin and darker; regression:
            // lighter than the skin and paler.
            if (c[2] < skin[2] - 10 && c[0] < skin[0] - 10) veil += 1;
            if (c[0] > skin[0] + 3 && std::hypot(c[1], c[2]) < 0.8f * skin_chroma) scar += 1;
        }
    if (rim[3] > 0 && core[3] > 0)
        v[kRimCentreDE] = float(std::sqrt(sq(float(rim[0] / rim[3] - core[0] / core[3])) +
                                          sq(float(rim[1] / rim[3] - core[1] / core[3])) +
                                          sq(float(rim[2] / rim[3] - core[2] / core[3]))));
    std::vector<double> sector_L;
    double largest = 0;
    for (int s = 0; s < 8; ++s) {
        if (sec[s][3] < 4) continue;
        sector_L.push_back(sec[s][0] / sec[s][3]);
        for (int t = 0; t < s; ++t) {
            if (sec[t][3] < 4) continue;
            double d = 0;
            for (int k = 0; k < 3; ++k) d += sq(float(sec[s][k] / sec[s][3] - sec[t][k] / sec[t][3]));
            largest = std::max(largest, std::sqrt(d));
        }
    }
    v[kSectorDE] = float(largest);
    v[kSectorLightnessSd] = float(sd_of(sector_L));
    v[kBlueVeil] = float(100.0 * veil / area);
    v[kWhiteScar] = float(100.0 * scar / area);
    // The 5th and 95th percentiles by selection (the same values a full sort gives).
    const auto p95 = Ls.begin() + long(0.95 * double(Ls.size() - 1));
    std::nth_element(Ls.begin(), p95, Ls.end());
    const float l95 = *p95;
    const auto p05 = Ls.begin() + long(0.05 * double(Ls.size() - 1));
    std::nth_element(Ls.begin(), p05, p95);
    v[kLightnessRange] = l95 - *p05;
    std::vector<double> chroma_d(chroma.begin(), chroma.end());
    v[kSaturationSd] = float(sd_of(chroma_d));

    // Border: the lightness step across the edge (outside minus inside, 2 px
    // each way along the radius) in 16 sectors; its spread relative to its mean.
    double bsum[16] = {}, bcnt[16] = {};
    for (int y = 0; y < g.h; ++y)
        for (int x = 0; x < g.w; ++x) {
            size_t i = g.at(x, y);
            if (!seg.lesion[i] || depth[i] > 1.5f) continue;
            double dx = double(x) - cx, dy = double(y) - cy, r = std::hypot(dx, dy);
            if (r < 1) continue;
            dx /= r, dy /= r;
            float out = sample(blurred.L, g, float(x + 2 * dx), float(y + 2 * dy));
            float in = sample(blurred.L, g, float(x - 2 * dx), float(y - 2 * dy));
            double ang = std::atan2(dy, dx) + M_PI;
            int s = std::min(15, int(ang / (2 * M_PI) * 16));
            bsum[s] += out - in;
            bcnt[s] += 1;
        }
    std::vector<double> steps;
    for (int s = 0; s < 16; ++s)
        if (bcnt[s] > 0) steps.push_back(bsum[s] / bcnt[s]);
    if (steps.size() >= 4) v[kBorderGradientCv] = float(sd_of(steps) / std::max(std::fabs(mean_of(steps)), 2.0));

    // Colour asymmetry about the most symmetric axis, at the blur of the
    // segmentation and on blotches (sigma 3 px).
    const LabImage blotches{g.w, g.h, gaussian_blur(lab.L, g.w, g.h, 3.0f), gaussian_blur(lab.a, g.w, g.h, 3.0f),
                            gaussian_blur(lab.b, g.w, g.h, 3.0f)};
    least_mirror_differences(blurred, blotches, seg.lesion, g, cx, cy, v[kMirrorColourMin], v[kMirrorColourCoarse]);

    // The darkest fifth of the lesion: how far its centroid lies from the lesion's.
    std::vector<float> Lb;
    for (size_t i = 0; i < n; ++i)
        if (seg.lesion[i]) Lb.push_back(blurred.L[i]);
    std::nth_element(Lb.begin(), Lb.begin() + long(Lb.size() / 5), Lb.end());
    const float dark = Lb[Lb.size() / 5];
    double dx = 0, dy = 0, dn = 0;
    for (int y = 0; y < g.h; ++y)
        for (int x = 0; x < g.w; ++x)
            if (seg.lesion[g.at(x, y)] && blurred.L[g.at(x, y)] <= dark) dx += x, dy += y, dn += 1;
    if (dn > 0) v[kDarkOffCentre] = float(std::hypot(dx / dn - cx, dy / dn - cy) / std::sqrt(area / M_PI));

    // Distinct shades (8-dE cubes holding >= 3% of the lesion), the evenness of
    // the contrast to the skin, and the colour areas relative to the skin.
    std::vector<int> cubes;  // cube key of every lesion pixel, counted after sorting
    cubes.reserve(size_t(area));
    std::vector<double> to_skin;
    to_skin.reserve(size_t(area));
    for (size_t i = 0; i < n; ++i) {
        if (!seg.lesion[i]) continue;
        const float L = blurred.L[i], a = blurred.a[i], b = blurred.b[i];
        cubes.push_back((int(std::floor(L / 8)) * 64 + int(std::floor((a + 64) / 8))) * 64 + int(std::floor((b + 64) / 8)));
        to_skin.push_back(std::sqrt(sq(L - skin[0]) + sq(a - skin[1]) + sq(b - skin[2])));
        v[size_t(kColourAreaFirst + lightness_class(L - skin[0]) * 4 + hue_class(a, b))] += float(100.0 / area);
    }
    int clusters = 0;
    std::sort(cubes.begin(), cubes.end());
    for (size_t i = 0; i < cubes.size();) {
        size_t j = i;
        while (j < cubes.size() && cubes[j] == cubes[i]) ++j;
        clusters += double(j - i) >= 0.03 * area;
        i = j;
    }
    v[kColourClusters] = float(clusters);
    v[kSkinContrastCv] = float(sd_of(to_skin) / std::max(mean_of(to_skin), 1.0));
    return v;
}

}  // namespace duck
