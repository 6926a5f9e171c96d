// quiz.cpp - case selection, answer scoring and the running quiz. Selection sorts the
// candidates by patient id before drawing so the same seed gives the same set no
// matter how the explorer's list happens to be sorted.
#include "core/teach/quiz.h"

#include <algorithm>
#include <cmath>

#include "core/base/prng.h"

namespace duck {

namespace {

// A case needs labels and at least two lesions (an ugly duckling needs a flock).
bool usable(const Patient& p) { return p.labelled && p.lesions.size() >= 2; }

template <class T>
void shuffle(std::vector<T>& v, SplitMix64& rng) {
    for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[rng.below(i)]);
}

void sort_by_id(const Dataset& ds, std::vector<uint32_t>& v) {
    std::sort(v.begin(), v.end(), [&](uint32_t a, uint32_t b) { return ds.patients[a].id < ds.patients[b].id; });
    v.erase(std::unique(v.begin(), v.end()), v.end());
}

}  // namespace

Result<std::vector<uint32_t>> pick_random_cases(const Dataset& ds, std::span<const uint32_t> candidates,
                                                const QuizOptions& opt) {
    std::vector<uint32_t> mel, none;
    for (uint32_t p : candidates) {
        if (p >= ds.patients.size() || !usable(ds.patients[p])) continue;
        (ds.patients[p].melanomas > 0 ? mel : none).push_back(p);
    }
    if (mel.empty())
        return Error{"no patient in the current list has a labelled melanoma and at least two lesions; "
                     "clear the filters or load labelled data (train.csv)"};
    sort_by_id(ds, mel);
    sort_by_id(ds, none);
    const int count = std::max(1, opt.count);
    int want_none = opt.include_none ? count / 4 : 0;
    if (opt.include_none && want_none == 0 && count >= 2) want_none = 1;
    want_none = std::min<int>(want_none, static_cast<int>(none.size()));
    const int want_mel = std::min<int>(count - want_none, static_cast<int>(mel.size()));

    SplitMix64 rng(0xD0C0'0000'0000'0000ull ^ opt.seed);
    shuffle(mel, rng);
    shuffle(none, rng);
    std::vector<uint32_t> out(mel.begin(), mel.begin() + want_mel);
    out.insert(out.end(), none.begin(), none.begin() + want_none);
    shuffle(out, rng);  // so "none" cases are not all at the end
    return out;
}

Result<std::vector<uint32_t>> resolve_curated_cases(const Dataset& ds, std::span<const std::string> ids,
                                                    std::vector<std::string>* notes) {
    std::vector<uint32_t> out;
    for (const auto& id : ids) {
        const uint32_t p = ds.find_patient(id);
        std::string why;
        if (p == kNone) why = "is not in this dataset";
        else if (!ds.patients[p].labelled) why = "has no labels (a quiz needs train.csv labels)";
        else if (ds.patients[p].lesions.size() < 2) why = "has fewer than two lesions";
        else if (std::find(out.begin(), out.end(), p) != out.end()) why = "is listed twice";
        if (why.empty()) out.push_back(p);
        else if (notes) notes->push_back("quiz case " + id + " skipped: it " + why);
    }
    if (out.empty()) return Error{"none of the " + std::to_string(ids.size()) + " quiz cases in the link can be used"};
    return out;
}

std::vector<uint32_t> model_order(const Dataset& ds, uint32_t patient, std::span<const float> scores) {
    if (patient >= ds.patients.size()) return {};
    std::vector<uint32_t> order = ds.patients[patient].lesions;
    auto score = [&](uint32_t l) { return l < scores.size() ? scores[l] : NAN; };
    std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
        const float sa = score(a), sb = score(b);
        if (std::isnan(sa) || std::isnan(sb)) return !std::isnan(sa) && std::isnan(sb);
        return sa > sb;
    });
    return order;
}

