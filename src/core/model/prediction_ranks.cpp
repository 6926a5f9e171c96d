// prediction_ranks.cpp - within-patient ranks, top lesions, disagreements and
// the evaluation of a classifier's scores (see prediction_ranks.h).
#include "core/model/prediction_ranks.h"

#include <algorithm>
#include <cmath>

namespace duck {

namespace {

template <class T>
uint32_t top_of(const Dataset& ds, uint32_t patient, std::span<const T> scores) {
    if (patient >= ds.patients.size()) return kNone;
    uint32_t best = kNone;
    for (uint32_t li : ds.patients[patient].lesions) {
        if (li >= scores.size() || std::isnan(scores[li])) continue;
        if (best == kNone || scores[li] > scores[best]) best = li;
    }
    return best;
}

}  // namespace

std::vector<uint32_t> patient_ranks(const Dataset& ds, std::span<const double> scores) {
    std::vector<uint32_t> rank(ds.lesions.size(), 0);
    std::vector<uint32_t> order;
    for (const Patient& p : ds.patients) {
        order.clear();
        for (uint32_t li : p.lesions)
            if (li < scores.size() && !std::isnan(scores[li])) order.push_back(li);
        std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return scores[a] > scores[b]; });
        for (size_t r = 0; r < order.size(); ++r) rank[order[r]] = uint32_t(r + 1);
    }
    return rank;
}

uint32_t top_lesion(const Dataset& ds, uint32_t patient, std::span<const double> scores) {
    return top_of(ds, patient, scores);
}

uint32_t top_lesion(const Dataset& ds, uint32_t patient, std::span<const float> scores) {
    return top_of(ds, patient, scores);
}

std::vector<uint8_t> disagreements(const Dataset& ds, std::span<const double> classifier,
                                   std::span<const float> ugly_duckling) {
    std::vector<uint8_t> out(ds.patients.size(), 0);
    for (uint32_t p = 0; p < ds.patients.size(); ++p) {
        const uint32_t a = top_lesion(ds, p, classifier), b = top_lesion(ds, p, ugly_duckling);
        out[p] = a != kNone && b != kNone && a != b;
    }
    return out;
}

EvalReport evaluate_predictions(const Dataset& ds, std::span<const double> scores, int min_lesions, int bootstrap) {
    std::vector<EvalLesion> ev;
    ev.reserve(ds.lesions.size());
    for (size_t i = 0; i < ds.lesions.size(); ++i) {
        const Lesion& l = ds.lesions[i];
        const bool scored = i < scores.size() && !std::isnan(scores[i]);
        ev.push_back({std::string(l.patient_id), l.label, scored, scored ? scores[i] : 0.0});
    }
    return evaluate_ranking(ev, min_lesions, bootstrap);
}

}  // namespace duck
