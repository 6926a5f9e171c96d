// worker_api.cpp - the C entry points of duckling-worker.wasm, the decoder that
// runs inside a Web Worker (web/decode_worker.js) so that decoding a 24 MP
// original never blocks the app's frame loop. One job at a time per worker: the
// JS side copies the file bytes in, calls duck_worker_process, reads the
// result's JSON and pixel buffers, then calls duck_worker_clear. Pure C++ (no
// emscripten headers): exports are listed in src/worker/CMakeLists.txt.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <span>
#include <string>

#include "core/image/image_pipeline.h"
#include "core/index/index_build.h"
#include "core/model/lesion_features.h"

namespace {

duck::PipelineResult g_result;
std::string g_json;
// The background index's last analysis (duck_worker_analyse).
duck::RowAnalysis g_analysis;

const uint8_t* pixels_of(const duck::ImageRGBA& im) { return im.empty() ? nullptr : im.pixels.data(); }
int bytes_of(const duck::ImageRGBA& im) { return int(im.pixels.size()); }

nlohmann::json size_json(const duck::ImageRGBA& im) {
    if (im.empty()) return nullptr;
    return {{"width", im.width}, {"height", im.height}};
}

}  // namespace

extern "C" {

// Decodes `len` bytes at `bytes` (JPEG or DICOM) into the requested sizes (a side
// of 0 skips that image). Returns 1 when the image is ready, 0 otherwise; the
// details are in duck_worker_result_json(). The input is not kept.
int duck_worker_process(const uint8_t* bytes, int len, int thumb_side, int analysis_side, int viewer_side,
                        double max_megapixels) {
    g_result = {};
    duck::PipelineRequest rq;
    rq.thumb_side = thumb_side;
    rq.analysis_side = analysis_side;
    rq.viewer_side = viewer_side;
    if (max_megapixels > 0) rq.limits.max_megapixels = max_megapixels;
    if (bytes && len > 0) g_result = duck::process_image(std::span<const uint8_t>(bytes, size_t(len)), rq);
    else g_result = duck::process_image({}, rq);
    nlohmann::json j;
    j["status"] = std::string(duck::image_status_name(g_result.status));
    j["error"] = g_result.error;
    j["format"] = g_result.format;
    j["width"] = g_result.width;
    j["height"] = g_result.height;
    j["tags"] = nlohmann::json::object();
    if (g_result.dicom)
        for (const auto& [k, v] : duck::dicom_tag_list(*g_result.dicom)) j["tags"][k] = v;
    j["thumb"] = size_json(g_result.thumb);
    j["analysis"] = size_json(g_result.analysis);
    j["viewer"] = size_json(g_result.viewer);
    g_json = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return g_result.ok() ? 1 : 0;
}

// The last result as JSON: status, error, format, width, height, tags, and
// {width,height} (or null) for thumb, analysis and viewer.
const char* duck_worker_result_json() { return g_json.c_str(); }

// RGBA pixels of the last result's thumbnail, analysis and viewer images, and
// their sizes in bytes. Null (0 bytes) when that image was not produced. Valid
// until the next call.
const uint8_t* duck_worker_thumb_pixels() { return pixels_of(g_result.thumb); }
int duck_worker_thumb_bytes() { return bytes_of(g_result.thumb); }
const uint8_t* duck_worker_analysis_pixels() { return pixels_of(g_result.analysis); }
int duck_worker_analysis_bytes() { return bytes_of(g_result.analysis); }
const uint8_t* duck_worker_viewer_pixels() { return pixels_of(g_result.viewer); }
int duck_worker_viewer_bytes() { return bytes_of(g_result.viewer); }

// Frees the last result's pixels (the wasm heap keeps its size, the JS side
// recycles workers whose heap has grown large).
void duck_worker_clear() {
    g_result = {};
    g_json.clear();
    g_json.shrink_to_fit();
}

// The background index (web/index_pool.js): decodes `len` bytes at analysis size
// and computes the model's features, exactly as index_build.h's analyse_image
// (the app's decode + features). Returns the index's LesionStatus code (0 ok,
// 1 segmentation fallback: features present; others: no features, see
// duck_worker_analysis_reason()). The input is not kept.
int duck_worker_analyse(const uint8_t* bytes, int len) {
    static const duck::DermFeatureExtractor extractor;
    g_analysis = duck::analyse_image(
        bytes && len > 0 ? std::span<const uint8_t>(bytes, size_t(len)) : std::span<const uint8_t>(), extractor);
    return int(g_analysis.status);
}
// The last analysis' features (float32) and their count (0 without features),
// and why it has none (empty when it has). Valid until the next call.
const float* duck_worker_analysis_features() { return g_analysis.features.empty() ? nullptr : g_analysis.features.data(); }
int duck_worker_analysis_feature_count() { return int(g_analysis.features.size()); }
const char* duck_worker_analysis_reason() { return g_analysis.reason.c_str(); }

}  // extern "C"
