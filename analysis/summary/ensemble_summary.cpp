#include "analysis/summary/ensemble_summary.hpp"

namespace entente::analysis {

SummaryGrid::SummaryGrid(const CompiledScenario& sc)
    : steps_(static_cast<std::size_t>(sc.n_steps) + 1), outcomes_(sc.outcomes.size()) {
  cells_.resize(steps_ * outcomes_);
  std::size_t n_thresholds = 0;
  for (std::size_t o = 0; o < outcomes_; ++o) {
    thresholds_.push_back(sc.outcomes[o].spec.thresholds);
    n_thresholds += thresholds_.back().size();
    for (std::size_t s = 0; s < steps_; ++s) {
      cells_[o * steps_ + s].at.assign(thresholds_.back().size(), 0);
      cells_[o * steps_ + s].by.assign(thresholds_.back().size(), 0);
    }
  }
  crossed_.resize(n_thresholds);
}

void SummaryGrid::add_run(const double* trace) {
  // Outcome by outcome, then step by step: cells_ is laid out that way, so
  // the cells (and their sketches) are visited in memory order. Each cell
  // still gets one value per run and the threshold flags follow each
  // outcome's steps in order, so the result is the same as step-major.
  std::fill(crossed_.begin(), crossed_.end(), 0);
  std::size_t t_first = 0;
  for (std::size_t o = 0; o < outcomes_; ++o) {
    const auto& ths = thresholds_[o];
    for (std::size_t s = 0; s < steps_; ++s) {
      const double v = trace[s * outcomes_ + o];
      SummaryCell& c = cells_[o * steps_ + s];
      c.stats.add(v);
      c.sketch.add(v);
      for (std::size_t t = 0; t < ths.size(); ++t) {
        const bool past = ths[t].above ? v >= ths[t].value : v <= ths[t].value;
        if (past) {
          ++c.at[t];
          crossed_[t_first + t] = 1;
        }
        if (crossed_[t_first + t]) ++c.by[t];
      }
    }
    t_first += ths.size();
  }
  ++runs_;
}

void SummaryGrid::merge(const SummaryGrid& other) {
  for (std::size_t i = 0; i < cells_.size(); ++i) {
    SummaryCell& c = cells_[i];
    const SummaryCell& o = other.cells_[i];
    c.stats.merge(o.stats);
    c.sketch.merge(o.sketch);
    for (std::size_t t = 0; t < c.at.size(); ++t) {
      c.at[t] += o.at[t];
      c.by[t] += o.by[t];
    }
  }
  runs_ += other.runs_;
}

namespace {

class SummaryBlock final : public BlockAccumulator {
 public:
  explicit SummaryBlock(const CompiledScenario& sc) : grid(sc) {}
  void add_run(std::uint64_t, const double* const* traces) override { grid.add_run(traces[0]); }
  SummaryGrid grid;
};

}  // namespace

std::unique_ptr<BlockAccumulator> EnsembleSummary::make_block() { return std::make_unique<SummaryBlock>(scenario_); }

void EnsembleSummary::absorb(BlockAccumulator& block) { total_.merge(static_cast<SummaryBlock&>(block).grid); }

}  // namespace entente::analysis
