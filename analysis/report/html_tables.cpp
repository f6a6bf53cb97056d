#include "analysis/report/html_tables.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "analysis/report/chart_style.hpp"
#include "analysis/report/html.hpp"
#include "analysis/report/summary_html.hpp"
#include "analysis/stats/proportion_interval.hpp"
#include "analysis/writers/interval_format.hpp"

namespace entente::analysis::report {

namespace {

std::string swatch(const ReportData& data, const std::string& policy) {
  return "<span class=\"swatch\" style=\"background:" + policy_colour(data.policy_index(policy)) +
         "\" aria-hidden=\"true\"></span>";
}

std::string direction_text(const std::string& direction) {
  if (direction == "lower_is_better") return "lower is better";
  if (direction == "higher_is_better") return "higher is better";
  return "";
}

// The outcome's label with its unit and direction under it.
std::string outcome_cell(const OutcomeInfo& o) {
  std::string meta = o.unit;
  const std::string dir = direction_text(o.direction);
  if (!dir.empty()) meta += (meta.empty() ? "" : " \u00b7 ") + dir;
  return html_escape(o.label) + (meta.empty() ? "" : "<span class=\"meta\">" + html_escape(meta) + "</span>");
}

// "median [p05, p95]" with `decimals`, U+2212 minus.
std::string interval_cell(const Bands& b, std::size_t y, int decimals) {
  return html_numbers(format_fixed(b.p50[y], decimals)) + " <span class=\"interval\">[" +
         html_numbers(format_fixed(b.p05[y], decimals)) + ", " + html_numbers(format_fixed(b.p95[y], decimals)) +
         "]</span>";
}

// One format for every number of an outcome: from its 5th-95th percentile spreads.
int outcome_decimals(const ReportData& data, const OutcomeInfo& o) {
  std::vector<Interval> spreads;
  for (const auto& p : data.policies) {
    const Bands& b = data.summaries.at(p.id).at(o.id);
    for (double year : data.report_years) {
      const std::size_t y = data.year_index(year);
      spreads.push_back({b.p05[y], b.p95[y]});
    }
  }
  return column_decimals(spreads);
}

// A probability with its Wilson 95% interval, in percent.
struct ShareCell {
  double p = 0;
  ProportionInterval ci;
};

ShareCell share_cell(double p, std::uint64_t runs) {
  return {p, wilson_interval(p * static_cast<double>(runs), static_cast<double>(runs))};
}

std::string share_text(const ShareCell& c, int decimals) {
  if (!std::isfinite(c.p)) return "\u2014";
  return format_fixed(100 * c.p, decimals) + "% <span class=\"interval\">[" + format_fixed(100 * c.ci.lo, decimals) +
         ", " + format_fixed(100 * c.ci.hi, decimals) + "]</span>";
}

int share_decimals(const std::vector<ShareCell>& cells) {
  std::vector<Interval> widths;
  for (const auto& c : cells) widths.push_back({100 * c.ci.lo, 100 * c.ci.hi});
  return std::min(2, column_decimals(widths));
}

}  // namespace

std::string policies_html(const ReportData& data) {
  std::ostringstream h;
  h << "<dl class=\"policies\">\n";
  for (const auto& p : data.policies) {
    h << "<dt>" << swatch(data, p.id) << html_escape(p.label);
    if (p.label != p.id) h << " <span class=\"policy-id\">" << html_escape(p.id) << "</span>";
    if (data.kind == ReportKind::kCompare && p.id == data.reference) h << " <span class=\"badge\">reference</span>";
    h << "</dt>\n<dd>" << (p.description.empty() ? "<span class=\"muted\">no description</span>" : html_escape(p.description));
    if (!p.source.empty()) h << "<span class=\"source\">Source: " << html_escape(p.source) << "</span>";
    h << "</dd>\n";
  }
  h << "</dl>\n";
  return h.str();
}

std::string headline_table_html(const ReportData& data) {
  const auto outcomes = data.headline_outcomes();
  const bool compare = data.kind == ReportKind::kCompare;
  std::ostringstream h;
  h << "<div class=\"table-wrap\">\n<table class=\"numbers stack\">\n<thead>\n<tr><th class=\"label\" scope=\"col\">Outcome</th>";
  if (compare) h << "<th class=\"label\" scope=\"col\">Policy</th>";
  for (double y : data.report_years) h << "<th scope=\"col\">" << fmt_year(y) << "</th>";
  h << "</tr>\n</thead>\n";
  for (const OutcomeInfo* o : outcomes) {
    const int decimals = outcome_decimals(data, *o);
    h << "<tbody>\n";
    for (std::size_t r = 0; r < data.policies.size(); ++r) {
      const PolicyInfo& p = data.policies[r];
      const Bands& b = data.summaries.at(p.id).at(o->id);
      h << "<tr>";
      if (r == 0)
        h << "<th class=\"label\" scope=\"rowgroup\" rowspan=\"" << data.policies.size() << "\">" << outcome_cell(*o)
          << "</th>";
      if (compare) h << "<td class=\"label\">" << swatch(data, p.id) << html_escape(p.label) << "</td>";
      for (double y : data.report_years)
        h << "<td data-label=\"" << fmt_year(y) << "\">" << interval_cell(b, data.year_index(y), decimals) << "</td>";
      h << "</tr>\n";
    }
    h << "</tbody>\n";
  }
  h << "</table>\n</div>\n<p class=\"note\">Median and [5th, 95th percentile] over " << data.runs << " runs"
    << (compare ? " per policy; every policy faces the same futures. The scorecard above gives the differences." : ".");
  const bool marked = std::any_of(data.outcomes.begin(), data.outcomes.end(), [](const auto& o) { return o.headline; });
  h << (marked ? " Headline outcomes only; the charts show every outcome." : "") << "</p>\n";
  return h.str();
}

std::string variance_reduction_html(const ReportData& data) {
  if (!data.variance_reduction) return "";
  const VarianceReduction& v = *data.variance_reduction;
  const OutcomeInfo* o = data.outcome(v.outcome);
  char ratio[32];
  std::snprintf(ratio, sizeof ratio, "%.1f", v.ratio);
  std::ostringstream h;
  h << "<p class=\"callout\">Common random numbers narrowed the 95% interval of " << html_escape(o ? o->label : v.outcome)
    << " in " << fmt_year(v.year) << " from " << fmt_value(v.independent_width) << " to " << fmt_value(v.paired_width)
    << " (" << ratio << "x), for the difference " << html_escape(data.policy_label(v.policy)) << " \u2212 "
    << html_escape(data.policy_label(data.reference))
    << ": the width of the 95% confidence interval of the mean difference when the policies share their futures, "
       "against the width had they been run on independent futures.</p>\n";
  return h.str();
}

std::string threshold_table_html(const ReportData& data) {
  if (data.thresholds.empty()) return "";
  const bool run = data.kind == ReportKind::kRun;
  // One group per (outcome, threshold).
  std::vector<const Threshold*> groups;
  for (const auto& t : data.thresholds) {
    const bool seen = std::any_of(groups.begin(), groups.end(),
                                  [&](const Threshold* g) { return g->outcome == t.outcome && g->label == t.label; });
    if (!seen) groups.push_back(&t);
  }
  auto find = [&](const std::string& policy, const Threshold* g) -> const Threshold* {
    for (const auto& t : data.thresholds)
      if (t.policy == policy && t.outcome == g->outcome && t.label == g->label) return &t;
    return nullptr;
  };
  std::ostringstream h;
  h << "<div class=\"table-wrap\">\n<table class=\"numbers stack\">\n<thead>\n<tr><th class=\"label\" scope=\"col\">"
       "Threshold</th><th class=\"label\" scope=\"col\">"
    << (run ? "Year" : "Policy") << "</th>";
  if (run) h << "<th scope=\"col\">P(in the year)</th><th scope=\"col\">P(by the year)</th>";
  else
    for (double y : data.report_years) h << "<th scope=\"col\">by " << fmt_year(y) << "</th>";
  h << "</tr>\n</thead>\n";
  for (const Threshold* g : groups) {
    const OutcomeInfo* o = data.outcome(g->outcome);
    // Rows: the report years (run) or the policies (compare); cells in one format per group.
    std::vector<std::vector<ShareCell>> rows;
    std::vector<std::string> row_names;
    if (run) {
      for (double year : data.report_years) {
        const std::size_t y = data.year_index(year);
        rows.push_back({share_cell(g->p_at[y], data.runs), share_cell(g->p_by[y], data.runs)});
        row_names.push_back(fmt_year(year));
      }
    } else {
      for (const auto& p : data.policies) {
        const Threshold* t = find(p.id, g);
        std::vector<ShareCell> cells;
        for (double year : data.report_years)
          cells.push_back(t ? share_cell(t->p_by[data.year_index(year)], data.runs) : ShareCell{std::nan(""), {}});
        rows.push_back(std::move(cells));
        row_names.push_back(swatch(data, p.id) + html_escape(p.label));
      }
    }
    std::vector<ShareCell> all;
    for (const auto& r : rows) all.insert(all.end(), r.begin(), r.end());
    const int decimals = share_decimals(all);
    h << "<tbody>\n";
    for (std::size_t r = 0; r < rows.size(); ++r) {
      h << "<tr>";
      if (r == 0)
        h << "<th class=\"label\" scope=\"rowgroup\" rowspan=\"" << rows.size() << "\">"
          << html_escape(o ? o->label : g->outcome) << "<span class=\"meta\">" << html_escape(g->label) << "</span></th>";
      h << "<td class=\"label\">" << row_names[r] << "</td>";
      for (std::size_t k = 0; k < rows[r].size(); ++k) {
        const std::string head = run ? (k == 0 ? "in the year" : "by the year") : "by " + fmt_year(data.report_years[k]);
        h << "<td data-label=\"" << head << "\">" << share_text(rows[r][k], decimals) << "</td>";
      }
      h << "</tr>\n";
    }
    h << "</tbody>\n";
  }
  h << "</table>\n</div>\n<p class=\"note\">";
  if (run)
    h << "P(in the year): share of runs past the threshold in that year. P(by the year): share past it in that year "
         "or any earlier one. ";
  else
    h << "Share of runs past the threshold in the year or any earlier one (first passage by the year), per policy. ";
  h << "[95% Wilson interval] over " << data.runs << " runs: never of zero width, so an event seen in no run "
       "still shows how often it could happen.</p>\n";
  return h.str();
}

std::string robustness_table_html(const ReportData& data) {
  if (data.regret.empty()) return "";
  std::ostringstream h;
  h << "<div class=\"table-wrap\">\n<table class=\"numbers\">\n<thead>\n<tr><th class=\"label\" scope=\"col\">Outcome</th>"
    << "<th scope=\"col\">Year</th><th class=\"label\" scope=\"col\">Policy</th><th scope=\"col\">Mean regret</th>"
    << "<th scope=\"col\">Rank</th><th scope=\"col\">90th-percentile regret</th><th scope=\"col\">Rank</th></tr>\n</thead>\n";
  for (const auto& r : data.regret) {
    const OutcomeInfo* o = data.outcome(r.outcome);
    std::vector<const RegretEntry*> rows;
    for (const auto& e : r.policies) rows.push_back(&e);
    std::stable_sort(rows.begin(), rows.end(), [&](const RegretEntry* a, const RegretEntry* b) {
      return data.policy_index(a->policy) < data.policy_index(b->policy);
    });
    // One number format per outcome and year, at the outcome's resolution:
    // a regret of 8.8e-06 on an index with a min effect of 0.01 reads 0.000.
    std::vector<double> values;
    for (const RegretEntry* e : rows) values.insert(values.end(), {e->mean, e->p90});
    const int decimals = effect_decimals(o->min_effect_or_zero(), values);
    h << "<tbody>\n";
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const RegretEntry& e = *rows[i];
      h << "<tr>";
      if (i == 0) {
        const std::string n = std::to_string(rows.size());
        h << "<th class=\"label\" scope=\"rowgroup\" rowspan=\"" << n << "\">" << outcome_cell(*o) << "</th><td rowspan=\""
          << n << "\">" << fmt_year(r.year) << "</td>";
      }
      auto rank = [](std::int64_t k) {
        return std::string(k == 1 ? "<td class=\"best\">" : "<td>") + std::to_string(k) + "</td>";
      };
      h << "<td class=\"label\">" << swatch(data, e.policy) << html_escape(data.policy_label(e.policy)) << "</td><td>"
        << html_numbers(format_fixed(e.mean, decimals)) << "</td>" << rank(e.rank_mean) << "<td>"
        << html_numbers(format_fixed(e.p90, decimals)) << "</td>" << rank(e.rank_p90) << "</tr>\n";
    }
    h << "</tbody>\n";
  }
  h << "</table>\n</div>\n<p class=\"note\">Regret of a policy in one run: how far its outcome falls short of the best "
       "policy's in that same run (0 for the best), in the outcome's unit. The mean says how a policy does on "
       "average, the 90th percentile how it does in its bad futures. Rank 1 is the smallest regret: the most robust "
       "choice by that measure.</p>\n";
  return h.str();
}

}  // namespace entente::analysis::report
