// lesion_segment.cpp - field of view, white balance, CIELAB and lesion mask.
#include "core/lesion_segment.h"

#include <algorithm>
#include <cmath>

#include "core/lab_kernels.h"

namespace duck {

ImageRGBA reduce_to_analysis(const ImageRGBA& img, int max_side) {
    int longer = std::max(img.width, img.height);
    if (img.empty() || longer <= max_side) return img;
    double s = double(longer) / max_side;
    ImageRGBA out;
    out.width = std::max(1, int(std::lround(img.width / s)));
    out.height = std::max(1, int(std::lround(img.height / s)));
    out.pixels.resize(size_t(out.width) * out.height * 4);
    // Area average: each output pixel averages the source pixels its footprint covers.
    for (int y = 0; y < out.height; ++y) {
        int y0 = int(y * s), y1 = std::max(y0 + 1, std::min(img.height, int((y + 1) * s)));
        for (int x = 0; x < out.width; ++x) {
            int x0 = int(x * s), x1 = std::max(x0 + 1, std::min(img.width, int((x + 1) * s)));
            uint32_t acc[4] = {0, 0, 0, 0};
            for (int yy = y0; yy < y1; ++yy) {
                const uint8_t* p = &img.pixels[(size_t(yy) * img.width + x0) * 4];
                for (int xx = x0; xx < x1; ++xx, p += 4)
                    for (int c = 0; c < 4; ++c) acc[c] += p[c];
            }
            uint32_t cnt = uint32_t((y1 - y0) * (x1 - x0));
            uint8_t* o = &out.pixels[(size_t(y) * out.width + x) * 4];
            for (int c = 0; c < 4; ++c) o[c] = uint8_t((acc[c] + cnt / 2) / cnt);
        }
    }
    return out;
}

namespace {

// Flood fill (4-connected) from the seeds through pixels where pass != 0.
std::vector<uint8_t> flood(const std::vector<uint8_t>& pass, int w, int h,
                           const std::vector<int>& seeds) {
    std::vector<uint8_t> hit(pass.size(), 0);
    std::vector<int> stack;
    for (int s : seeds)
        if (pass[s] && !hit[s]) {
            hit[s] = 1;
            stack.push_back(s);
        }
    while (!stack.empty()) {
        int i = stack.back();
        stack.pop_back();
        int x = i % w, y = i / w;
        const int nb[4] = {x > 0 ? i - 1 : -1, x + 1 < w ? i + 1 : -1, y > 0 ? i - w : -1,
                           y + 1 < h ? i + w : -1};
        for (int j : nb)
            if (j >= 0 && pass[j] && !hit[j]) {
                hit[j] = 1;
                stack.push_back(j);
            }
    }
    return hit;
}

std::vector<int> border_pixels(int w, int h) {
    std::vector<int> b;
    for (int x = 0; x < w; ++x) {
        b.push_back(x);
        b.push_back((h - 1) * w + x);
    }
    for (int y = 1; y + 1 < h; ++y) {
        b.push_back(y * w);
        b.push_back(y * w + w - 1);
    }
    return b;
}

// Threshold maximising the between-class variance of a histogram (Otsu 1979).
int otsu_bin(const std::vector<uint32_t>& hist) {
    double total = 0, sum = 0;
    for (size_t i = 0; i < hist.size(); ++i) {
        total += hist[i];
        sum += double(i) * hist[i];
    }
    double w0 = 0, s0 = 0, best = -1;
    int best_t = int(hist.size() / 2);
    for (size_t t = 0; t + 1 < hist.size(); ++t) {
        w0 += hist[t];
        s0 += double(t) * hist[t];
        double w1 = total - w0;
        if (w0 <= 0 || w1 <= 0) continue;
        double m0 = s0 / w0, m1 = (sum - s0) / w1;
        double between = w0 * w1 * (m0 - m1) * (m0 - m1);
        if (between > best) {
            best = between;
            best_t = int(t);
        }
    }
    return best_t;
}

std::vector<uint8_t> threshold_dist(const std::vector<float>& d, float r, bool within) {
    std::vector<uint8_t> m(d.size());
    for (size_t i = 0; i < d.size(); ++i) m[i] = within ? d[i] <= r : d[i] > r;
    return m;
}

std::vector<uint8_t> invert(const std::vector<uint8_t>& m) {
    std::vector<uint8_t> o(m.size());
    for (size_t i = 0; i < m.size(); ++i) o[i] = !m[i];
    return o;
}

// Opening then closing with a (chamfer) disc: drops hairs and specks, closes gaps.
std::vector<uint8_t> clean_mask(const std::vector<uint8_t>& m, int w, int h, float r_open,
                                float r_close) {
    auto eroded = threshold_dist(chamfer_distance(invert(m), w, h), r_open, false);
    auto opened = threshold_dist(chamfer_distance(eroded, w, h), r_open, true);
    auto dilated = threshold_dist(chamfer_distance(opened, w, h), r_close, true);
    return threshold_dist(chamfer_distance(invert(dilated), w, h), r_close, false);
}

float sq(float v) { return v * v; }

float median_of(std::vector<float>& v, float fallback) {
    if (v.empty()) return fallback;
    std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
    return v[v.size() / 2];
}

// Running max (or min) over a (2r+1)^2 square, separable; square windows keep
// the result exactly symmetric under 90-degree rotations and flips.
std::vector<float> extreme_filter(const std::vector<float>& src, int w, int h, int r, bool take_max) {
    auto pick = [take_max](float a, float b) { return take_max ? std::max(a, b) : std::min(a, b); };
    std::vector<float> tmp(src.size()), out(src.size());
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            float v = src[size_t(y) * w + x];
            for (int t = std::max(0, x - r); t <= std::min(w - 1, x + r); ++t) v = pick(v, src[size_t(y) * w + t]);
            tmp[size_t(y) * w + x] = v;
        }
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            float v = tmp[size_t(y) * w + x];
            for (int t = std::max(0, y - r); t <= std::min(h - 1, y + r); ++t) v = pick(v, tmp[size_t(t) * w + x]);
            out[size_t(y) * w + x] = v;
        }
    return out;
}
std::vector<float> max_filter(const std::vector<float>& s, int w, int h, int r) { return extreme_filter(s, w, h, r, true); }
std::vector<float> min_filter(const std::vector<float>& s, int w, int h, int r) { return extreme_filter(s, w, h, r, false); }

