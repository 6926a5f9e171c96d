// image_input.h - one image file run through the app's image pipeline, for
// `duckling-cli info` and `thumb`: the JSON fields both print (file, format,
// width, height, status, error, tags).
#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "core/image/image_pipeline.h"

namespace duck::cli {

// Reads FILE (a missing, unreadable or over-512-MB file is status "missing" with
// the reason), decodes it with `rq` and fills j's common fields.
PipelineResult process_to_json(const std::string& path, const PipelineRequest& rq, nlohmann::json& j);

}  // namespace duck::cli
