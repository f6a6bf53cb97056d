#include "analysis/compare/compare_writers.hpp"
#include "analysis/writers/csv_field.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>

#include "analysis/writers/number_format.hpp"

namespace entente::analysis {

namespace {

const char* direction_name(Direction d) {
  return d == Direction::kLowerIsBetter ? "lower_is_better" : d == Direction::kHigherIsBetter ? "higher_is_better"
                                                                                            : "neutral";
}

double safe_sd(const RunningStats& s) { return s.count() < 2 ? 0.0 : s.sd(); }
double safe_var(const RunningStats& s) { return s.count() < 2 ? 0.0 : s.variance(); }

// Width of the 95% interval of the mean difference with paired runs, and the
// width the same runs would give if the two policies' draws were independent.
double paired_width(const DifferenceCell& d) {
  const auto n = static_cast<double>(std::max<std::uint64_t>(1, d.stats.count()));
  return 2 * kZ95 * safe_sd(d.stats) / std::sqrt(n);
}
double independent_width(const SummaryCell& a, const SummaryCell& b) {
  const auto n = static_cast<double>(std::max<std::uint64_t>(1, a.stats.count()));
  return 2 * kZ95 * std::sqrt((safe_var(a.stats) + safe_var(b.stats)) / n);
}

double proportion_se(std::uint64_t k, std::uint64_t n) {
  if (n == 0) return 0;
  const double p = static_cast<double>(k) / static_cast<double>(n);
  return std::sqrt(p * (1 - p) / static_cast<double>(n));
}

const std::string& policy_id(const PairedComparison& c, std::size_t p) { return c.variants()[p]->policy; }

std::string threshold_label(const ThresholdSpec& t) {
  if (!t.label.empty()) return t.label;
  return std::string(t.above ? ">= " : "<= ") + format_number(t.value);
}

// The cell the report's variance-reduction line is about: the first headline
// outcome with a direction (else the first with one), at the last report
// year, for the first policy against the reference.
std::optional<std::size_t> variance_reduction_outcome(const PairedComparison& c) {
  const auto& outs = c.variants().front()->outcomes;
  for (std::size_t o = 0; o < outs.size(); ++o)
    if (outs[o].spec.headline && outs[o].spec.direction != Direction::kNeutral) return o;
  for (std::size_t o = 0; o < outs.size(); ++o)
    if (outs[o].spec.direction != Direction::kNeutral) return o;
  return outs.empty() ? std::nullopt : std::optional<std::size_t>(0);
}

// Ranks (1 = best, ties share the lower rank) of `values`, smaller is better.
std::vector<int> ranks(const std::vector<double>& values) {
  std::vector<int> r(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    int better = 0;
    for (double v : values) better += v < values[i] ? 1 : 0;
    r[i] = better + 1;
  }
  return r;
}

}  // namespace

nlohmann::ordered_json compare_json(const PairedComparison& c, const CompareContext& ctx) {
  const auto& g = c.grid();
  const CompiledScenario& ref = *c.variants().front();
  const auto& years = ref.years;
  nlohmann::ordered_json j;
  j["format"] = "entente-compare";
  j["format_version"] = 1;
  j["scenario"] = {{"name", ctx.loaded->spec.name},
                   {"description", ctx.loaded->spec.description},
                   {"hash_sha256", ctx.loaded->scenario_hash}};
  j["runs"] = g.runs();
  j["seed"] = ctx.seed;
  j["quantile_relative_accuracy"] = kSketchAccuracy;
  j["years"] = years;
  std::vector<double> report_years;
  for (std::size_t s : ctx.report_steps) report_years.push_back(years[s]);
  j["report_years"] = report_years;
  j["reference"] = policy_id(c, 0);

  auto policies = nlohmann::ordered_json::array();
  for (std::size_t p = 0; p < g.policies(); ++p) {
    const PolicySpec* spec = ref.spec.policy(policy_id(c, p));
    policies.push_back({{"id", policy_id(c, p)},
                        {"label", spec && !spec->label.empty() ? spec->label : policy_id(c, p)},
                        {"description", spec ? spec->description : ""},
                        {"source", spec ? spec->source : ""}});
  }
  j["policies"] = policies;

  auto outcomes = nlohmann::ordered_json::array();
  for (const auto& o : ref.outcomes)
    outcomes.push_back({{"id", o.spec.id},
                        {"label", o.spec.label},
                        {"unit", o.spec.unit},
                        {"direction", direction_name(o.spec.direction)},
                        {"headline", o.spec.headline},
                        {"min_effect", o.spec.min_effect ? nlohmann::ordered_json(*o.spec.min_effect)
                                                         : nlohmann::ordered_json(nullptr)}});
  j["outcomes"] = outcomes;

  auto summaries = nlohmann::ordered_json::object();
  for (std::size_t p = 0; p < g.policies(); ++p) {
    auto per_outcome = nlohmann::ordered_json::object();
    for (std::size_t o = 0; o < g.outcomes(); ++o) {
      std::vector<double> mean, sd, q[5];
      const double qs[5] = {0.05, 0.25, 0.5, 0.75, 0.95};
      for (std::size_t s = 0; s < g.steps(); ++s) {
        const SummaryCell& cell = g.policy(p).cell(o, s);
        mean.push_back(cell.stats.mean());
        sd.push_back(safe_sd(cell.stats));
        for (int k = 0; k < 5; ++k) q[k].push_back(cell.sketch.quantile(qs[k]));
      }
      per_outcome[ref.outcomes[o].spec.id] = {{"mean", mean}, {"sd", sd},   {"p05", q[0]}, {"p25", q[1]},
                                              {"p50", q[2]},  {"p75", q[3]}, {"p95", q[4]}};
    }
    summaries[policy_id(c, p)] = per_outcome;
  }
  j["summaries"] = summaries;

  auto differences = nlohmann::ordered_json::array();
  for (std::size_t p = 1; p < g.policies(); ++p) {
    for (std::size_t o = 0; o < g.outcomes(); ++o) {
      std::vector<double> mean, median, lo, hi, p05, p95, pw, iw;
      auto p_better = nlohmann::ordered_json::array(), p_worse = nlohmann::ordered_json::array(),
           p_none = nlohmann::ordered_json::array();
      for (std::size_t s = 0; s < g.steps(); ++s) {
        const DifferenceCell& d = g.difference(p, o, s);
        const double half = paired_width(d) / 2;
        mean.push_back(d.stats.mean());
        median.push_back(d.sketch.quantile(0.5));
        lo.push_back(d.stats.mean() - half);
        hi.push_back(d.stats.mean() + half);
        p05.push_back(d.sketch.quantile(0.05));
        p95.push_back(d.sketch.quantile(0.95));
        pw.push_back(paired_width(d));
        iw.push_back(independent_width(g.policy(0).cell(o, s), g.policy(p).cell(o, s)));
        const double n = static_cast<double>(std::max<std::uint64_t>(1, d.stats.count()));
        p_none.push_back(static_cast<double>(d.no_practical_difference()) / n);
        if (g.direction(o) == Direction::kNeutral) {
          p_better.push_back(nullptr);
          p_worse.push_back(nullptr);
        } else {
          p_better.push_back(static_cast<double>(d.better) / n);
          p_worse.push_back(static_cast<double>(d.worse) / n);
        }
      }
      differences.push_back({{"policy", policy_id(c, p)},
                             {"reference", policy_id(c, 0)},
                             {"outcome", ref.outcomes[o].spec.id},
                             {"mean", mean},
                             {"median", median},
                             {"ci95_lo", lo},
                             {"ci95_hi", hi},
                             {"p05", p05},
                             {"p95", p95},
                             {"p_better", p_better},
                             {"p_worse", p_worse},
                             {"p_no_practical_difference", p_none},
                             {"paired_ci95_width", pw},
                             {"independent_ci95_width", iw}});
    }
  }
  j["differences"] = differences;

  auto thresholds = nlohmann::ordered_json::array();
  for (std::size_t p = 0; p < g.policies(); ++p) {
    for (std::size_t o = 0; o < g.outcomes(); ++o) {
      const auto& ths = ref.outcomes[o].spec.thresholds;
      for (std::size_t t = 0; t < ths.size(); ++t) {
        std::vector<double> p_at, se_at, p_by, se_by;
        for (std::size_t s = 0; s < g.steps(); ++s) {
          const SummaryCell& cell = g.policy(p).cell(o, s);
          const std::uint64_t n = cell.stats.count();
          const double dn = static_cast<double>(std::max<std::uint64_t>(1, n));
          p_at.push_back(static_cast<double>(cell.at[t]) / dn);
          se_at.push_back(proportion_se(cell.at[t], n));
          p_by.push_back(static_cast<double>(cell.by[t]) / dn);
          se_by.push_back(proportion_se(cell.by[t], n));
        }
        thresholds.push_back({{"policy", policy_id(c, p)},
                              {"outcome", ref.outcomes[o].spec.id},
                              {"label", threshold_label(ths[t])},
                              {"op", ths[t].above ? "above" : "below"},
                              {"value", ths[t].value},
                              {"p_at", p_at},
                              {"se_at", se_at},
                              {"p_by", p_by},
                              {"se_by", se_by}});
      }
    }
  }
  j["thresholds"] = thresholds;

  auto regret = nlohmann::ordered_json::array();
  for (std::size_t o = 0; o < g.outcomes(); ++o) {
    if (g.direction(o) == Direction::kNeutral) continue;
    for (std::size_t r = 0; r < g.regret_steps().size(); ++r) {
      std::vector<double> means, p90s;
      for (std::size_t p = 0; p < g.policies(); ++p) {
        means.push_back(g.regret(o, r, p).stats.mean());
        p90s.push_back(g.regret(o, r, p).sketch.quantile(0.9));
      }
      const auto rank_mean = ranks(means), rank_p90 = ranks(p90s);
      auto rows = nlohmann::ordered_json::array();
      for (std::size_t p = 0; p < g.policies(); ++p)
        rows.push_back({{"policy", policy_id(c, p)},
                        {"mean", means[p]},
                        {"p90", p90s[p]},
                        {"rank_mean", rank_mean[p]},
                        {"rank_p90", rank_p90[p]}});
      regret.push_back({{"outcome", ref.outcomes[o].spec.id},
                        {"year", years[g.regret_steps()[r]]},
                        {"policies", rows}});
    }
  }
  j["regret"] = regret;

  const auto vo = variance_reduction_outcome(c);
  // Undefined without a paired spread (one run, or the same difference in
  // every run): then there is no ratio to report.
  const bool has_reduction = vo && g.policies() > 1 && !ctx.report_steps.empty() &&
                             paired_width(g.difference(1, *vo, ctx.report_steps.back())) > 0;
  if (has_reduction) {
    const std::size_t s = ctx.report_steps.back();
    const double pw = paired_width(g.difference(1, *vo, s));
    const double iw = independent_width(g.policy(0).cell(*vo, s), g.policy(1).cell(*vo, s));
    j["variance_reduction"] = {{"outcome", ref.outcomes[*vo].spec.id},
                               {"year", years[s]},
                               {"policy", policy_id(c, 1)},
                               {"paired_width", pw},
                               {"independent_width", iw},
                               {"ratio", iw / pw}};
  } else {
    j["variance_reduction"] = nullptr;
  }
  return j;
}

std::string compare_csv(const PairedComparison& c) {
  const auto& g = c.grid();
  const CompiledScenario& ref = *c.variants().front();
  std::ostringstream out;
  out << "outcome,year,policy,reference,mean,median,ci95_lo,ci95_hi,p05,p95,p_better,paired_ci95_width,"
         "independent_ci95_width,runs\n";
  for (std::size_t p = 1; p < g.policies(); ++p) {
    for (std::size_t o = 0; o < g.outcomes(); ++o) {
      for (std::size_t s = 0; s < g.steps(); ++s) {
        const DifferenceCell& d = g.difference(p, o, s);
        const double half = paired_width(d) / 2;
        out << csv_field(ref.outcomes[o].spec.id) << ',' << format_number(ref.years[s]) << ','
            << csv_field(policy_id(c, p)) << ',' << csv_field(policy_id(c, 0)) << ',' << format_number(d.stats.mean()) << ',' << format_number(d.sketch.quantile(0.5))
            << ',' << format_number(d.stats.mean() - half) << ',' << format_number(d.stats.mean() + half) << ','
            << format_number(d.sketch.quantile(0.05)) << ',' << format_number(d.sketch.quantile(0.95)) << ',';
        if (g.direction(o) != Direction::kNeutral)
          out << format_number(static_cast<double>(d.better) / static_cast<double>(d.stats.count()));
        out << ',' << format_number(paired_width(d)) << ','
            << format_number(independent_width(g.policy(0).cell(o, s), g.policy(p).cell(o, s))) << ','
            << d.stats.count() << '\n';
      }
    }
  }
  return out.str();
}

namespace {

std::string pad(const std::string& s, std::size_t w) { return s + std::string(w > s.size() ? w - s.size() : 0, ' '); }

std::string signed_short(double v) { return (v > 0 ? "+" : "") + format_short(v); }

}  // namespace

std::string compare_table(const PairedComparison& c, const CompareContext& ctx) {
  const auto& g = c.grid();
  const CompiledScenario& ref = *c.variants().front();
  std::vector<std::size_t> rows;
  for (std::size_t o = 0; o < g.outcomes(); ++o)
    if (ref.outcomes[o].spec.headline) rows.push_back(o);
  if (rows.empty())
    for (std::size_t o = 0; o < g.outcomes(); ++o) rows.push_back(o);

  struct Line {
    std::string outcome, year, policy, dist, diff, better;
  };
  std::vector<Line> lines;
  for (std::size_t o : rows) {
    const auto& spec = ref.outcomes[o].spec;
    bool first_of_outcome = true;
    for (std::size_t s : ctx.report_steps) {
      bool first_of_year = true;
      for (std::size_t p = 0; p < g.policies(); ++p) {
        const SummaryCell& cell = g.policy(p).cell(o, s);
        Line l;
        l.outcome = first_of_outcome ? (spec.unit.empty() ? spec.label : spec.label + " (" + spec.unit + ")") : "";
        l.year = first_of_year ? format_number(ref.years[s]) : "";
        l.policy = policy_id(c, p);
        l.dist = format_short(cell.sketch.quantile(0.5)) + " [" + format_short(cell.sketch.quantile(0.05)) + ", " +
                 format_short(cell.sketch.quantile(0.95)) + "]";
        if (p > 0) {
          const DifferenceCell& d = g.difference(p, o, s);
          const double half = paired_width(d) / 2;
          l.diff = signed_short(d.stats.mean()) + " [" + signed_short(d.stats.mean() - half) + ", " +
                   signed_short(d.stats.mean() + half) + "]";
          if (g.direction(o) != Direction::kNeutral)
            l.better = format_probability(static_cast<double>(d.better) / static_cast<double>(d.stats.count()));
          else
            l.better = "-";
        }
        lines.push_back(l);
        first_of_outcome = first_of_year = false;
      }
    }
  }
  std::size_t w[6] = {7, 4, 6, 21, 8, 9};
  for (const auto& l : lines) {
    w[0] = std::max(w[0], l.outcome.size());
    w[1] = std::max(w[1], l.year.size());
    w[2] = std::max(w[2], l.policy.size());
    w[3] = std::max(w[3], l.dist.size());
    w[4] = std::max(w[4], l.diff.size());
  }
  const std::string ref_id = policy_id(c, 0);
  const std::string diff_head = "difference vs " + ref_id + " [95% CI]";
  w[4] = std::max(w[4], diff_head.size());
  std::ostringstream out;
  out << pad("outcome", w[0]) << "  " << pad("year", w[1]) << "  " << pad("policy", w[2]) << "  "
      << pad("median [90% interval]", w[3]) << "  " << pad(diff_head, w[4]) << "  P(better)\n";
  out << std::string(w[0] + w[1] + w[2] + w[3] + w[4] + 10 + 9, '-') << "\n";
  for (const auto& l : lines)
    out << pad(l.outcome, w[0]) << "  " << pad(l.year, w[1]) << "  " << pad(l.policy, w[2]) << "  "
        << pad(l.dist, w[3]) << "  " << pad(l.diff, w[4]) << "  " << l.better << "\n";

  // Thresholds at the last report year, as probabilities by that year.
  const std::size_t last = ctx.report_steps.empty() ? g.steps() - 1 : ctx.report_steps.back();
  bool any_threshold = false;
  for (std::size_t o = 0; o < g.outcomes(); ++o) any_threshold = any_threshold || !ref.outcomes[o].spec.thresholds.empty();
  if (any_threshold) {
    out << "\nthreshold probabilities by " << format_number(ref.years[last]) << " (± standard error)\n";
    for (std::size_t o = 0; o < g.outcomes(); ++o) {
      const auto& ths = ref.outcomes[o].spec.thresholds;
      for (std::size_t t = 0; t < ths.size(); ++t) {
        out << "  " << ref.outcomes[o].spec.label << ": " << threshold_label(ths[t]) << "\n";
        for (std::size_t p = 0; p < g.policies(); ++p) {
          const SummaryCell& cell = g.policy(p).cell(o, last);
          const std::uint64_t n = cell.stats.count();
          out << "    " << pad(policy_id(c, p), w[2]) << "  "
              << format_probability(static_cast<double>(cell.by[t]) / static_cast<double>(std::max<std::uint64_t>(1, n)))
              << " ± " << format_standard_error(proportion_se(cell.by[t], n)) << "\n";
        }
      }
    }
  }

  // Robustness: regret against the best policy of each run.
  if (!g.regret_steps().empty()) {
    const std::size_t r = g.regret_steps().size() - 1;
    bool header = false;
    for (std::size_t o : rows) {
      if (g.direction(o) == Direction::kNeutral) continue;
      if (!header) {
        out << "\nregret against the best policy of each run, " << format_number(ref.years[g.regret_steps()[r]])
            << " (mean, 90th percentile; rank)\n";
        header = true;
      }
      out << "  " << ref.outcomes[o].spec.label << "\n";
      std::vector<double> means, p90s;
      for (std::size_t p = 0; p < g.policies(); ++p) {
        means.push_back(g.regret(o, r, p).stats.mean());
        p90s.push_back(g.regret(o, r, p).sketch.quantile(0.9));
      }
      const auto rm = ranks(means), rp = ranks(p90s);
      for (std::size_t p = 0; p < g.policies(); ++p)
        out << "    " << pad(policy_id(c, p), w[2]) << "  " << pad(format_short(means[p]) + " (" + std::to_string(rm[p]) + ")", 14)
            << format_short(p90s[p]) << " (" << rp[p] << ")\n";
    }
  }

  const auto vo = variance_reduction_outcome(c);
  if (vo && g.policies() > 1 && paired_width(g.difference(1, *vo, last)) > 0) {
    const double pw = paired_width(g.difference(1, *vo, last));
    const double iw = independent_width(g.policy(0).cell(*vo, last), g.policy(1).cell(*vo, last));
    out << "\ncommon random numbers: the 95% interval of " << policy_id(c, 1) << " - " << ref_id << " for "
        << ref.outcomes[*vo].spec.label << " in " << format_number(ref.years[last]) << " is " << format_short(pw)
        << " wide; independent draws would give " << format_short(iw);
    if (pw > 0) out << " (" << format_short(iw / pw) << "x wider)";
    out << "\n";
  }
  out << "\n" << g.runs() << " runs per policy, seed " << ctx.seed << "; run r of every policy shares its uncertainty "
      << "draws and shocks\n";
  return out.str();
}

}  // namespace entente::analysis
