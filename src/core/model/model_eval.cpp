// model_eval.cpp - per-patient ranking metrics with bootstrap intervals.
#include "core/model/model_eval.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/base/prng.h"

namespace duck {

namespace {

struct PatientEval {
    double auc = -1;  // -1: no benign lesion, AUC undefined
    double top1 = 0, top3 = 0, rr = 0;
    double r_top1 = 0, r_top3 = 0, r_rr = 0;
};

// log of the binomial coefficient C(n, k).
double log_choose(int n, int k) {
    if (k < 0 || k > n) return -INFINITY;
    return std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0);
}

PatientEval eval_patient(const std::vector<const EvalLesion*>& ls) {
    PatientEval e;
    int n = int(ls.size()), m = 0;
    for (const auto* l : ls) m += l->label == Label::Malignant;
    // Ranks: by score descending, ties in file order.
    std::vector<int> order(n);
    for (int i = 0; i < n; ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return ls[a]->score > ls[b]->score; });
    int best = n + 1;
    for (int r = 0; r < n; ++r)
        if (ls[order[r]]->label == Label::Malignant) best = std::min(best, r + 1);
    e.top1 = best == 1;
    e.top3 = best <= 3;
    e.rr = 1.0 / best;
    if (m < n) {
        double wins = 0;
        for (const auto* a : ls)
            for (const auto* b : ls)
                if (a->label == Label::Malignant && b->label != Label::Malignant)
                    wins += a->score > b->score ? 1.0 : a->score == b->score ? 0.5 : 0.0;
        e.auc = wins / (double(m) * (n - m));
    }
    // Random ordering: P(best rank = r) = C(n - r, m - 1) / C(n, m).
    e.r_top1 = double(m) / n;
    e.r_top3 = 1 - (n - m >= 3 ? std::exp(log_choose(n - m, 3) - log_choose(n, 3)) : 0.0);
    for (int r = 1; r <= n - m + 1; ++r) e.r_rr += std::exp(log_choose(n - r, m - 1) - log_choose(n, m)) / r;
    return e;
}

struct Means {
    double auc = 0, top1 = 0, top3 = 0, rr = 0;
};

Means means(const std::vector<PatientEval>& ps, const std::vector<size_t>& pick) {
    Means m;
    double n_auc = 0;
    for (size_t i : pick) {
        const auto& p = ps[i];
        if (p.auc >= 0) {
            m.auc += p.auc;
            n_auc += 1;
        }
        m.top1 += p.top1;
        m.top3 += p.top3;
        m.rr += p.rr;
    }
    double n = std::max<double>(1, double(pick.size()));
    m.auc = n_auc > 0 ? m.auc / n_auc : NAN;
    m.top1 /= n;
    m.top3 /= n;
    m.rr /= n;
    return m;
}

void interval(std::vector<double> v, EvalMetric& out) {
    v.erase(std::remove_if(v.begin(), v.end(), [](double x) { return std::isnan(x); }), v.end());
    if (v.empty()) return;
    std::sort(v.begin(), v.end());
    out.lo = v[size_t(0.025 * double(v.size() - 1))];
    out.hi = v[size_t(std::ceil(0.975 * double(v.size() - 1)))];
}

}  // namespace

const char* eval_skip_name(EvalSkip s) {
    switch (s) {
        case EvalSkip::Unlabelled: return "unlabelled";
        case EvalSkip::NoMelanoma: return "no_melanoma";
        case EvalSkip::FewLesions: return "few_lesions";
        case EvalSkip::MelanomaNotScored: return "melanoma_not_scored";
    }
    return "";
}

const char* eval_skip_reason(EvalSkip s) {
    switch (s) {
        case EvalSkip::Unlabelled: return "a lesion has no benign/malignant label";
        case EvalSkip::NoMelanoma: return "no lesion is labelled malignant";
        case EvalSkip::FewLesions: return "fewer scored lesions than the evaluation needs (image missing or "
                                          "undecodable, or too few lesions for the model to score)";
        case EvalSkip::MelanomaNotScored: return "enough scored lesions, but no melanoma has a score (its image is "
                                                 "missing or could not be read)";
    }
    return "";
}

