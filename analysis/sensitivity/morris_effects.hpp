// Morris elementary effects (Morris 1991; μ* from Campolongo et al. 2007).
//
// The design is r trajectories of k+1 points, consecutive points differing in
// one coordinate. Each move from point p to p+1 along parameter i gives an
// elementary effect EE = (y[p+1] - y[p]) / Δ, where Δ is the signed change of
// coordinate i in the unit cube: read from the design's unit coordinates when
// the input has them, otherwise (x[p+1][i] - x[p][i]) / (max_i - min_i) with
// the range of x_i seen in the design (exact for a uniform parameter whose
// extreme grid levels both occur; an approximation otherwise).
// Per parameter: μ = mean EE, μ* = mean |EE|, σ = standard deviation of EE
// (n - 1 denominator, as SALib), and a bootstrap percentile interval of μ*
// (resampling that parameter's effects with replacement).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "analysis/sensitivity/bootstrap.hpp"
#include "analysis/sweep/analysis_input.hpp"

namespace entente::analysis {

struct MorrisOptions {
  std::size_t bootstrap = 1000;  // resamples for the μ* interval; 0 for none
  std::uint64_t seed = 1;
  double confidence = 0.95;
};

struct MorrisEffect {
  std::string name;
  double mu = kNaN, sigma = kNaN;
  Estimate mu_star;
  std::size_t effects = 0;  // elementary effects seen (r in a standard design)
};

struct MorrisResult {
  std::string response;
  std::size_t trajectories = 0;
  bool steps_from_unit = false;  // Δ read from u (true) or inferred from x's range (false)
  std::size_t bootstrap = 0;
  std::uint64_t seed = 0;
  double confidence = 0.95;
  std::vector<MorrisEffect> effects;  // one per parameter, in design order

  // Parameter indices by μ* descending (ties: design order).
  std::vector<std::size_t> ranking() const;
};

// Throws AnalysisInputError when the rows are not r × (k+1), when a move
// changes no coordinate or several, or when the response is not finite.
MorrisResult morris_analyze(const AnalysisInput& input, const MorrisOptions& options);

}  // namespace entente::analysis
