// csv.cpp - RFC 4180 record reader (see csv.h). One pass over the bytes: quote-
// free records through the 16-byte delimiter scan, the others byte by byte, where
// memchr finds closing quotes so long quoted fields cost little.
#include "core/data/csv.h"

#include <cstring>

#include "core/data/csv_scan.h"

namespace duck {

namespace {
// csv_special_mask of the 16 bytes at data + block (zero-padded past n).
inline uint32_t special_mask(const char* data, size_t n, size_t block) {
    if (n - block >= 16) return csv_special_mask(data + block);
    char tail[16] = {};  // the last few bytes: scan a zero-padded copy (0 is not special)
    std::memcpy(tail, data + block, n - block);
    return csv_special_mask(tail);
}

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

CsvReader::CsvReader(std::string_view bytes, CsvScan scan) : in_(bytes), scan_(scan) {
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
    issue_ = CsvIssue::None;
    const size_t n = in_.size();
    // Skip empty lines: they carry no record (and a trailing one is common).
    while (pos_ < n && (in_[pos_] == '\n' || in_[pos_] == '\r')) {
        pos_ += (in_[pos_] == '\r' && pos_ + 1 < n && in_[pos_ + 1] == '\n') ? 2 : 1;
        ++next_line_;
    }
    if (pos_ >= n) return false;
    line_ = next_line_;
    if (scan_ == CsvScan::Fast && next_unquoted(fields)) return true;
    next_reference(fields);
    return true;
}

bool CsvReader::next_unquoted(std::vector<std::string_view>& fields) {
    const char* data = in_.data();
    const size_t n = in_.size();
    size_t field = pos_;  // start of the current field
    // Records are ~60 bytes, so the previous one usually ended inside a block
    // that was already scanned: continue with its bits at and after pos_ (a
    // block's mask depends only on the input, so any earlier path may have moved pos_).
    size_t block = pos_;
    uint32_t m;
    if (pos_ >= block_ && pos_ - block_ < 16) {
        block = block_;
        m = mask_ & (~0u << (pos_ - block_));
    } else {
        m = special_mask(data, n, block);
    }
    for (;;) {
        for (; m; m &= m - 1) {
            const size_t i = block + static_cast<size_t>(__builtin_ctz(m));
            const char c = data[i];
            if (c == ',') {  // most bits: tested first
                fields.emplace_back(data + field, i - field);
                field = i + 1;
                continue;
            }
            if (c == '"') {  // quoting rules: the reference path reads this record
                fields.clear();
                return false;
            }
            fields.emplace_back(data + field, i - field);
            pos_ = i + ((c == '\r' && i + 1 < n && data[i + 1] == '\n') ? 2 : 1);
            ++next_line_;
            block_ = block;
            mask_ = m;
            return true;
        }
        block += 16;
        if (block >= n) break;
        m = special_mask(data, n, block);
    }
    fields.emplace_back(data + field, n - field);  // the last record has no line end
    pos_ = n;
    return true;
}

void CsvReader::next_reference(std::vector<std::string_view>& fields) {
    spans_.clear();
    scratch_.clear();
    const size_t n = in_.size();
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
}

// ASCII case folding (the "C" locale's tolower, without a call per byte).
namespace {
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }
}  // namespace

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

}  // namespace duck
