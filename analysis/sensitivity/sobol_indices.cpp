#include "analysis/sensitivity/sobol_indices.hpp"

#include <cmath>
#include <numeric>

#include "analysis/sensitivity/input_error.hpp"

namespace entente::analysis {

namespace {

// The response split into the design's matrices, one vector per block row.
struct SaltelliBlocks {
  std::size_t n = 0, k = 0;
  std::vector<double> a, b;
  std::vector<std::vector<double>> ab, ba;  // [parameter][base sample]
};

SaltelliBlocks split(const std::vector<double>& y, std::size_t k, bool second_order) {
  const std::size_t d = saltelli_block_size(k, second_order);
  SaltelliBlocks s;
  s.n = y.size() / d;
  s.k = k;
  s.a.resize(s.n);
  s.b.resize(s.n);
  s.ab.assign(k, std::vector<double>(s.n));
  if (second_order) s.ba.assign(k, std::vector<double>(s.n));
  for (std::size_t j = 0; j < s.n; ++j) {
    const std::size_t r = j * d;
    s.a[j] = y[r];
    s.b[j] = y[r + d - 1];
    for (std::size_t i = 0; i < k; ++i) {
      s.ab[i][j] = y[r + 1 + i];
      if (second_order) s.ba[i][j] = y[r + 1 + k + i];
    }
  }
  return s;
}

// Every index on the base samples `idx` (the identity for the estimate, a
// resample for a bootstrap replicate). `out` holds S1 (k), ST (k), then S2
// in pair order when the blocks are there.
void estimate(const SaltelliBlocks& s, const std::vector<std::size_t>& idx, std::vector<double>& out) {
  const std::size_t k = s.k;
  const auto m = static_cast<double>(idx.size());
  double mean = 0;
  for (std::size_t j : idx) mean += s.a[j] + s.b[j];
  mean /= 2 * m;
  double var = 0;
  for (std::size_t j : idx) var += (s.a[j] - mean) * (s.a[j] - mean) + (s.b[j] - mean) * (s.b[j] - mean);
  var /= 2 * m;
  out.assign(2 * k + (s.ba.empty() ? 0 : k * (k - 1) / 2), kNaN);
  if (!(var > 0)) return;
  for (std::size_t i = 0; i < k; ++i) {
    const auto& ab = s.ab[i];
    double first = 0, total = 0;
    for (std::size_t j : idx) {
      const double d = ab[j] - s.a[j];
      first += s.b[j] * d;
      total += d * d;
    }
    out[i] = first / m / var;
    out[k + i] = total / m / 2 / var;
  }
  if (s.ba.empty()) return;
  double ab_mean = 0;
  for (std::size_t j : idx) ab_mean += s.a[j] * s.b[j];
  std::size_t p = 2 * k;
  for (std::size_t i = 0; i < k; ++i)
    for (std::size_t l = i + 1; l < k; ++l) {
      double v = 0;
      for (std::size_t j : idx) v += s.ba[i][j] * s.ab[l][j];
      out[p++] = (v - ab_mean) / m / var - out[i] - out[l];
    }
}

SobolResult compute(const std::vector<double>& y, std::size_t k, bool second_order, const SobolOptions& options) {
  if (k == 0) throw AnalysisInputError("Sobol indices need at least one parameter");
  const std::size_t d = saltelli_block_size(k, second_order);
  if (y.empty() || y.size() % d != 0)
    throw AnalysisInputError("a Saltelli design for " + std::to_string(k) + " parameters" +
                             (second_order ? " with second order" : "") + " has N x " + std::to_string(d) +
                             " rows, but there are " + std::to_string(y.size()));
  for (std::size_t r = 0; r < y.size(); ++r)
    if (!std::isfinite(y[r]))
      throw AnalysisInputError("the response of design row " + std::to_string(r + 1) + " is not a finite number");
  // Centred first, as SALib (>= 1.4) does: the expectation of every
  // estimator is unchanged (E f(AB^i) = E f(A)), but the first-order one,
  // mean(f(B) (f(AB^i) - f(A))), loses the variance a large mean adds to it.
  double centre = 0;
  for (double v : y) centre += v;
  centre /= static_cast<double>(y.size());
  std::vector<double> yc(y.size());
  for (std::size_t r = 0; r < y.size(); ++r) yc[r] = y[r] - centre;
  const SaltelliBlocks s = split(yc, k, second_order);
  // The estimators are means over the N base samples, and the bootstrap
  // resamples those N: with N = 1 every resample is the same sample, so the
  // interval has zero width whatever the truth (S1 = 25.4 [25.4, 25.4] was
  // printed for N = 1). Below kMinSobolBaseSamples there is no estimate to
  // report; below kFewSobolBaseSamples there is one, flagged as indicative.
  if (s.n < kMinSobolBaseSamples)
    throw AnalysisInputError("the design has N = " + std::to_string(s.n) + " base sample" + (s.n == 1 ? "" : "s") +
                             "; Sobol indices need at least " + std::to_string(kMinSobolBaseSamples) +
                             " (the estimators are means over N, and their bootstrap intervals resample those N). "
                             "Generate one with 'entente design sobol --samples 512' or more");
  SobolResult res;
  if (s.n < kFewSobolBaseSamples)
    res.warnings.push_back("only N = " + std::to_string(s.n) + " base samples: the indices' standard errors are of "
                           "order 1/sqrt(N) and the bootstrap intervals understate them; treat the indices as "
                           "indicative (N >= " + std::to_string(kFewSobolBaseSamples) + ", better 512, for a ranking)");
  res.base_samples = s.n;
  res.second_order = second_order;
  res.bootstrap = options.bootstrap;
  res.seed = options.seed;
  res.confidence = options.confidence;
  for (std::size_t i = 0; i < k; ++i) res.names.push_back("x" + std::to_string(i + 1));
  double mean = 0;
  for (std::size_t j = 0; j < s.n; ++j) mean += s.a[j] + s.b[j];
  mean /= static_cast<double>(2 * s.n);
  double var = 0;
  for (std::size_t j = 0; j < s.n; ++j) var += (s.a[j] - mean) * (s.a[j] - mean) + (s.b[j] - mean) * (s.b[j] - mean);
  res.mean = centre + mean;
  res.variance = var / static_cast<double>(2 * s.n);
  if (!(res.variance > 0))
    throw AnalysisInputError("the response has the same value at every A and B point; Sobol indices are undefined");

  std::vector<std::size_t> idx(s.n);
  std::iota(idx.begin(), idx.end(), std::size_t{0});
  std::vector<double> point;
  estimate(s, idx, point);
  const std::size_t count = point.size();
  std::vector<std::vector<double>> reps(count);
  if (options.bootstrap > 0) {
    BootstrapSampler sampler(options.seed, "sobol");
    std::vector<double> rep;
    for (auto& r : reps) r.reserve(options.bootstrap);
    for (std::size_t b = 0; b < options.bootstrap; ++b) {
      sampler.draw(s.n, idx);
      estimate(s, idx, rep);
      for (std::size_t c = 0; c < count; ++c) reps[c].push_back(rep[c]);
    }
  }
  auto make = [&](std::size_t c) {
    Estimate e;
    e.value = point[c];
    if (options.bootstrap > 0) percentile_interval(std::move(reps[c]), options.confidence, e);
    return e;
  };
  for (std::size_t i = 0; i < k; ++i) res.first.push_back(make(i));
  for (std::size_t i = 0; i < k; ++i) res.total.push_back(make(k + i));
  std::size_t c = 2 * k;
  if (second_order)
    for (std::size_t i = 0; i < k; ++i)
      for (std::size_t l = i + 1; l < k; ++l) res.second.push_back(SobolPair{i, l, make(c++)});
  return res;
}

// The first row (1-based) of x that breaks the Saltelli layout with block
// size d, or 0 when x follows it, with what is wrong in `why`.
std::size_t layout_violation(const std::vector<std::vector<double>>& x, std::size_t k, bool second_order,
                             const std::vector<std::string>& names, std::string& why) {
  const std::size_t d = saltelli_block_size(k, second_order);
  if (x.empty() || x.size() % d != 0) {
    why = std::to_string(x.size()) + " rows are not a multiple of " + std::to_string(d);
    return x.size() + 1;
  }
  for (std::size_t r0 = 0; r0 < x.size(); r0 += d) {
    const auto& a = x[r0];
    const auto& b = x[r0 + d - 1];
    auto check = [&](std::size_t row, const std::vector<double>& base, const std::vector<double>& other, std::size_t i,
                     const char* label) {
      for (std::size_t c = 0; c < k; ++c) {
        const bool ok = c == i ? x[row][c] == other[c] : x[row][c] == base[c];
        if (!ok) {
          why = "row " + std::to_string(row + 1) + " should be " + label + std::to_string(i + 1) +
                " of the block at row " + std::to_string(r0 + 1) + ", but its " + names[c] + " differs from " +
                (c == i ? (label[0] == 'A' ? "B's" : "A's") : (label[0] == 'A' ? "A's" : "B's"));
          return false;
        }
      }
      return true;
    };
    for (std::size_t i = 0; i < k; ++i)
      if (!check(r0 + 1 + i, a, b, i, "AB^")) return r0 + 2 + i;
    if (second_order)
      for (std::size_t i = 0; i < k; ++i)
        if (!check(r0 + 1 + k + i, b, a, i, "BA^")) return r0 + 2 + k + i;
  }
  return 0;
}

}  // namespace

std::size_t saltelli_block_size(std::size_t k, bool second_order) {
  return second_order ? 2 * k + 2 : k + 2;
}

SobolResult sobol_indices(const std::vector<double>& y, std::size_t k, const SobolOptions& options) {
  return compute(y, k, options.second_order, options);
}

SobolResult sobol_analyze(const AnalysisInput& input, const SobolOptions& options) {
  const std::size_t k = input.names.size();
  if (k == 0) throw AnalysisInputError("the design has no parameter columns");
  if (input.x.size() != input.y.size())
    throw AnalysisInputError("the design has " + std::to_string(input.x.size()) + " points but there are " +
                             std::to_string(input.y.size()) + " responses");
  for (std::size_t r = 0; r < input.x.size(); ++r)
    if (input.x[r].size() != k)
      throw AnalysisInputError("design row " + std::to_string(r + 1) + " has " + std::to_string(input.x[r].size()) +
                               " values for " + std::to_string(k) + " parameters");
  // The unit-cube coordinates show the layout exactly when we have them.
  const auto& coords = input.u.size() == input.x.size() ? input.u : input.x;
  const bool asked = options.second_order || input.second_order;
  std::string why_first, why_second;
  const bool fits_second = layout_violation(coords, k, true, input.names, why_second) == 0;
  const bool fits_first = !asked && layout_violation(coords, k, false, input.names, why_first) == 0;
  bool second = false;
  if (asked) {
    if (!fits_second) {
      const std::size_t d = saltelli_block_size(k, true);
      std::string msg = "the design does not follow the second-order Saltelli layout (A, AB^1..AB^" +
                        std::to_string(k) + ", BA^1..BA^" + std::to_string(k) + ", B: " + std::to_string(d) +
                        " rows per base sample): " + why_second;
      throw AnalysisInputError(msg);
    }
    second = true;
  } else if (fits_first) {
    second = false;
  } else if (fits_second) {
    second = true;
  } else {
    const std::size_t d1 = saltelli_block_size(k, false), d2 = saltelli_block_size(k, true);
    throw AnalysisInputError("the design does not follow the Saltelli layout for " + std::to_string(k) +
                             " parameters (A, AB^1..AB^" + std::to_string(k) + ", B: N x " + std::to_string(d1) +
                             " rows; with second order N x " + std::to_string(d2) + "): " + why_first +
                             (input.x.size() % d2 == 0 ? "; as second order: " + why_second : std::string()));
  }
  SobolResult res = compute(input.y, k, second, options);
  res.names = input.names;
  res.response = input.response;
  return res;
}

}  // namespace entente::analysis
