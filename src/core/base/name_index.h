// name_index.h - a name -> row lookup (image name -> lesion, patient id ->
// patient) that never copies the names: an open-addressing table of (hash, row)
// pairs, the names themselves read from the rows through a `key(row)` function.
// One flat array instead of a node and a string per entry, which is what made
// loading train.csv allocation-bound.
#pragma once
#include <cstdint>
#include <cstring>
#include <string_view>
#include <utility>
#include <vector>

namespace duck {

// 32-bit hash of a byte string: 8-byte words, multiply-xorshift mixing. The
// last partial word is read with fixed-size loads (the final 8 bytes again,
// overlapping, or two 4-byte halves) instead of a memcpy of variable length,
// which was a third of the hash's cost on 10-12 character ISIC ids. The length
// is mixed in, so overlapping bytes cannot make two names collide by shape.
inline uint32_t name_hash(std::string_view s) {
    uint64_t h = 0x9E3779B97F4A7C15ull ^ s.size();
    const char* p = s.data();
    const size_t size = s.size();
    size_t n = size;
    auto mix = [&h](uint64_t w) {
        h ^= w;
        h *= 0xBF58476D1CE4E5B9ull;
        h ^= h >> 31;
    };
    for (; n >= 8; p += 8, n -= 8) {
        uint64_t w;
        std::memcpy(&w, p, 8);
        mix(w);
    }
    if (n) {
        uint64_t w;
        if (size >= 8) {  // the last 8 bytes of the name
            std::memcpy(&w, p + n - 8, 8);
        } else if (n >= 4) {
            uint32_t a, b;
            std::memcpy(&a, p, 4);
            std::memcpy(&b, p + n - 4, 4);
            w = a | static_cast<uint64_t>(b) << 32;
        } else {
            w = static_cast<unsigned char>(p[0]) | static_cast<uint64_t>(static_cast<unsigned char>(p[n / 2])) << 8 |
                static_cast<uint64_t>(static_cast<unsigned char>(p[n - 1])) << 16;
        }
        mix(w);
    }
    h *= 0x94D049BB133111EBull;
    return static_cast<uint32_t>(h >> 32);
}

class NameIndex {
public:
    static constexpr uint32_t kAbsent = 0xFFFFFFFFu;

    size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    void clear() {
        slots_.clear();
        size_ = 0;
    }
    // Makes room for n names without rehashing.
    void reserve(size_t n) {
        if (too_full(n, slots_.size())) rehash(capacity_for(n));
    }

    // Row of `name`, or kAbsent. key(row) returns the name stored for a row.
    // `name` is a std::string_view or the type key() returns (then key(row) ==
    // name is that type's own comparison, e.g. SmallString's 16-byte compare).
    template <class Name = std::string_view, class Key>
    uint32_t find(const Name& name, const Key& key) const {
        if (slots_.empty()) return kAbsent;
        const uint32_t h = name_hash(std::string_view(name));
        const size_t mask = slots_.size() - 1;
        for (size_t i = h & mask;; i = (i + 1) & mask) {
            const Slot& s = slots_[i];
            if (s.row == kAbsent) return kAbsent;
            if (s.hash == h && key(s.row) == name) return s.row;
        }
    }

    // Adds name -> row unless the name is already there (the first row wins).
    // Returns the name's row and whether it was added.
    template <class Name = std::string_view, class Key>
    std::pair<uint32_t, bool> insert(const Name& name, uint32_t row, const Key& key) {
        if (too_full(size_ + 1, slots_.size())) rehash(capacity_for(size_ + 1));
        const uint32_t h = name_hash(std::string_view(name));
        const size_t mask = slots_.size() - 1;
        for (size_t i = h & mask;; i = (i + 1) & mask) {
            Slot& s = slots_[i];
            if (s.row == kAbsent) {
                s = {h, row};
                ++size_;
                return {row, true};
            }
            if (s.hash == h && key(s.row) == name) return {s.row, false};
        }
    }

private:
    struct Slot {
        uint32_t hash;
        uint32_t row = kAbsent;
    };
    // Power of two, at most 70% full: short probe runs (about 1.2 slots per
    // lookup on ISIC names), and train.csv's 33k names fit in 512 KB.
    static bool too_full(size_t n, size_t cap) { return 10 * n > 7 * cap; }
    static size_t capacity_for(size_t n) {
        size_t c = 16;
        while (too_full(n, c)) c *= 2;
        return c;
    }
    // Re-places the stored hashes; no names are read.
    void rehash(size_t cap) {
        std::vector<Slot> old(cap);
        old.swap(slots_);
        const size_t mask = cap - 1;
        for (const Slot& s : old) {
            if (s.row == kAbsent) continue;
            size_t i = s.hash & mask;
            while (slots_[i].row != kAbsent) i = (i + 1) & mask;
            slots_[i] = s;
        }
    }

    std::vector<Slot> slots_;
    size_t size_ = 0;
};

}  // namespace duck
