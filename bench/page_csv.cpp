// page_csv.cpp - csv_load for the browser bench page (bench/page), driven from
// JavaScript one load per call, so that the page can alternate it with its peer
// (PapaParse on the same bytes): a load, a parse, a load, ... Both then see the
// same moments of a shared machine, and the wasm code is entered afresh on every
// run, as the app enters it, rather than inside one long callMain.
// Only in the duckling-bench-page build; the suites in suite_csv.cpp are the same
// code measured natively and under node.
#include <emscripten/emscripten.h>

#include <string>

#include "core/data/dataset_load.h"
#include "harness.h"

namespace {
std::string& train_bytes() {
    static std::string bytes;
    return bytes;
}
}  // namespace

extern "C" {

// Reads train.csv from the module's file system (the page wrote it there);
// returns its size in bytes, 0 when it is missing.
EMSCRIPTEN_KEEPALIVE double duck_bench_csv_prepare() {
    train_bytes() = duck::bench::read_shared("data/isic2020/train.csv");
    return static_cast<double>(train_bytes().size());
}

// One csv_load: parse + index + patient grouping of the prepared bytes, result
// destroyed before returning (as in suite_csv.cpp). Returns lesions + patients,
// so the page can check that the load did its work.
EMSCRIPTEN_KEEPALIVE double duck_bench_csv_load() {
    const duck::LoadResult r = duck::load_csv(train_bytes(), "train.csv");
    return static_cast<double>(r.dataset.lesions.size() + r.dataset.patients.size());
}
}
