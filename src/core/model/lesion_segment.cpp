// lesion_segment.cpp - field of view, white balance, CIELAB and lesion mask.
#include "core/model/lesion_segment.h"

#include <algorithm>
#include <cmath>

#include "core/image/lab_kernels.h"
#include "core/image/resample.h"

namespace duck {

ImageRGBA reduce_to_analysis(const ImageRGBA& img, int max_side) {
    // The pipeline's resampler (linear light), so features computed from the
    // worker's analysis image and from a full-size decode agree.
    return downscale_to_fit(img, max_side);
}

namespace {

// The pixels where pass != 0 that are 4-connected to the image border through
// such pixels. The flood runs on a copy with a one-pixel frame that passes, seeded
// in the frame (which touches every border pixel), so neighbours need no bounds
// checks or coordinates.
std::vector<uint8_t> flood_from_border(const std::vector<uint8_t>& pass, int w, int h) {
    const int stride = w + 2;
    std::vector<uint8_t> todo(size_t(stride) * (h + 2), 1);  // 1: passable and not reached yet
    for (int y = 0; y < h; ++y) {
        uint8_t* row = todo.data() + size_t(y + 1) * stride + 1;
        const uint8_t* src = pass.data() + size_t(y) * w;
        for (int x = 0; x < w; ++x) row[x] = src[x] != 0;
    }
    std::vector<uint8_t> hit(todo.size(), 0);
    std::vector<int> stack{0};
    todo[0] = 0;
    hit[0] = 1;
    const int step[4] = {-1, 1, -stride, stride};
    while (!stack.empty()) {
        const int i = stack.back();
        stack.pop_back();
        for (int d : step) {
            const int j = i + d;
            if (j < 0 || size_t(j) >= todo.size() || !todo[size_t(j)]) continue;
            todo[size_t(j)] = 0;
            hit[size_t(j)] = 1;
            stack.push_back(j);
        }
    }
    std::vector<uint8_t> out(pass.size());
    for (int y = 0; y < h; ++y) {
        const uint8_t* row = hit.data() + size_t(y + 1) * stride + 1;
        std::copy(row, row + w, out.begin() + ptrdiff_t(y) * w);
    }
    return out;
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

std::vector<uint8_t> invert(const std::vector<uint8_t>& m) {
    std::vector<uint8_t> o(m.size());
    for (size_t i = 0; i < m.size(); ++i) o[i] = !m[i];
    return o;
}

// Opening then closing with a disc: drops hairs and specks, closes gaps.
std::vector<uint8_t> clean_mask(const std::vector<uint8_t>& m, int w, int h, float r_open,
                                float r_close) {
    auto opened = morph_disc(morph_disc(m, w, h, r_open, false), w, h, r_open, true);
    return morph_disc(morph_disc(opened, w, h, r_close, true), w, h, r_close, false);
}


// Median of values in [-128, 128) to 1/8 unit, from a histogram filled with
// add(): O(n), no sort and no copy of the values (the skin band holds about
// half the image).
struct MedianHistogram {
    static constexpr int kBins = 2048;
    std::vector<uint32_t> hist = std::vector<uint32_t>(kBins, 0);
    size_t count = 0;
    void add(float x) {
        hist[size_t(std::clamp(int((x + 128.0f) * 8.0f), 0, kBins - 1))]++;
        ++count;
    }
    float median(float fallback) const {
        size_t half = count / 2, acc = 0;
        for (int b = 0; b < kBins && count; ++b)
            if ((acc += hist[size_t(b)]) > half) return (b + 0.5f) / 8.0f - 128.0f;
        return fallback;
    }
};

// Running max (or min) over a (2r+1)^2 square (kern::extreme_filter); square
// windows keep the result exactly symmetric under 90-degree rotations and flips.
std::vector<float> extreme_filter(const std::vector<float>& src, int w, int h, int r, bool take_max) {
    std::vector<float> tmp(src.size()), out(src.size());
    kern::extreme_filter(src.data(), out.data(), tmp.data(), w, h, r, take_max);
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
    // Outside the image counts as outside the field (a frame of zeros), so "on the
    // image border or next to the vignette" is one test per neighbour.
    const int stride = w + 2;
    std::vector<uint8_t> fpad(size_t(stride) * (h + 2), 0);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) fpad[size_t(y + 1) * stride + x + 1] = field[size_t(y) * w + x] != 0;
    std::vector<uint8_t> seen(m.size(), 0);
    std::vector<Component> out;
    struct Pixel {
        int x, y;
    };
    std::vector<Pixel> stack;
    for (int s = 0; s < w * h; ++s) {
        if (!m[s] || seen[s]) continue;
        Component c;
        seen[s] = 1;
        stack.assign(1, Pixel{s % w, s / w});
        while (!stack.empty()) {
            const Pixel p = stack.back();
            stack.pop_back();
            const int i = p.y * w + p.x;
            c.pixels.push_back(i);
            c.cx += p.x;
            c.cy += p.y;
            const uint8_t* f = fpad.data() + size_t(p.y + 1) * stride + p.x + 1;
            c.edge += !(f[-1] & f[1] & f[-stride] & f[stride]);
            if (p.x > 0 && m[i - 1] && !seen[i - 1]) seen[i - 1] = 1, stack.push_back({p.x - 1, p.y});
            if (p.x + 1 < w && m[i + 1] && !seen[i + 1]) seen[i + 1] = 1, stack.push_back({p.x + 1, p.y});
            if (p.y > 0 && m[i - w] && !seen[i - w]) seen[i - w] = 1, stack.push_back({p.x, p.y - 1});
            if (p.y + 1 < h && m[i + w] && !seen[i + w]) seen[i + w] = 1, stack.push_back({p.x, p.y + 1});
        }
        c.cx /= double(c.pixels.size());
        c.cy /= double(c.pixels.size());
        out.push_back(std::move(c));
    }
    return out;
}

}  // namespace

namespace {

constexpr float kFar = 1e30f;  // "no mask pixel on this line"

// Squared distance along one line: d[q] = min_p (q - p)^2 + f[p] over the finite
// samples f[p] (the lower envelope of parabolas). v, z: scratch of n and n + 1.
void edt_line(const float* f, int n, float* d, int* v, float* z) {
    int k = -1;
    for (int q = 0; q < n; ++q) {
        if (f[q] >= kFar) continue;
        if (k < 0) {
            k = 0;
            v[0] = q;
            z[0] = -kFar;
            z[1] = kFar;
            continue;
        }
        float s;
        for (;;) {  // z[0] = -inf, so k never drops below 0
            const int p = v[k];
            s = ((f[q] + float(q) * q) - (f[p] + float(p) * p)) / (2.0f * float(q - p));
            if (s > z[k]) break;
            --k;
        }
        ++k;
        v[k] = q;
        z[k] = s;
        z[k + 1] = kFar;
    }
    if (k < 0) {
        std::fill(d, d + n, kFar);
        return;
    }
    k = 0;
    for (int q = 0; q < n; ++q) {
        while (z[k + 1] < float(q)) ++k;
        const float t = float(q - v[k]);
        d[q] = t * t + f[v[k]];
    }
}

}  // namespace

void distance_transform(const std::vector<uint8_t>& mask, int w, int h, std::vector<float>& out) {
    const int n = std::max(w, h);
    // Scratch reused across calls (the model calls this several times per lesion).
    thread_local std::vector<float> f, d, z;
    thread_local std::vector<int> v;
    f.resize(n);
    d.resize(n);
    z.resize(n + 1);
    v.resize(n);
    out.resize(size_t(w) * h);
    for (int x = 0; x < w; ++x) {  // columns: squared vertical distance
        for (int y = 0; y < h; ++y) f[y] = mask[size_t(y) * w + x] ? 0.0f : kFar;
        edt_line(f.data(), h, d.data(), v.data(), z.data());
        for (int y = 0; y < h; ++y) out[size_t(y) * w + x] = d[y];
    }
    for (int y = 0; y < h; ++y) {  // rows: add the horizontal part, then the root
        float* row = out.data() + size_t(y) * w;
        std::copy(row, row + w, f.begin());
        edt_line(f.data(), w, row, v.data(), z.data());
        for (int x = 0; x < w; ++x) row[x] = row[x] >= kFar ? kFar : std::sqrt(row[x]);
    }
}

std::vector<float> distance_transform(const std::vector<uint8_t>& mask, int w, int h) {
    std::vector<float> out;
    distance_transform(mask, w, h, out);
    return out;
}

std::vector<uint8_t> morph_disc(const std::vector<uint8_t>& m, int w, int h, float r, bool dilate) {
    const int R = int(std::floor(r));
    if (R < 1) return m;  // the disc is the pixel itself
    std::vector<uint8_t> out(m.size());
    if (R > 2) {  // large discs: threshold the exact distance transform
        std::vector<float> d;
        if (dilate) {
            distance_transform(m, w, h, d);
            for (size_t i = 0; i < m.size(); ++i) out[i] = d[i] <= r;
        } else {
            for (size_t i = 0; i < m.size(); ++i) out[i] = !m[i];
            distance_transform(out, w, h, d);
            for (size_t i = 0; i < m.size(); ++i) out[i] = d[i] > r;
        }
        return out;
    }
    // Small discs (1-2 px at the feature size): the disc is a stack of centred
    // runs, |x| <= half[dy] on row dy, so the result is a horizontal max (min) of
    // each row over its run's half width, then combined over the disc's rows.
    // Branch-free byte loops (the compiler vectorises them). Pixels outside the
    // image count as neither (as with the distance transform): rows outside are
    // skipped and rows are padded with the operation's neutral value.
    int half[5];
    for (int y = -R; y <= R; ++y) {
        half[y + R] = -1;
        for (int x = 0; x <= R; ++x)
            if (float(x * x + y * y) <= r * r) half[y + R] = x;
    }
    const uint8_t neutral = dilate ? 0 : 1;
    const size_t n = m.size();
    // runs[k]: every row reduced over |x| <= k (k = 0 is the 0/1 mask itself).
    std::vector<uint8_t> runs(size_t(R + 1) * n), pad(size_t(w) + 2);
    {
        const uint8_t* __restrict src = m.data();
        uint8_t* __restrict dst = runs.data();
        for (size_t i = 0; i < n; ++i) dst[i] = src[i] != 0;
    }
    for (int k = 1; k <= R; ++k) {
        uint8_t* dst = runs.data() + size_t(k) * n;
        const uint8_t* src = runs.data() + size_t(k - 1) * n;  // grow the run by one each side
        for (int y = 0; y < h; ++y) {
            const uint8_t* row = src + size_t(y) * w;
            std::fill(pad.begin(), pad.end(), neutral);
            std::copy(row, row + w, pad.begin() + 1);
            uint8_t* __restrict o = dst + size_t(y) * w;
            const uint8_t* __restrict p = pad.data();
            if (dilate)
                for (int x = 0; x < w; ++x) o[x] = p[x] | p[x + 1] | p[x + 2];
            else
                for (int x = 0; x < w; ++x) o[x] = p[x] & p[x + 1] & p[x + 2];
        }
    }
    for (int y = 0; y < h; ++y) {
        uint8_t* __restrict o = out.data() + size_t(y) * w;
        std::fill(o, o + w, neutral);
        for (int dy = -R; dy <= R; ++dy) {
            if (y + dy < 0 || y + dy >= h || half[dy + R] < 0) continue;
            const uint8_t* __restrict s = runs.data() + size_t(half[dy + R]) * n + size_t(y + dy) * w;
            if (dilate)
                for (int x = 0; x < w; ++x) o[x] |= s[x];
            else
                for (int x = 0; x < w; ++x) o[x] &= s[x];
        }
    }
    return out;
}

std::vector<uint8_t> field_of_view(const ImageRGBA& img) {
    int w = img.width, h = img.height;
    size_t n = size_t(w) * h;
    std::vector<uint8_t> lum(n);
    uint32_t hist[256] = {};
    for (size_t i = 0; i < n; ++i) {
        const uint8_t* p = &img.pixels[4 * i];
        hist[lum[i] = uint8_t((p[0] + 2 * p[1] + p[2]) / 4)]++;
    }
    // The 90th percentile of lum (the value of rank n * 9 / 10) from its histogram.
    int p90 = 0;
    for (size_t below = 0; p90 < 255 && (below += hist[p90]) <= n * 9 / 10;) ++p90;
    // Vignette: near black relative to the bright skin, and reachable from the border.
    int thr = std::min(45, int(0.3 * p90));
    std::vector<uint8_t> dark(n);
    for (size_t i = 0; i < n; ++i) dark[i] = lum[i] < thr;
    auto vignette = flood_from_border(dark, w, h);
    // Also drop the dim halo just inside the vignette edge (3 px at 256 px): the
    // pixels within that distance of the vignette, a small-disc dilation.
    const float halo = 3.0f * std::max(w, h) / 256.0f;
    std::vector<uint8_t> field = morph_disc(vignette, w, h, halo, true);
    size_t count = 0;
    for (size_t i = 0; i < n; ++i) count += field[i] = !field[i];
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
    MedianHistogram sl, sa, sb;
    float band = 0.15f * std::min(w, h);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            size_t i = size_t(y) * w + x;
            if (!seg.field[i] || std::min({x, y, w - 1 - x, h - 1 - y}) >= band) continue;
            sl.add(closed[i]);
            sa.add(blurred.a[i]);
            sb.add(blurred.b[i]);
        }
    seg.skin[0] = sl.median(70.0f);
    seg.skin[1] = sa.median(10.0f);
    seg.skin[2] = sb.median(15.0f);
    std::vector<float> dist(n);
    kern::lab_distance(closed.data(), blurred.a.data(), blurred.b.data(), seg.skin, dist.data(), n);
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
    auto outside = flood_from_border(invert(seg.lesion), w, h);
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
