// url_codec.h - the small, strict pieces that deep links are built from: percent
// encoding, UTF-8 and identifier checks, strict number parsing and the `?data=`
// source check. Everything that comes from a URL is untrusted (it may be pasted
// from chat), so every function here bounds its input and reports what is wrong
// instead of guessing.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "core/base/result.h"

namespace duck {

// Longest `?data=` value accepted (after decoding).
inline constexpr size_t kMaxDataUrl = 2048;
// Longest patient id / image name accepted in a link.
inline constexpr size_t kMaxIdLength = 64;

// Percent-encodes everything except RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~)
// and the characters in `keep` (e.g. "/:" for readable URLs in a query, "," for lists).
std::string percent_encode(std::string_view text, std::string_view keep = {});

// Decodes %XX escapes ('+' stays '+': it has no special meaning in a hash). Fails on a
// truncated or non-hex escape, on a decoded NUL or control character, or on bytes that
// are not valid UTF-8, naming the offending position.
Result<std::string> percent_decode(std::string_view text);

// True when `text` is well-formed UTF-8 (no overlongs, surrogates or code points > U+10FFFF).
bool is_valid_utf8(std::string_view text);

// A conservative identifier: 1..kMaxIdLength characters from [A-Za-z0-9_.-].
// Patient ids (IP_7279968) and image names (ISIC_2637011) always fit it.
bool is_safe_id(std::string_view text);

// Parses a whole string as a decimal integer in [lo, hi] (optional '-', digits only).
bool parse_int_strict(std::string_view text, int64_t lo, int64_t hi, int64_t& out);
// Parses a whole string as a finite decimal number in [lo, hi]: [-]digits[.digits][e[+-]digits].
// No hex, inf, nan or surrounding spaces.
bool parse_float_strict(std::string_view text, float lo, float hi, float& out);
// The shortest decimal text that parses back to exactly `v` (v must be finite).
std::string format_float_exact(float v);

// Checks a dataset source from `?data=`: an absolute http:// or https:// URL with a host,
// or a relative path ("demo/", "../isic/"). Rejects every other scheme (javascript:, data:,
// file:, blob:...), protocol-relative "//host", user:password@ credentials, backslashes,
// whitespace and control characters, and anything longer than kMaxDataUrl.
Status validate_data_url(std::string_view url);

// The value of parameter `key` in a query string ("?a=1&data=x", leading '?' optional),
// percent-decoded. Empty optional-like result: found=false when absent.
struct QueryParam {
    bool found = false;
    std::string value;
};
Result<QueryParam> query_param(std::string_view query, std::string_view key);

}  // namespace duck
