// index_bytes.h - little-endian byte writing and bounds-checked reading for the
// lesion index file (docs/index-format.md), and the CRC-32 that guards it.
// Written byte by byte, never by memcpy of structs, so the file is the same on
// any host and in the wasm build.
#pragma once
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace duck::index_bytes {

// CRC-32 (IEEE 802.3, the zip/PNG polynomial) of `data`.
uint32_t crc32(std::span<const uint8_t> data);

class Writer {
public:
    void u8(uint8_t v) { out_.push_back(v); }
    void u32(uint32_t v) {
        for (int i = 0; i < 4; ++i) out_.push_back(uint8_t(v >> (8 * i)));
    }
    void u64(uint64_t v) {
        for (int i = 0; i < 8; ++i) out_.push_back(uint8_t(v >> (8 * i)));
    }
    void f32(float v) {
        uint32_t bits;
        std::memcpy(&bits, &v, 4);
        u32(bits);
    }
    void bytes(std::string_view s) { out_.insert(out_.end(), s.begin(), s.end()); }
    // A string: u32 byte length, then the bytes.
    void str(std::string_view s) {
        u32(uint32_t(s.size()));
        bytes(s);
    }
    void patch_u64(size_t at, uint64_t v) {
        for (int i = 0; i < 8; ++i) out_[at + size_t(i)] = uint8_t(v >> (8 * i));
    }
    size_t size() const { return out_.size(); }
    std::vector<uint8_t>& buffer() { return out_; }

private:
    std::vector<uint8_t> out_;
};

// Reads forward; any read past the end sets failed() and yields zeros, so a
// parser checks once per section instead of after every field.
class Reader {
public:
    explicit Reader(std::span<const uint8_t> d) : d_(d) {}
    bool failed() const { return failed_; }
    size_t pos() const { return pos_; }
    size_t left() const { return failed_ ? 0 : d_.size() - pos_; }
    uint8_t u8() { return take(1) ? d_[pos_ - 1] : 0; }
    uint32_t u32() {
        if (!take(4)) return 0;
        uint32_t v = 0;
        for (int i = 0; i < 4; ++i) v |= uint32_t(d_[pos_ - 4 + size_t(i)]) << (8 * i);
        return v;
    }
    uint64_t u64() {
        if (!take(8)) return 0;
        uint64_t v = 0;
        for (int i = 0; i < 8; ++i) v |= uint64_t(d_[pos_ - 8 + size_t(i)]) << (8 * i);
        return v;
    }
    float f32() {
        uint32_t bits = u32();
        float v;
        std::memcpy(&v, &bits, 4);
        return v;
    }
    // A string no longer than `max` bytes; longer fails the read.
    std::string str(uint32_t max) {
        uint32_t n = u32();
        if (n > max) failed_ = true;
        if (failed_ || !take(n)) return {};
        return std::string(reinterpret_cast<const char*>(d_.data() + pos_ - n), n);
    }

private:
    bool take(size_t n) {
        if (failed_ || d_.size() - pos_ < n) {
            failed_ = true;
            return false;
        }
        pos_ += n;
        return true;
    }
    std::span<const uint8_t> d_;
    size_t pos_ = 0;
    bool failed_ = false;
};

}  // namespace duck::index_bytes
