// csv.h - a small, fast RFC 4180 CSV reader working on bytes already in memory
// (the browser hands us a buffer; there is no file I/O here). Fields are
// string_views into the input whenever possible; only quoted fields containing
// an escaped quote ("") are copied, into a per-record scratch buffer. Records
// without any '"' (nearly all of ISIC's) take a fast path that finds delimiters
// 16 bytes at a time (csv_scan.h); a record with a quote is re-read by the
// byte-by-byte reference path, which handles every quoting rule.
// Malformed input never stops the reader: it reports an issue for the record
// and carries on with the next one.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace duck {

// Something wrong with one record's quoting (the record is still returned).
enum class CsvIssue {
    None,
    UnterminatedQuote,  // a quoted field runs to the end of the input
    StrayQuote,         // a quote inside an unquoted field, or text after a closing quote
};

// Which path reads records: Fast (the default) or Reference only (byte by byte;
// the tests and the fuzzer check that both return the same records).
enum class CsvScan { Fast, Reference };

// Reads records one at a time. Accepts LF, CRLF and lone CR line ends, a UTF-8
// byte-order mark, a missing final newline, and skips completely empty lines.
class CsvReader {
public:
    explicit CsvReader(std::string_view bytes, CsvScan scan = CsvScan::Fast);

    // Reads the next record into `fields` (cleared first). Returns false at the end
    // of the input. The views stay valid until the next call (escaped fields live
    // in the reader's scratch buffer) and as long as the input bytes live.
    bool next(std::vector<std::string_view>& fields);

    // Bytes of the input consumed so far (for progress reports).
    size_t offset() const { return pos_; }
    // 1-based physical line on which the last record started.
    size_t line() const { return line_; }
    // Quoting problem of the last record, if any.
    CsvIssue issue() const { return issue_; }
    // Human-readable description of issue() ("" when None).
    std::string_view issue_text() const;

private:
    // The quote-free fast path: true with the record in `fields`, or false
    // (nothing consumed) when the record contains a '"'.
    bool next_unquoted(std::vector<std::string_view>& fields);
    // The reference path: any record, byte by byte.
    void next_reference(std::vector<std::string_view>& fields);

    std::string_view in_;
    CsvScan scan_ = CsvScan::Fast;
    size_t pos_ = 0;
    size_t line_ = 0;       // line of the current record's start
    size_t next_line_ = 1;  // line at pos_
    CsvIssue issue_ = CsvIssue::None;
    // The fast path's last scanned block (offset into in_) and its mask: the
    // next record continues in it instead of scanning those bytes again.
    size_t block_ = static_cast<size_t>(-1);
    uint32_t mask_ = 0;
    std::string scratch_;
    // Field spans: offset/length into the input, or into scratch_ when `copied`.
    struct Span {
        size_t off, len;
        bool copied;
    };
    std::vector<Span> spans_;
};

// Strips ASCII whitespace (the "C" locale's isspace) at both ends.
inline std::string_view trim(std::string_view s) {
    // Nearly every field starts and ends with a printable byte: two compares.
    // (As unsigned bytes, nothing above ' ' is a space.)
    const auto plain = [](char c) { return static_cast<unsigned char>(c) > ' '; };
    if (s.empty() || (plain(s.front()) && plain(s.back()))) return s;
    const auto space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
    size_t b = 0, e = s.size();
    while (b < e && space(s[b])) ++b;
    while (e > b && space(s[e - 1])) --e;
    return std::string_view(s.data() + b, e - b);
}
// Case-insensitive ASCII comparison.
bool iequals(std::string_view a, std::string_view b);

}  // namespace duck
