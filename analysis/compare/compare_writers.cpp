#include "analysis/compare/compare_writers.hpp"
#include "analysis/writers/csv_field.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>

#include "analysis/compare/verdict.hpp"
#include "analysis/stats/proportion_interval.hpp"
#include "analysis/writers/interval_format.hpp"
#include "analysis/writers/number_format.hpp"
#include "sim/output/formats.hpp"

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
  j["format"] = kCompareFormat.name;
  j["format_version"] = kCompareFormat.version;
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
        std::vector<double> p_at, se_at, p_by, se_by, lo_at, hi_at, lo_by, hi_by;
        for (std::size_t s = 0; s < g.steps(); ++s) {
          const SummaryCell& cell = g.policy(p).cell(o, s);
          const std::uint64_t n = cell.stats.count();
          const double dn = static_cast<double>(std::max<std::uint64_t>(1, n));
          p_at.push_back(static_cast<double>(cell.at[t]) / dn);
          se_at.push_back(proportion_se(cell.at[t], n));
          p_by.push_back(static_cast<double>(cell.by[t]) / dn);
          se_by.push_back(proportion_se(cell.by[t], n));
          const auto at = wilson_interval(static_cast<double>(cell.at[t]), static_cast<double>(n));
          const auto by = wilson_interval(static_cast<double>(cell.by[t]), static_cast<double>(n));
          lo_at.push_back(at.lo);
          hi_at.push_back(at.hi);
          lo_by.push_back(by.lo);
          hi_by.push_back(by.hi);
        }
        thresholds.push_back({{"policy", policy_id(c, p)},
                              {"outcome", ref.outcomes[o].spec.id},
                              {"label", threshold_label(ths[t])},
                              {"op", ths[t].above ? "above" : "below"},
                              {"value", ths[t].value},
                              {"p_at", p_at},
                              {"se_at", se_at},
                              {"p_by", p_by},
                              {"se_by", se_by},
                              // Wilson 95%: never of zero width, unlike the Wald se.
                              {"ci95_lo_at", lo_at},
                              {"ci95_hi_at", hi_at},
                              {"ci95_lo_by", lo_by},
                              {"ci95_hi_by", hi_by}});
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
  out << "outcome,year,policy,reference,mean,median,ci95_lo,ci95_hi,p05,p95,p_better,p_worse,"
         "p_no_practical_difference,paired_ci95_width,independent_ci95_width,runs\n";
  for (std::size_t p = 1; p < g.policies(); ++p) {
    for (std::size_t o = 0; o < g.outcomes(); ++o) {
      for (std::size_t s = 0; s < g.steps(); ++s) {
        const DifferenceCell& d = g.difference(p, o, s);
        const double half = paired_width(d) / 2;
        out << csv_field(ref.outcomes[o].spec.id) << ',' << format_number(ref.years[s]) << ','
            << csv_field(policy_id(c, p)) << ',' << csv_field(policy_id(c, 0)) << ',' << format_number(d.stats.mean()) << ',' << format_number(d.sketch.quantile(0.5))
            << ',' << format_number(d.stats.mean() - half) << ',' << format_number(d.stats.mean() + half) << ','
            << format_number(d.sketch.quantile(0.05)) << ',' << format_number(d.sketch.quantile(0.95)) << ',';
        // The three shares of compare.json, adding up to 1 (better and worse
        // are empty for a neutral outcome, as there).
        const double n = static_cast<double>(std::max<std::uint64_t>(1, d.stats.count()));
        if (g.direction(o) != Direction::kNeutral) out << format_number(static_cast<double>(d.better) / n);
        out << ',';
        if (g.direction(o) != Direction::kNeutral) out << format_number(static_cast<double>(d.worse) / n);
        out << ',' << format_number(static_cast<double>(d.no_practical_difference()) / n);
        out << ',' << format_number(paired_width(d)) << ','
            << format_number(independent_width(g.policy(0).cell(o, s), g.policy(p).cell(o, s))) << ','
            << d.stats.count() << '\n';
      }
    }
  }
  return out.str();
}

