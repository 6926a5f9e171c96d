// fuzz_csv.cpp - CsvReader on arbitrary bytes. Besides memory safety (ASan/UBSan)
// it checks that the reader always makes progress (every record consumes at least
// one byte, so there are at most size+1 records), that line numbers never go
// backwards, that every field view is readable (each byte is touched), and that
// the fast path (16-byte delimiter scan) returns exactly what the byte-by-byte
// reference path returns: same fields, lines and issues, record by record.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/data/csv.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view in(reinterpret_cast<const char*>(data), size);
    duck::CsvReader reader(in);
    duck::CsvReader reference(in, duck::CsvScan::Reference);
    std::vector<std::string_view> fields, ref_fields;
    size_t records = 0, last_line = 0;
    unsigned sink = 0;
    while (reader.next(fields)) {
        FUZZ_CHECK(reference.next(ref_fields));
        FUZZ_CHECK(fields == ref_fields);
        FUZZ_CHECK(reader.line() == reference.line());
        FUZZ_CHECK(reader.issue() == reference.issue());
        ++records;
        FUZZ_CHECK(records <= size + 1);
        FUZZ_CHECK(reader.line() >= 1 && reader.line() >= last_line);
        last_line = reader.line();
        FUZZ_CHECK(!fields.empty());
        size_t total = 0;
        for (std::string_view f : fields) {
            total += f.size();
            for (char c : f) sink += static_cast<unsigned char>(c);
        }
        FUZZ_CHECK(total <= size);  // fields never hold more bytes than the input
        if (reader.issue() == duck::CsvIssue::None) FUZZ_CHECK(reader.issue_text().empty());
        else FUZZ_CHECK(!reader.issue_text().empty());
        (void)duck::trim(fields[0]);
    }
    FUZZ_CHECK(!reference.next(ref_fields));
    FUZZ_CHECK(!reader.next(fields));  // the end is sticky
    volatile unsigned keep = sink;
    (void)keep;
    return 0;
}
