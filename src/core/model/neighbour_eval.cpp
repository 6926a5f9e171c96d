// neighbour_eval.cpp - leave-one-out neighbour shares with bootstrap intervals.
#include "core/model/neighbour_eval.h"

#include <algorithm>

#include "core/base/prng.h"

namespace duck {

namespace {

double mean(const std::vector<double>& v) {
    double s = 0;
    for (double x : v) s += x;
    return v.empty() ? 0 : s / double(v.size());
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const double at = p * double(v.size() - 1);
    const size_t lo = size_t(at);
    const double f = at - double(lo);
    return lo + 1 < v.size() ? v[lo] * (1 - f) + v[lo + 1] * f : v[lo];
}

}  // namespace

std::vector<double> same_label_shares(const SimilarSpace& space, const std::vector<bool>& melanoma,
                                      const std::vector<int>& queries, int k, kern::Path path) {
    std::vector<double> out;
    out.reserve(queries.size());
    for (int q : queries) {
        const auto nb = nearest_lesions(space, q, k, {}, path);
        int same = 0;
        for (const auto& n : nb) same += melanoma[size_t(n.row)] == melanoma[size_t(q)];
        out.push_back(nb.empty() ? 0.0 : double(same) / double(nb.size()));
    }
    return out;
}

ShareSummary summarise_shares(const std::vector<double>& shares, double base, int bootstrap, uint64_t seed) {
    ShareSummary s;
    s.queries = int(shares.size());
    s.share = s.lo = s.hi = mean(shares);
    s.base = base;
    if (bootstrap > 0 && !shares.empty()) {
        SplitMix64 rng(seed);
        std::vector<double> means(static_cast<size_t>(bootstrap)), draw(shares.size());
        for (auto& m : means) {
            for (auto& d : draw) d = shares[rng.below(shares.size())];
            m = mean(draw);
        }
        s.lo = percentile(means, 0.025);
        s.hi = percentile(means, 0.975);
    }
    if (base > 0) {
        s.enrichment = s.share / base;
        s.enrichment_lo = s.lo / base;
        s.enrichment_hi = s.hi / base;
    }
    return s;
}

Result<NeighbourReport> evaluate_neighbours(const std::vector<LabelledImage>& images,
                                            const std::vector<FeatureInfo>& info, const NeighbourOptions& options) {
    NeighbourReport rep;
    const size_t d = info.size();
    std::vector<int> usable;
    for (size_t i = 0; i < images.size(); ++i) {
        if (images[i].ok && images[i].features.size() == d) {
            usable.push_back(int(i));
            (images[i].melanoma ? rep.melanomas : rep.nevi)++;
        } else {
            rep.unusable++;
        }
    }
    rep.images = int(usable.size());
    if (rep.images < options.k + 1)
        return Error{"too few usable images (" + std::to_string(rep.images) + ") for k = " + std::to_string(options.k)};
    if (rep.melanomas == 0 || rep.nevi == 0) return Error{"need at least one melanoma and one nevus"};
    // The space holds the usable images only (row r = images[usable[r]]).
    std::vector<float> raw;
    std::vector<bool> mel;
    std::vector<std::vector<float>> rows;
    for (int i : usable) {
        raw.insert(raw.end(), images[size_t(i)].features.begin(), images[size_t(i)].features.end());
        mel.push_back(images[size_t(i)].melanoma);
        rows.push_back(images[size_t(i)].features);
    }
    const size_t n = usable.size();
    std::vector<double> mel_shares, nv_shares;
    auto run = [&](const MalignancyModel* model, const std::vector<int>& queries) {
        SimilarOptions so = options.space;
        so.malignancy = model;
        const SimilarSpace space = build_similar_space(raw, n, {}, info, so);
        std::vector<int> qm, qn;
        for (int q : queries) (mel[size_t(q)] ? qm : qn).push_back(q);
        for (double s : same_label_shares(space, mel, qm, options.k)) mel_shares.push_back(s);
        for (double s : same_label_shares(space, mel, qn, options.k)) nv_shares.push_back(s);
    };
    std::vector<int> all(n);
    for (size_t r = 0; r < n; ++r) all[r] = int(r);
    if (options.direction == NeighbourDirection::None) {
        run(nullptr, all);
    } else if (options.direction == NeighbourDirection::Shipped) {
        run(&shipped_malignancy_model(), all);
    } else {
        std::vector<LabelledImage> view;  // assign_folds works on LabelledImage rows
        for (int i : usable) {
            view.emplace_back();
            view.back().melanoma = images[size_t(i)].melanoma;
        }
        const int folds = std::max(2, options.folds);
        const std::vector<int> fold = assign_folds(view, all, folds, options.seed);
        for (int f = 0; f < folds; ++f) {
            std::vector<std::vector<float>> train_rows;
            std::vector<bool> train_mel;
            std::vector<int> queries;
            for (size_t r = 0; r < n; ++r) {
                if (fold[r] == f) {
                    queries.push_back(int(r));
                } else {
                    train_rows.push_back(rows[r]);
                    train_mel.push_back(mel[r]);
                }
            }
            const MalignancyModel model = train_malignancy(train_rows, train_mel, info, options.training);
            run(&model, queries);
        }
    }
    const double others = double(n - 1);
    rep.melanoma = summarise_shares(mel_shares, double(rep.melanomas - 1) / others, options.bootstrap, options.seed);
    rep.nevus = summarise_shares(nv_shares, double(rep.nevi - 1) / others, options.bootstrap, options.seed + 1);
    return rep;
}

}  // namespace duck
