#include "analysis/compare/paired_comparison.hpp"

#include <algorithm>
#include <cmath>

namespace entente::analysis {

ComparisonGrid::ComparisonGrid(const std::vector<const CompiledScenario*>& variants,
                               std::vector<std::size_t> regret_steps)
    : outcomes_(variants.front()->outcomes.size()),
      steps_(static_cast<std::size_t>(variants.front()->n_steps) + 1),
      regret_steps_(std::move(regret_steps)) {
  for (const auto& o : variants.front()->outcomes) {
    directions_.push_back(o.spec.direction);
    min_effects_.push_back(o.spec.min_effect.value_or(0.0));
  }
  for (const auto* v : variants) policies_.emplace_back(*v);
  diffs_.resize((variants.size() - 1) * outcomes_ * steps_);
  regret_.resize(outcomes_ * regret_steps_.size() * variants.size());
}

void ComparisonGrid::add_run(const double* const* traces) {
  const std::size_t n_p = policies_.size();
  for (std::size_t p = 0; p < n_p; ++p) policies_[p].add_run(traces[p]);
  for (std::size_t p = 1; p < n_p; ++p) {
    for (std::size_t o = 0; o < outcomes_; ++o) {
      for (std::size_t s = 0; s < steps_; ++s) {
        const double d = traces[p][s * outcomes_ + o] - traces[0][s * outcomes_ + o];
        DifferenceCell& c = diffs_[((p - 1) * outcomes_ + o) * steps_ + s];
        c.stats.add(d);
        c.sketch.add(d);
        const int sign = practical_sign(directions_[o], d, min_effects_[o]);
        if (sign > 0) ++c.better;
        else if (sign < 0) ++c.worse;
      }
    }
  }
  for (std::size_t o = 0; o < outcomes_; ++o) {
    if (directions_[o] == Direction::kNeutral) continue;
    for (std::size_t r = 0; r < regret_steps_.size(); ++r) {
      const std::size_t s = regret_steps_[r];
      double best = traces[0][s * outcomes_ + o];
      for (std::size_t p = 1; p < n_p; ++p) {
        const double y = traces[p][s * outcomes_ + o];
        best = directions_[o] == Direction::kLowerIsBetter ? std::min(best, y) : std::max(best, y);
      }
      for (std::size_t p = 0; p < n_p; ++p) {
        const double regret = std::fabs(traces[p][s * outcomes_ + o] - best);
        RegretCell& c = regret_[(o * regret_steps_.size() + r) * n_p + p];
        c.stats.add(regret);
        c.sketch.add(regret);
      }
    }
  }
}

void ComparisonGrid::merge(const ComparisonGrid& other) {
  for (std::size_t p = 0; p < policies_.size(); ++p) policies_[p].merge(other.policies_[p]);
  for (std::size_t i = 0; i < diffs_.size(); ++i) {
    diffs_[i].stats.merge(other.diffs_[i].stats);
    diffs_[i].sketch.merge(other.diffs_[i].sketch);
    diffs_[i].better += other.diffs_[i].better;
    diffs_[i].worse += other.diffs_[i].worse;
  }
  for (std::size_t i = 0; i < regret_.size(); ++i) {
    regret_[i].stats.merge(other.regret_[i].stats);
    regret_[i].sketch.merge(other.regret_[i].sketch);
  }
}

namespace {

class ComparisonBlock final : public BlockAccumulator {
 public:
  ComparisonBlock(const std::vector<const CompiledScenario*>& variants, const std::vector<std::size_t>& steps)
      : grid(variants, steps) {}
  void add_run(std::uint64_t, const double* const* traces) override { grid.add_run(traces); }
  ComparisonGrid grid;
};

}  // namespace

PairedComparison::PairedComparison(std::vector<const CompiledScenario*> variants, std::vector<std::size_t> regret_steps)
    : variants_(std::move(variants)), regret_steps_(std::move(regret_steps)), total_(variants_, regret_steps_) {}

std::unique_ptr<BlockAccumulator> PairedComparison::make_block() {
  return std::make_unique<ComparisonBlock>(variants_, regret_steps_);
}

void PairedComparison::absorb(BlockAccumulator& block) { total_.merge(static_cast<ComparisonBlock&>(block).grid); }

}  // namespace entente::analysis
