#include "analysis/sensitivity/prim.hpp"

#include <algorithm>
#include <cmath>

#include "analysis/sensitivity/input_error.hpp"

namespace entente::analysis {

bool PrimResult::restricted(const PrimBox& box, std::size_t dim) const {
  return lower_restricted(box, dim) || upper_restricted(box, dim);
}

namespace {

class Prim {
 public:
  Prim(const std::vector<std::vector<double>>& x, const std::vector<bool>& y, PrimResult& res)
      : x_(x), y_(y), res_(res), k_(res.names.size()) {}

  // The statistics of a box holding `in`.
  PrimBox make_box(std::vector<double> lower, std::vector<double> upper, const std::vector<std::size_t>& in) const {
    PrimBox b;
    b.lower = std::move(lower);
    b.upper = std::move(upper);
    b.points = in.size();
    for (std::size_t p : in) b.hits += y_[p] ? 1 : 0;
    b.coverage = static_cast<double>(b.hits) / static_cast<double>(res_.interesting);
    b.density = b.points ? static_cast<double>(b.hits) / static_cast<double>(b.points) : 0.0;
    b.mass = static_cast<double>(b.points) / static_cast<double>(res_.n);
    for (std::size_t d = 0; d < k_; ++d) b.restricted += res_.restricted(b, d) ? 1 : 0;
    return b;
  }

  std::vector<std::size_t> members(const PrimBox& b) const {
    std::vector<std::size_t> in;
    for (std::size_t p = 0; p < res_.n; ++p)
      if (inside(b.lower, b.upper, p)) in.push_back(p);
    return in;
  }

  bool inside(const std::vector<double>& lo, const std::vector<double>& hi, std::size_t p) const {
    for (std::size_t d = 0; d < k_; ++d)
      if (x_[p][d] < lo[d] || x_[p][d] > hi[d]) return false;
    return true;
  }

  // One peel of `box` (members `in`); false when none raises the density.
  bool peel(PrimBox& box, std::vector<std::size_t>& in) const {
    const std::size_t m = in.size();
    const std::size_t cut = std::max<std::size_t>(
        1, static_cast<std::size_t>(std::floor(res_.options.peel_alpha * static_cast<double>(m))));
    bool found = false;
    double best_score = 0;
    std::size_t best_restricted = 0;
    std::vector<double> best_lo, best_hi;
    std::vector<double> v(m);
    for (std::size_t d = 0; d < k_; ++d) {
      for (std::size_t i = 0; i < m; ++i) v[i] = x_[in[i]][d];
      std::sort(v.begin(), v.end());
      for (int side = 0; side < 2; ++side) {
        std::vector<double> lo = box.lower, hi = box.upper;
        if (side == 0) {
          const double t = v[cut - 1];
          const auto next = std::upper_bound(v.begin(), v.end(), t);
          if (next == v.end()) continue;
          lo[d] = t + (*next - t) / 2;
        } else {
          const double t = v[m - cut];
          const auto first = std::lower_bound(v.begin(), v.end(), t);
          if (first == v.begin()) continue;
          const double prev = *(first - 1);
          hi[d] = prev + (t - prev) / 2;
        }
        std::size_t points = 0, hits = 0;
        for (std::size_t p : in)
          if (x_[p][d] >= lo[d] && x_[p][d] <= hi[d]) ++points, hits += y_[p] ? 1 : 0;
        if (static_cast<double>(points) < res_.options.mass_min * static_cast<double>(res_.n)) continue;
        const double density = static_cast<double>(hits) / static_cast<double>(points);
        const double score = (density - box.density) / static_cast<double>(m - points);  // lenient1
        std::size_t restricted = box.restricted + (res_.restricted(box, d) ? 0 : 1);
        if (!(score > 0)) continue;
        if (!found || score > best_score || (score == best_score && restricted < best_restricted)) {
          found = true;
          best_score = score;
          best_restricted = restricted;
          best_lo = std::move(lo);
          best_hi = std::move(hi);
        }
      }
    }
    if (!found) return false;
    std::vector<std::size_t> kept;
    for (std::size_t p : in)
      if (inside(best_lo, best_hi, p)) kept.push_back(p);
    in = std::move(kept);
    box = make_box(std::move(best_lo), std::move(best_hi), in);
    return true;
  }

