// quiz.h - "Find the ugly duckling": the teaching quiz without any UI. A case is a
// patient; the resident picks the lesion(s) they would biopsy, most suspicious first
// (or "none" when nothing needs a biopsy), then sees the truth and the model's
// ranking. Case sets are either random from a filtered patient list with a seed
// (SplitMix64, identical on every platform) or a curated list of patient ids shared
// by link (#quiz=IP_a,IP_b,...), so a whole class can get the same set.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/base/result.h"

namespace duck {

inline constexpr int kQuizDefaultCount = 10;
inline constexpr int kQuizDefaultMaxPicks = 3;

struct QuizOptions {
    uint32_t seed = 1;
    int count = kQuizDefaultCount;   // number of cases wanted
    bool include_none = false;       // also draw labelled patients without melanoma (answer "none")
};

// Random case set: from `candidates` (patient indices, e.g. the filtered list in any
// order), keeps labelled patients with >= 2 lesions, draws melanoma patients and, when
// include_none, about one case in four from patients without melanoma. The result
// depends only on the seed, the options and the set of candidate ids (not their order).
// Fails with a message when no candidate has a melanoma.
Result<std::vector<uint32_t>> pick_random_cases(const Dataset& ds, std::span<const uint32_t> candidates,
                                                const QuizOptions& opt);

// Curated case set: resolves patient ids in order. Unknown ids, unlabelled patients and
// repeats are skipped and described in `notes`; fails when nothing usable remains.
Result<std::vector<uint32_t>> resolve_curated_cases(const Dataset& ds, std::span<const std::string> ids,
                                                    std::vector<std::string>* notes = nullptr);

// How one answered case went.
struct QuizCaseResult {
    uint32_t patient = kNone;
    bool melanoma_case = false;        // the patient has at least one melanoma
    std::vector<uint32_t> picks;       // lesion indices, most suspicious first; empty = "none"
    std::vector<uint32_t> melanomas;   // the patient's melanoma lesions
    int hits = 0;                      // picked melanomas
    int rank_in_picks = 0;             // 1-based position of the first melanoma among picks; 0 = missed
    bool correct = false;              // melanoma case: a melanoma was picked; none case: no picks
    // Model comparison (0 / kNone when no scores were given for this patient):
    int model_rank = 0;                // best rank of a melanoma in the model's ordering (1 = top)
    uint32_t model_top = kNone;        // the model's most outstanding lesion
    bool model_correct = false;        // same rule as `correct` with the model's top picks.size() (>= 1)
    int lesion_count = 0;
};

struct QuizSummary {
    int cases = 0;                // answered cases
    int melanoma_cases = 0;
    int none_cases = 0;
    int correct = 0;              // melanoma found, or "none" right
    int hits = 0;                 // melanoma cases where a melanoma was picked
    int none_correct = 0;
    int picks = 0;                // lesions picked in total
    double mean_rank_in_picks = 0;  // over hits
    int model_scored = 0;         // cases with model scores
    int model_correct = 0;
    double mean_model_rank = 0;   // over scored melanoma cases
};

// A running quiz: cases in order, the current case's picks, answered results.
class Quiz {
public:
    // Starts over with these cases (patient indices). `lesion_scores` is indexed by lesion
    // (NaN = unscored) and may be empty or change later via set_scores().
    void start(const Dataset& ds, std::vector<uint32_t> cases, int max_picks = kQuizDefaultMaxPicks);
    void set_scores(std::span<const float> lesion_scores);

    bool active() const { return ds_ != nullptr && !cases_.empty(); }
    bool finished() const { return active() && current_ >= cases_.size(); }
    size_t case_count() const { return cases_.size(); }
    size_t current_index() const { return current_; }
    const std::vector<uint32_t>& cases() const { return cases_; }
    // Patient of the current case, or kNone when finished / not started.
    uint32_t current_patient() const { return finished() || !active() ? kNone : cases_[current_]; }

    // Picking (before reveal): toggles a lesion of the current patient. Returns false
    // (and changes nothing) for a lesion of another patient, after reveal, or when
    // max_picks lesions are already picked.
    bool toggle_pick(uint32_t lesion);
    void clear_picks();
    const std::vector<uint32_t>& picks() const { return picks_; }
    int max_picks() const { return max_picks_; }

    // Locks the answer (the current picks; none = "no biopsy") and scores it.
    // Returns the result; calling it again before next() returns the same result.
    const QuizCaseResult& reveal();
    bool revealed() const { return revealed_; }
    // Moves to the next case (only after reveal).
    bool next();

    const std::vector<QuizCaseResult>& results() const { return results_; }
    QuizSummary summary() const;

private:
    const Dataset* ds_ = nullptr;
    std::vector<float> scores_;
    std::vector<uint32_t> cases_;
    size_t current_ = 0;
    int max_picks_ = kQuizDefaultMaxPicks;
    std::vector<uint32_t> picks_;
    bool revealed_ = false;
    std::vector<QuizCaseResult> results_;
};

// Scores a single answer (exposed for tests and the CLI).
QuizCaseResult score_quiz_case(const Dataset& ds, uint32_t patient, const std::vector<uint32_t>& picks,
                               std::span<const float> lesion_scores);
QuizSummary summarize_quiz(std::span<const QuizCaseResult> results);

// The patient's lesions ordered by model score, highest first (unscored last, then
// by file order). Ranks in the quiz and in exports come from this ordering.
std::vector<uint32_t> model_order(const Dataset& ds, uint32_t patient, std::span<const float> lesion_scores);

}  // namespace duck
