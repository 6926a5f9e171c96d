// cmd_thumb.cpp - `duckling-cli thumb FILE --size N --out OUT.png`: decode one JPEG
// or DICOM file as the app does, write its thumbnail as PNG and report it as JSON
// (info's fields plus out, thumb_width, thumb_height). Exit 0 when written, 1 when
// the image does not decode or the PNG cannot be written, 2 on bad usage.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "cli/image_input.h"
#include "core/image/png_encode.h"
#include "core/image/resample.h"

namespace duck::cli {

int cmd_thumb(const Args& args) {
    const std::string out = flag_value(args, "--out");
    const std::string size_s = flag_value(args, "--size", std::to_string(kThumbnailSide));
    char* end = nullptr;
    const long v = std::strtol(size_s.c_str(), &end, 10);
    const int size = (end && *end == 0 && v >= 1 && v <= kViewerMaxSide) ? int(v) : 0;
    if (args.empty() || args[0].rfind("--", 0) == 0 || out.empty() || size == 0) {
        std::fprintf(stderr, "usage: duckling-cli thumb FILE [--size N (1-%d, default %d)] --out OUT.png\n", kViewerMaxSide,
                     kThumbnailSide);
        return 2;
    }
    nlohmann::json j;
    PipelineRequest rq;
    rq.thumb_side = size;
    rq.analysis_side = 0;
    const PipelineResult r = process_to_json(args[0], rq, j);
    j["out"] = out;
    if (r.ok()) {
        const ImageRGBA& thumb = r.thumb;
        std::vector<uint8_t> png = encode_png(thumb);
        std::ofstream f(out, std::ios::binary);
        if (png.empty() || !f.write(reinterpret_cast<const char*>(png.data()), std::streamsize(png.size()))) {
            j["error"] = "cannot write " + out;
            print_json(j);
            return 1;
        }
        j["thumb_width"] = thumb.width, j["thumb_height"] = thumb.height;
    }
    print_json(j);
    return r.ok() ? 0 : 1;
}

}  // namespace duck::cli
