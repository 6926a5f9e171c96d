// fuzz_dataset_load.cpp - the ISIC CSV loader and the merge of several files.
// The input is split at the first "\n\x1e\n" (record separator) into two CSVs,
// loaded separately and merged as the folder loader does. Checks: nothing crashes,
// every problem has a kind, a location and a message, and the dataset's indexes
// agree with its lesions and patients, and a load in slices (CsvLoad, as the app
// parses a big file a slice per frame) gives exactly the one-go result.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/data/dataset_load.h"
#include "fuzz_check.h"

namespace {

void check_problems(const duck::Problems& ps) {
    for (const auto& p : ps) {
        FUZZ_CHECK(!p.kind.empty());
        FUZZ_CHECK(!p.where.empty());
        FUZZ_CHECK(!p.message.empty());
    }
}

void check_dataset(const duck::Dataset& d) {
    FUZZ_CHECK(d.by_image.size() <= d.lesions.size());
    for (uint32_t i = 0; i < d.lesions.size(); ++i) {
        const duck::Lesion& l = d.lesions[i];
        FUZZ_CHECK(!l.image_name.empty());
        FUZZ_CHECK(d.find_lesion(l.image_name) != duck::kNone);
        FUZZ_CHECK(std::isnan(l.age) || (l.age >= 0 && l.age <= 130));
        if (l.patient != duck::kNone) {
            FUZZ_CHECK(l.patient < d.patients.size());
            FUZZ_CHECK(d.patients[l.patient].id == l.patient_id);
        }
        FUZZ_CHECK(l.source < d.sources.size() || d.sources.empty());
        if (l.extra_row != duck::kNone) FUZZ_CHECK(l.extra_row < d.extra.rows.size());
        (void)d.where(l);
    }
    size_t grouped = 0;
    for (uint32_t p = 0; p < d.patients.size(); ++p) {
        FUZZ_CHECK(d.find_patient(d.patients[p].id) == p);
        for (uint32_t li : d.patients[p].lesions) {
            FUZZ_CHECK(li < d.lesions.size());
            FUZZ_CHECK(d.lesions[li].patient == p);
        }
        grouped += d.patients[p].lesions.size();
    }
    FUZZ_CHECK(grouped <= d.lesions.size());
}

// CsvLoad step by step (slices of 1..8 records, from the input's last byte) must
// equal load_csv: same rows in the same order, same problems.
void check_sliced(std::string_view in, const duck::LoadResult& whole) {
    const size_t slice = in.empty() ? 1 : 1 + static_cast<unsigned char>(in.back()) % 8;
    duck::CsvLoad load(in, "a.csv");
    size_t steps = 0;
    while (!load.step(slice)) FUZZ_CHECK(++steps <= in.size() + 1);
    FUZZ_CHECK(load.done());
    FUZZ_CHECK(load.progress() == 1.0);
    const duck::LoadResult r = load.take();
    FUZZ_CHECK(r.ok == whole.ok);
    FUZZ_CHECK(r.records == whole.records);
    FUZZ_CHECK(r.problems.size() == whole.problems.size());
    for (size_t i = 0; i < r.problems.size() && i < whole.problems.size(); ++i) {
        FUZZ_CHECK(r.problems[i].kind == whole.problems[i].kind);
        FUZZ_CHECK(r.problems[i].where == whole.problems[i].where);
        FUZZ_CHECK(r.problems[i].message == whole.problems[i].message);
    }
    FUZZ_CHECK(r.dataset.lesions.size() == whole.dataset.lesions.size());
    for (size_t i = 0; i < r.dataset.lesions.size() && i < whole.dataset.lesions.size(); ++i) {
        FUZZ_CHECK(r.dataset.lesions[i].image_name == whole.dataset.lesions[i].image_name);
        FUZZ_CHECK(r.dataset.lesions[i].patient == whole.dataset.lesions[i].patient);
        FUZZ_CHECK(r.dataset.lesions[i].line == whole.dataset.lesions[i].line);
    }
    FUZZ_CHECK(r.dataset.patients.size() == whole.dataset.patients.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view in(reinterpret_cast<const char*>(data), size);
    const size_t cut = in.find("\n\x1e\n");
    const std::string_view a = in.substr(0, cut);
    const std::string_view b = cut == std::string_view::npos ? std::string_view() : in.substr(cut + 3);

    duck::LoadResult one = duck::load_csv(a, "a.csv");
    check_problems(one.problems);
    if (one.ok) check_dataset(one.dataset);
    else FUZZ_CHECK(one.dataset.lesions.empty());
    FUZZ_CHECK(one.error_count() + one.warning_count() == one.problems.size());
    check_sliced(a, one);

    if (cut != std::string_view::npos) {
        std::vector<duck::LoadResult> parts;
        parts.push_back(std::move(one));
        parts.push_back(duck::load_csv(b, "b.csv"));
        duck::Problems problems;
        duck::Dataset merged = duck::merge_all(std::move(parts), problems);
        check_problems(problems);
        check_dataset(merged);
    }
    return 0;
}