struct Component {
    std::vector<int> pixels;
    double cx = 0, cy = 0;
    int edge = 0;  // pixels touching the image border or the vignette
};

std::vector<Component> components(const std::vector<uint8_t>& m, const std::vector<uint8_t>& field,
                                  int w, int h) {
    std::vector<int> label(m.size(), -1);
    std::vector<Component> out;
    for (int s = 0; s < w * h; ++s) {
        if (!m[s] || label[s] >= 0) continue;
        Component c;
        std::vector<int> stack{s};
        label[s] = int(out.size());
        while (!stack.empty()) {
            int i = stack.back();
            stack.pop_back();
            c.pixels.push_back(i);
            int x = i % w, y = i / w;
            c.cx += x;
            c.cy += y;
            bool edge = x == 0 || y == 0 || x == w - 1 || y == h - 1;
            const int nb[4] = {x > 0 ? i - 1 : -1, x + 1 < w ? i + 1 : -1, y > 0 ? i - w : -1,
                               y + 1 < h ? i + w : -1};
            for (int j : nb) {
                if (j < 0) continue;
                if (!field[j]) edge = true;
                if (m[j] && label[j] < 0) {
                    label[j] = int(out.size());
                    stack.push_back(j);
                }
            }
            c.edge += edge;
        }
        c.cx /= double(c.pixels.size());
        c.cy /= double(c.pixels.size());
        out.push_back(std::move(c));
    }
    return out;
}

}  // namespace

std::vector<float> chamfer_distance(const std::vector<uint8_t>& mask, int w, int h) {
    const float inf = 1e9f, a = 1.0f, d = 4.0f / 3.0f;  // 3-4 chamfer, in pixel units
    std::vector<float> dist(mask.size());
    for (size_t i = 0; i < mask.size(); ++i) dist[i] = mask[i] ? 0.0f : inf;
    auto at = [&](int x, int y) { return dist[size_t(y) * w + x]; };
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            float v = at(x, y);
            if (x > 0) v = std::min(v, at(x - 1, y) + a);
            if (y > 0) {
                v = std::min(v, at(x, y - 1) + a);
                if (x > 0) v = std::min(v, at(x - 1, y - 1) + d);
                if (x + 1 < w) v = std::min(v, at(x + 1, y - 1) + d);
            }
            dist[size_t(y) * w + x] = v;
        }
    for (int y = h - 1; y >= 0; --y)
        for (int x = w - 1; x >= 0; --x) {
            float v = at(x, y);
            if (x + 1 < w) v = std::min(v, at(x + 1, y) + a);
            if (y + 1 < h) {
                v = std::min(v, at(x, y + 1) + a);
                if (x + 1 < w) v = std::min(v, at(x + 1, y + 1) + d);
                if (x > 0) v = std::min(v, at(x - 1, y + 1) + d);
            }
            dist[size_t(y) * w + x] = v;
        }
    return dist;
}

