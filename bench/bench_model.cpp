// bench_model.cpp - timings of the ugly-duckling model, one JSON line per
// measurement: {"name","unit","min","median","max","runs","peer","peer_median","ratio"}.
// Kernels run on a 256x256 analysis image through the SIMD path with the scalar
// path as the peer (same binary, same data; ratio = scalar / SIMD). Natively only
// the scalar path exists, so peer is null. Also: features of one lesion, and
// features plus scoring of a 16-lesion patient (budget: < 50 ms in the browser).
// Usage: duckling_bench_model [runs]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "core/demo_design.h"
#include "core/demo_paint.h"
#include "core/lab_kernels.h"
#include "core/lesion_features.h"
#include "core/outlier_score.h"

using namespace duck;

namespace {

struct Stats {
    double min = 0, median = 0, max = 0;
};

Stats time_ms(int runs, const std::function<void()>& fn) {
    std::vector<double> t;
    for (int i = 0; i < runs; ++i) {
        auto t0 = std::chrono::steady_clock::now();
        fn();
        t.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(t.begin(), t.end());
    return {t.front(), t[t.size() / 2], t.back()};
}

void report(const std::string& name, int runs, const Stats& s, const char* peer, const Stats* ps) {
    std::printf("{\"name\":\"%s\",\"unit\":\"ms\",\"min\":%.4f,\"median\":%.4f,\"max\":%.4f,\"runs\":%d,", name.c_str(),
                s.min, s.median, s.max, runs);
    if (ps)
        std::printf("\"peer\":\"%s\",\"peer_median\":%.4f,\"ratio\":%.3f}\n", peer, ps->median, ps->median / s.median);
    else
        std::printf("\"peer\":null,\"peer_median\":null,\"ratio\":null}\n");
}

// Runs fn on the SIMD path (when compiled) with the scalar path as its peer.
void kernel_pair(const std::string& name, int runs, const std::function<void()>& fn) {
    if (kern::simd_compiled()) {
        kern::set_path(kern::Path::Scalar);
        Stats sc = time_ms(runs, fn);
        kern::set_path(kern::Path::Simd);
        Stats si = time_ms(runs, fn);
        report(name + " simd", runs, si, "scalar", &sc);
    } else {
        kern::set_path(kern::Path::Scalar);
        report(name + " scalar", runs, time_ms(runs, fn), nullptr, nullptr);
    }
}

}  // namespace

int main(int argc, char** argv) {
    int runs = argc > 1 ? std::max(3, std::atoi(argv[1])) : 21;
    // Demo lesions (realistic texture, hair, vignette) at analysis size.
    demo::DemoOptions opt;
    opt.patients = 4;
    demo::DemoDesign design = demo::design_demo(opt);
    std::vector<ImageRGBA> imgs;
    for (size_t i = 0; i < design.lesions.size() && imgs.size() < 16; ++i)
        imgs.push_back(demo::paint_lesion_image(design.lesions[i].look, kAnalysisSize));
    while (imgs.size() < 16) imgs.push_back(imgs.front());
    const ImageRGBA& img = imgs.front();
    const int w = img.width, h = img.height;
    const size_t n = size_t(w) * h;

    std::vector<float> L(n), a(n), b(n), out(n), tmp(n), gx(n), gy(n);
    std::vector<uint8_t> mask(n);
    for (size_t i = 0; i < n; ++i) mask[i] = (i / w + i % w) % 3 != 0;
    const float gains[3] = {1.05f, 1.0f, 0.95f};
    const float k[5] = {0.266f, 0.213f, 0.110f, 0.036f, 0.008f};
    double p6[3];
    std::vector<uint32_t> hist(128);
    volatile double sink = 0;

    kernel_pair("kernel.rgba_to_lab", runs, [&] { kern::rgba_to_lab(img.pixels.data(), n, gains, L.data(), a.data(), b.data()); });
    kernel_pair("kernel.power6_sums", runs, [&] { kern::power6_sums(img.pixels.data(), mask.data(), n, p6); sink = p6[0]; });
    kernel_pair("kernel.blur_r4", runs, [&] { kern::blur(L.data(), out.data(), tmp.data(), w, h, k, 4); });
    kernel_pair("kernel.gradient", runs, [&] { kern::gradient(L.data(), gx.data(), gy.data(), w, h); });
    kernel_pair("kernel.histogram", runs, [&] { kern::histogram(L.data(), mask.data(), n, 0, 100, 128, hist.data()); });
    kernel_pair("kernel.moments", runs, [&] { sink = kern::moments(mask.data(), w, h).m11; });
    kernel_pair("kernel.masked_stats", runs, [&] { sink = kern::masked_stats(L.data(), a.data(), b.data(), mask.data(), n).sq[0]; });
    // All kernels once, in the proportions one lesion's features use them.
    kernel_pair("kernels.all", runs, [&] {
        kern::power6_sums(img.pixels.data(), mask.data(), n, p6);
        kern::rgba_to_lab(img.pixels.data(), n, gains, L.data(), a.data(), b.data());
        for (float* p : {L.data(), a.data(), b.data()}) kern::blur(p, out.data(), tmp.data(), w, h, k, 4);
        kern::gradient(L.data(), gx.data(), gy.data(), w, h);
        kern::histogram(L.data(), mask.data(), n, 0, 100, 128, hist.data());
        sink = kern::moments(mask.data(), w, h).m00;
        for (int r = 0; r < 3; ++r) sink = kern::masked_stats(L.data(), a.data(), b.data(), mask.data(), n).sum[0];
    });

    const DermFeatureExtractor fx;
    kernel_pair("model.features_1_lesion", runs, [&] { sink = fx.extract(img).ok(); });
    // A 16-lesion patient plus 15 more patients of context for the pooled statistics.
    std::vector<ScoreItem> context;
    for (int p = 1; p < 16; ++p)
        for (int i = 0; i < 16; ++i) {
            ScoreItem it;
            it.patient_id = "C" + std::to_string(p);
            it.has_features = true;
            it.features.assign(kDermFeatureCount, 0.0f);
            for (int j = 0; j < kDermFeatureCount; ++j) it.features[j] = float((p * 31 + i * 17 + j * 7) % 23);
            context.push_back(std::move(it));
        }
    kernel_pair("model.patient_16_features_and_score", std::max(3, runs / 4), [&] {
        std::vector<ScoreItem> items = context;
        for (const auto& im : imgs) {
            auto f = fx.extract(im);
            ScoreItem it;
            it.patient_id = "P";
            it.has_features = f.ok();
            if (f.ok()) it.features = f.value().values;
            items.push_back(std::move(it));
        }
        sink = score_lesions(items, fx.features()).back().score;
    });
    (void)sink;
    return 0;
}
