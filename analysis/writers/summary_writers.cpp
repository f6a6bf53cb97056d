#include "analysis/writers/summary_writers.hpp"
#include "analysis/writers/csv_field.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "analysis/stats/proportion_interval.hpp"
#include "analysis/writers/number_format.hpp"
#include "sim/output/formats.hpp"

namespace entente::analysis {

namespace {

// sd and se of fewer than two runs are reported as 0, never NaN.
double safe_sd(const RunningStats& s) { return s.count() < 2 ? 0.0 : s.sd(); }
double safe_se(const RunningStats& s) { return s.count() < 2 ? 0.0 : s.standard_error(); }

// Binomial standard error of a proportion.
double proportion_se(std::uint64_t k, std::uint64_t n) {
  if (n == 0) return 0;
  const double p = static_cast<double>(k) / static_cast<double>(n);
  return std::sqrt(p * (1 - p) / static_cast<double>(n));
}

std::string threshold_name(const ThresholdSpec& t) {
  if (!t.label.empty()) return t.label;
  return std::string(t.above ? ">= " : "<= ") + format_number(t.value);
}

double year_at(const CompiledScenario& sc, std::size_t step) { return sc.years[step]; }

}  // namespace

std::string summary_csv(const EnsembleSummary& summary) {
  const auto& sc = summary.scenario();
  const auto& g = summary.grid();
  std::ostringstream out;
  out << "outcome,year,runs,mean,sd,se,p05,p25,p50,p75,p95,min,max\n";
  for (std::size_t o = 0; o < g.outcomes(); ++o) {
    for (std::size_t s = 0; s < g.steps(); ++s) {
      const SummaryCell& c = g.cell(o, s);
      out << csv_field(sc.outcomes[o].spec.id) << ',' << format_number(year_at(sc, s)) << ',' << c.stats.count() << ','
          << format_number(c.stats.mean()) << ',' << format_number(safe_sd(c.stats)) << ','
          << format_number(safe_se(c.stats));
      for (double q : kReportedQuantiles) out << ',' << format_number(c.sketch.quantile(q));
      out << ',' << format_number(c.stats.min()) << ',' << format_number(c.stats.max()) << '\n';
    }
  }
  return out.str();
}

std::string thresholds_csv(const EnsembleSummary& summary) {
  const auto& sc = summary.scenario();
  const auto& g = summary.grid();
  std::ostringstream out;
  // se_at/se_by: the binomial (Wald) standard error, 0 for an event seen in
  // no run or in every run; the Wilson 95% bounds that follow never collapse.
  out << "outcome,threshold,op,value,year,p_at,se_at,p_by,se_by,ci95_lo_at,ci95_hi_at,ci95_lo_by,ci95_hi_by\n";
  for (std::size_t o = 0; o < g.outcomes(); ++o) {
    const auto& ths = sc.outcomes[o].spec.thresholds;
    for (std::size_t t = 0; t < ths.size(); ++t) {
      for (std::size_t s = 0; s < g.steps(); ++s) {
        const SummaryCell& c = g.cell(o, s);
        const std::uint64_t n = c.stats.count();
        const double p_at = n ? static_cast<double>(c.at[t]) / static_cast<double>(n) : 0.0;
        const double p_by = n ? static_cast<double>(c.by[t]) / static_cast<double>(n) : 0.0;
        out << csv_field(sc.outcomes[o].spec.id) << ',' << csv_field(threshold_name(ths[t])) << ','
            << (ths[t].above ? "above" : "below") << ',' << format_number(ths[t].value) << ','
            << format_number(year_at(sc, s)) << ',' << format_number(p_at) << ','
            << format_number(proportion_se(c.at[t], n)) << ',' << format_number(p_by) << ','
            << format_number(proportion_se(c.by[t], n));
        const auto at = wilson_interval(static_cast<double>(c.at[t]), static_cast<double>(n));
        const auto by = wilson_interval(static_cast<double>(c.by[t]), static_cast<double>(n));
        out << ',' << format_number(at.lo) << ',' << format_number(at.hi) << ',' << format_number(by.lo) << ','
            << format_number(by.hi) << '\n';
      }
    }
  }
  return out.str();
}

nlohmann::ordered_json summary_json(const EnsembleSummary& summary) {
  const auto& sc = summary.scenario();
  const auto& g = summary.grid();
  nlohmann::ordered_json j;
  j["format"] = kSummaryFormat.name;
  j["format_version"] = kSummaryFormat.version;
  j["scenario"] = sc.spec.name;
  j["policy"] = sc.policy;
  j["runs"] = g.runs();
  j["quantile_relative_accuracy"] = kSketchAccuracy;
  j["years"] = sc.years;
  auto outcomes = nlohmann::ordered_json::array();
  for (std::size_t o = 0; o < g.outcomes(); ++o) {
    const OutcomeSpec& spec = sc.outcomes[o].spec;
    nlohmann::ordered_json oj;
    oj["id"] = spec.id;
    oj["label"] = spec.label;
    oj["unit"] = spec.unit;
    oj["series"] = spec.series;
    oj["direction"] = spec.direction == Direction::kLowerIsBetter    ? "lower_is_better"
                      : spec.direction == Direction::kHigherIsBetter ? "higher_is_better"
                                                                     : "neutral";
    std::vector<double> mean, sd, se, mn, mx;
    std::vector<std::vector<double>> qs(std::size(kReportedQuantiles));
    for (std::size_t s = 0; s < g.steps(); ++s) {
      const SummaryCell& c = g.cell(o, s);
      mean.push_back(c.stats.mean());
      sd.push_back(safe_sd(c.stats));
      se.push_back(safe_se(c.stats));
      mn.push_back(c.stats.min());
      mx.push_back(c.stats.max());
      for (std::size_t q = 0; q < qs.size(); ++q) qs[q].push_back(c.sketch.quantile(kReportedQuantiles[q]));
    }
    oj["mean"] = mean;
    oj["sd"] = sd;
    oj["se"] = se;
    const char* names[] = {"p05", "p25", "p50", "p75", "p95"};
    for (std::size_t q = 0; q < qs.size(); ++q) oj[names[q]] = qs[q];
    oj["min"] = mn;
    oj["max"] = mx;
    auto ths = nlohmann::ordered_json::array();
    for (std::size_t t = 0; t < spec.thresholds.size(); ++t) {
      std::vector<double> p_at, p_by;
      for (std::size_t s = 0; s < g.steps(); ++s) {
        const SummaryCell& c = g.cell(o, s);
        const double n = static_cast<double>(std::max<std::uint64_t>(1, c.stats.count()));
        p_at.push_back(static_cast<double>(c.at[t]) / n);
        p_by.push_back(static_cast<double>(c.by[t]) / n);
      }
      ths.push_back({{"label", threshold_name(spec.thresholds[t])},
                     {"op", spec.thresholds[t].above ? "above" : "below"},
                     {"value", spec.thresholds[t].value},
                     {"p_at", p_at},
                     {"p_by", p_by}});
    }
    oj["thresholds"] = ths;
    outcomes.push_back(oj);
  }
  j["outcomes"] = outcomes;
  return j;
}

std::string headline_table(const EnsembleSummary& summary) {
  const auto& sc = summary.scenario();
  const auto& g = summary.grid();
  std::vector<std::size_t> rows;
  for (std::size_t o = 0; o < g.outcomes(); ++o)
    if (sc.outcomes[o].spec.headline) rows.push_back(o);
  if (rows.empty())
    for (std::size_t o = 0; o < g.outcomes(); ++o) rows.push_back(o);
  const std::size_t last = g.steps() - 1;
  std::vector<std::size_t> cols = {0, last / 2, last};
  cols.erase(std::unique(cols.begin(), cols.end()), cols.end());

  auto label_of = [&](std::size_t o) {
    const auto& s = sc.outcomes[o].spec;
    return s.unit.empty() ? s.label : s.label + " (" + s.unit + ")";
  };
  std::size_t w0 = 7;
  for (std::size_t o : rows) w0 = std::max(w0, label_of(o).size());
  std::vector<std::vector<std::string>> cells(rows.size());
  std::size_t wc = 4;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::size_t s : cols) {
      const SummaryCell& c = g.cell(rows[r], s);
      const std::string cell = format_short(c.sketch.quantile(0.5)) + " [" + format_short(c.sketch.quantile(0.05)) +
                               ", " + format_short(c.sketch.quantile(0.95)) + "]";
      wc = std::max(wc, cell.size());
      cells[r].push_back(cell);
    }
  }
  std::ostringstream out;
  auto pad = [](const std::string& s, std::size_t w) { return s + std::string(w > s.size() ? w - s.size() : 0, ' '); };
  auto trimmed = [](std::string s) {
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s;
  };
  // Within 80 columns: the outcome on its own line above its cells when
  // label and cells together would be wider.
  const bool wide = w0 + cols.size() * (wc + 2) <= 80;
  const std::size_t first = wide ? w0 : 2;
  std::string head = pad(wide ? "outcome" : "", first);
  for (std::size_t s : cols) head += "  " + pad(format_number(sc.years[s]), wc);
  out << (wide ? trimmed(head) : "outcome\n" + trimmed(head)) << "\n"
      << std::string(std::min<std::size_t>(79, first + cols.size() * (wc + 2)), '-') << "\n";
  for (std::size_t r = 0; r < rows.size(); ++r) {
    std::string line = pad(wide ? label_of(rows[r]) : "", first);
    if (!wide) out << label_of(rows[r]) << "\n";
    for (const auto& cell : cells[r]) line += "  " + pad(cell, wc);
    out << trimmed(line) << "\n";
  }
  out << "median [5th, 95th percentile] over " << g.runs() << " runs";
  if (!sc.policy.empty()) out << ", policy " << sc.policy;
  out << "\n";
  return out.str();
}

}  // namespace entente::analysis
