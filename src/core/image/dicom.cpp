// dicom.cpp - the Part 10 reader declared in dicom.h. One recursive-descent
// parser over a byte span with an explicit end for every nesting level; each
// length is validated against that end before it is followed.
#include "core/image/dicom.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace duck {
namespace {

constexpr uint32_t kUndefined = 0xFFFFFFFFu;
constexpr uint32_t kItem = 0xFFFEE000u, kItemDelim = 0xFFFEE00Du, kSeqDelim = 0xFFFEE0DDu;
constexpr uint32_t kPixelData = 0x7FE00010u;
constexpr uint32_t kAnatomicRegionSeq = 0x00082218u, kCodeMeaning = 0x00080104u;

uint16_t le16(const uint8_t* p) { return uint16_t(p[0] | p[1] << 8); }
uint32_t le32(const uint8_t* p) { return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24; }

std::string tag_str(uint32_t tag) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "(%04X,%04X)", tag >> 16, tag & 0xFFFF);
    return buf;
}

// VRs whose explicit-VR header has 2 reserved bytes and a 32-bit length.
bool long_vr(const char* vr) {
    static const char* const kLong[] = {"OB", "OD", "OF", "OL", "OV", "OW", "SQ", "UC", "UN", "UR", "UT", "SV", "UV"};
    for (const char* v : kLong)
        if (vr[0] == v[0] && vr[1] == v[1]) return true;
    return false;
}

std::string clean_text(const uint8_t* p, size_t n) {
    std::string s(reinterpret_cast<const char*>(p), n);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\0')) s.pop_back();
    size_t i = 0;
    while (i < s.size() && s[i] == ' ') ++i;
    s.erase(0, i);
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
    return s;
}

struct Elem {
    uint32_t tag = 0;
    char vr[3] = {0, 0, 0};
    uint32_t len = 0;
    size_t value = 0;  // offset of the value
};

class Parser {
public:
    Parser(std::span<const uint8_t> b, const DicomLimits& lim) : b_(b), lim_(lim) {}
    std::string err;
    DicomFile out;

    bool fail(std::string m) {
        if (err.empty()) err = std::move(m);
        return false;
    }

    bool header(size_t pos, size_t end, bool explicit_vr, Elem& e) {
        if (end < pos + 8) return fail("truncated DICOM: element header at offset " + std::to_string(pos) + " cut off");
        e.tag = uint32_t(le16(&b_[pos])) << 16 | le16(&b_[pos + 2]);
        e.vr[0] = e.vr[1] = 0;
        if ((e.tag >> 16) == 0xFFFE || !explicit_vr) {  // items/delimiters never carry a VR
            e.len = le32(&b_[pos + 4]);
            e.value = pos + 8;
            return true;
        }
        e.vr[0] = char(b_[pos + 4]), e.vr[1] = char(b_[pos + 5]);
        if (e.vr[0] < 'A' || e.vr[0] > 'Z' || e.vr[1] < 'A' || e.vr[1] > 'Z')
            return fail("corrupt DICOM: invalid VR bytes for element " + tag_str(e.tag) + " at offset " + std::to_string(pos));
        if (long_vr(e.vr)) {
            if (end < pos + 12) return fail("truncated DICOM: element header at offset " + std::to_string(pos) + " cut off");
            e.len = le32(&b_[pos + 8]);
            e.value = pos + 12;
        } else {
            e.len = le16(&b_[pos + 6]);
            e.value = pos + 8;
        }
        return true;
    }

    bool count() {
        if (++elements_ > lim_.max_elements)
            return fail("corrupt DICOM: more than " + std::to_string(lim_.max_elements) + " elements");
        return true;
    }

    bool check_len(const Elem& e, size_t end) {
        if (e.len > end - e.value)
            return fail("corrupt DICOM: element " + tag_str(e.tag) + " declares " + std::to_string(e.len) +
                        " bytes but only " + std::to_string(end - e.value) + " remain");
        return true;
    }

    // File meta information (group 0002): always explicit VR little endian.
    bool meta(size_t& pos) {
        const size_t end = b_.size();
        while (pos + 4 <= end && le16(&b_[pos]) == 0x0002) {
            Elem e;
            if (!count() || !header(pos, end, true, e) || !check_len(e, end)) return false;
            if (e.len == kUndefined) return fail("corrupt DICOM: undefined length in file meta " + tag_str(e.tag));
            if (e.tag == 0x00020010u) out.tags.transfer_syntax_uid = clean_text(b_.data() + e.value, e.len);
            pos = e.value + e.len;
        }
        return true;
    }

