// dicom_builder.h - builds small synthetic DICOM Part 10 files for tests: valid
// ones in explicit or implicit VR, and malicious ones (lying lengths, deep nesting).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace duck::test {

using Bytes = std::vector<uint8_t>;

inline const char* const kExplicitLE = "1.2.840.10008.1.2.1";
inline const char* const kImplicitLE = "1.2.840.10008.1.2";
inline const char* const kJpegBaseline = "1.2.840.10008.1.2.4.50";

struct DicomBuilder {
    Bytes b;
    bool explicit_vr = true;

    void u16(uint32_t v) { b.push_back(uint8_t(v)), b.push_back(uint8_t(v >> 8)); }
    void u32(uint32_t v) { u16(v & 0xFFFF), u16(v >> 16); }
    void tag(uint32_t t) { u16(t >> 16), u16(t & 0xFFFF); }
    static bool long_vr(const std::string& vr) {
        return vr == "OB" || vr == "OW" || vr == "SQ" || vr == "UN" || vr == "UT" || vr == "UC";
    }
    // Element header with an explicit length (which may lie).
    void header(uint32_t t, const std::string& vr, uint32_t len) {
        tag(t);
        if (explicit_vr && (t >> 16) != 0xFFFE) {
            b.push_back(uint8_t(vr[0])), b.push_back(uint8_t(vr[1]));
            if (long_vr(vr)) u16(0), u32(len);
            else u16(len);
        } else {
            u32(len);
        }
    }
    void bytes(uint32_t t, const std::string& vr, const Bytes& v) {
        header(t, vr, uint32_t(v.size()));
        b.insert(b.end(), v.begin(), v.end());
    }
    void str(uint32_t t, const std::string& vr, std::string s) {
        if (s.size() % 2) s += (vr == "UI" ? '\0' : ' ');
        bytes(t, vr, Bytes(s.begin(), s.end()));
    }
    void us(uint32_t t, uint16_t v) { bytes(t, "US", {uint8_t(v), uint8_t(v >> 8)}); }
    void item(uint32_t len = 0xFFFFFFFF) { tag(0xFFFEE000), u32(len); }
    void item_delim() { tag(0xFFFEE00D), u32(0); }
    void seq_delim() { tag(0xFFFEE0DD), u32(0); }

    // Preamble, "DICM" and the file meta group (always explicit VR).
    static DicomBuilder start(const std::string& syntax) {
        DicomBuilder d;
        d.b.assign(128, 0);
        for (char c : std::string("DICM")) d.b.push_back(uint8_t(c));
        d.str(0x00020010, "UI", syntax);
        d.explicit_vr = syntax != kImplicitLE;
        return d;
    }
};

}  // namespace duck::test
