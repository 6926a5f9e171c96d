// url_codec.cpp - percent encoding, UTF-8/identifier checks, strict numbers and
// the `?data=` check. See url_codec.h for the contract of each function.
#include "core/base/url_codec.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace duck {

namespace {

bool is_unreserved(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

char lower_ascii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i)
        if (lower_ascii(s[i]) != prefix[i]) return false;
    return true;
}

}  // namespace

std::string percent_encode(std::string_view text, std::string_view keep) {
    static const char* kHex = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (is_unreserved(c) || keep.find(ch) != std::string_view::npos) {
            out += ch;
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

bool is_valid_utf8(std::string_view s) {
    size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) { ++i; continue; }
        int n = 0;
        uint32_t cp = 0;
        if ((c & 0xE0) == 0xC0) { n = 1; cp = c & 0x1F; }
        else if ((c & 0xF0) == 0xE0) { n = 2; cp = c & 0x0F; }
        else if ((c & 0xF8) == 0xF0) { n = 3; cp = c & 0x07; }
        else return false;
        for (int k = 1; k <= n; ++k) {
            if (i + k >= s.size()) return false;
            const auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        // Reject overlong forms, UTF-16 surrogates and values past Unicode's range.
        static const uint32_t kMin[4] = {0, 0x80, 0x800, 0x10000};
        if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += static_cast<size_t>(n) + 1;
    }
    return true;
}

Result<std::string> percent_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        char ch = text[i];
        if (ch == '%') {
            if (i + 2 >= text.size())
                return Error{"truncated percent escape at position " + std::to_string(i) +
                             " (expected %XX with two hex digits)"};
            const int hi = hex_value(text[i + 1]), lo = hex_value(text[i + 2]);
            if (hi < 0 || lo < 0)
                return Error{"invalid percent escape at position " + std::to_string(i) +
                             " (expected %XX with two hex digits)"};
            ch = static_cast<char>(hi * 16 + lo);
            i += 2;
        }
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 || c == 0x7F)
            return Error{"control character (code " + std::to_string(c) + ") near position " + std::to_string(i)};
        out += ch;
    }
    if (!is_valid_utf8(out)) return Error{"text is not valid UTF-8 after decoding"};
    return out;
}

bool is_safe_id(std::string_view t) {
    if (t.empty() || t.size() > kMaxIdLength) return false;
    for (char c : t)
        if (!is_unreserved(static_cast<unsigned char>(c)) || c == '~') return false;
    return true;
}

bool parse_int_strict(std::string_view t, int64_t lo, int64_t hi, int64_t& out) {
    size_t i = 0;
    bool neg = false;
    if (i < t.size() && t[i] == '-') { neg = true; ++i; }
    if (i == t.size() || t.size() - i > 18) return false;  // 18 digits cannot overflow int64
    int64_t v = 0;
    for (; i < t.size(); ++i) {
        if (!is_digit(t[i])) return false;
        v = v * 10 + (t[i] - '0');
    }
    if (neg) v = -v;
    if (v < lo || v > hi) return false;
    out = v;
    return true;
}

bool parse_float_strict(std::string_view t, float lo, float hi, float& out) {
    // Validate the shape first so strtof never sees hex, inf/nan, spaces or locale tricks.
    if (t.empty() || t.size() > 40) return false;
    size_t i = 0;
    if (t[i] == '-') ++i;
    const size_t int_start = i;
    while (i < t.size() && is_digit(t[i])) ++i;
    if (i == int_start) return false;
    if (i < t.size() && t[i] == '.') {
        const size_t frac_start = ++i;
        while (i < t.size() && is_digit(t[i])) ++i;
        if (i == frac_start) return false;
    }
    if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
        ++i;
        if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
        const size_t exp_start = i;
        while (i < t.size() && is_digit(t[i])) ++i;
        if (i == exp_start || i - exp_start > 3) return false;
    }
    if (i != t.size()) return false;
    const std::string copy(t);
    const float v = std::strtof(copy.c_str(), nullptr);
    if (!std::isfinite(v) || v < lo || v > hi) return false;
    out = v;
    return true;
}

std::string format_float_exact(float v) {
    char buf[48];
    for (int digits = 1; digits <= 9; ++digits) {
        std::snprintf(buf, sizeof buf, "%.*g", digits, static_cast<double>(v));
        if (std::strtof(buf, nullptr) == v) break;
    }
    return buf;  // 9 significant digits always round-trip a float
}

Status validate_data_url(std::string_view url) {
    if (url.empty()) return Status::fail("the data source is empty");
    if (url.size() > kMaxDataUrl)
        return Status::fail("the data source is " + std::to_string(url.size()) + " characters long (limit " +
                            std::to_string(kMaxDataUrl) + ")");
    for (char ch : url) {
        const auto c = static_cast<unsigned char>(ch);
        if (c <= 0x20 || c == 0x7F) return Status::fail("the data source contains spaces or control characters");
        if (ch == '\\') return Status::fail("the data source contains a backslash");
        if (ch == '<' || ch == '>' || ch == '"' || ch == '\'' || ch == '`')
            return Status::fail("the data source contains a quote or angle bracket");
    }
    // A scheme is letters/digits/+-. before the first ':' that comes before any '/', '?' or '#'.
    size_t colon = url.find(':');
    const size_t first_sep = url.find_first_of("/?#");
    const bool has_scheme = colon != std::string_view::npos && (first_sep == std::string_view::npos || colon < first_sep);
    if (!has_scheme) {
        if (url.size() >= 2 && url[0] == '/' && url[1] == '/')
            return Status::fail("protocol-relative data sources (//host/...) are not accepted; use https://host/...");
        return Status::success();  // relative path on the page's own origin
    }
    std::string_view rest;
    if (starts_with_nocase(url, "https://")) rest = url.substr(8);
    else if (starts_with_nocase(url, "http://")) rest = url.substr(7);
    else
        return Status::fail("only http:// and https:// data sources are accepted (got scheme '" +
                            std::string(url.substr(0, std::min<size_t>(colon, 20))) + ":')");
    const size_t host_end = rest.find_first_of("/?#");
    const std::string_view authority = rest.substr(0, host_end);
    if (authority.empty()) return Status::fail("the data source URL has no host");
    if (authority.find('@') != std::string_view::npos)
        return Status::fail("the data source URL must not contain a user name or password");
    return Status::success();
}

Result<QueryParam> query_param(std::string_view query, std::string_view key) {
    if (!query.empty() && query[0] == '?') query.remove_prefix(1);
    QueryParam found;
    while (!query.empty()) {
        const size_t amp = query.find('&');
        const std::string_view part = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        const size_t eq = part.find('=');
        if (found.found || part.substr(0, eq) != key) continue;
        auto value = percent_decode(eq == std::string_view::npos ? std::string_view{} : part.substr(eq + 1));
        if (!value) return Error{"?" + std::string(key) + "=: " + value.error().message};
        found.found = true;  // the first occurrence wins, like URLSearchParams.get()
        found.value = std::move(value.value());
    }
    return found;
}

}  // namespace duck