std::vector<uint8_t> field_of_view(const ImageRGBA& img) {
    int w = img.width, h = img.height;
    size_t n = size_t(w) * h;
    std::vector<uint8_t> lum(n);
    for (size_t i = 0; i < n; ++i) {
        const uint8_t* p = &img.pixels[4 * i];
        lum[i] = uint8_t((p[0] + 2 * p[1] + p[2]) / 4);
    }
    std::vector<uint8_t> sorted = lum;
    std::nth_element(sorted.begin(), sorted.begin() + n * 9 / 10, sorted.end());
    int p90 = sorted[n * 9 / 10];
    // Vignette: near black relative to the bright skin, and reachable from the border.
    int thr = std::min(45, int(0.3 * p90));
    std::vector<uint8_t> dark(n);
    for (size_t i = 0; i < n; ++i) dark[i] = lum[i] < thr;
    auto vignette = flood(dark, w, h, border_pixels(w, h));
    // Also drop the dim halo just inside the vignette edge.
    auto near = chamfer_distance(vignette, w, h);
    std::vector<uint8_t> field(n);
    size_t count = 0;
    for (size_t i = 0; i < n; ++i) count += field[i] = near[i] > 3.0f;
    if (count < n * 3 / 10) std::fill(field.begin(), field.end(), 1);  // implausible: keep all
    return field;
}

std::array<float, 3> shades_of_grey_gains(const ImageRGBA& img, const std::vector<uint8_t>& field) {
    double s[3];
    size_t n = size_t(img.width) * img.height;
    kern::power6_sums(img.pixels.data(), field.data(), n, s);
    double e[3], mean = 0;
    for (int c = 0; c < 3; ++c) mean += e[c] = std::pow(std::max(s[c], 1e-30), 1.0 / 6.0);
    mean /= 3;
    std::array<float, 3> g;
    // Clamp so a monochrome or broken image cannot produce absurd colours.
    for (int c = 0; c < 3; ++c) g[c] = float(std::clamp(e[c] > 0 ? mean / e[c] : 1.0, 0.33, 3.0));
    return g;
}

LabImage to_lab(const ImageRGBA& img, const std::array<float, 3>& gains) {
    LabImage lab;
    lab.width = img.width;
    lab.height = img.height;
    size_t n = size_t(img.width) * img.height;
    lab.L.resize(n);
    lab.a.resize(n);
    lab.b.resize(n);
    kern::rgba_to_lab(img.pixels.data(), n, gains.data(), lab.L.data(), lab.a.data(), lab.b.data());
    return lab;
}

std::vector<float> gaussian_blur(const std::vector<float>& src, int w, int h, float sigma) {
    int r = std::max(1, int(std::ceil(2.5f * sigma)));
    std::vector<float> k(r + 1);
    float sum = 0;
    for (int t = 0; t <= r; ++t) sum += (t ? 2 : 1) * (k[t] = std::exp(-0.5f * t * t / (sigma * sigma)));
    for (float& v : k) v /= sum;
    std::vector<float> dst(src.size()), tmp(src.size());
    kern::blur(src.data(), dst.data(), tmp.data(), w, h, k.data(), r);
    return dst;
}