  // One paste of `box`; false when every paste would lower the density.
  bool paste(PrimBox& box, std::vector<std::size_t>& in) const {
    const std::size_t add = std::max<std::size_t>(
        1, static_cast<std::size_t>(std::floor(res_.options.paste_alpha * static_cast<double>(in.size()))));
    bool found = false;
    PrimBox best;
    std::vector<std::size_t> best_in;
    for (std::size_t d = 0; d < k_; ++d) {
      for (int side = 0; side < 2; ++side) {
        if (side == 0 ? !res_.lower_restricted(box, d) : !res_.upper_restricted(box, d)) continue;
        // Points outside this limit only, nearest first.
        std::vector<double> lo = box.lower, hi = box.upper;
        (side == 0 ? lo[d] : hi[d]) = side == 0 ? res_.data_lower[d] : res_.data_upper[d];
        std::vector<double> outside;
        for (std::size_t p = 0; p < res_.n; ++p)
          if (inside(lo, hi, p) && (side == 0 ? x_[p][d] < box.lower[d] : x_[p][d] > box.upper[d]))
            outside.push_back(x_[p][d]);
        if (outside.empty()) continue;
        if (side == 0)
          std::sort(outside.begin(), outside.end(), std::greater<>());
        else
          std::sort(outside.begin(), outside.end());
        const double t = outside[std::min(add, outside.size()) - 1];
        std::size_t j = std::min(add, outside.size());
        while (j < outside.size() && outside[j] == t) ++j;
        std::vector<double> new_lo = box.lower, new_hi = box.upper;
        if (j < outside.size()) {
          (side == 0 ? new_lo[d] : new_hi[d]) = t + (outside[j] - t) / 2;
        } else {
          (side == 0 ? new_lo[d] : new_hi[d]) = side == 0 ? res_.data_lower[d] : res_.data_upper[d];
        }
        std::vector<std::size_t> cand_in;
        for (std::size_t p = 0; p < res_.n; ++p)
          if (inside(new_lo, new_hi, p)) cand_in.push_back(p);
        PrimBox cand = make_box(std::move(new_lo), std::move(new_hi), cand_in);
        if (cand.density < box.density) continue;
        if (!found || cand.density > best.density || (cand.density == best.density && cand.points > best.points)) {
          found = true;
          best = std::move(cand);
          best_in = std::move(cand_in);
        }
      }
    }
    if (!found) return false;
    box = std::move(best);
    in = std::move(best_in);
    return true;
  }

 private:
  const std::vector<std::vector<double>>& x_;
  const std::vector<bool>& y_;
  PrimResult& res_;
  std::size_t k_;
};

void check_fraction(double v, const char* what, bool allow_one) {
  if (!(v > 0 && (allow_one ? v <= 1 : v < 1)))
    throw AnalysisInputError(std::string(what) + " must be in (0, 1" + (allow_one ? "]" : ")") + ", got " +
                             std::to_string(v));
}

}  // namespace

PrimResult prim(const std::vector<std::vector<double>>& x, const std::vector<bool>& interesting,
                const std::vector<std::string>& names, const PrimOptions& options) {
  check_fraction(options.peel_alpha, "the peeling alpha", false);
  check_fraction(options.paste_alpha, "the pasting alpha", false);
  check_fraction(options.mass_min, "the minimum mass", true);
  check_fraction(options.threshold, "the density threshold", true);
  const std::size_t k = names.size();
  if (k == 0) throw AnalysisInputError("the design has no parameter columns");
  if (x.size() != interesting.size())
    throw AnalysisInputError("the design has " + std::to_string(x.size()) + " points but there are " +
                             std::to_string(interesting.size()) + " responses");
  if (x.empty()) throw AnalysisInputError("PRIM needs at least one point");
  PrimResult res;
  res.names = names;
  res.options = options;
  res.n = x.size();
  res.data_lower.assign(k, 0);
  res.data_upper.assign(k, 0);
  for (std::size_t p = 0; p < x.size(); ++p) {
    if (x[p].size() != k)
      throw AnalysisInputError("design row " + std::to_string(p + 1) + " has " + std::to_string(x[p].size()) +
                               " values for " + std::to_string(k) + " parameters");
    for (std::size_t d = 0; d < k; ++d) {
      if (!std::isfinite(x[p][d]))
        throw AnalysisInputError("design row " + std::to_string(p + 1) + ": " + names[d] + " is not a finite number");
      res.data_lower[d] = p == 0 ? x[p][d] : std::min(res.data_lower[d], x[p][d]);
      res.data_upper[d] = p == 0 ? x[p][d] : std::max(res.data_upper[d], x[p][d]);
    }
    res.interesting += interesting[p] ? 1 : 0;
  }
  if (res.interesting == 0) throw AnalysisInputError("no point is of interest (the condition holds nowhere)");

  Prim engine(x, interesting, res);
  std::vector<std::size_t> in(res.n);
  for (std::size_t p = 0; p < res.n; ++p) in[p] = p;
  PrimBox box = engine.make_box(res.data_lower, res.data_upper, in);
  res.trajectory.push_back(box);
  while (engine.peel(box, in)) res.trajectory.push_back(box);

  res.chosen_step = 0;
  for (std::size_t s = 0; s < res.trajectory.size(); ++s)
    if (res.trajectory[s].density > res.trajectory[res.chosen_step].density) res.chosen_step = s;
  for (std::size_t s = res.trajectory.size(); s-- > 0;)
    if (res.trajectory[s].density >= options.threshold) {
      res.chosen_step = s;
      res.chosen_meets_threshold = true;
      break;
    }
  res.chosen = res.trajectory[res.chosen_step];
  in = engine.members(res.chosen);
  while (engine.paste(res.chosen, in)) ++res.pastes;
  return res;
}

}  // namespace entente::analysis
