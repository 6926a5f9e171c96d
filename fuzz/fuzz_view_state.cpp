// fuzz_view_state.cpp - the deep-link parser (location.search + location.hash) and
// the URL helpers under it. The input is "search\nhash". Checks: decoding never
// crashes; a decoded link encodes to text with no HTML-special or control
// characters and decodes back to the same state (links the app writes always
// reopen); an accepted ?data= value passes validate_data_url and is http(s) or a
// same-origin relative path; percent_decode only yields valid UTF-8 and inverts
// percent_encode; strict floats print and re-parse exactly.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/base/url_codec.h"
#include "core/view/view_state.h"
#include "fuzz_check.h"

namespace {

// No byte that could end an HTML attribute or start a tag, no whitespace or control
// characters; with `ascii`, nothing outside printable ASCII either (encoder output).
bool html_safe(std::string_view s, bool ascii = true) {
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c <= 0x20 || c == 0x7F || (ascii && c > 0x7F) || ch == '<' || ch == '>' || ch == '"' || ch == '\'' ||
            ch == '`' || ch == '\\')
            return false;
    }
    return true;
}

bool starts_with_nocase(std::string_view s, std::string_view p) {
    if (s.size() < p.size()) return false;
    for (size_t i = 0; i < p.size(); ++i)
        if ((s[i] | 0x20) != p[i]) return false;
    return true;
}

void check_data_url(const std::string& url) {
    FUZZ_CHECK(duck::validate_data_url(url).ok());
    FUZZ_CHECK(html_safe(url, false));  // non-ASCII (IDN hosts, paths) is allowed
    FUZZ_CHECK(duck::is_valid_utf8(url));
    const size_t colon = url.find(':'), sep = url.find_first_of("/?#");
    const bool has_scheme = colon != std::string::npos && (sep == std::string::npos || colon < sep);
    if (has_scheme) FUZZ_CHECK(starts_with_nocase(url, "http://") || starts_with_nocase(url, "https://"));
    else FUZZ_CHECK(url.rfind("//", 0) != 0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view in(reinterpret_cast<const char*>(data), size);
    const size_t nl = in.find('\n');
    const std::string_view search = in.substr(0, nl);
    const std::string_view hash = nl == std::string_view::npos ? std::string_view() : in.substr(nl + 1);

    std::vector<std::string> notes;
    auto link = duck::decode_link(search, hash, &notes);
    if (link) {
        const duck::ViewState& s = link.value();
        if (!s.data_url.empty()) check_data_url(s.data_url);
        const std::string q = duck::encode_query(s), h = duck::encode_hash(s);
        FUZZ_CHECK(html_safe(q) && html_safe(h));
        auto again = duck::decode_link(q, h);
        if (!again) std::fprintf(stderr, "re-decode failed: %s\n", again.error().message.c_str());
        FUZZ_CHECK(again.ok());
        FUZZ_CHECK(again.value() == s);
        FUZZ_CHECK(duck::encode_link(again.value()) == q + h);
    } else {
        FUZZ_CHECK(!link.error().message.empty());
    }

    auto q = duck::decode_query(in);
    if (q && !q.value().empty()) check_data_url(q.value());

    auto dec = duck::percent_decode(in);
    if (dec) {
        FUZZ_CHECK(duck::is_valid_utf8(dec.value()));
        const std::string enc = duck::percent_encode(dec.value(), ",:/");
        FUZZ_CHECK(html_safe(enc));
        auto back = duck::percent_decode(enc);
        FUZZ_CHECK(back.ok() && back.value() == dec.value());
    }

    float f = 0;
    if (duck::parse_float_strict(in, -1e30f, 1e30f, f)) {
        float g = 1;
        FUZZ_CHECK(duck::parse_float_strict(duck::format_float_exact(f), -1e30f, 1e30f, g) && g == f);
    }
    int64_t n = 0;
    if (duck::parse_int_strict(in, -1000000, 1000000, n)) FUZZ_CHECK(n >= -1000000 && n <= 1000000);
    if (duck::is_safe_id(in)) FUZZ_CHECK(in.size() <= duck::kMaxIdLength && html_safe(in));
    return 0;
}