    // Elements in [pos, end). In an undefined-length item, stop at its delimiter.
    bool dataset(size_t& pos, size_t end, bool explicit_vr, int depth, uint32_t parent, bool undefined_item) {
        while (pos < end) {
            Elem e;
            if (!count() || !header(pos, end, explicit_vr, e)) return false;
            if (e.tag == kItemDelim) {
                if (!undefined_item) return fail("corrupt DICOM: stray item delimiter at offset " + std::to_string(pos));
                pos = e.value;
                return true;
            }
            if (e.tag == kItem || e.tag == kSeqDelim)
                return fail("corrupt DICOM: unexpected item tag " + tag_str(e.tag) + " at offset " + std::to_string(pos));
            const bool sq = explicit_vr ? (e.vr[0] == 'S' && e.vr[1] == 'Q') : e.tag == kAnatomicRegionSeq;
            if (e.len == kUndefined) {
                if (e.tag == kPixelData && depth == 0) {
                    pos = e.value;
                    if (!encapsulated(pos)) return false;
                } else if (sq || !explicit_vr || (e.vr[0] == 'U' && e.vr[1] == 'N')) {
                    pos = e.value;
                    // UN of undefined length holds implicit VR data (DICOM PS3.5 6.2.2).
                    if (!sequence(pos, end, kUndefined, sq && explicit_vr, depth, e.tag)) return false;
                } else {
                    return fail("corrupt DICOM: element " + tag_str(e.tag) + " (" + e.vr + ") has undefined length");
                }
                continue;
            }
            if (!check_len(e, end)) return false;
            if (sq) {
                pos = e.value;
                if (!sequence(pos, e.value + e.len, e.len, explicit_vr, depth, e.tag)) return false;
                pos = e.value + e.len;
                continue;
            }
            if (!record(e, depth, parent)) return false;
            pos = e.value + e.len;
        }
        if (undefined_item) return fail("truncated DICOM: item without its delimiter");
        return true;
    }

    bool sequence(size_t& pos, size_t end, uint32_t len, bool explicit_vr, int depth, uint32_t tag) {
        if (depth + 1 > lim_.max_depth)
            return fail("corrupt DICOM: sequences nested deeper than " + std::to_string(lim_.max_depth) + " levels");
        while (len != kUndefined ? pos < end : true) {
            Elem it;
            if (!count()) return false;
            if (!header(pos, end, false, it)) {
                if (len == kUndefined) err = "truncated DICOM: sequence " + tag_str(tag) + " has no end delimiter";
                return false;
            }
            if (it.tag == kSeqDelim && len == kUndefined) {
                pos = it.value;
                return true;
            }
            if (it.tag != kItem)
                return fail("corrupt DICOM: expected an item in sequence " + tag_str(tag) + ", found " + tag_str(it.tag));
            pos = it.value;
            if (it.len == kUndefined) {
                if (!dataset(pos, end, explicit_vr, depth + 1, tag, true)) return false;
            } else {
                if (!check_len(it, end)) return false;
                size_t p = it.value;
                if (!dataset(p, it.value + it.len, explicit_vr, depth + 1, tag, false)) return false;
                pos = it.value + it.len;
            }
        }
        return true;
    }

