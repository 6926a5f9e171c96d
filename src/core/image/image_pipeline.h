// image_pipeline.h - what happens to one image file after its bytes arrive (in
// the web worker, the native app and `duckling-cli thumb`): decode JPEG/DICOM,
// reduce to the thumbnail, the model's analysis size and optionally a capped
// viewer image, and drop the full-resolution pixels straight away. Large JPEGs
// (24 MP originals) give the thumbnail and the analysis image from a decode at
// 1/2, 1/4 or 1/8 scale in the DCT domain (libjpeg-turbo, jpeg_scaled.h); the
// viewer image, and every image of smaller files, come from stb_image's full
// decode as before. The decoder's own buffer is resampled in place (no copy), so
// a 24 MP original decoded in full peaks at about the decoder's working set plus
// its 96 MB output, not twice that.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "core/image/dicom.h"
#include "core/image/image.h"
#include "core/image/image_status.h"
#include "core/image/jpeg_decode.h"
#include "core/image/resample.h"

namespace duck {

struct PipelineRequest {
    int thumb_side = kThumbnailSide;     // 0: no thumbnail
    int analysis_side = kAnalysisSide;   // 0: no analysis image
    int viewer_side = 0;                 // 0: no viewer image; else the longest side cap (e.g. kViewerMaxSide)
    DecodeLimits limits;
    ResamplePath path = ResamplePath::Simd;
    // Decode every pixel with stb_image even where a reduced-scale decode would do
    // (benchmarks and comparisons of the two; the app, worker and CLI never set it).
    bool full_decode = false;
};

struct PipelineResult {
    std::string format;                  // "jpeg", "dicom" or what sniff_format() saw
    ImageStatus status = ImageStatus::Corrupt;
    std::string error;                   // empty when status == Ready
    int width = 0, height = 0;           // original size (from the header, also on failure when known)
    ImageRGBA thumb, analysis, viewer;   // filled as requested when Ready
    std::optional<DicomTags> dicom;
    bool ok() const { return status == ImageStatus::Ready; }
};

PipelineResult process_image(std::span<const uint8_t> bytes, const PipelineRequest& request = {});

}  // namespace duck