EvalReport evaluate_ranking(const std::vector<EvalLesion>& lesions, int min_lesions, int bootstrap,
                            uint64_t seed) {
    EvalReport rep;
    // All lesions per patient: a patient whose lesions are all unscored is still
    // counted (as left out, with the reason), never silently dropped.
    std::map<std::string, std::vector<const EvalLesion*>> all_of;
    for (const auto& l : lesions) all_of[l.patient_id].push_back(&l);
    rep.patients_total = int(all_of.size());
    std::vector<PatientEval> ps;
    for (const auto& [pid, every] : all_of) {
        std::vector<const EvalLesion*> ls;  // the scored ones, in file order
        for (auto* l : every)
            if (l->scored) ls.push_back(l);
        const auto malignant = [](auto* l) { return l->label == Label::Malignant; };
        const bool unlabelled = std::any_of(every.begin(), every.end(), [](auto* l) { return l->label == Label::Unknown; });
        const bool melanoma = std::any_of(every.begin(), every.end(), malignant);
        const bool melanoma_scored = std::any_of(ls.begin(), ls.end(), malignant);
        if (unlabelled) ++rep.skipped_unlabelled;
        else if (!melanoma) ++rep.skipped_no_melanoma;
        else if (int(ls.size()) < min_lesions || !melanoma_scored) {
            EvalLeftOut out;
            out.patient_id = pid;
            out.why = int(ls.size()) < min_lesions ? EvalSkip::FewLesions : EvalSkip::MelanomaNotScored;
            ++(out.why == EvalSkip::FewLesions ? rep.skipped_few_lesions : rep.skipped_melanoma_not_scored);
            out.lesions = int(every.size());
            out.scored = int(ls.size());
            out.melanomas = int(std::count_if(every.begin(), every.end(), malignant));
            out.melanomas_scored = int(std::count_if(ls.begin(), ls.end(), malignant));
            std::map<std::string, int> status;
            for (auto* l : every)
                if (!l->scored) ++status[l->status.empty() ? "unscored" : l->status];
            out.unscored_status.assign(status.begin(), status.end());
            rep.left_out.push_back(std::move(out));
        } else {
            ps.push_back(eval_patient(ls));
            rep.lesions += int(ls.size());
            for (auto* l : ls) rep.melanomas += l->label == Label::Malignant;
            rep.patients_with_auc += ps.back().auc >= 0;
        }
    }
    rep.patients = int(ps.size());
    if (ps.empty()) return rep;
    std::vector<size_t> all(ps.size());
    for (size_t i = 0; i < ps.size(); ++i) all[i] = i;
    Means m = means(ps, all);
    rep.auc.value = m.auc;
    rep.top1.value = m.top1;
    rep.top3.value = m.top3;
    rep.mrr.value = m.rr;
    rep.auc.random = 0.5;
    for (const auto& p : ps) {
        rep.top1.random += p.r_top1 / double(ps.size());
        rep.top3.random += p.r_top3 / double(ps.size());
        rep.mrr.random += p.r_rr / double(ps.size());
    }
    // Bootstrap over patients (the unit of analysis), fixed seed: reproducible.
    SplitMix64 rng(seed);
    std::vector<double> b_auc, b_top1, b_top3, b_mrr;
    std::vector<size_t> pick(ps.size());
    for (int b = 0; b < bootstrap; ++b) {
        for (auto& i : pick) i = size_t(rng.below(ps.size()));
        Means bm = means(ps, pick);
        b_auc.push_back(bm.auc);
        b_top1.push_back(bm.top1);
        b_top3.push_back(bm.top3);
        b_mrr.push_back(bm.rr);
    }
    rep.bootstrap = bootstrap;
    interval(b_auc, rep.auc);
    interval(b_top1, rep.top1);
    interval(b_top3, rep.top3);
    interval(b_mrr, rep.mrr);
    return rep;
}

}  // namespace duck
