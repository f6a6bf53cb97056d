// Variance-based (Sobol) sensitivity indices from a Saltelli design.
//
// Layout (SALib's saltelli.sample): for each base sample j = 0..N-1 the rows
//   A_j, AB_j^1 .. AB_j^k, [BA_j^1 .. BA_j^k when second order], B_j
// where AB^i is A with column i taken from B (BA^i: B with column i from A),
// so N(k+2) rows, or N(2k+2) with second-order indices.
//
// Estimators, on responses centred by their mean over all rows (as SALib;
// no estimator's expectation changes), with V = population variance of
// [f(A); f(B)]:
//   first order  S_i  = mean(f(B) (f(AB^i) - f(A))) / V          Saltelli et al. (2010)
//   total        ST_i = mean((f(A) - f(AB^i))^2) / 2 / V          Jansen (1999)
//   second order S_ij = mean(f(BA^i) f(AB^j) - f(A) f(B)) / V - S_i - S_j
//                                                                 Saltelli (2002), as in SALib
// Intervals: B bootstrap resamples of the base-sample indices j (with
// replacement, all indices recomputed on each resample, V included), and the
// central percentile interval of the replicates (SALib reports
// ±1.96 × bootstrap standard deviation instead). docs/sensitivity.md.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "analysis/sensitivity/bootstrap.hpp"
#include "analysis/sweep/analysis_input.hpp"

namespace entente::analysis {

struct SobolOptions {
  bool second_order = false;     // require (and compute) the second-order blocks
  std::size_t bootstrap = 1000;  // resamples; 0 computes no intervals
  std::uint64_t seed = 1;
  double confidence = 0.95;
};

struct SobolPair {
  std::size_t i = 0, j = 0;  // i < j
  Estimate s2;
};

struct SobolResult {
  std::string response;
  std::vector<std::string> names;
  std::size_t base_samples = 0;  // N
  bool second_order = false;
  double mean = 0, variance = 0;  // of [f(A); f(B)]
  std::size_t bootstrap = 0;
  std::uint64_t seed = 0;
  double confidence = 0.95;
  std::vector<Estimate> first, total;  // one per parameter
  std::vector<SobolPair> second;       // (0,1), (0,2), ..., (k-2,k-1) when second order
  std::vector<std::string> warnings;   // e.g. a design too small for more than an indication
};

// Smallest designs: fewer base samples than kMinSobolBaseSamples are refused
// (their bootstrap has nothing to resample); fewer than kFewSobolBaseSamples
// give indices with a warning.
inline constexpr std::size_t kMinSobolBaseSamples = 4;
inline constexpr std::size_t kFewSobolBaseSamples = 64;

// Rows per base sample: k+2, or 2k+2 with second order.
std::size_t saltelli_block_size(std::size_t k, bool second_order);

// Indices from the responses alone, in the layout above, for k parameters
// (named x1..xk). Throws AnalysisInputError when the number of rows is not a
// multiple of the block size, or the response has zero variance.
SobolResult sobol_indices(const std::vector<double>& y, std::size_t k, const SobolOptions& options);

// Indices for an analysis input: checks that x follows the Saltelli layout
// (AB^i equal to A but in column i, where it equals B; BA^i likewise),
// which also tells whether the second-order blocks are present when neither
// `options.second_order` nor `input.second_order` says so. Throws
// AnalysisInputError naming the first row that breaks the layout.
SobolResult sobol_analyze(const AnalysisInput& input, const SobolOptions& options);

}  // namespace entente::analysis
