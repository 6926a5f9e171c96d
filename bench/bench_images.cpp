// bench_images.cpp - decode and resample timings on real ISIC files (medians):
// JPEG 512x512, 1872x1053 and 6000x4000, the 6000x4000 DICOM, and the
// thumbnail/analysis/viewer downscales of a 6000x4000 original.
// Usage: duckling_bench_images [runs]  (default 7)
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "core/image/image_decode.h"
#include "core/image/image_pipeline.h"
#include "core/image/resample.h"

using namespace duck;

namespace {

std::vector<uint8_t> load(const std::string& rel) {
    std::ifstream f(std::string(DUCK_SHARED_DIR) + "/" + rel, std::ios::binary);
    std::ostringstream s;
    s << f.rdbuf();
    std::string b = s.str();
    return {b.begin(), b.end()};
}

double cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

// Wall and thread-CPU medians: on a shared, loaded machine CPU time is the
// steadier number (wall includes waiting for a core).
void measure(const std::string& label, int reps, const std::function<void()>& fn) {
    std::vector<double> t, c;
    for (int i = 0; i < reps; ++i) {
        auto t0 = std::chrono::steady_clock::now();
        const double c0 = cpu_ms();
        fn();
        c.push_back(cpu_ms() - c0);
        t.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(t.begin(), t.end());
    std::sort(c.begin(), c.end());
    std::printf("%-44s wall median %8.2f ms  cpu median %8.2f ms  cpu min %8.2f ms  (%d runs)\n", label.c_str(),
                t[t.size() / 2], c[c.size() / 2], c.front(), reps);
}

}  // namespace

int main(int argc, char** argv) {
    const int reps = argc > 1 ? std::max(1, std::atoi(argv[1])) : 7;
    struct File {
        const char* label;
        const char* path;
    };
    for (File f : {File{"JPEG 512x512 (ISIC_0074311)", "data/isic2020/images/ISIC_0074311.jpg"},
                   File{"JPEG 1872x1053 (ISIC_0052212)", "data/isic2020/images/ISIC_0052212.jpg"},
                   File{"JPEG 6000x4000 (ISIC_0075914)", "data/isic2020/images/ISIC_0075914.jpg"},
                   File{"DICOM 6000x4000 (ISIC_0015719)", "data/other/dicom/ISIC_0015719.dcm"}}) {
        const auto bytes = load(f.path);
        measure(std::string(f.label) + " to ImageRGBA", reps, [&] {
            auto d = decode_image_file(bytes);
            if (!d.decoded.ok()) std::printf("  FAILED: %s\n", d.decoded.error.c_str());
        });
        // What the app/worker runs: no copy of the decoder's buffer.
        PipelineRequest none;
        none.thumb_side = none.analysis_side = 0;
        measure(std::string(f.label) + " in pipeline", reps, [&] { (void)process_image(bytes, none); });
        measure(std::string(f.label) + " + thumb", reps, [&] { (void)process_image(bytes); });
    }
    auto big = decode_image_file(load("data/isic2020/images/ISIC_0075914.jpg"));
    if (!big.decoded.ok()) return 1;
    const ImageRGBA& im = big.decoded.image;
    measure("resample 6000x4000 -> thumbnail 256x171", reps, [&] { (void)downscale_to_fit(im, kThumbnailSide); });
    measure("resample 6000x4000 -> viewer 4096x2731", reps, [&] { (void)downscale_to_fit(im, kViewerMaxSide); });
    auto mid = downscale_to_fit(im, 1024);
    measure("resample 1024x683 -> 256x171", reps, [&] { (void)downscale_to_fit(mid, kThumbnailSide); });
    std::printf("(scalar path%s)\n", resample_simd_compiled() ? " and wasm SIMD compiled in" : "");
    return 0;
}