Segmentation segment_lesion(const LabImage& blurred, std::vector<uint8_t> field) {
    Segmentation seg;
    const int w = blurred.width, h = blurred.height;
    seg.width = w;
    seg.height = h;
    size_t n = size_t(w) * h;
    seg.field = std::move(field);
    size_t field_count = std::count(seg.field.begin(), seg.field.end(), 1);
    float scale = std::max(w, h) / 256.0f;
    // Hairs are thin and dark: a greyscale closing of L* (max then min filter)
    // removes them while a lesion, much wider than the filter, keeps its shape.
    int rh = std::max(1, int(std::lround(3 * scale)));
    auto closed = min_filter(max_filter(blurred.L, w, h, rh), w, h, rh);
    // Skin reference: median colour of the field in the outer band of the image.
    std::vector<float> sl, sa, sb;
    float band = 0.15f * std::min(w, h);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            size_t i = size_t(y) * w + x;
            if (!seg.field[i] || std::min({x, y, w - 1 - x, h - 1 - y}) >= band) continue;
            sl.push_back(closed[i]);
            sa.push_back(blurred.a[i]);
            sb.push_back(blurred.b[i]);
        }
    seg.skin[0] = median_of(sl, 70.0f);
    seg.skin[1] = median_of(sa, 10.0f);
    seg.skin[2] = median_of(sb, 15.0f);
    std::vector<float> dist(n);
    for (size_t i = 0; i < n; ++i)
        dist[i] = std::sqrt(sq(closed[i] - seg.skin[0]) + sq(blurred.a[i] - seg.skin[1]) +
                            sq(blurred.b[i] - seg.skin[2]));
    // Otsu over the central region, where the lesion is, so that a small lesion
    // is not swamped by the skin; never below a just-noticeable 6 dE.
    std::vector<uint8_t> central(n);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            size_t i = size_t(y) * w + x;
            central[i] = seg.field[i] && std::fabs(x - 0.5f * (w - 1)) < 0.35f * w &&
                         std::fabs(y - 0.5f * (h - 1)) < 0.35f * h;
        }
    std::vector<uint32_t> hist(128);
    kern::histogram(dist.data(), central.data(), n, 0.0f, 64.0f, 128, hist.data());
    seg.threshold = std::max(6.0f, (otsu_bin(hist) + 1) * (64.0f / 128));
    std::vector<uint8_t> dark(n);
    for (size_t i = 0; i < n; ++i) dark[i] = seg.field[i] && dist[i] > seg.threshold;
    auto clean = clean_mask(dark, w, h, 2.0f * scale, 3.0f * scale);
    for (size_t i = 0; i < n; ++i) clean[i] &= seg.field[i];

    // Choose the component nearest the centre, preferring large ones and avoiding
    // components that hug the border or the vignette (shadows, the vignette halo).
    auto comps = components(clean, seg.field, w, h);
    double diag = std::hypot(w, h), best = 1e9;
    const Component* pick = nullptr;
    for (const auto& c : comps) {
        double area = double(c.pixels.size()) / std::max<size_t>(field_count, 1);
        if (area < 0.001) continue;
        double dist = std::hypot(c.cx - 0.5 * (w - 1), c.cy - 0.5 * (h - 1)) / diag;
        double circle_perimeter = 2.0 * std::sqrt(M_PI * double(c.pixels.size()));
        double edge = std::min(1.0, c.edge / (0.5 * circle_perimeter));
        double score = dist + 0.5 * edge - 0.3 * std::sqrt(area);
        if (score < best) {
            best = score;
            pick = &c;
        }
    }
    seg.lesion.assign(n, 0);
    if (pick)
        for (int i : pick->pixels) seg.lesion[i] = 1;
    // Fill holes: background pixels not reachable from the border are inside.
    auto outside = flood(invert(seg.lesion), w, h, border_pixels(w, h));
    size_t area = 0;
    for (size_t i = 0; i < n; ++i) area += seg.lesion[i] = (!outside[i] && seg.field[i]);
    seg.area_fraction = float(double(area) / std::max<size_t>(field_count, 1));
    if (!pick) seg.note = "no dark region found";
    else if (seg.area_fraction < 0.002f) seg.note = "lesion region too small";
    else if (seg.area_fraction > 0.85f) seg.note = "lesion region fills the field of view";
    if (!seg.note.empty()) {
        // Fallback: a centred disc over a quarter of the shorter side, flagged.
        seg.fallback = true;
        float r = 0.25f * std::min(w, h);
        area = 0;
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                size_t i = size_t(y) * w + x;
                area += seg.lesion[i] = seg.field[i] && std::hypot(x - 0.5f * (w - 1), y - 0.5f * (h - 1)) <= r;
            }
        seg.area_fraction = float(double(area) / std::max<size_t>(field_count, 1));
    }
    return seg;
}

}  // namespace duck
