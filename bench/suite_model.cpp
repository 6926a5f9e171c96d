// suite_model.cpp - the ugly-duckling model in duckling-bench.
//   features_simd: the feature kernels (colour conversion, white-balance sums,
//     blur, hair-removing max/min filter, colour distance, gradient, histogram,
//     moments, masked moments) in the proportions one lesion's features use them,
//     at the feature size (128 px). Path SIMD, peer: the same kernels on the
//     scalar path, same binary and data, timed in alternation; ratio = scalar /
//     SIMD (>= 3 is the goal). Without wasm SIMD (native) only the scalar path
//     exists: peer and ratio are null.
//   patient16: features plus scores of a 16-lesion demo patient from its
//     analysis images (kAnalysisSide = 128 px, what the image worker hands the
//     app), scored against 64 lesions of other patients' cached features. Goal:
//     median <= 50 ms in the browser (one thread). Peer: the same on the scalar path.
//   similar_search: one similar-lesion query (core/model/similar.h) over 33,126
//     SYNTHETIC lesions (the size of ISIC 2020) x 61 features plus the direction
//     column, generated deterministically (SplitMix64, seed 2020), k = 12:
//     distances to every row, then the 12 nearest. A different query row each
//     run. Goal: median <= 10 ms per query in the browser. Peer: the scalar loop.
//   similar_space: building that space (medians, spreads, standardised rows), what
//     the viewer's strip pays when the model's features change. No peer.
// No files are read (demo lesions are painted), so the suite runs unchanged
// natively, under node and in the browser bench page.
#include <string>
#include <vector>

#include "core/demo/demo_design.h"
#include "core/demo/demo_paint.h"
#include "core/base/prng.h"
#include "core/image/lab_kernels.h"
#include "core/model/lesion_features.h"
#include "core/model/outlier_score.h"
#include "core/model/similar.h"
#include "core/image/resample.h"
#include "harness.h"

using namespace duck;

namespace {

// Analysis images of the first `count` demo lesions of patients with at least
// `min_lesions` lesions, painted at the demo size and reduced like the pipeline.
std::vector<std::vector<ImageRGBA>> demo_patients(int count, int min_lesions) {
    demo::DemoOptions opt;
    const demo::DemoDesign d = demo::design_demo(opt);
    std::vector<std::vector<ImageRGBA>> out;
    ImageRGBA painted;
    for (const auto& p : d.patients) {
        if (int(p.lesions.size()) < min_lesions) continue;
        std::vector<ImageRGBA> imgs;
        for (int i = 0; i < min_lesions; ++i) {
            demo::paint_lesion_image(d.lesions[p.lesions[size_t(i)]].look, opt.image_size, painted);
            imgs.push_back(downscale_to_fit(painted, kAnalysisSide));
        }
        out.push_back(std::move(imgs));
        if (int(out.size()) == count) break;
    }
    return out;
}

// Times fn on the SIMD path with the scalar path as its peer (alternating
// batches so load on the machine hits both alike); scalar only without SIMD.
void simd_vs_scalar(const char* name, int warmup, int runs, const std::function<void()>& fn) {
    if (!kern::simd_compiled()) {
        kern::set_path(kern::Path::Scalar);
        bench::report(name, "ms", bench::time_ms(warmup, runs, fn));
        return;
    }
    // `--runs N` applies to the batches here; the single-call timings below must
    // not be multiplied by it.
    const int override_runs = bench::runs_override();
    if (override_runs > 0) runs = override_runs, warmup = std::min(warmup, 1);
    bench::runs_override() = 0;
    std::vector<double> si, sc;
    auto once = [&](kern::Path p, std::vector<double>& into) {
        kern::set_path(p);
        bench::Stats s = bench::time_ms(0, 1, fn);
        into.push_back(s.median);
    };
    for (int i = 0; i < warmup; ++i) once(kern::Path::Scalar, sc), once(kern::Path::Simd, si);
    si.clear(), sc.clear();
    for (int i = 0; i < runs; ++i) once(kern::Path::Scalar, sc), once(kern::Path::Simd, si);
    kern::set_path(kern::Path::Simd);
    bench::runs_override() = override_runs;
    auto stats = [runs](std::vector<double> t) {
        std::sort(t.begin(), t.end());
        bench::Stats s;
        s.runs = runs;
        s.min = t.front(), s.max = t.back();
        s.median = t.size() % 2 ? t[t.size() / 2] : (t[t.size() / 2 - 1] + t[t.size() / 2]) / 2;
        return s;
    };
    const bench::Stats simd = stats(si), scalar = stats(sc);
    // The ratio's spread: scalar / SIMD of each round (the same moments of the
    // machine), lowest and highest, beside the ratio of the medians.
    double rmin = 0, rmax = 0;
    for (size_t i = 0; i < si.size() && i < sc.size(); ++i) {
        const double r = si[i] > 0 ? sc[i] / si[i] : 0;
        rmin = i == 0 ? r : std::min(rmin, r);
        rmax = i == 0 ? r : std::max(rmax, r);
    }
    bench::report(name, "ms", simd, std::string(name) + "_scalar", &scalar,
                  {{"ratio_min", rmin}, {"ratio_max", rmax}, {"alternated", true}});
}

}  // namespace

