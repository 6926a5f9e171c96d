// jpeg_decode.cpp - header walk, limits and stb_image decode for JPEG bytes.
// The walk is our own (not stb's) for two reasons: stb happily decodes a
// truncated file as grey, and its failure strings are terse ("no SOI").
#include "core/image/jpeg_decode.h"

#include <cstdio>
#include <cstring>

#include <stb/stb_image.h>

namespace duck {
namespace {

bool starts_with(std::span<const uint8_t> b, size_t at, std::string_view sig) {
    if (b.size() < at + sig.size()) return false;
    return std::memcmp(b.data() + at, sig.data(), sig.size()) == 0;
}

std::string fmt_mp(double mp) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", mp);
    return buf;
}

bool is_sof(uint8_t m) {  // C0-CF except DHT (C4), JPG (C8), DAC (CC)
    return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

// "png" -> "PNG" for messages.
std::string format_label(std::string_view fmt) {
    if (fmt == "webp") return "WebP";
    if (fmt == "dicom") return "DICOM";
    std::string s(fmt);
    for (auto& c : s) c = char(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    return s;
}

uint16_t be16(const uint8_t* p) { return uint16_t(p[0] << 8 | p[1]); }

// Plain-words reason for a stb_image failure string.
std::string explain_stb(const char* reason) {
    std::string r = reason ? reason : "unknown";
    if (r == "no SOI") return "not a JPEG (no start-of-image marker)";
    if (r == "outofmem") return "out of memory while decoding";
    if (r == "only 8-bit") return "unsupported JPEG: only 8-bit samples are supported";
    if (r == "too large") return "image dimensions too large for the decoder";
    if (r == "progressive jpeg") return "unsupported progressive JPEG variant";
    return "corrupt JPEG data (" + r + ")";
}

// Checks a DHT segment's tables. stb_image 2.27 summed the 16 code counts of a
// table without a bound and wrote that many entries into 256/257-byte arrays
// (heap overflow, found by fuzz/fuzz_jpeg; 2.28 checks it too). The header walk
// keeps refusing such tables itself, so the limit holds whichever stb is built
// in. Returns "" when the segment is sound.
std::string dht_error(const uint8_t* p, size_t n) {
    size_t i = 0;
    while (i < n) {
        if (n - i < 17) return "corrupt JPEG (Huffman table header cut short)";
        size_t codes = 0;
        for (int k = 1; k <= 16; ++k) codes += p[i + k];
        if (codes > 256)
            return "corrupt JPEG (Huffman table declares " + std::to_string(codes) + " codes; at most 256 exist)";
        if (n - i - 17 < codes) return "corrupt JPEG (Huffman table runs past its segment)";
        i += 17 + codes;
    }
    return {};
}

}  // namespace

std::string_view sniff_format(std::span<const uint8_t> b) {
    if (b.empty()) return "empty";
    if (b.size() >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) return "jpeg";
    if (starts_with(b, 128, "DICM")) return "dicom";
    if (starts_with(b, 0, "\x89PNG")) return "png";
    if (starts_with(b, 0, "GIF8")) return "gif";
    if (starts_with(b, 0, "BM")) return "bmp";
    if (starts_with(b, 0, "II*\0") || starts_with(b, 0, "MM\0*")) return "tiff";
    if (starts_with(b, 0, "RIFF") && starts_with(b, 8, "WEBP")) return "webp";
    if (starts_with(b, 0, "%PDF")) return "pdf";
    // A web server answering a missing image with an HTML page is common.
    size_t i = 0;
    while (i < b.size() && i < 64 && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t' || b[i] == 0xEF ||
                                      b[i] == 0xBB || b[i] == 0xBF))
        ++i;
    if (i < b.size() && b[i] == '<') return "html";
    return "unknown";
}

JpegInfo jpeg_info(std::span<const uint8_t> b, const DecodeLimits& limits) {
    JpegInfo info;
    std::string_view fmt = sniff_format(b);
    if (fmt == "empty") {
        info.error = "empty file (0 bytes)";
        return info;
    }
    if (b.size() < 2 || b[0] != 0xFF || b[1] != 0xD8) {
        info.error = fmt == "unknown" ? std::string("not a JPEG (no start-of-image marker)")
                                      : "not a JPEG (" + format_label(fmt) + " signature)";
        return info;
    }
    const size_t n = b.size();
    size_t pos = 2;
    bool have_sof = false, have_sos = false;
    while (true) {
        // Expect a marker; tolerate fill bytes and stray garbage as libjpeg does.
        while (pos < n && b[pos] != 0xFF) ++pos;
        while (pos < n && b[pos] == 0xFF) ++pos;
        if (pos >= n) {
            info.error = "truncated JPEG (" + std::to_string(n) + " bytes, no end-of-image marker" +
                         (have_sos ? ")" : "; the header is incomplete)");
            return info;
        }
        const uint8_t m = b[pos++];
        if (m == 0xD9) break;                                  // EOI
        if (m == 0x01 || (m >= 0xD0 && m <= 0xD7)) continue;   // standalone markers
        if (m == 0x00) continue;                               // stuffed byte outside a scan: skip
        if (pos + 2 > n || pos + be16(&b[pos]) > n) {
            info.error = "truncated JPEG (a segment runs past the end of the " + std::to_string(n) + "-byte file)";
            return info;
        }
        const size_t len = be16(&b[pos]);
        if (len < 2) {
            info.error = "corrupt JPEG (segment length " + std::to_string(len) + ")";
            return info;
        }
        const uint8_t* seg = &b[pos + 2];
        if (m == 0xC4) {  // DHT: code counts bounded here, not only in stb (fuzz finding, see dht_error)
            std::string e = dht_error(seg, len - 2);
            if (!e.empty()) {
                info.error = std::move(e);
                return info;
            }
        }
        if (is_sof(m) && !have_sof) {
            if (len < 8) {
                info.error = "corrupt JPEG (frame header too short)";
                return info;
            }
            have_sof = true;
            info.height = be16(seg + 1);
            info.width = be16(seg + 3);
            info.components = seg[5];
            info.progressive = (m == 0xC2 || m == 0xC6 || m == 0xCA || m == 0xCE);
            if (m == 0xC3 || m == 0xC7 || m == 0xCB || m == 0xCF) {
                info.error = "unsupported JPEG: lossless coding";
                return info;
            }
            if (m >= 0xC9) {
                info.error = "unsupported JPEG: arithmetic coding";
                return info;
            }
            if (seg[0] != 8) {
                info.error = "unsupported JPEG: " + std::to_string(seg[0]) + "-bit samples (only 8-bit)";
                return info;
            }
            if (info.width == 0 || info.height == 0) {
                info.error = "corrupt JPEG (declares " + std::to_string(info.width) + "x" + std::to_string(info.height) + " pixels)";
                return info;
            }
            const double mp = double(info.width) * double(info.height) / 1e6;
            if (mp > limits.max_megapixels) {
                info.status = ImageStatus::TooLarge;
                info.error = "image " + std::to_string(info.width) + "x" + std::to_string(info.height) + " exceeds the " +
                             fmt_mp(limits.max_megapixels) + " MP limit";
                return info;
            }
        }
        pos += len;
        if (m == 0xDA) {  // SOS: skip entropy-coded data up to the next real marker
            if (!have_sof) {
                info.error = "corrupt JPEG (scan before frame header)";
                return info;
            }
            have_sos = true;
            while (true) {
                const void* ff = pos < n ? std::memchr(&b[pos], 0xFF, n - pos) : nullptr;
                if (!ff) {
                    pos = n;
                    break;
                }
                pos = size_t(static_cast<const uint8_t*>(ff) - b.data());
                if (pos + 1 >= n) {
                    pos = n;
                    break;
                }
                const uint8_t next = b[pos + 1];
                if (next == 0x00 || (next >= 0xD0 && next <= 0xD7) || next == 0xFF) {
                    pos += (next == 0xFF) ? 1 : 2;
                    continue;
                }
                break;  // a marker: the outer loop reads it
            }
        }
    }
    if (!have_sof || !have_sos) {
        info.error = have_sof ? "corrupt JPEG (no image data: end-of-image before any scan)"
                              : "corrupt JPEG (no frame header before end-of-image)";
        return info;
    }
    // Cross-check with stb's own header parser (it also validates sampling factors).
    int w = 0, h = 0, c = 0;
    if (!stbi_info_from_memory(b.data(), int(n), &w, &h, &c)) {
        info.error = explain_stb(stbi_failure_reason());
        return info;
    }
    info.status = ImageStatus::Ready;
    return info;
}

DecodedImage decode_jpeg(std::span<const uint8_t> b, const DecodeLimits& limits) {
    DecodedImage out;
    JpegInfo info = jpeg_info(b, limits);
    if (!info.ok()) {
        out.status = info.status;
        out.error = std::move(info.error);
        return out;
    }
    if (b.size() > size_t(INT32_MAX)) {
        out.error = "file too large to decode (over 2 GB)";
        return out;
    }
    int w = 0, h = 0, c = 0;
    stbi_uc* px = stbi_load_from_memory(b.data(), int(b.size()), &w, &h, &c, 4);
    if (!px) {
        out.error = explain_stb(stbi_failure_reason());
        return out;
    }
    out.image.width = w;
    out.image.height = h;
    out.image.pixels.assign(px, px + size_t(w) * size_t(h) * 4);
    stbi_image_free(px);
    out.status = ImageStatus::Ready;
    return out;
}

}  // namespace duck
