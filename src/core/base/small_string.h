// small_string.h - the text fields of a Lesion (image name, patient id, lesion
// id, diagnosis, duplicate_of): a 16-byte string that keeps up to 15 characters
// inline on every platform and puts longer ones on the heap.
// Why not std::string: wasm32's libc++ keeps only 10 characters inline, so each
// of train.csv's 33,126 "ISIC_0015719"s (12) cost a malloc and a free, about a
// fifth of loading it in the browser. ISIC's ids all fit in 15; diagnoses longer
// than 15 ("seborrheic keratosis") are rare.
// It reads like the std::string it replaced (c_str, size, empty, substr, ==, <, +,
// and implicit conversion to std::string_view and std::string), so callers did not
// change. Inline bytes past the end are always zero: two inline strings are
// equal exactly when their 16 bytes are.
#pragma once
#include <compare>
#include <cstdint>
#include <cstring>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>

namespace duck {

// p[0, n) == q[0, n) for sizeof(Word) <= n <= 2 * sizeof(Word): the first and the
// last word of each (they overlap when n < 2 * sizeof(Word)).
template <class Word>
inline bool ends_equal(const char* p, const char* q, size_t n) {
    constexpr size_t w = sizeof(Word);
    Word p0, p1, q0, q1;
    std::memcpy(&p0, p, w);
    std::memcpy(&q0, q, w);
    std::memcpy(&p1, p + n - w, w);
    std::memcpy(&q1, q + n - w, w);
    return ((p0 ^ q0) | (p1 ^ q1)) == 0;
}

// a == b with word loads for up to 16 bytes (two overlapping 8-byte or 4-byte
// compares), a memcmp beyond. Why: Emscripten's memcmp is a call and a byte loop,
// and the loader compares every row's ids and short values ("male", "torso").
inline bool text_equal(std::string_view a, std::string_view b) {
    const size_t n = a.size();
    if (n != b.size()) return false;
    const char *p = a.data(), *q = b.data();
    if (n >= 8 && n <= 16) return ends_equal<uint64_t>(p, q, n);
    if (n >= 4 && n < 8) return ends_equal<uint32_t>(p, q, n);
    if (n < 4) {
        for (size_t i = 0; i < n; ++i)
            if (p[i] != q[i]) return false;
        return true;
    }
    return std::memcmp(p, q, n) == 0;
}

class SmallString {
public:
    static constexpr size_t kInline = 15;

    SmallString() noexcept { set_empty(); }
    SmallString(std::string_view s) { init(s); }  // NOLINT: implicit, like std::string
    SmallString(const char* s) { init(std::string_view(s)); }
    SmallString(const std::string& s) { init(std::string_view(s)); }
    SmallString(const SmallString& o) {
        if (o.is_heap()) init(std::string_view(o));
        else std::memcpy(b_, o.b_, sizeof b_);
    }
    SmallString(SmallString&& o) noexcept {
        std::memcpy(b_, o.b_, sizeof b_);
        o.set_empty();
    }
    ~SmallString() { release(); }

    SmallString& operator=(const SmallString& o) {
        if (this != &o) assign(std::string_view(o));
        return *this;
    }
    SmallString& operator=(SmallString&& o) noexcept {
        if (this != &o) {
            release();
            std::memcpy(b_, o.b_, sizeof b_);
            o.set_empty();
        }
        return *this;
    }
    SmallString& operator=(std::string_view s) { return assign(s); }
    SmallString& operator=(const char* s) { return assign(std::string_view(s)); }
    SmallString& operator=(const std::string& s) { return assign(std::string_view(s)); }

    // Replaces the text. Safe when `s` points into this string.
    // The inline case is forced inline: the loader assigns three fields per row,
    // and an out-of-line call cost more than the copy itself (GCC kept it out).
    [[gnu::always_inline]] SmallString& assign(std::string_view s) {
        if (!is_heap() && s.size() <= kInline) {  // no buffer to free or to alias (inline copy goes through registers)
            set_inline(s.data(), s.size());
            return *this;
        }
        return assign_slow(s);
    }
    void clear() { assign({}); }

    size_t size() const { return is_heap() ? heap_size() : kInline - static_cast<unsigned char>(b_[kInline]); }
    size_t length() const { return size(); }
    bool empty() const { return size() == 0; }
    const char* data() const { return is_heap() ? heap_ptr() : b_; }
    const char* c_str() const { return data(); }  // always NUL-terminated
    char operator[](size_t i) const { return data()[i]; }
    // True when the text lives on the heap (longer than kInline); for tests.
    bool on_heap() const { return is_heap(); }

    operator std::string_view() const { return std::string_view(data(), size()); }  // NOLINT: implicit
    operator std::string() const { return std::string(data(), size()); }            // NOLINT: implicit
    std::string str() const { return std::string(data(), size()); }
    std::string substr(size_t pos, size_t n = std::string::npos) const { return std::string(std::string_view(*this).substr(pos, n)); }