DUCK_BENCH(features_simd) {
    const ImageRGBA img = demo_patients(1, 1).at(0).at(0);  // the analysis image, 128 px
    const int w = img.width, h = img.height;
    const size_t n = size_t(w) * h;
    std::vector<float> L(n), a(n), b(n), out(n), tmp(n), gx(n), gy(n);
    std::vector<uint8_t> mask(n), field(n, 1);
    for (int y = 0; y < h; ++y)  // a centred disc, like a lesion mask
        for (int x = 0; x < w; ++x) mask[size_t(y) * w + x] = (x - w / 2) * (x - w / 2) + (y - h / 2) * (y - h / 2) < w * h / 10;
    const float gains[3] = {1.05f, 1.0f, 0.95f};
    const float k[3] = {0.44f, 0.24f, 0.04f};  // sigma 0.75 px at 128 px: radius 2
    const float skin[3] = {60.0f, 15.0f, 20.0f};
    std::vector<uint32_t> hist(128);
    double p6[3];
    volatile double sink = 0;
    // Repeated 8 times so one timed call is long enough for the timer in a browser.
    simd_vs_scalar("features_simd", 3, 41, [&] {
        for (int rep = 0; rep < 8; ++rep) {
            kern::power6_sums(img.pixels.data(), field.data(), n, p6);
            kern::rgba_to_lab(img.pixels.data(), n, gains, L.data(), a.data(), b.data());
            for (float* p : {L.data(), a.data(), b.data()}) kern::blur(p, out.data(), tmp.data(), w, h, k, 2);
            // The closing of L* that removes hairs (radius 2 at 128 px), then the
            // distance to the skin colour that Otsu thresholds.
            kern::extreme_filter(out.data(), gx.data(), tmp.data(), w, h, 2, true);
            kern::extreme_filter(gx.data(), gy.data(), tmp.data(), w, h, 2, false);
            kern::lab_distance(gy.data(), a.data(), b.data(), skin, out.data(), n);
            kern::gradient(out.data(), gx.data(), gy.data(), w, h);
            kern::histogram(L.data(), mask.data(), n, 0, 100, 128, hist.data());
            sink = sink + kern::moments(mask.data(), w, h).m11;
            for (int r = 0; r < 3; ++r) sink = sink + kern::masked_stats(L.data(), a.data(), b.data(), mask.data(), n).sq[0];
        }
    });
}

