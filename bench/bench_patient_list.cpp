// bench_patient_list.cpp - how long the patient browser takes to filter and sort
// the real ISIC 2020 train.csv on every keystroke (budget: well under 16 ms/frame).
// Usage: duckling_bench_explorer [path/to/train.csv]; prints medians and maxima in ms.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "train_csv.h"
#include "core/data/dataset_load.h"
#include "core/view/grid_layout.h"
#include "core/view/patient_list.h"

using namespace duck;

namespace {
double ms_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

// Median and maximum of `reps` runs of `fn`, in milliseconds.
void measure(const char* label, int reps, const std::function<size_t()>& fn) {
    std::vector<double> t;
    size_t result = 0;
    for (int i = 0; i < reps; ++i) {
        auto t0 = std::chrono::steady_clock::now();
        result = fn();
        t.push_back(ms_since(t0));
    }
    std::sort(t.begin(), t.end());
    std::printf("%-44s median %7.3f ms  max %7.3f ms  (%zu results, %d runs)\n", label, t[t.size() / 2], t.back(), result, reps);
}
}  // namespace

int main(int argc, char** argv) {
    const auto csv = bench::read_train_csv(argc, argv);
    if (!csv) return 1;
    const std::string& bytes = *csv;
    auto t0 = std::chrono::steady_clock::now();
    LoadResult r = load_csv(bytes, "train.csv");
    std::printf("load_csv: %zu lesions, %zu patients in %.1f ms\n", r.dataset.lesions.size(), r.dataset.patients.size(), ms_since(t0));
    const Dataset& ds = r.dataset;

    PatientIndex ix;
    t0 = std::chrono::steady_clock::now();
    ix.build(ds);
    std::printf("PatientIndex::build: %.2f ms\n", ms_since(t0));

    std::vector<float> scores(ds.lesions.size());
    for (size_t i = 0; i < scores.size(); ++i) scores[i] = static_cast<float>((i * 2654435761u) % 1000) / 1000.f;
    ix.set_scores(scores);

    // Typing "isic_72" then "ip_72" one key at a time: every prefix is one frame's work.
    const char* typed[] = {"isic_7", "ip_7", "ISIC_9999999"};
    for (const char* word : typed) {
        std::string s;
        for (const char* c = word; *c; ++c) {
            s += *c;
            PatientFilter pf;
            pf.search = s;
            const std::string label = "search '" + s + "' + sort by score";
            measure(label.c_str(), 21, [&] { return ix.query(pf, {PatientColumn::TopScore, true}).size(); });
        }
    }
    PatientFilter all;
    all.sex = SexFilter::Female;
    all.age_min = 30;
    all.age_max = 70;
    all.site_mask = 1u << static_cast<int>(Site::Torso);
    all.label = LabelFilter::NoMelanoma;
    all.lesions_min = 5;
    all.diagnosis = "nevus";
    measure("every filter at once + sort by age", 21, [&] { return ix.query(all, {PatientColumn::Age, false}).size(); });
    measure("no filter, sort by id", 21, [&] { return ix.query({}, {PatientColumn::Id, false}).size(); });
    measure("no filter, sort by lesions desc", 21, [&] { return ix.query({}, {PatientColumn::Lesions, true}).size(); });

    // The patient view of the largest patient: arrange + layout at 1920 px.
    uint32_t big = 0;
    for (uint32_t p = 0; p < ds.patients.size(); ++p)
        if (ds.patients[p].lesions.size() > ds.patients[big].lesions.size()) big = p;
    measure("largest patient: arrange by site + layout", 101, [&] {
        auto g = arrange_tiles(ds, big, TileOrder::Site, scores);
        return layout_grid(g, 1900, GridMetrics{}).rows.size();
    });
    return 0;
}
