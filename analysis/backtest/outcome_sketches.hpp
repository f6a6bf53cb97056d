// The reducer of `entente backtest`: one quantile sketch per (selected
// outcome, step), fed by the ensemble. Memory grows with outcomes x steps,
// never with runs; sketches merge order-independently, so the result is the
// same for any thread count.
#pragma once
#include <cstddef>
#include <vector>

#include "analysis/stats/quantile_sketch.hpp"
#include "sim/engine/ensemble.hpp"

namespace entente::analysis {

class OutcomeSketches final : public EnsembleReducer {
 public:
  OutcomeSketches(const CompiledScenario& scenario, std::vector<std::size_t> outcomes, double accuracy,
                  std::size_t buckets);
  std::unique_ptr<BlockAccumulator> make_block() override;
  void absorb(BlockAccumulator& block) override;
  // The sketch of outcome index `outcome` (one of those selected) at `step`.
  const QuantileSketch& sketch(std::size_t outcome, std::size_t step) const;
  std::size_t steps() const { return steps_; }

  struct Grid {
    std::vector<QuantileSketch> cells;  // [selected * steps + step]
  };

 private:
  std::size_t steps_, n_outcomes_;
  std::vector<std::size_t> outcomes_;
  double accuracy_;
  std::size_t buckets_;
  Grid total_;
  Grid make_grid() const;
};

}  // namespace entente::analysis
