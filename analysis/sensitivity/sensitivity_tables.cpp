// The terminal tables of `entente analyze`.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <sstream>

#include "analysis/sensitivity/sensitivity_writers.hpp"
#include "analysis/writers/text_wrap.hpp"
#include "analysis/writers/number_format.hpp"

namespace entente::analysis {

namespace {

std::string fixed(double v, int decimals = 3) {
  if (!std::isfinite(v)) return "-";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string s = buf;
  if (s.find_first_not_of("-0.") == std::string::npos && s[0] == '-') s.erase(0, 1);  // no "-0.000"
  return s;
}

std::string g4(double v) {
  if (!std::isfinite(v)) return "-";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

std::string short_or_dash(double v) {
  return std::isfinite(v) ? format_short(v) : std::string("-");
}

std::string with_interval(const Estimate& e, std::string (*f)(double)) {
  std::string s = f(e.value);
  if (std::isfinite(e.lo) && std::isfinite(e.hi)) s += " [" + f(e.lo) + ", " + f(e.hi) + "]";
  return s;
}

std::string fixed3(double v) {
  return fixed(v);
}

std::string pad(const std::string& s, std::size_t w) {
  return s.size() >= w ? s : s + std::string(w - s.size(), ' ');
}
std::string lpad(const std::string& s, std::size_t w) {
  return s.size() >= w ? s : std::string(w - s.size(), ' ') + s;
}

// Left-aligned columns separated by two spaces, a rule under the header.
std::string columns(const std::vector<std::vector<std::string>>& rows, const std::vector<bool>& right = {}) {
  std::vector<std::size_t> w;
  for (const auto& r : rows)
    for (std::size_t c = 0; c < r.size(); ++c) {
      if (w.size() <= c) w.push_back(0);
      w[c] = std::max(w[c], r[c].size());
    }
  std::ostringstream out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    std::string line;
    for (std::size_t c = 0; c < rows[i].size(); ++c) {
      const bool r = c < right.size() && right[c];
      line += (c ? "  " : "") + (r ? lpad(rows[i][c], w[c]) : pad(rows[i][c], w[c]));
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
    if (i == 0) {
      std::size_t total = 0;
      for (std::size_t c = 0; c < w.size(); ++c) total += w[c] + (c ? 2 : 0);
      out << std::string(total, '-') << "\n";
    }
  }
  return out.str();
}

std::string interval_note(std::size_t bootstrap, double confidence, std::uint64_t seed, const std::string& what) {
  if (bootstrap == 0) return "no intervals (--bootstrap 0)";
  char pct[16];
  std::snprintf(pct, sizeof pct, "%g%%", 100 * confidence);
  return std::string(pct) + " intervals: bootstrap percentile, " + std::to_string(bootstrap) + " resamples of " + what +
         ", seed " + std::to_string(seed);
}

std::string response_name(const std::string& r) {
  return r.empty() ? std::string("y") : r;
}

}  // namespace

std::string sobol_table(const SobolResult& r) {
  const std::size_t k = r.names.size();
  const std::size_t rows = r.base_samples * saltelli_block_size(k, r.second_order);
  std::ostringstream out, head;
  head << "Sobol indices of " << response_name(r.response) << ": N = " << r.base_samples << " base samples, k = " << k
      << " parameters, " << rows << " points" << (r.second_order ? " (with second order)" : "") << "\n"
      << "response mean " << format_short(r.mean) << ", variance " << format_short(r.variance) << "; "
      << interval_note(r.bootstrap, r.confidence, r.seed, "the base samples") << "\n\n";
  out << wrap_prose(head.str());
  std::vector<std::size_t> order(k);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return r.total[a].value > r.total[b].value; });
  const std::string ci = r.bootstrap ? " [interval]" : "";
  std::vector<std::vector<std::string>> t = {{"parameter", "first order S1" + ci, "total ST" + ci}};
  double sum = 0;
  for (std::size_t i : order) {
    t.push_back({r.names[i], with_interval(r.first[i], fixed3), with_interval(r.total[i], fixed3)});
    sum += r.first[i].value;
  }
  out << columns(t);
  out << wrap_prose("\nsum of S1 = " + fixed(sum) + " (1 - sum of S1 is the share of variance due to interactions; " +
                    "small negative values are sampling noise)\n");
  if (!r.second.empty()) {
    std::vector<std::size_t> po(r.second.size());
    std::iota(po.begin(), po.end(), std::size_t{0});
    std::stable_sort(po.begin(), po.end(),
                     [&](std::size_t a, std::size_t b) { return r.second[a].s2.value > r.second[b].s2.value; });
    std::vector<std::vector<std::string>> t2 = {{"parameters", "second order S2" + ci}};
    for (std::size_t p : po)
      t2.push_back({r.names[r.second[p].i] + ", " + r.names[r.second[p].j], with_interval(r.second[p].s2, fixed3)});
    out << "\n" << columns(t2);
  }
  return out.str();
}

