// csv.cpp - RFC 4180 record reader (see csv.h). One pass over the bytes; memchr
// finds closing quotes so long quoted fields cost little.
#include "core/csv.h"

#include <cctype>
#include <cstring>

namespace duck {

namespace {
// Line ends inside [b, e): LF, CRLF (counted once) and lone CR.
size_t count_line_ends(std::string_view s, size_t b, size_t e) {
    size_t n = 0;
    for (size_t i = b; i < e; ++i) {
        if (s[i] == '\n') ++n;
        else if (s[i] == '\r' && (i + 1 >= s.size() || s[i + 1] != '\n')) ++n;
    }
    return n;
}
}  // namespace

CsvReader::CsvReader(std::string_view bytes) : in_(bytes) {
    if (in_.size() >= 3 && static_cast<unsigned char>(in_[0]) == 0xEF && static_cast<unsigned char>(in_[1]) == 0xBB &&
        static_cast<unsigned char>(in_[2]) == 0xBF)
        pos_ = 3;
}

std::string_view CsvReader::issue_text() const {
    switch (issue_) {
        case CsvIssue::UnterminatedQuote: return "a quoted field is never closed (missing '\"'); it runs to the end of the file";
        case CsvIssue::StrayQuote: return "stray '\"' inside a field (quotes must enclose the whole field and be doubled inside it)";
        default: return "";
    }
}

bool CsvReader::next(std::vector<std::string_view>& fields) {
    fields.clear();
    spans_.clear();
    scratch_.clear();
    issue_ = CsvIssue::None;
    const size_t n = in_.size();
    // Skip empty lines: they carry no record (and a trailing one is common).
    while (pos_ < n && (in_[pos_] == '\n' || in_[pos_] == '\r')) {
        pos_ += (in_[pos_] == '\r' && pos_ + 1 < n && in_[pos_ + 1] == '\n') ? 2 : 1;
        ++next_line_;
    }
    if (pos_ >= n) return false;
    line_ = next_line_;
    const char* data = in_.data();
    for (;;) {
        Span span{pos_, 0, false};
        if (pos_ < n && data[pos_] == '"') {
            ++pos_;
            const size_t start = pos_;
            bool closed = false;
            for (;;) {
                const void* q = pos_ < n ? std::memchr(data + pos_, '"', n - pos_) : nullptr;
                const size_t qi = q ? static_cast<size_t>(static_cast<const char*>(q) - data) : n;
                next_line_ += count_line_ends(in_, pos_, qi);
                if (!q) {  // unterminated: the field is the rest of the input
                    if (span.copied) scratch_.append(in_.substr(pos_));
                    pos_ = n;
                    issue_ = CsvIssue::UnterminatedQuote;
                    break;
                }
                if (qi + 1 < n && data[qi + 1] == '"') {  // escaped quote: copy once, keep one '"'
                    if (!span.copied) {
                        span.copied = true;
                        span.off = scratch_.size();
                        scratch_.append(in_.substr(start, qi + 1 - start));
                    } else {
                        scratch_.append(in_.substr(pos_, qi + 1 - pos_));
                    }
                    pos_ = qi + 2;
                    continue;
                }
                if (span.copied) scratch_.append(in_.substr(pos_, qi - pos_));
                pos_ = qi + 1;
                closed = true;
                break;
            }
            if (span.copied) span.len = scratch_.size() - span.off;
            else {
                span.off = start;
                span.len = (closed ? pos_ - 1 : pos_) - start;
            }
            // Text after the closing quote (`"ab"c`): keep it, but flag the record.
            if (closed && pos_ < n && data[pos_] != ',' && data[pos_] != '\n' && data[pos_] != '\r') {
                issue_ = CsvIssue::StrayQuote;
                if (!span.copied) {
                    span.copied = true;
                    const size_t off = scratch_.size();
                    scratch_.append(in_.substr(span.off, span.len));
                    span.off = off;
                }
                while (pos_ < n && data[pos_] != ',' && data[pos_] != '\n' && data[pos_] != '\r') scratch_ += data[pos_++];
                span.len = scratch_.size() - span.off;
            }
        } else {
            while (pos_ < n) {
                const char c = data[pos_];
                if (c == ',' || c == '\n' || c == '\r') break;
                if (c == '"') issue_ = CsvIssue::StrayQuote;
                ++pos_;
            }
            span.len = pos_ - span.off;
        }
        spans_.push_back(span);
        if (pos_ >= n) break;
        const char c = data[pos_];
        if (c == ',') {
            ++pos_;
            continue;  // a trailing comma before EOF/EOL yields one more, empty, field
        }
        pos_ += (c == '\r' && pos_ + 1 < n && data[pos_ + 1] == '\n') ? 2 : 1;
        ++next_line_;
        break;
    }
    fields.reserve(spans_.size());
    for (const Span& s : spans_)
        fields.emplace_back(s.copied ? std::string_view(scratch_).substr(s.off, s.len) : in_.substr(s.off, s.len));
    return true;
}

std::string_view trim(std::string_view s) {
    size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
    return s.substr(b, e - b);
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
    return true;
}

}  // namespace duck
