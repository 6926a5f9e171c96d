// suite_images.cpp - JPEG decode benchmarks on real ISIC files (../shared/data):
// decode_512 (512x512) and decode_24mp (6000x4000), bytes in memory -> RGBA
// through duck::decode_jpeg, i.e. stb_image plus the header/limit checks the app
// runs. In the browser (scripts/bench) the same code runs as wasm with stb's
// SSE2 path translated to wasm SIMD, beside createImageBitmap as its peer. Each
// first checks its pixels against stb's scalar path (stb_scalar_ref.h).
#include <fstream>
#include <sstream>
#include <string>

#include "core/image/jpeg_decode.h"
#include "harness.h"
#include "stb_scalar_ref.h"

namespace {

std::string read_file(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
}

void decode_bench(const char* name, const char* rel, int runs) {
    const std::string bytes = read_file(duck::bench::shared_path(rel));
    if (bytes.empty()) return void(std::fprintf(stderr, "%s: %s not found\n", name, rel));
    const std::span<const uint8_t> span(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    // The SIMD decode must match stb's scalar path bit for bit, or nothing is reported
    // (scripts/bench then fails: a wrong fast decoder is not a result).
    int rw = 0, rh = 0;
    const duck::DecodedImage first = duck::decode_jpeg(span);
    if (!first.ok() || duck::stb_ref::decode_scalar(span, rw, rh) != first.image.pixels)
        return void(std::fprintf(stderr, "%s: %s decodes differently from stb's scalar path\n", name, rel));
    size_t pixels = 0;
    bool failed = false;
    const auto s = duck::bench::time_ms(2, runs, [&] {
        const duck::DecodedImage d = duck::decode_jpeg(span);
        failed = failed || !d.ok();
        pixels += d.image.pixels.size();
    });
    if (failed || pixels == 0) return void(std::fprintf(stderr, "%s: %s did not decode\n", name, rel));
    duck::bench::report(name, "ms", s);
}

}  // namespace

DUCK_BENCH(decode_512) { decode_bench("decode_512", "data/isic2020/images/ISIC_0074311.jpg", 21); }

DUCK_BENCH(decode_24mp) { decode_bench("decode_24mp", "data/isic2020/images/ISIC_0081956.jpg", 15); }
