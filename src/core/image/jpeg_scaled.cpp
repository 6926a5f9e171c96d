// jpeg_scaled.cpp - libjpeg-turbo's DCT-domain scaling behind a call that
// returns errors as values. See jpeg_scaled.h.
#include "core/image/jpeg_scaled.h"

#include <csetjmp>
#include <cstddef>
#include <cstdio>  // jpeglib.h needs FILE and size_t declared first

#include <jerror.h>
#include <jpeglib.h>

namespace duck {
namespace {

// libjpeg reports through these callbacks. The default error_exit calls exit();
// ours jumps back to decode_into's setjmp with the message, so an error never
// leaves the library any other way. Warnings (corrupt data patched over) are
// treated as errors: the caller then decodes with stb_image, as before.
struct ErrorState {
    jpeg_error_mgr mgr;      // first member: libjpeg hands back a pointer to it
    std::jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
};

[[noreturn]] void fail(j_common_ptr c) {
    auto* e = reinterpret_cast<ErrorState*>(c->err);
    (*c->err->format_message)(c, e->message);
    std::longjmp(e->jump, 1);
}

void on_message(j_common_ptr c, int level) {
    if (level < 0) fail(c);  // a warning: corrupt data
    // level >= 0: trace messages, off by default; never printed
}

void no_output(j_common_ptr) {}

// A progressive file may declare thousands of tiny scans; each one is a full
// pass over the coefficients (the same bound as TurboJPEG's TJFLAG_LIMITSCANS).
constexpr int kMaxScans = 500;

void progress(j_common_ptr c) {
    auto* d = reinterpret_cast<j_decompress_ptr>(c);
    if (c->is_decompressor && d->input_scan_number > kMaxScans) {
        auto* e = reinterpret_cast<ErrorState*>(c->err);
        std::snprintf(e->message, sizeof e->message, "progressive JPEG with more than %d scans", kMaxScans);
        std::longjmp(e->jump, 1);
    }
}

// Everything that lives across setjmp/longjmp is owned by the caller (passed by
// pointer), so no automatic object of this frame changes between the two.
bool decode_into(std::span<const uint8_t> bytes, int denom, jpeg_decompress_struct* d, ErrorState* err,
                 jpeg_progress_mgr* prog, ImageRGBA* out) {
    d->err = jpeg_std_error(&err->mgr);
    err->mgr.error_exit = fail;
    err->mgr.emit_message = on_message;
    err->mgr.output_message = no_output;
    if (setjmp(err->jump)) return false;
    jpeg_create_decompress(d);
    prog->progress_monitor = progress;
    d->progress = prog;
    jpeg_mem_src(d, bytes.data(), static_cast<unsigned long>(bytes.size()));
    jpeg_read_header(d, TRUE);
    d->scale_num = 1;
    d->scale_denom = static_cast<unsigned>(denom);
    d->out_color_space = JCS_EXT_RGBA;  // grey is expanded too; CMYK/YCCK fail (stb handles them)
    jpeg_start_decompress(d);
    out->width = static_cast<int>(d->output_width);
    out->height = static_cast<int>(d->output_height);
    const size_t stride = size_t(d->output_width) * 4;
    out->pixels.resize(stride * d->output_height);
    while (d->output_scanline < d->output_height) {
        JSAMPROW row = out->pixels.data() + stride * d->output_scanline;
        jpeg_read_scanlines(d, &row, 1);
    }
    jpeg_finish_decompress(d);
    return true;
}

}  // namespace

int jpeg_scale_denom(int width, int height, int side) {
    if (width <= 0 || height <= 0) return 1;
    if (double(width) * double(height) < kScaledDecodeMinMegapixels * 1e6) return 1;
    const auto [tw, th] = fit_within(width, height, side > kScaledDecodeMinSide ? side : kScaledDecodeMinSide);
    for (int d : {8, 4, 2})
        if ((width + d - 1) / d >= tw && (height + d - 1) / d >= th) return d;
    return 1;
}

ScaledJpeg decode_jpeg_scaled(std::span<const uint8_t> bytes, int denom) {
    ScaledJpeg r;
    if (denom != 1 && denom != 2 && denom != 4 && denom != 8) {
        r.error = "scale 1/" + std::to_string(denom) + " is not one of 1, 1/2, 1/4, 1/8";
        return r;
    }
    if (bytes.empty()) {
        r.error = "empty file (0 bytes)";
        return r;
    }
    jpeg_decompress_struct d{};
    ErrorState err{};
    jpeg_progress_mgr prog{};
    r.ok = decode_into(bytes, denom, &d, &err, &prog, &r.image);
    if (!r.ok) {
        r.error = err.message;
        r.image = {};
    }
    jpeg_destroy_decompress(&d);  // also after a failure part-way: frees libjpeg's pools
    return r;
}

}  // namespace duck
