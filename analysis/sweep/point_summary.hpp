// The summary of one design point: for every policy, outcome and reported
// year, the mean, sd and quantiles over the point's replicates. Exact (the
// replicates of a point fit in memory), so a point's rows do not depend on
// anything but its own runs.
#pragma once
#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "analysis/sweep/sweep_db.hpp"
#include "sim/engine/run.hpp"

namespace entente::analysis {

struct PointJob {
  std::vector<const CompiledScenario*> variants;  // one per policy
  std::vector<std::string> policy_names;          // as stored in the database
  std::vector<std::size_t> report_steps;
  std::uint64_t seed = 0;
  std::uint64_t replicates = 1;
  // Conditioned on history (sweep --condition-on): replicate r of every
  // point continues particle conditioned_particle(r, replicates, N) from the
  // origin, the point's levers held from the step after it; nullptr: every
  // replicate runs from the start year.
  const std::vector<RunState>* starts = nullptr;
  const std::vector<std::vector<double>>* start_prefixes = nullptr;
  // Polled before each replicate and step: when set, summarize_point returns no rows
  // at once (the point is not finished and must not be committed).
  const std::atomic<bool>* stop = nullptr;
};

// Runs replicate r of every policy with run key (seed, 0, r): the same
// replicate index uses the same shocks at every point (common random numbers
// across points), and the point's values replace the design parameters' draws.
// The particle replicate r continues: the particles at the origin are in
// the order of their ancestors' cumulative weights (systematic resampling),
// so R <= N replicates take N/R-spaced ones, a stratified draw from the whole
// conditioned ensemble (the first R would be a few ancestors' copies); R > N
// take r mod N.
std::size_t conditioned_particle(std::uint64_t replicate, std::uint64_t replicates, std::size_t particles);

std::vector<SweepResultRow> summarize_point(const PointJob& job, std::uint64_t point, const PointOverrides& overrides);

}  // namespace entente::analysis
