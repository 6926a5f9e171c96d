// image_decode.cpp - JPEG/DICOM dispatch and the native-DICOM pixel conversion.
#include "core/image/image_decode.h"

#include <algorithm>
#include <cstdio>

namespace duck {
namespace {

uint8_t clamp8(float v) { return uint8_t(std::clamp(v + 0.5f, 0.0f, 255.0f)); }

std::string fmt_mp(double mp) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", mp);
    return buf;
}

}  // namespace

DecodedImage dicom_native_to_rgba(const DicomFile& f, const DecodeLimits& limits) {
    DecodedImage out;
    const DicomTags& t = f.tags;
    const int w = t.columns, h = t.rows, spp = t.samples_per_pixel;
    if (double(w) * double(h) / 1e6 > limits.max_megapixels) {
        out.status = ImageStatus::TooLarge;
        out.error = "image " + std::to_string(w) + "x" + std::to_string(h) + " exceeds the " + fmt_mp(limits.max_megapixels) + " MP limit";
        return out;
    }
    const size_t n = size_t(w) * size_t(h);
    if (n == 0 || f.frame.size() < n * size_t(spp)) {
        out.error = "corrupt DICOM: native frame smaller than its declared size";
        return out;
    }
    const std::string& pi = t.photometric_interpretation;
    out.image.width = w;
    out.image.height = h;
    out.image.pixels.resize(n * 4);
    uint8_t* d = out.image.pixels.data();
    const uint8_t* s = f.frame.data();
    for (size_t i = 0; i < n; ++i, d += 4) {
        if (spp == 1) {
            const uint8_t g = pi == "MONOCHROME1" ? uint8_t(255 - s[i]) : s[i];
            d[0] = d[1] = d[2] = g;
        } else {
            const bool planar = t.planar_configuration == 1;
            const uint8_t a = planar ? s[i] : s[i * 3], b = planar ? s[n + i] : s[i * 3 + 1], c = planar ? s[2 * n + i] : s[i * 3 + 2];
            if (pi == "YBR_FULL") {  // ITU-R BT.601 full range, as in DICOM PS3.3 C.7.6.3.1.2
                const float y = a, cb = b - 128.0f, cr = c - 128.0f;
                d[0] = clamp8(y + 1.402f * cr);
                d[1] = clamp8(y - 0.344136f * cb - 0.714136f * cr);
                d[2] = clamp8(y + 1.772f * cb);
            } else {
                d[0] = a, d[1] = b, d[2] = c;
            }
        }
        d[3] = 255;
    }
    out.status = ImageStatus::Ready;
    return out;
}

DecodedFile decode_image_file(std::span<const uint8_t> bytes, const DecodeLimits& limits) {
    DecodedFile r;
    r.format = std::string(sniff_format(bytes));
    if (r.format != "dicom") {
        // JPEG, or anything else: the JPEG path gives the specific "not a JPEG (...)" reason.
        const JpegInfo info = jpeg_info(bytes, limits);
        r.width = info.width, r.height = info.height;
        r.decoded = decode_jpeg(bytes, limits);
        return r;
    }
    auto parsed = parse_dicom(bytes);
    if (!parsed.ok()) {
        r.decoded.error = parsed.error().message;
        return r;
    }
    const DicomFile& f = parsed.value();
    r.dicom = f.tags;
    r.width = f.tags.columns, r.height = f.tags.rows;
    if (f.pixels == DicomPixels::None) {
        r.decoded.error = "DICOM file has no pixel data";
    } else if (f.pixels == DicomPixels::Native) {
        r.decoded = dicom_native_to_rgba(f, limits);
    } else if (!dicom_syntax_is_jpeg_8bit(f.tags.transfer_syntax_uid)) {
        r.decoded.error = "unsupported DICOM transfer syntax: " + dicom_syntax_name(f.tags.transfer_syntax_uid);
    } else {
        // The frame is a complete JPEG stream. YBR_FULL_422 means the stream holds
        // YCbCr, which the JPEG decoder converts to RGB itself: converting again
        // here is what makes other viewers show pink skin.
        r.decoded = decode_jpeg(f.frame, limits);
        if (r.decoded.ok()) r.width = r.decoded.image.width, r.height = r.decoded.image.height;
        if (!r.decoded.ok() && r.decoded.status == ImageStatus::Corrupt) r.decoded.error = "DICOM frame: " + r.decoded.error;
    }
    return r;
}

}  // namespace duck
