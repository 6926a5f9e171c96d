// image_pipeline.cpp - decode once, resample to every requested size from the
// decoder's buffer, free it. See image_pipeline.h.
#include "core/image/image_pipeline.h"

#include <algorithm>
#include <cstring>

#include <stb/stb_image.h>

#include "core/image/image_decode.h"
#include "core/image/jpeg_scaled.h"

namespace duck {
namespace {

// Every requested size from one full-resolution RGBA buffer, in one pass over it
// (resample_area_many): the thumbnail and the analysis image of a 24 MP photo
// cost one conversion of its 24 M pixels to linear light, not two.
void reduce_all(const uint8_t* rgba, int w, int h, const PipelineRequest& rq, PipelineResult& r) {
    ImageRGBA* outs[3] = {&r.thumb, &r.analysis, &r.viewer};
    const int sides[3] = {rq.thumb_side, rq.analysis_side == rq.thumb_side ? 0 : rq.analysis_side, rq.viewer_side};
    std::pair<int, int> sizes[3] = {};
    for (int i = 0; i < 3; ++i) {
        if (sides[i] <= 0) continue;
        const auto [tw, th] = fit_within(w, h, sides[i]);
        if (tw == w && th == h) {  // already small enough: a plain copy
            outs[i]->width = w, outs[i]->height = h;
            outs[i]->pixels.assign(rgba, rgba + size_t(w) * size_t(h) * 4);
            continue;
        }
        sizes[i] = {tw, th};
    }
    std::vector<ImageRGBA> made = resample_area_many(rgba, w, h, sizes, rq.path);
    for (int i = 0; i < 3; ++i)
        if (sizes[i].first > 0) *outs[i] = std::move(made[size_t(i)]);
    if (rq.analysis_side == rq.thumb_side) r.analysis = r.thumb;
}

// Thumbnail and analysis image of a large JPEG from a reduced-scale decode.
// False when the image is too small for one (stb's full decode is as fast and
// keeps the pixels the model was trained on) or libjpeg reports any problem:
// stb's path then decodes the file and, if it is bad, says why, as before.
bool reduced_jpeg(std::span<const uint8_t> jpeg, const JpegInfo& info, const PipelineRequest& rq, PipelineResult& r) {
    if (rq.full_decode || (rq.thumb_side <= 0 && rq.analysis_side <= 0)) return false;
    const int denom = jpeg_scale_denom(info.width, info.height, std::max(rq.thumb_side, rq.analysis_side));
    if (denom == 1) return false;
    const ScaledJpeg s = decode_jpeg_scaled(jpeg, denom);
    if (!s.ok) return false;
    PipelineRequest small = rq;
    small.viewer_side = 0;
    reduce_all(s.image.pixels.data(), s.image.width, s.image.height, small, r);
    return true;
}

// JPEG bytes -> reduced images, with the decoder's buffer used in place.
void run_jpeg(std::span<const uint8_t> jpeg, const PipelineRequest& rq, PipelineResult& r, const std::string& prefix) {
    const JpegInfo info = jpeg_info(jpeg, rq.limits);
    if (info.width > 0) r.width = info.width, r.height = info.height;
    if (!info.ok()) {
        r.status = info.status;
        r.error = (info.status == ImageStatus::Corrupt ? prefix : "") + info.error;
        return;
    }
    const bool reduced = reduced_jpeg(jpeg, info, rq, r);
    if (reduced && rq.viewer_side <= 0) {
        r.status = ImageStatus::Ready;
        return;
    }
    int w = 0, h = 0, c = 0;
    stbi_uc* px = stbi_load_from_memory(jpeg.data(), int(jpeg.size()), &w, &h, &c, 4);
    if (!px) {
        // Same wording as decode_jpeg (which explains stb's reason).
        DecodedImage d = decode_jpeg(jpeg, rq.limits);
        r.status = d.ok() ? ImageStatus::Corrupt : d.status;
        r.error = (r.status == ImageStatus::Corrupt ? prefix : "") + (d.error.empty() ? std::string("corrupt JPEG data") : d.error);
        r.thumb = r.analysis = {};  // a failure carries no pixels, whichever decoder made some
        return;
    }
    r.width = w, r.height = h;
    if (reduced) {  // the viewer image only: thumbnail and analysis image are made
        PipelineRequest viewer_only = rq;
        viewer_only.thumb_side = viewer_only.analysis_side = 0;
        PipelineResult v;
        reduce_all(px, w, h, viewer_only, v);
        r.viewer = std::move(v.viewer);
    } else {
        reduce_all(px, w, h, rq, r);
    }
    stbi_image_free(px);
    r.status = ImageStatus::Ready;
}

}  // namespace

PipelineResult process_image(std::span<const uint8_t> bytes, const PipelineRequest& rq) {
    PipelineResult r;
    r.format = std::string(sniff_format(bytes));
    if (r.format != "dicom") {
        run_jpeg(bytes, rq, r, "");
        return r;
    }
    auto parsed = parse_dicom(bytes);
    if (!parsed.ok()) {
        r.error = parsed.error().message;
        return r;
    }
    const DicomFile& f = parsed.value();
    r.dicom = f.tags;
    r.width = f.tags.columns, r.height = f.tags.rows;
    if (f.pixels == DicomPixels::Encapsulated && dicom_syntax_is_jpeg_8bit(f.tags.transfer_syntax_uid)) {
        run_jpeg(f.frame, rq, r, "DICOM frame: ");
        return r;
    }
    // No pixels, unsupported syntax or native pixels: the general path says which.
    DecodedFile d = decode_image_file(bytes, rq.limits);
    r.status = d.decoded.status;
    r.error = d.decoded.error;
    if (d.decoded.ok()) reduce_all(d.decoded.image.pixels.data(), d.decoded.image.width, d.decoded.image.height, rq, r);
    return r;
}

}  // namespace duck
