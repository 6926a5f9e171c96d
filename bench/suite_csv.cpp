// suite_csv.cpp - dataset benchmarks. csv_load_native: parse + index + patient
// grouping of the full ISIC 2020 train.csv (33,126 rows, 2 MB) from bytes in
// memory, i.e. exactly what the app does after a fetch or file pick. Goal: well
// under 50 ms. csv_read_native: only the CsvReader's pass over the same bytes (the
// tokenising share of csv_load). csv_stats_native: the Table-1 summary on the
// loaded dataset.
#include "core/data/csv.h"
#include "core/data/dataset_load.h"
#include "core/data/stats.h"
#include "harness.h"

namespace {
std::string read_train() { return duck::bench::read_shared("data/isic2020/train.csv"); }
}  // namespace

DUCK_BENCH(csv_load_native) {
    const std::string bytes = read_train();
    if (bytes.empty()) return void(std::fprintf(stderr, "csv_load_native: train.csv not found\n"));
    size_t lesions = 0;
    const auto s = duck::bench::time_ms(3, 21, [&] {
        const duck::LoadResult r = duck::load_csv(bytes, "train.csv");
        lesions += r.dataset.lesions.size() + r.dataset.patients.size();
    });
    if (lesions == 0) std::fprintf(stderr, "csv_load_native: nothing loaded\n");
    duck::bench::report("csv_load_native", "ms", s);
}

DUCK_BENCH(csv_read_native) {
    const std::string bytes = read_train();
    if (bytes.empty()) return;
    size_t fields = 0;
    const auto s = duck::bench::time_ms(3, 21, [&] {
        duck::CsvReader reader(bytes);
        std::vector<std::string_view> f;
        while (reader.next(f)) fields += f.size();
    });
    if (fields == 0) std::fprintf(stderr, "csv_read_native: no fields\n");
    duck::bench::report("csv_read_native", "ms", s);
}

DUCK_BENCH(csv_stats_native) {
    const std::string bytes = read_train();
    if (bytes.empty()) return;
    const duck::LoadResult r = duck::load_csv(bytes, "train.csv");
    size_t sink = 0;
    const auto s = duck::bench::time_ms(3, 21, [&] { sink += duck::compute_stats(r.dataset).patients; });
    if (sink == 0) std::fprintf(stderr, "csv_stats_native: no patients\n");
    duck::bench::report("csv_stats_native", "ms", s);
}
