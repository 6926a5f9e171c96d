// similar.cpp - the similar-lesion space (robust standardisation, optional
// direction column) and the brute-force k-nearest search over it.
#include "core/model/similar.h"

#include <algorithm>
#include <cmath>

#include "core/model/similar_distance.h"

namespace duck {

namespace {

// MAD -> SD for normally distributed values.
constexpr double kMadToSd = 1.4826;

double median_of(std::vector<double>& v) {
    if (v.empty()) return 0;
    const size_t h = v.size() / 2;
    std::nth_element(v.begin(), v.begin() + long(h), v.end());
    double m = v[h];
    if (v.size() % 2 == 0) m = 0.5 * (m + *std::max_element(v.begin(), v.begin() + long(h)));
    return m;
}

bool is_present(const std::vector<uint8_t>& present, size_t i) { return present.empty() || present[i] != 0; }

// Keeps the k best (distance, row) pairs in ascending order; rows arrive in any
// order, so ties are decided by the row, not by arrival.
struct Best {
    size_t k;
    std::vector<Neighbour> items;
    bool better(float d, int row, const Neighbour& n) const { return d < n.distance || (d == n.distance && row < n.row); }
    void offer(float d, int row) {
        if (items.size() == k && !better(d, row, items.back())) return;
        auto at = items.begin();
        while (at != items.end() && !better(d, row, *at)) ++at;
        items.insert(at, Neighbour{row, d});
        if (items.size() > k) items.pop_back();
    }
};

}  // namespace

float SimilarSpace::standardised(float v, int j) const {
    double z = std::isfinite(v) ? (double(v) - centre[size_t(j)]) / scale[size_t(j)] : 0.0;
    return float(clip > 0 ? std::clamp(z, -clip, clip) : z);
}

SimilarSpace build_similar_space(std::span<const float> raw, size_t n, const std::vector<uint8_t>& present,
                                 const std::vector<FeatureInfo>& info, const SimilarOptions& options) {
    SimilarSpace s;
    s.features = n > 0 ? int(raw.size() / n) : int(info.size());
    s.clip = options.clip;
    const bool direction = options.malignancy && !options.malignancy->empty() &&
                           int(options.malignancy->weight.size()) == s.features;
    s.malignancy = direction ? options.malignancy : nullptr;
    s.columns = s.features + (direction ? 1 : 0);
    s.stride = (s.columns + 3) / 4 * 4;
    s.feature_factor = s.features > 0 ? float(1.0 / std::sqrt(double(s.features))) : 1.0f;
    s.present.assign(n, 0);
    for (size_t i = 0; i < n; ++i) s.present[i] = is_present(present, i) ? 1 : 0;
    const size_t d = size_t(s.features);
    s.centre.assign(d, 0);
    s.scale.assign(d, 1);
    std::vector<double> col;
    for (size_t j = 0; j < d; ++j) {
        col.clear();
        for (size_t i = 0; i < n; ++i)
            if (s.present[i] && std::isfinite(raw[i * d + j])) col.push_back(raw[i * d + j]);
        const double med = median_of(col);
        for (double& v : col) v = std::fabs(v - med);
        const double floor = j < info.size() ? double(info[j].floor) : 0.0;
        s.centre[j] = float(med);
        s.scale[j] = float(std::max({kMadToSd * median_of(col), floor, 1e-6}));
    }
    // The direction column: the lesion's position along the unit direction (in
    // the model's own standardised units), so direction_weight 1 makes one SD
    // along it count as much as one robust spread in every feature.
    double norm = 0;
    if (direction)
        for (double w : options.malignancy->weight) norm += w * w;
    s.direction_factor = direction && norm > 0 ? float(options.direction_weight / std::sqrt(norm)) : 0.0f;
    s.rows.assign(n * size_t(s.stride), 0.0f);
    std::vector<float> x(d);
    for (size_t i = 0; i < n; ++i) {
        if (!s.present[i]) continue;
        float* r = s.rows.data() + i * size_t(s.stride);
        for (size_t j = 0; j < d; ++j) {
            x[j] = raw[i * d + j];
            r[j] = s.standardised(x[j], int(j)) * s.feature_factor;
        }
        if (direction) r[d] = float(options.malignancy->position(x)) * s.direction_factor;
    }
    return s;
}

std::vector<Neighbour> nearest_lesions(const SimilarSpace& space, int query, int k, std::span<const int> within,
                                       kern::Path path) {
    const size_t n = space.size();
    if (query < 0 || size_t(query) >= n || !space.present[size_t(query)] || k <= 0) return {};
    const float* q = space.row(size_t(query));
    Best best{size_t(k), {}};
    best.items.reserve(size_t(k) + 1);
    if (within.empty()) {
        std::vector<float> d2(n);
        simkern::sq_distances(q, space.rows.data(), n, space.stride, d2.data(), path);
        for (size_t i = 0; i < n; ++i)
            if (space.present[i] && int(i) != query) best.offer(d2[i], int(i));
    } else {
        std::vector<int> rows(within.begin(), within.end());
        std::sort(rows.begin(), rows.end());
        rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
        for (int r : rows) {
            if (r < 0 || size_t(r) >= n || r == query || !space.present[size_t(r)]) continue;
            float d2 = 0;
            simkern::sq_distances(q, space.row(size_t(r)), 1, space.stride, &d2, path);
            best.offer(d2, r);
        }
    }
    for (auto& nb : best.items) nb.distance = std::sqrt(nb.distance);
    return best.items;
}

}  // namespace duck