QuizCaseResult score_quiz_case(const Dataset& ds, uint32_t patient, const std::vector<uint32_t>& picks,
                               std::span<const float> scores) {
    QuizCaseResult r;
    r.patient = patient;
    r.picks = picks;
    if (patient >= ds.patients.size()) return r;
    const Patient& p = ds.patients[patient];
    r.lesion_count = static_cast<int>(p.lesions.size());
    for (uint32_t l : p.lesions)
        if (ds.lesions[l].label == Label::Malignant) r.melanomas.push_back(l);
    r.melanoma_case = !r.melanomas.empty();
    auto is_mel = [&](uint32_t l) { return std::find(r.melanomas.begin(), r.melanomas.end(), l) != r.melanomas.end(); };
    for (size_t i = 0; i < picks.size(); ++i)
        if (is_mel(picks[i])) {
            ++r.hits;
            if (r.rank_in_picks == 0) r.rank_in_picks = static_cast<int>(i) + 1;
        }
    r.correct = r.melanoma_case ? r.hits > 0 : picks.empty();

    const std::vector<uint32_t> order = model_order(ds, patient, scores);
    const bool scored = !order.empty() && order[0] < scores.size() && !std::isnan(scores[order[0]]);
    if (scored) {
        r.model_top = order[0];
        for (size_t i = 0; i < order.size() && r.model_rank == 0; ++i)
            if (is_mel(order[i]) && order[i] < scores.size() && !std::isnan(scores[order[i]]))
                r.model_rank = static_cast<int>(i) + 1;
        // The model gets the same number of picks as the resident (at least one).
        const int budget = std::max<int>(1, static_cast<int>(picks.size()));
        r.model_correct = r.melanoma_case && r.model_rank > 0 && r.model_rank <= budget;
    }
    return r;
}

QuizSummary summarize_quiz(std::span<const QuizCaseResult> results) {
    QuizSummary s;
    double rank_sum = 0, model_rank_sum = 0;
    int model_ranked = 0;
    for (const auto& r : results) {
        ++s.cases;
        s.picks += static_cast<int>(r.picks.size());
        if (r.correct) ++s.correct;
        if (!r.melanoma_case) {
            ++s.none_cases;
            if (r.correct) ++s.none_correct;
            continue;
        }
        ++s.melanoma_cases;
        if (r.hits > 0) {
            ++s.hits;
            rank_sum += r.rank_in_picks;
        }
        if (r.model_top != kNone) {
            ++s.model_scored;
            if (r.model_correct) ++s.model_correct;
            if (r.model_rank > 0) {
                model_rank_sum += r.model_rank;
                ++model_ranked;
            }
        }
    }
    s.mean_rank_in_picks = s.hits ? rank_sum / s.hits : 0.0;
    s.mean_model_rank = model_ranked ? model_rank_sum / model_ranked : 0.0;
    return s;
}

void Quiz::start(const Dataset& ds, std::vector<uint32_t> cases, int max_picks) {
    ds_ = &ds;
    cases_ = std::move(cases);
    current_ = 0;
    max_picks_ = std::max(1, max_picks);
    picks_.clear();
    revealed_ = false;
    results_.clear();
}

void Quiz::set_scores(std::span<const float> lesion_scores) {
    scores_.assign(lesion_scores.begin(), lesion_scores.end());
    // Results already revealed keep the comparison they were shown with.
}

bool Quiz::toggle_pick(uint32_t lesion) {
    const uint32_t p = current_patient();
    if (p == kNone || revealed_ || lesion >= ds_->lesions.size() || ds_->lesions[lesion].patient != p) return false;
    auto it = std::find(picks_.begin(), picks_.end(), lesion);
    if (it != picks_.end()) {
        picks_.erase(it);
        return true;
    }
    if (static_cast<int>(picks_.size()) >= max_picks_) return false;
    picks_.push_back(lesion);
    return true;
}

void Quiz::clear_picks() {
    if (!revealed_) picks_.clear();
}

const QuizCaseResult& Quiz::reveal() {
    static const QuizCaseResult kEmpty;
    const uint32_t p = current_patient();
    if (p == kNone) return kEmpty;
    if (!revealed_) {
        results_.push_back(score_quiz_case(*ds_, p, picks_, scores_));
        revealed_ = true;
    }
    return results_.back();
}

bool Quiz::next() {
    if (!revealed_ || finished()) return false;
    ++current_;
    picks_.clear();
    revealed_ = false;
    return true;
}

QuizSummary Quiz::summary() const { return summarize_quiz(results_); }

}  // namespace duck