namespace {

// Characters on screen: UTF-8 continuation bytes take no column ("±").
std::size_t columns(const std::string& s) {
  std::size_t n = 0;
  for (char ch : s) n += (static_cast<unsigned char>(ch) & 0xC0) == 0x80 ? 0 : 1;
  return n;
}

std::string pad(const std::string& s, std::size_t w) { return s + std::string(w > columns(s) ? w - columns(s) : 0, ' '); }

// At most this many characters a line, a terminal's classic width (the table
// wraps years onto their own lines rather than grow wider).
constexpr std::size_t kTableWidth = 80;

std::string truncate(const std::string& s, std::size_t w) {
  if (s.size() <= w) return s;
  return s.substr(0, w - 3) + "...";
}

// Words of `text` into lines of at most kTableWidth columns (a word longer
// than a line stands alone), each line ended by a newline.
std::string wrap(const std::string& text) {
  std::istringstream words(text);
  std::string word, line, out;
  while (words >> word) {
    if (!line.empty() && columns(line) + 1 + columns(word) > kTableWidth) {
      out += line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  return line.empty() ? out : out + line + "\n";
}

const std::string& policy_label(const PairedComparison& c, std::size_t p) {
  const PolicySpec* spec = c.variants().front()->spec.policy(policy_id(c, p));
  return spec && !spec->label.empty() ? spec->label : policy_id(c, p);
}

}  // namespace

std::string compare_table(const PairedComparison& c, const CompareContext& ctx) {
  const auto& g = c.grid();
  const CompiledScenario& ref = *c.variants().front();
  std::vector<std::size_t> rows;
  for (std::size_t o = 0; o < g.outcomes(); ++o)
    if (ref.outcomes[o].spec.headline) rows.push_back(o);
  if (rows.empty())
    for (std::size_t o = 0; o < g.outcomes(); ++o) rows.push_back(o);
  const std::vector<std::size_t>& steps = ctx.report_steps;
  std::ostringstream out;
  out << truncate("each policy against " + policy_label(c, 0) + ": mean difference [95% CI], verdict", kTableWidth)
      << "\n"
      << "  + better  - worse  = no practical difference  ? unclear\n"
      << "  ^ higher  v lower (outcomes with no direction)\n";
  std::size_t wp = 6;
  for (std::size_t p = 0; p < g.policies(); ++p) wp = std::max(wp, policy_label(c, p).size());
  wp = std::min<std::size_t>(wp, 30);
  for (std::size_t o : rows) {
    const auto& spec = ref.outcomes[o].spec;
    const double m = spec.min_effect.value_or(0.0);
    // Cells per policy and report year, then one format per year column.
    std::vector<std::vector<Verdict>> verdicts(g.policies());
    std::vector<int> decimals;
    for (std::size_t k = 0; k < steps.size(); ++k) {
      std::vector<Interval> intervals;
      for (std::size_t p = 1; p < g.policies(); ++p) {
        const DifferenceCell& d = g.difference(p, o, steps[k]);
        const double half = paired_width(d) / 2, mean = d.stats.mean();
        const Verdict v = judge(spec.direction, mean, mean - half, mean + half, m);
        verdicts[p].push_back(v);
        if (!shows_within(v, m)) intervals.push_back({mean - half, mean + half});
      }
      decimals.push_back(column_decimals(intervals));
    }
    std::vector<std::vector<std::string>> cells(g.policies());
    std::size_t wc = 4;
    for (std::size_t p = 1; p < g.policies(); ++p) {
      for (std::size_t k = 0; k < steps.size(); ++k) {
        const DifferenceCell& d = g.difference(p, o, steps[k]);
        const double half = paired_width(d) / 2, mean = d.stats.mean();
        cells[p].push_back(std::string(1, verdict_mark(verdicts[p][k])) + " " +
                           difference_text(verdicts[p][k], mean, mean - half, mean + half, m, decimals[k]));
        wc = std::max(wc, columns(cells[p].back()));
      }
    }
    std::string head = spec.label + " (" + (spec.unit.empty() ? "" : spec.unit + ", ") +
                       (spec.direction == Direction::kLowerIsBetter    ? "lower is better"
                        : spec.direction == Direction::kHigherIsBetter ? "higher is better"
                                                                       : "no direction") +
                       ", min effect " + (spec.min_effect ? format_number(m) : std::string("not set")) + ")";
    out << "\n" << truncate(head, kTableWidth) << "\n";
    const bool wide = 2 + wp + steps.size() * (2 + wc) <= kTableWidth;
    if (wide) {
      std::string head_line = "  " + pad("policy", wp);
      for (std::size_t s : steps) head_line += "  " + pad(format_number(ref.years[s]), wc);
      while (!head_line.empty() && head_line.back() == ' ') head_line.pop_back();
      out << head_line << "\n";
      for (std::size_t p = 1; p < g.policies(); ++p) {
        std::string line = "  " + pad(truncate(policy_label(c, p), wp), wp);
        for (const auto& cell : cells[p]) line += "  " + pad(cell, wc);
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out << line << "\n";
      }
    } else {
      for (std::size_t p = 1; p < g.policies(); ++p)
        for (std::size_t k = 0; k < steps.size(); ++k)
          out << "  " << pad(k == 0 ? truncate(policy_label(c, p), wp) : "", wp) << "  "
              << format_number(ref.years[steps[k]]) << "  " << cells[p][k] << "\n";
    }
  }
  const std::size_t w[3] = {0, 0, wp};

  // Thresholds at the last report year, as probabilities by that year.
  const std::size_t last = ctx.report_steps.empty() ? g.steps() - 1 : ctx.report_steps.back();
  bool any_threshold = false;
  for (std::size_t o = 0; o < g.outcomes(); ++o) any_threshold = any_threshold || !ref.outcomes[o].spec.thresholds.empty();
  if (any_threshold) {
    out << "\nthreshold probabilities by " << format_number(ref.years[last]) << " (share of runs [95% Wilson interval], %)\n";
    for (std::size_t o = 0; o < g.outcomes(); ++o) {
      const auto& ths = ref.outcomes[o].spec.thresholds;
      for (std::size_t t = 0; t < ths.size(); ++t) {
        out << "  " << truncate(ref.outcomes[o].spec.label + ": " + threshold_label(ths[t]), kTableWidth - 2) << "\n";
        // One format for the threshold's rows, from the intervals (at least one decimal).
        std::vector<double> shares;
        std::vector<Interval> cis;
        for (std::size_t p = 0; p < g.policies(); ++p) {
          const SummaryCell& cell = g.policy(p).cell(o, last);
          const std::uint64_t n = cell.stats.count();
          const auto ci = wilson_interval(static_cast<double>(cell.by[t]), static_cast<double>(n));
          shares.push_back(100 * static_cast<double>(cell.by[t]) / static_cast<double>(std::max<std::uint64_t>(1, n)));
          cis.push_back({100 * ci.lo, 100 * ci.hi});
        }
        const int dec = std::clamp(column_decimals(cis), 1, 3);
        for (std::size_t p = 0; p < g.policies(); ++p)
          out << "    " << pad(truncate(policy_label(c, p), w[2]), w[2]) << "  " << format_fixed(shares[p], dec) << " ["
              << format_fixed(cis[p].lo, dec) << ", " << format_fixed(cis[p].hi, dec) << "]\n";
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
      // At the outcome's resolution, as the report's robustness table.
      std::vector<double> values = means;
      values.insert(values.end(), p90s.begin(), p90s.end());
      const int d = effect_decimals(ref.outcomes[o].spec.min_effect.value_or(0.0), values);
      for (std::size_t p = 0; p < g.policies(); ++p)
        out << "    " << pad(truncate(policy_label(c, p), w[2]), w[2]) << "  "
            << pad(format_fixed(means[p], d) + " (" + std::to_string(rm[p]) + ")", 14) << format_fixed(p90s[p], d)
            << " (" << rp[p] << ")\n";
    }
  }

  const auto vo = variance_reduction_outcome(c);
  if (vo && g.policies() > 1 && paired_width(g.difference(1, *vo, last)) > 0) {
    const double pw = paired_width(g.difference(1, *vo, last));
    const double iw = independent_width(g.policy(0).cell(*vo, last), g.policy(1).cell(*vo, last));
    std::string crn = "common random numbers: the 95% interval of " + policy_label(c, 1) + " - " + policy_label(c, 0) +
                      " for " + ref.outcomes[*vo].spec.label + " in " + format_number(ref.years[last]) + " is " +
                      format_short(pw) + " wide; independent draws would give " + format_short(iw);
    if (pw > 0) crn += " (" + format_short(iw / pw) + "x wider)";
    out << "\n" << wrap(crn);
  }
  out << "\n"
      << wrap(std::to_string(g.runs()) + " runs per policy, seed " + std::to_string(ctx.seed) +
              "; run r of every policy shares its uncertainty draws and shocks");
  return out.str();
}

}  // namespace entente::analysis