DUCK_BENCH(patient16) {
    const auto patients = demo_patients(5, 16);
    if (patients.size() < 5) return void(std::fprintf(stderr, "patient16: the demo has too few 16-lesion patients\n"));
    const DermFeatureExtractor fx;
    // Context: the other patients' features, computed once (the app caches them).
    std::vector<ScoreItem> context;
    for (size_t p = 1; p < patients.size(); ++p)
        for (const auto& im : patients[p]) {
            auto f = fx.extract(im);
            ScoreItem it;
            it.patient_id = "C" + std::to_string(p);
            it.has_features = f.ok();
            if (f.ok()) it.features = f.value().values;
            context.push_back(std::move(it));
        }
    volatile double sink = 0;
    simd_vs_scalar("patient16", 2, 15, [&] {
        std::vector<ScoreItem> items = context;
        for (const auto& im : patients[0]) {
            auto f = fx.extract(im);
            ScoreItem it;
            it.patient_id = "P";
            it.has_features = f.ok();
            if (f.ok()) it.features = f.value().values;
            items.push_back(std::move(it));
        }
        sink = sink + score_lesions(items, fx.features()).back().score;
    });
}

// features_stages: one lesion's feature extraction split into its stages (one
// JSON line each, "features_stage.<name>"), to see where patient16's time goes.
DUCK_BENCH(features_stages) {
    const ImageRGBA img = demo_patients(1, 1).at(0).at(0);  // the analysis image, 128 px
    const int w = img.width, h = img.height;
    const float sigma = 1.5f * std::max(w, h) / 256.0f;
    auto field = field_of_view(img);
    LabImage lab = to_lab(img, shades_of_grey_gains(img, field));
    LabImage blurred{w, h, gaussian_blur(lab.L, w, h, sigma), gaussian_blur(lab.a, w, h, sigma),
                     gaussian_blur(lab.b, w, h, sigma)};
    volatile size_t sink = 0;
    auto stage = [&](const char* name, const std::function<void()>& fn) {
        bench::report(std::string("features_stage.") + name, "ms", bench::time_ms(3, 31, fn));
    };
    stage("field_of_view", [&] { sink = sink + field_of_view(img).size(); });
    stage("white_balance_lab", [&] { sink = sink + to_lab(img, shades_of_grey_gains(img, field)).L.size(); });
    stage("blur_3_planes", [&] {
        for (const auto* p : {&lab.L, &lab.a, &lab.b}) sink = sink + gaussian_blur(*p, w, h, sigma).size();
    });
    stage("segment", [&] { sink = sink + segment_lesion(blurred, field).lesion.size(); });
    stage("distance_transform", [&] { sink = sink + distance_transform(field, w, h).size(); });
    const DermFeatureExtractor fx;
    stage("extract_total", [&] { sink = sink + fx.extract(img).ok(); });
}

namespace {
constexpr size_t kSimilarRows = 33126;
// The SYNTHETIC feature rows both similar-lesion benchmarks search (SplitMix64, seed 2020).
std::vector<float> similar_rows(size_t d) {
    SplitMix64 rng(2020);
    std::vector<float> raw(kSimilarRows * d);
    for (auto& v : raw) v = rng.unit() * 50.0f;
    return raw;
}
}  // namespace

DUCK_BENCH(similar_search) {
    const auto& info = DermFeatureExtractor().features();
    const size_t n = kSimilarRows;
    const std::vector<float> raw = similar_rows(info.size());
    SimilarOptions o;
    o.malignancy = &shipped_malignancy_model();
    const SimilarSpace space = build_similar_space(raw, n, {}, info, o);
    volatile int sink = 0;
    int query = 0;
    simd_vs_scalar("similar_search", 3, 21, [&] {
        query = (query + 7919) % int(n);
        sink = sink + nearest_lesions(space, query, kSimilarDefaultK).back().row;
    });
}

// similar_space: building the space over the same rows (medians, spreads, the
// standardised matrix): what the viewer's similar-lesion strip pays once each
// time the model's features change, before its first query.
DUCK_BENCH(similar_space) {
    const auto& info = DermFeatureExtractor().features();
    const std::vector<float> raw = similar_rows(info.size());
    SimilarOptions o;
    o.malignancy = &shipped_malignancy_model();
    volatile size_t sink = 0;
    bench::report("similar_space", "ms", bench::time_ms(1, 7, [&] {
        sink = sink + build_similar_space(raw, kSimilarRows, {}, info, o).rows.size();
    }));
}
