// image_pipeline.cpp - decode once, resample to every requested size from the
// decoder's buffer, free it. See image_pipeline.h.
#include "core/image_pipeline.h"

#include <cstring>

#include <stb/stb_image.h>

#include "core/image_decode.h"

namespace duck {
namespace {

// Every requested size from one full-resolution RGBA buffer.
void reduce_all(const uint8_t* rgba, int w, int h, const PipelineRequest& rq, PipelineResult& r) {
    auto fit = [&](int side) {
        ImageRGBA out;
        if (side <= 0) return out;
        auto [tw, th] = fit_within(w, h, side);
        if (tw == w && th == h) {  // already small enough: a plain copy
            out.width = w, out.height = h;
            out.pixels.assign(rgba, rgba + size_t(w) * size_t(h) * 4);
            return out;
        }
        return resample_area(rgba, w, h, tw, th, rq.path);
    };
    r.thumb = fit(rq.thumb_side);
    r.analysis = rq.analysis_side == rq.thumb_side ? r.thumb : fit(rq.analysis_side);
    r.viewer = fit(rq.viewer_side);
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
    int w = 0, h = 0, c = 0;
    stbi_uc* px = stbi_load_from_memory(jpeg.data(), int(jpeg.size()), &w, &h, &c, 4);
    if (!px) {
        // Same wording as decode_jpeg (which explains stb's reason).
        DecodedImage d = decode_jpeg(jpeg, rq.limits);
        r.status = d.ok() ? ImageStatus::Corrupt : d.status;
        r.error = (r.status == ImageStatus::Corrupt ? prefix : "") + (d.error.empty() ? std::string("corrupt JPEG data") : d.error);
        return;
    }
    r.width = w, r.height = h;
    reduce_all(px, w, h, rq, r);
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
