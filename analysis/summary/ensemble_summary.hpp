// Streaming summaries of an ensemble, per outcome and step: mean and sd
// (Welford, merged in block order), quantiles from a DDSketch (merge
// order-independent), and threshold probabilities. Memory grows with
// steps x outcomes, never with runs.
//
// Quantile accuracy: relative error at most kSketchAccuracy for every value
// within a factor kSketchRange of the cell's largest magnitude (of the same
// sign); zeros are exact. 20480 buckets at 0.1% cover exp(20480 * 2 * 0.001),
// about 10^17, so the bound holds for any outcome a scenario produces.
// Why 0.1%: most headline outcomes are indices on [0, 1], and planners read
// their quantiles to the third decimal; a relative 0.1% is at most 0.001
// absolute there (at 0.5%, 1.0 printed as 0.995 and neighbouring buckets of a
// cohesion of 0.8 were 0.008 apart). A store is dense only between the
// smallest and largest bucket it has seen, so a cell on [0.7, 0.9] holds
// about 250 counters, not 20480.
#pragma once
#include <cstdint>
#include <vector>

#include "analysis/stats/quantile_sketch.hpp"
#include "analysis/stats/running_stats.hpp"
#include "sim/engine/ensemble.hpp"

namespace entente::analysis {

// Relative accuracy of every reported quantile (docs/outputs.md).
inline constexpr double kSketchAccuracy = 0.001;
inline constexpr std::size_t kSketchBuckets = 20480;

struct SummaryCell {
  RunningStats stats;
  QuantileSketch sketch{kSketchAccuracy, kSketchBuckets};
  std::vector<std::uint64_t> at;  // per threshold: runs past it in this step
  std::vector<std::uint64_t> by;  // per threshold: runs past it in this or any earlier step
};

// Cells of every (outcome, step) pair, indexed [outcome * (n_steps + 1) + step].
class SummaryGrid {
 public:
  SummaryGrid(const CompiledScenario& scenario);
  void add_run(const double* trace);
  void merge(const SummaryGrid& other);
  const SummaryCell& cell(std::size_t outcome, std::size_t step) const { return cells_[outcome * steps_ + step]; }
  std::uint64_t runs() const { return runs_; }
  std::size_t steps() const { return steps_; }  // n_steps + 1 (the start year included)
  std::size_t outcomes() const { return outcomes_; }

 private:
  std::size_t steps_, outcomes_;
  std::vector<std::vector<ThresholdSpec>> thresholds_;
  std::vector<SummaryCell> cells_;
  std::vector<std::uint8_t> crossed_;  // scratch per run
  std::uint64_t runs_ = 0;
};

class EnsembleSummary final : public EnsembleReducer {
 public:
  explicit EnsembleSummary(const CompiledScenario& scenario) : scenario_(scenario), total_(scenario) {}
  std::unique_ptr<BlockAccumulator> make_block() override;
  void absorb(BlockAccumulator& block) override;
  const SummaryGrid& grid() const { return total_; }
  const CompiledScenario& scenario() const { return scenario_; }

 private:
  const CompiledScenario& scenario_;
  SummaryGrid total_;
};

}  // namespace entente::analysis