    // Encapsulated pixel data: basic offset table item, then fragment items.
    bool encapsulated(size_t& pos) {
        const size_t end = b_.size();
        Elem bot;
        if (!header(pos, end, false, bot)) return false;
        if (bot.tag != kItem) return fail("corrupt DICOM: encapsulated pixel data does not start with an offset table item");
        if (bot.len == kUndefined) return fail("corrupt DICOM: offset table with undefined length");
        if (!check_len(bot, end)) return false;
        if (bot.len % 4) return fail("corrupt DICOM: offset table length " + std::to_string(bot.len) + " is not a multiple of 4");
        std::vector<uint32_t> offsets;
        for (uint32_t i = 0; i < bot.len; i += 4) offsets.push_back(le32(&b_[bot.value + i]));
        out.offset_table_entries = int(offsets.size());
        pos = bot.value + bot.len;
        const size_t first = pos;
        std::vector<std::pair<size_t, uint32_t>> frag;  // value offset, length
        while (true) {
            Elem f;
            if (!header(pos, end, false, f)) {
                err = "truncated DICOM: pixel data ends after " + std::to_string(frag.size()) + " fragment(s) without a delimiter";
                return false;
            }
            if (f.tag == kSeqDelim) {
                pos = f.value;
                break;
            }
            if (f.tag != kItem) return fail("corrupt DICOM: expected a pixel data fragment, found " + tag_str(f.tag));
            if (f.len == kUndefined) return fail("corrupt DICOM: pixel data fragment with undefined length");
            if (!check_len(f, end)) return false;
            if (int(frag.size()) >= lim_.max_fragments)
                return fail("corrupt DICOM: more than " + std::to_string(lim_.max_fragments) + " pixel data fragments");
            // Frame 0 = fragments before the second offset; without a table, one
            // frame per fragment when there are several frames, else all of them.
            const size_t rel = pos - first;
            bool frame0 = offsets.size() >= 2 ? rel < offsets[1] : (out.tags.number_of_frames > 1 ? frag.empty() : true);
            if (frame0) frag.push_back({f.value, f.len});
            ++out.fragments;
            pos = f.value + f.len;
        }
        if (frag.empty()) return fail("corrupt DICOM: encapsulated pixel data has no fragments");
        size_t total = 0;
        for (auto& f : frag) total += f.second;
        out.frame.reserve(total);
        for (auto& f : frag) out.frame.insert(out.frame.end(), b_.begin() + long(f.first), b_.begin() + long(f.first + f.second));
        out.pixels = DicomPixels::Encapsulated;
        return true;
    }

    bool record(const Elem& e, int depth, uint32_t parent) {
        const uint8_t* v = b_.data() + e.value;
        auto text = [&] { return clean_text(v, e.len); };
        auto us = [&] { return e.len >= 2 ? int(le16(v)) : 0; };
        DicomTags& t = out.tags;
        if (depth == 1 && parent == kAnatomicRegionSeq && e.tag == kCodeMeaning && t.anatomic_region.empty())
            t.anatomic_region = text();
        if (depth != 0) return true;
        switch (e.tag) {
            case 0x00100020u: t.patient_id = text(); break;
            case 0x00100010u: t.patient_name = text(); break;
            case 0x00100040u: t.patient_sex = text(); break;
            case 0x00101010u: t.patient_age = text(); break;
            case 0x00180015u: t.body_part_examined = text(); break;
            case 0x00280004u: t.photometric_interpretation = text(); break;
            case 0x00080016u: t.sop_class_uid = text(); break;
            case 0x00080060u: t.modality = text(); break;
            case 0x00081030u: t.study_description = text(); break;
            case 0x00080020u: t.study_date = text(); break;
            case 0x00080008u: t.image_type = text(); break;
            case 0x00280010u: t.rows = us(); break;
            case 0x00280011u: t.columns = us(); break;
            case 0x00280002u: t.samples_per_pixel = us(); break;
            case 0x00280100u: t.bits_allocated = us(); break;
            case 0x00280006u: t.planar_configuration = us(); break;
            case 0x00280008u: t.number_of_frames = std::max(1, std::atoi(text().c_str())); break;
            case kPixelData: return native_pixels(e);
            default: break;
        }
        return true;
    }

    bool native_pixels(const Elem& e) {
        const DicomTags& t = out.tags;
        if (t.bits_allocated != 8 || (t.samples_per_pixel != 1 && t.samples_per_pixel != 3))
            return fail("unsupported DICOM pixel data: " + std::to_string(t.bits_allocated) + "-bit, " +
                        std::to_string(t.samples_per_pixel) + " sample(s) per pixel (only 8-bit grey or RGB)");
        const uint64_t need = uint64_t(t.rows) * uint64_t(t.columns) * uint64_t(t.samples_per_pixel);
        if (need == 0 || need > e.len)
            return fail("corrupt DICOM: pixel data has " + std::to_string(e.len) + " bytes, " + std::to_string(t.columns) + "x" +
                        std::to_string(t.rows) + "x" + std::to_string(t.samples_per_pixel) + " needs " + std::to_string(need));
        out.frame.assign(b_.begin() + long(e.value), b_.begin() + long(e.value + need));
        out.pixels = DicomPixels::Native;
        return true;
    }

private:
    std::span<const uint8_t> b_;
    DicomLimits lim_;
    int elements_ = 0;
};

}  // namespace