std::string morris_table(const MorrisResult& r) {
  std::ostringstream out, head;
  head << "Morris elementary effects of " << response_name(r.response) << ": r = " << r.trajectories
      << " trajectories, k = " << r.effects.size() << " parameters; steps "
      << (r.steps_from_unit ? "in unit-cube coordinates" : "as x changes over each parameter's range in the design")
      << "\n"
      << interval_note(r.bootstrap, r.confidence, r.seed, "each parameter's effects") << "\n\n";
  out << wrap_prose(head.str());
  const std::string ci = r.bootstrap ? " [interval]" : "";
  std::vector<std::vector<std::string>> t = {{"rank", "parameter", "mu*" + ci, "mu", "sigma", "effects"}};
  std::size_t rank = 0;
  for (std::size_t i : r.ranking()) {
    const auto& e = r.effects[i];
    t.push_back({std::to_string(++rank), e.name, with_interval(e.mu_star, short_or_dash), short_or_dash(e.mu),
                 short_or_dash(e.sigma), std::to_string(e.effects)});
  }
  out << columns(t, {true, false, false, true, true, true});
  out << wrap_prose("\nmu* ranks influence (mean |elementary effect|); sigma large against mu* means interactions or "
                    "non-linearity;\n|mu| much below mu* means effects of both signs.\n");
  return out.str();
}

std::string prim_table(const PrimResult& r) {
  std::ostringstream out, head;
  char pct[32];
  std::snprintf(pct, sizeof pct, "%.1f%%", 100.0 * static_cast<double>(r.interesting) / static_cast<double>(r.n));
  head << "PRIM on " << (r.condition.empty() ? response_name(r.response) : r.condition) << ": " << r.interesting
      << " of " << r.n << " points of interest (" << pct << ")\n"
      << "peeling alpha " << format_number(r.options.peel_alpha) << ", pasting alpha "
      << format_number(r.options.paste_alpha) << ", minimum mass " << format_number(r.options.mass_min)
      << ", density threshold " << format_number(r.options.threshold) << "\n\n"
      << "peeling trajectory (" << r.trajectory.size() << " boxes):\n";
  out << wrap_prose(head.str());
  std::vector<std::vector<std::string>> t = {{"step", "coverage", "density", "mass", "points", "restricted"}};
  for (std::size_t s = 0; s < r.trajectory.size(); ++s) {
    const auto& b = r.trajectory[s];
    t.push_back({std::to_string(s) + (s == r.chosen_step ? " *" : ""), fixed(b.coverage), fixed(b.density),
                 fixed(b.mass), std::to_string(b.points), std::to_string(b.restricted)});
  }
  out << columns(t, {false, true, true, true, true, true});
  const auto& c = r.chosen;
  std::ostringstream chosen;
  chosen << "\nchosen box (* above): step " << r.chosen_step << ", "
      << (r.chosen_meets_threshold ? "the last with density >= " + format_number(r.options.threshold)
                                   : "the densest (no box reaches density " + format_number(r.options.threshold) + ")")
      << "; after " << r.pastes << (r.pastes == 1 ? " paste" : " pastes") << ":\n"
      << "  coverage " << fixed(c.coverage) << ", density " << fixed(c.density) << ", mass " << fixed(c.mass) << " ("
      << c.points << " points, " << c.hits << " of interest), " << c.restricted << " restricted "
      << (c.restricted == 1 ? "dimension" : "dimensions") << "\n\n";
  out << wrap_prose(chosen.str(), 80, 4);
  std::vector<std::vector<std::string>> lim = {{"parameter", "min", "max", "data range"}};
  for (std::size_t d = 0; d < r.names.size(); ++d) {
    if (!r.restricted(c, d)) continue;
    lim.push_back({r.names[d], r.lower_restricted(c, d) ? g4(c.lower[d]) : "-",
                   r.upper_restricted(c, d) ? g4(c.upper[d]) : "-",
                   "[" + g4(r.data_lower[d]) + ", " + g4(r.data_upper[d]) + "]"});
  }
  if (lim.size() == 1)
    out << "  the box restricts no parameter\n";
  else
    out << columns(lim, {false, true, true, false});
  return out.str();
}

}  // namespace entente::analysis
