#include "analysis/backtest/outcome_sketches.hpp"

#include <algorithm>
#include <stdexcept>

namespace entente::analysis {

namespace {

class SketchBlock final : public BlockAccumulator {
 public:
  SketchBlock(OutcomeSketches::Grid g, const std::vector<std::size_t>& outcomes, std::size_t steps,
              std::size_t n_outcomes)
      : grid(std::move(g)), outcomes_(outcomes), steps_(steps), n_outcomes_(n_outcomes) {}
  void add_run(std::uint64_t, const double* const* traces) override {
    const double* t = traces[0];
    for (std::size_t k = 0; k < outcomes_.size(); ++k)
      for (std::size_t s = 0; s < steps_; ++s) grid.cells[k * steps_ + s].add(t[s * n_outcomes_ + outcomes_[k]]);
  }
  OutcomeSketches::Grid grid;

 private:
  const std::vector<std::size_t>& outcomes_;
  std::size_t steps_, n_outcomes_;
};

}  // namespace

OutcomeSketches::OutcomeSketches(const CompiledScenario& sc, std::vector<std::size_t> outcomes, double accuracy,
                                 std::size_t buckets)
    : steps_(static_cast<std::size_t>(sc.n_steps) + 1),
      n_outcomes_(sc.outcomes.size()),
      outcomes_(std::move(outcomes)),
      accuracy_(accuracy),
      buckets_(buckets),
      total_(make_grid()) {}

OutcomeSketches::Grid OutcomeSketches::make_grid() const {
  Grid g;
  g.cells.assign(outcomes_.size() * steps_, QuantileSketch(accuracy_, buckets_));
  return g;
}

std::unique_ptr<BlockAccumulator> OutcomeSketches::make_block() {
  return std::make_unique<SketchBlock>(make_grid(), outcomes_, steps_, n_outcomes_);
}

void OutcomeSketches::absorb(BlockAccumulator& block) {
  auto& b = static_cast<SketchBlock&>(block);
  for (std::size_t i = 0; i < total_.cells.size(); ++i) total_.cells[i].merge(b.grid.cells[i]);
}

const QuantileSketch& OutcomeSketches::sketch(std::size_t outcome, std::size_t step) const {
  const auto it = std::find(outcomes_.begin(), outcomes_.end(), outcome);
  if (it == outcomes_.end() || step >= steps_) throw std::out_of_range("OutcomeSketches: no such outcome or step");
  return total_.cells[static_cast<std::size_t>(it - outcomes_.begin()) * steps_ + step];
}

}  // namespace entente::analysis
