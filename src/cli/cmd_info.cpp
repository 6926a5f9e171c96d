// cmd_info.cpp - `duckling-cli info FILE`: decode one JPEG or DICOM file exactly as
// the app does and report it as JSON (stable fields: file, format, width, height,
// status, error, tags). Exit 0 when the image decodes, 1 when it does not, 2 on bad usage.
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "cli/image_input.h"

namespace duck::cli {

int cmd_info(const Args& args) {
    if (args.empty() || args[0].rfind("--", 0) == 0) return print_usage("usage: duckling-cli info FILE\n");
    nlohmann::json j;
    PipelineRequest rq;
    rq.thumb_side = rq.analysis_side = 0;  // decode fully, keep nothing
    const PipelineResult r = process_to_json(args[0], rq, j);
    print_json(j);
    return r.ok() ? 0 : 1;
}

}  // namespace duck::cli
