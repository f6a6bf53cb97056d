// Paired comparison of policies over the same futures (common random
// numbers): per outcome and year the distribution of each policy, the
// per-run difference of every policy against the reference, the share of
// runs in which it is better, and the regret of each policy against the best
// policy of each run (robust decision making). Streaming and mergeable like
// EnsembleSummary: memory grows with policies x outcomes x years, not runs.
#pragma once
#include <vector>

#include "analysis/summary/ensemble_summary.hpp"

namespace entente::analysis {

struct DifferenceCell {
  RunningStats stats;  // of d = y_policy - y_reference
  QuantileSketch sketch{kSketchAccuracy, kSketchBuckets};
  // Runs where the policy beats the reference by more than the outcome's
  // min_effect (by its direction), and where it falls short by more than it;
  // the rest are "no practical difference". For a neutral outcome: higher and
  // lower by more than min_effect.
  std::uint64_t better = 0, worse = 0;
  std::uint64_t no_practical_difference() const { return stats.count() - better - worse; }
};

struct RegretCell {
  RunningStats stats;  // of |y_policy - y_best of the run|
  QuantileSketch sketch{kSketchAccuracy, kSketchBuckets};
};

class ComparisonGrid {
 public:
  // variants[0] is the reference; regret is tracked at `regret_steps`.
  ComparisonGrid(const std::vector<const CompiledScenario*>& variants, std::vector<std::size_t> regret_steps);
  void add_run(const double* const* traces);
  void merge(const ComparisonGrid& other);

  std::size_t policies() const { return policies_.size(); }
  std::size_t outcomes() const { return outcomes_; }
  std::size_t steps() const { return steps_; }
  const std::vector<std::size_t>& regret_steps() const { return regret_steps_; }
  const SummaryGrid& policy(std::size_t p) const { return policies_[p]; }
  // p >= 1: the difference of policy p against policy 0.
  const DifferenceCell& difference(std::size_t p, std::size_t outcome, std::size_t step) const {
    return diffs_[((p - 1) * outcomes_ + outcome) * steps_ + step];
  }
  const RegretCell& regret(std::size_t outcome, std::size_t regret_index, std::size_t p) const {
    return regret_[(outcome * regret_steps_.size() + regret_index) * policies_.size() + p];
  }
  Direction direction(std::size_t outcome) const { return directions_[outcome]; }
  double min_effect(std::size_t outcome) const { return min_effects_[outcome]; }
  std::uint64_t runs() const { return policies_.front().runs(); }

 private:
  std::size_t outcomes_, steps_;
  std::vector<std::size_t> regret_steps_;
  std::vector<Direction> directions_;
  std::vector<double> min_effects_;
  std::vector<SummaryGrid> policies_;
  std::vector<DifferenceCell> diffs_;
  std::vector<RegretCell> regret_;
};

class PairedComparison final : public EnsembleReducer {
 public:
  PairedComparison(std::vector<const CompiledScenario*> variants, std::vector<std::size_t> regret_steps);
  std::unique_ptr<BlockAccumulator> make_block() override;
  void absorb(BlockAccumulator& block) override;
  const ComparisonGrid& grid() const { return total_; }
  const std::vector<const CompiledScenario*>& variants() const { return variants_; }

 private:
  std::vector<const CompiledScenario*> variants_;
  std::vector<std::size_t> regret_steps_;
  ComparisonGrid total_;
};

// `d` (policy minus reference) as an improvement: d itself where higher is
// better, -d where lower is better; a neutral outcome counts "higher" as +.
inline double improvement(Direction dir, double d) { return dir == Direction::kLowerIsBetter ? -d : d; }

// +1 better (or higher, when neutral) by more than `min_effect`, -1 worse by
// more than it, 0 no practical difference. With min_effect 0 only exact ties are 0.
inline int practical_sign(Direction dir, double d, double min_effect) {
  const double g = improvement(dir, d);
  return g > min_effect ? 1 : g < -min_effect ? -1 : 0;
}

}  // namespace entente::analysis