bool dicom_syntax_is_jpeg_8bit(const std::string& uid) {
    return uid == "1.2.840.10008.1.2.4.50" || uid == "1.2.840.10008.1.2.4.51";
}

std::string dicom_syntax_name(const std::string& uid) {
    if (uid == "1.2.840.10008.1.2") return "Implicit VR Little Endian";
    if (uid == "1.2.840.10008.1.2.1") return "Explicit VR Little Endian";
    if (uid == "1.2.840.10008.1.2.1.99") return "Deflated Explicit VR Little Endian";
    if (uid == "1.2.840.10008.1.2.2") return "Explicit VR Big Endian";
    if (uid == "1.2.840.10008.1.2.4.50") return "JPEG Baseline";
    if (uid == "1.2.840.10008.1.2.4.51") return "JPEG Extended";
    if (uid == "1.2.840.10008.1.2.4.57" || uid == "1.2.840.10008.1.2.4.70") return "JPEG Lossless";
    if (uid == "1.2.840.10008.1.2.4.80" || uid == "1.2.840.10008.1.2.4.81") return "JPEG-LS";
    if (uid == "1.2.840.10008.1.2.4.90" || uid == "1.2.840.10008.1.2.4.91") return "JPEG 2000";
    if (uid == "1.2.840.10008.1.2.5") return "RLE Lossless";
    return uid;
}

Result<DicomFile> parse_dicom(std::span<const uint8_t> b, const DicomLimits& limits) {
    if (b.empty()) return Error{"empty file (0 bytes)"};
    if (b.size() < 132 || std::memcmp(b.data() + 128, "DICM", 4) != 0)
        return Error{b.size() < 132 ? "not a DICOM file (" + std::to_string(b.size()) + " bytes, shorter than the 132-byte preamble)"
                                    : std::string("not a DICOM Part 10 file (no \"DICM\" after the 128-byte preamble)")};
    Parser p(b, limits);
    size_t pos = 132;
    if (!p.meta(pos)) return Error{p.err};
    const std::string& ts = p.out.tags.transfer_syntax_uid;
    bool explicit_vr = true;
    if (ts == "1.2.840.10008.1.2") {
        explicit_vr = false;
    } else if (ts == "1.2.840.10008.1.2.2" || ts == "1.2.840.10008.1.2.1.99") {
        return Error{"unsupported DICOM transfer syntax: " + dicom_syntax_name(ts)};
    } else if (ts.empty() && pos + 6 <= b.size()) {  // no syntax given: look for VR letters
        explicit_vr = b[pos + 4] >= 'A' && b[pos + 4] <= 'Z' && b[pos + 5] >= 'A' && b[pos + 5] <= 'Z';
    }
    if (!p.dataset(pos, b.size(), explicit_vr, 0, 0, false)) return Error{p.err};
    return std::move(p.out);
}

std::vector<std::pair<std::string, std::string>> dicom_tag_list(const DicomTags& t) {
    std::vector<std::pair<std::string, std::string>> v;
    auto add = [&](const char* k, const std::string& s) {
        if (!s.empty()) v.emplace_back(k, s);
    };
    auto addi = [&](const char* k, int n) {
        if (n > 0) v.emplace_back(k, std::to_string(n));
    };
    add("PatientID", t.patient_id);
    add("PatientName", t.patient_name);
    add("PatientSex", t.patient_sex);
    add("PatientAge", t.patient_age);
    add("BodyPartExamined", t.body_part_examined);
    add("AnatomicRegion", t.anatomic_region);
    add("PhotometricInterpretation", t.photometric_interpretation);
    addi("Rows", t.rows);
    addi("Columns", t.columns);
    addi("SamplesPerPixel", t.samples_per_pixel);
    addi("BitsAllocated", t.bits_allocated);
    addi("NumberOfFrames", t.number_of_frames);
    add("TransferSyntaxUID", t.transfer_syntax_uid);
    add("TransferSyntax", t.transfer_syntax_uid.empty() ? "" : dicom_syntax_name(t.transfer_syntax_uid));
    add("SOPClassUID", t.sop_class_uid);
    add("Modality", t.modality);
    add("StudyDescription", t.study_description);
    add("StudyDate", t.study_date);
    add("ImageType", t.image_type);
    return v;
}

}  // namespace duck
