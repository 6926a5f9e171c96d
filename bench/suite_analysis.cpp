// suite_analysis.cpp - JPEG bytes in, the 256 px thumbnail and the 128 px
// analysis image out (process_image: what the decode worker, the desktop app and
// the CLI run per image), on real ISIC files, two ways alternated call by call
// (the order flips every round, so both see the same moments of a shared
// machine; ratio_min/ratio_max are the spread of peer/Duckling over the rounds):
//   analysis_24mp  a 6000x4000 original: Duckling decodes it at 1/8 scale in the
//                  DCT domain (libjpeg-turbo) and area-averages from 750x500; the
//                  peer is the full decode it replaced (stb_image, all 24 MP, then
//                  the same averaging), the same call with full_decode set.
//   analysis_2mp   a 1872x1053 original and a 512x512 image, both under
//   analysis_512   kScaledDecodeMinMegapixels, so Duckling decodes them in full
//                  with stb; the peer is what a reduced decode would cost there
//                  (libjpeg-turbo at 1/4 or 1/2, then the same averaging): a
//                  ratio under 1 is the speed that staying on stb gives up.
// Natively, under node (build/web/bench/duckling-bench.js) and in the bench page.
#include <algorithm>
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "core/image/image_pipeline.h"
#include "core/image/jpeg_scaled.h"
#include "core/image/resample.h"
#include "harness.h"

namespace {

double now_ms() {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

duck::bench::Stats stats_of(std::vector<double> t) {
    std::sort(t.begin(), t.end());
    duck::bench::Stats s;
    s.runs = int(t.size());
    if (t.empty()) return s;
    s.min = t.front(), s.max = t.back();
    s.median = t.size() % 2 ? t[t.size() / 2] : (t[t.size() / 2 - 1] + t[t.size() / 2]) / 2;
    return s;
}

// Times mine() and peer() alternately; each returns false on a failed decode.
void alternate(const char* name, const char* peer_name, const std::function<bool()>& mine,
               const std::function<bool()>& peer, int runs) {
    if (duck::bench::runs_override() > 0) runs = duck::bench::runs_override();
    const int warmup = runs == 1 ? 0 : 2;
    std::vector<double> a, b, ratio;
    bool ok = true;
    for (int i = 0; i < warmup + runs; ++i) {
        double t[2] = {};
        for (int k = 0; k < 2; ++k) {
            const int which = (i % 2 == 0) ? k : 1 - k;
            const double t0 = now_ms();
            ok = (which == 0 ? mine() : peer()) && ok;
            t[which] = now_ms() - t0;
        }
        if (i < warmup) continue;
        a.push_back(t[0]), b.push_back(t[1]), ratio.push_back(t[1] / t[0]);
    }
    if (!ok) return void(std::fprintf(stderr, "%s: a decode failed\n", name));
    const duck::bench::Stats s = stats_of(a), p = stats_of(b);
    const nlohmann::json j = {{"name", name}, {"unit", "ms"}, {"min", s.min}, {"median", s.median}, {"max", s.max},
                              {"runs", s.runs}, {"peer", peer_name}, {"peer_median", p.median},
                              {"ratio", p.median / s.median}, {"peer_min", p.min}, {"peer_max", p.max},
                              {"ratio_min", *std::min_element(ratio.begin(), ratio.end())},
                              {"ratio_max", *std::max_element(ratio.begin(), ratio.end())}, {"alternated", true}};
    std::printf("%s\n", j.dump().c_str());
    std::fflush(stdout);
}

std::span<const uint8_t> as_span(const std::string& s) {
    return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

// process_image as the app runs it vs the same call decoding every pixel with stb.
void reduced_vs_full(const char* name, const char* rel, int runs) {
    const std::string bytes = duck::bench::read_shared(rel);
    if (bytes.empty()) return void(std::fprintf(stderr, "%s: %s not found\n", name, rel));
    duck::PipelineRequest reduced;  // the defaults: 256 px thumbnail, 128 px analysis image
    duck::PipelineRequest full = reduced;
    full.full_decode = true;
    alternate(name, "stb_image full decode + the same area averaging",
              [&] { return duck::process_image(as_span(bytes), reduced).ok(); },
              [&] { return duck::process_image(as_span(bytes), full).ok(); }, runs);
}

}  // namespace

DUCK_BENCH(analysis_24mp) { reduced_vs_full("analysis_24mp", "data/isic2020/images/ISIC_0081956.jpg", 15); }

// An image that stays on stb's full decode (under kScaledDecodeMinMegapixels)
// against what a reduced decode at 1/denom would cost there.
static void full_vs_scaled(const char* name, const char* rel, int w, int h, int denom, const char* peer, int runs) {
    const std::string bytes = duck::bench::read_shared(rel);
    if (bytes.empty()) return void(std::fprintf(stderr, "%s: %s not found\n", name, rel));
    const std::pair<int, int> sizes[2] = {duck::fit_within(w, h, duck::kThumbnailSide),
                                          duck::fit_within(w, h, duck::kAnalysisSide)};
    alternate(name, peer, [&] { return duck::process_image(as_span(bytes)).ok(); },
              [&] {
                  const duck::ScaledJpeg s = duck::decode_jpeg_scaled(as_span(bytes), denom);
                  if (!s.ok) return false;
                  return duck::resample_area_many(s.image.pixels.data(), s.image.width, s.image.height, sizes).size() == 2;
              },
              runs);
}

DUCK_BENCH(analysis_2mp) {
    full_vs_scaled("analysis_2mp", "data/isic2020/images/ISIC_0052212.jpg", 1872, 1053, 4,
                   "libjpeg-turbo at 1/4 + the same area averaging", 21);
}

DUCK_BENCH(analysis_512) {
    full_vs_scaled("analysis_512", "data/isic2020/images/ISIC_0074311.jpg", 512, 512, 2,
                   "libjpeg-turbo at 1/2 + the same area averaging", 31);
}