    friend bool operator==(const SmallString& a, const SmallString& b) {
        if (!a.is_heap() && !b.is_heap()) {  // all 16 bytes, as two words (no memcmp call on wasm)
            uint64_t a0, a1, b0, b1;
            std::memcpy(&a0, a.b_, 8);
            std::memcpy(&a1, a.b_ + 8, 8);
            std::memcpy(&b0, b.b_, 8);
            std::memcpy(&b1, b.b_ + 8, 8);
            return ((a0 ^ b0) | (a1 ^ b1)) == 0;
        }
        return text_equal(a, b);
    }
    friend bool operator==(const SmallString& a, std::string_view b) { return text_equal(a, b); }
    friend bool operator==(const SmallString& a, const char* b) { return text_equal(a, std::string_view(b)); }
    friend bool operator==(const SmallString& a, const std::string& b) { return text_equal(a, b); }
    // Through compare(): Emscripten 3.1.6's libc++ has no <=> for string_view.
    friend std::strong_ordering operator<=>(const SmallString& a, const SmallString& b) { return order(a, b); }
    friend std::strong_ordering operator<=>(const SmallString& a, std::string_view b) { return order(a, b); }
    friend std::strong_ordering operator<=>(const SmallString& a, const char* b) { return order(a, b); }
    friend std::strong_ordering operator<=>(const SmallString& a, const std::string& b) { return order(a, b); }

    friend std::string operator+(const SmallString& a, std::string_view b) { return cat(a, b); }
    friend std::string operator+(const SmallString& a, const char* b) { return cat(a, b); }
    friend std::string operator+(const SmallString& a, const std::string& b) { return cat(a, b); }
    friend std::string operator+(const SmallString& a, char b) { return cat(a, std::string_view(&b, 1)); }
    friend std::string operator+(const SmallString& a, const SmallString& b) { return cat(a, b); }
    friend std::string operator+(std::string_view a, const SmallString& b) { return cat(a, b); }
    friend std::string operator+(const char* a, const SmallString& b) { return cat(a, b); }
    friend std::string operator+(const std::string& a, const SmallString& b) { return cat(a, b); }
    friend std::string operator+(std::string&& a, const SmallString& b) { return std::move(a.append(b.data(), b.size())); }
    friend std::string operator+(char a, const SmallString& b) { return cat(std::string_view(&a, 1), b); }
    friend std::ostream& operator<<(std::ostream& o, const SmallString& s) { return o << std::string_view(s); }

private:
    // Inline: b_[0, size) the text, the rest zero, b_[15] = 15 - size (so a
    // 15-character string ends in the 0 that terminates it). Heap: b_[15] =
    // kHeapTag, the pointer at b_[0] and the size at b_[8] (NUL-terminated buffer).
    static constexpr unsigned char kHeapTag = 0x80;
    bool is_heap() const { return static_cast<unsigned char>(b_[kInline]) == kHeapTag; }
    char* heap_ptr() const {
        char* p;
        std::memcpy(&p, b_, sizeof p);
        return p;
    }
    size_t heap_size() const {
        uint32_t n;
        std::memcpy(&n, b_ + 8, sizeof n);
        return n;
    }
    void set_empty() {
        std::memset(b_, 0, sizeof b_);
        b_[kInline] = static_cast<char>(kInline);
    }
    // n <= kInline. Word-sized copies instead of a memcpy call: ISIC ids are 10-12
    // characters, so this is two 8-byte moves. s may point into b_: every read
    // comes before the first write.
    void set_inline(const char* s, size_t n) {
        if (n >= 8) {
            copy_ends<uint64_t>(s, n);
        } else if (n >= 4) {
            copy_ends<uint32_t>(s, n);
        } else {
            char t[3] = {};
            for (size_t i = 0; i < n; ++i) t[i] = s[i];
            std::memset(b_, 0, sizeof b_);
            for (size_t i = 0; i < n; ++i) b_[i] = t[i];
        }
        b_[kInline] = static_cast<char>(kInline - n);
    }
    // b_ = zeros, then s[0, n) for sizeof(Word) <= n <= 2 * sizeof(Word) as its first
    // and last word (both read before anything is written: s may point into b_).
    template <class Word>
    void copy_ends(const char* s, size_t n) {
        constexpr size_t w = sizeof(Word);
        Word lo, hi;
        std::memcpy(&lo, s, w);
        std::memcpy(&hi, s + n - w, w);
        std::memset(b_, 0, sizeof b_);
        std::memcpy(b_, &lo, w);
        std::memcpy(b_ + n - w, &hi, w);
    }
    void init(std::string_view s) {
        if (s.size() <= kInline) {
            set_inline(s.data(), s.size());
            return;
        }
        char* p = new char[s.size() + 1];
        std::memcpy(p, s.data(), s.size());
        p[s.size()] = 0;
        const uint32_t n = static_cast<uint32_t>(s.size());
        std::memset(b_, 0, sizeof b_);
        std::memcpy(b_, &p, sizeof p);
        std::memcpy(b_ + 8, &n, sizeof n);
        b_[kInline] = static_cast<char>(kHeapTag);
    }
    [[gnu::noinline]] SmallString& assign_slow(std::string_view s) {
        SmallString t(s);
        return *this = std::move(t);
    }
    void release() {
        if (is_heap()) delete[] heap_ptr();
    }
    static std::strong_ordering order(std::string_view a, std::string_view b) { return a.compare(b) <=> 0; }
    static std::string cat(std::string_view a, std::string_view b) {
        std::string s;
        s.reserve(a.size() + b.size());
        s.append(a);
        s.append(b);
        return s;
    }

    char b_[16];
};

}  // namespace duck
