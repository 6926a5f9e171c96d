// scoring_run.h - score_lesions (outlier_score.h) in steps. Scoring a whole
// archive (33,126 lesions) takes about a second; a page that did it in one call
// would freeze for that long. A ScoringRun does the same work in small units
// (items grouped a slice at a time, the pooled statistics a patient or a block
// of residuals at a time, then each patient's leave-one-out distances, the
// calibration fit a few bisection steps at a time, and the levels a slice at a
// time) and stops when its time budget is spent. A chosen patient is scored
// first. The final scores and model are identical to score_lesions' (which is a
// run stepped to the end): every sum is taken in the same order.
//
// The items are referenced, not copied: while the run lasts, an item it has
// grouped (one with features) must keep its features; items may gain features
// (they are then left out of this run, or grouped if not reached yet).
#pragma once
#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/model/outlier_score.h"

namespace duck {

class ScoringRun {
public:
    // `provisional`: the calibration for the levels given as each patient is scored
    // (before the run's own fit; e.g. the previous run's model). nullptr or not
    // fitted: the chi-square prior, as score_lesions uses with few lesions.
    ScoringRun(const std::vector<ScoreItem>& items, const std::vector<FeatureInfo>& info, ScoreOptions options = {},
               const ScoreModel* provisional = nullptr);

    // The patient whose lesions are scored first (may change while the run goes on).
    void focus(const std::string& patient_id);
    // Works until budget_ms has passed (one unit of work at least). True when done.
    bool step(double budget_ms);
    bool done() const { return phase_ == Phase::Done; }

    // Aligned with the items once they are grouped (before, the items grouped so
    // far). Final once done(); before, a lesion's entry is
    // provisional (its distances, rank and explanation final, its level from the
    // provisional calibration) once its patient is in patients_scored().
    const std::vector<LesionScore>& scores() const { return out_; }
    std::vector<LesionScore>& scores() { return out_; }
    const ScoreModel& model() const { return m_; }
    // Items (indices) whose provisional score arrived since the last call.
    std::vector<size_t> take_scored();
    // Moves such an item's provisional score into `to`. The run keeps what its
    // later steps read (status, distances, rank), so take_final() then has only
    // the level and flag of it to give. A whole archive's explanations are then
    // not held twice and not freed all at once when the run ends (freeing some
    // 140,000 small blocks in one go, and the allocator gathering them up at its
    // next large request, stalled the page for 10-25 ms natively).
    void move_scored(size_t item, LesionScore& to);
    // Items [first, second) whose scores became final since the last call (the
    // levels are given a slice at a time, in item order, at the end of the run):
    // a caller may move them out of scores(). At most `max` of them per call.
    std::pair<size_t, size_t> take_final(size_t max);
    // Done, and every final score handed out by take_final().
    bool all_final_taken() const { return done() && final_taken_ == items_.size(); }
    // Patients whose distances are computed (or found to lack context), of all
    // patients with features (0 until the items are grouped).
    size_t patients_scored() const { return patients_scored_; }
    size_t patients() const { return phase_ == Phase::Group ? 0 : groups_.size(); }

private:
    enum class Phase { Group, Residuals, Correlation, Malignancy, Distances, Calibrate, Levels, Done };
    using Group = std::map<std::string, std::vector<size_t>>::const_iterator;
    void unit();  // one unit of the current phase
    void group_slice();
    void residuals(const std::vector<size_t>& idx);
    void correlation_block();
    void finish_model();
    void start_distances();
    void malignancy(const std::vector<size_t>& idx);
    void distances(const std::vector<size_t>& idx);
    void calibrate_step();
    void level_slice();
    double provisional_level(const LesionScore& s) const;

    const std::vector<ScoreItem>& items_;
    const std::vector<FeatureInfo>& info_;
    ScoreOptions opt_;
    ScoreModel provisional_;
    bool provisional_fitted_ = false;
    int p_ = 0;
    const MalignancyModel* mal_ = nullptr;
    Phase phase_ = Phase::Group;
    size_t cursor_ = 0;  // items (Group, Levels) or residual rows (Correlation) done
    size_t final_taken_ = 0;  // items handed out by take_final()
    std::map<std::string, std::vector<size_t>> groups_;  // patient -> items with features
    Group group_it_;
    std::vector<Group> order_;  // the Distances phase's patient order (focus first)
    std::string focus_;
    std::vector<LesionScore> out_;
    ScoreModel m_;
    // Pooled statistics.
    std::vector<std::vector<double>> resid_;
    std::vector<double> ss_, corr_, pos_;
    double mal_ss_ = 0, mal_nres_ = 0, mal_npat_ = 0;
    // Distances: the d^2 of every scored lesion, and per-lesion scratch.
    std::vector<double> d2_all_;
    std::vector<double> col_, scratch_, z_, med_, w_, excess_part_, sorted_;
    std::vector<FeatureContribution> contrib_;
    std::vector<uint32_t> place_, order_buf_, pos_place_;
    std::vector<double> pos_sorted_;
    std::vector<size_t> fresh_;
    size_t patients_scored_ = 0;
    // Calibration: fit_scaled_chi_square, a few bisection steps per unit.
    bool fitted_ = false;
    ChiSquareFit fit_;
};

}  // namespace duck
