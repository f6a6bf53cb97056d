#include "analysis/report/html_tables.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "analysis/report/chart_style.hpp"
#include "analysis/report/html.hpp"

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

std::string interval_cell(const Bands& b, std::size_t y) {
  return fmt_value(b.p50[y]) + " <span class=\"interval\">[" + fmt_value(b.p05[y]) + ", " + fmt_value(b.p95[y]) +
         "]</span>";
}

const Difference* find_difference(const ReportData& data, const std::string& policy, const std::string& outcome) {
  for (const auto& d : data.differences)
    if (d.policy == policy && d.outcome == outcome && d.reference == data.reference) return &d;
  return nullptr;
}

std::vector<const PolicyInfo*> others(const ReportData& data) {
  std::vector<const PolicyInfo*> out;
  for (const auto& p : data.policies)
    if (p.id != data.reference) out.push_back(&p);
  return out;
}

}  // namespace

std::string policies_html(const ReportData& data) {
  std::ostringstream h;
  h << "<dl class=\"policies\">\n";
  for (const auto& p : data.policies) {
    h << "<dt>" << swatch(data, p.id) << "<span class=\"policy-id\">" << html_escape(p.id) << "</span>";
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
  const auto diffs = others(data);
  std::ostringstream h;
  h << "<div class=\"table-wrap\">\n<table class=\"numbers\">\n<thead>\n";
  if (compare) {
    h << "<tr><th rowspan=\"2\" class=\"label\" scope=\"col\">Outcome</th><th rowspan=\"2\" scope=\"col\">Year</th>"
      << "<th colspan=\"" << data.policies.size() << "\" scope=\"colgroup\" class=\"group\">Median [5th, 95th percentile]</th>";
    for (const auto* p : diffs)
      h << "<th colspan=\"2\" scope=\"colgroup\" class=\"group\">" << html_escape(p->id) << " \u2212 "
        << html_escape(data.reference) << "</th>";
    h << "</tr>\n<tr>";
    for (const auto& p : data.policies) h << "<th scope=\"col\">" << swatch(data, p.id) << html_escape(p.id) << "</th>";
    for (std::size_t i = 0; i < diffs.size(); ++i)
      h << "<th scope=\"col\">mean [95% CI]</th><th scope=\"col\">P(better)</th>";
    h << "</tr>\n";
  } else {
    h << "<tr><th class=\"label\" scope=\"col\">Outcome</th>";
    for (double y : data.report_years) h << "<th scope=\"col\">" << fmt_year(y) << "</th>";
    h << "</tr>\n";
  }
  h << "</thead>\n";
  for (const OutcomeInfo* o : outcomes) {
    h << "<tbody>\n";
    if (!compare) {
      const Bands& b = data.summaries.at(data.reference).at(o->id);
      h << "<tr><th class=\"label\" scope=\"row\">" << outcome_cell(*o) << "</th>";
      for (double y : data.report_years) h << "<td>" << interval_cell(b, data.year_index(y)) << "</td>";
      h << "</tr>\n</tbody>\n";
      continue;
    }
    for (std::size_t r = 0; r < data.report_years.size(); ++r) {
      const std::size_t y = data.year_index(data.report_years[r]);
      h << "<tr>";
      if (r == 0)
        h << "<th class=\"label\" scope=\"rowgroup\" rowspan=\"" << data.report_years.size() << "\">" << outcome_cell(*o)
          << "</th>";
      h << "<td>" << fmt_year(data.report_years[r]) << "</td>";
      for (const auto& p : data.policies) h << "<td>" << interval_cell(data.summaries.at(p.id).at(o->id), y) << "</td>";
      for (const auto* p : diffs) {
        const Difference* d = find_difference(data, p->id, o->id);
        if (!d) {
          h << "<td>\u2014</td><td>\u2014</td>";
          continue;
        }
        h << "<td>" << fmt_signed(d->mean[y]) << " <span class=\"interval\">[" << fmt_signed(d->ci95_lo[y]) << ", "
          << fmt_signed(d->ci95_hi[y]) << "]</span></td><td>" << fmt_percent(d->p_better[y]) << "</td>";
      }
      h << "</tr>\n";
    }
    h << "</tbody>\n";
  }
  h << "</table>\n</div>\n<p class=\"note\">";
  if (compare)
    h << "Median and [5th, 95th percentile] over " << data.runs << " runs per policy. Differences are paired: each "
      << "policy against " << html_escape(data.reference) << " run by run, on the same futures (common random "
      << "numbers). P(better) is the share of runs in which the policy does better than " << html_escape(data.reference)
      << "; \u2014 for outcomes without a direction.";
  else
    h << "Median and [5th, 95th percentile] over " << data.runs << " runs at the start, middle and end year.";
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
    << " (" << ratio << "x), for the difference " << html_escape(v.policy) << " \u2212 " << html_escape(data.reference)
    << ": the width of the 95% confidence interval of the mean difference when the policies share their futures, "
       "against the width had they been run on independent futures.</p>\n";
  return h.str();
}

std::string threshold_table_html(const ReportData& data) {
  if (data.thresholds.empty()) return "";
  const bool run = data.kind == ReportKind::kRun;
  // Rows: one group per (outcome, threshold), one row per report year.
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
  h << "<div class=\"table-wrap\">\n<table class=\"numbers\">\n<thead>\n<tr><th class=\"label\" scope=\"col\">Outcome</th>"
    << "<th class=\"label\" scope=\"col\">Threshold</th><th scope=\"col\">Year</th>";
  if (run) h << "<th scope=\"col\">P(in the year)</th><th scope=\"col\">P(by the year)</th>";
  else
    for (const auto& p : data.policies) h << "<th scope=\"col\">" << swatch(data, p.id) << html_escape(p.id) << "</th>";
  h << "</tr>\n</thead>\n";
  for (const Threshold* g : groups) {
    const OutcomeInfo* o = data.outcome(g->outcome);
    h << "<tbody>\n";
    for (std::size_t r = 0; r < data.report_years.size(); ++r) {
      const std::size_t y = data.year_index(data.report_years[r]);
      h << "<tr>";
      if (r == 0) {
        const std::string rows = std::to_string(data.report_years.size());
        h << "<th class=\"label\" scope=\"rowgroup\" rowspan=\"" << rows << "\">" << html_escape(o ? o->label : g->outcome)
          << "</th><td class=\"label\" rowspan=\"" << rows << "\">" << html_escape(g->label) << "</td>";
      }
      h << "<td>" << fmt_year(data.report_years[r]) << "</td>";
      auto cell = [&](double p, double se) {
        char points[32];
        std::snprintf(points, sizeof points, "%.1f", 100 * se);
        return fmt_percent(p, 1) + " <span class=\"interval\">\u00b1 " + (std::isfinite(se) ? points : "\u2014") +
               "</span>";
      };
      if (run) {
        h << "<td>" << cell(g->p_at[y], g->se_at[y]) << "</td><td>" << cell(g->p_by[y], g->se_by[y]) << "</td>";
      } else {
        for (const auto& p : data.policies) {
          const Threshold* t = find(p.id, g);
          h << "<td>" << (t ? cell(t->p_by[y], t->se_by[y]) : std::string("\u2014")) << "</td>";
        }
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
  h << "\u00b1 one standard error \u221a(p(1\u2212p)/runs), in percentage points.</p>\n";
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
      h << "<td class=\"label\">" << swatch(data, e.policy) << html_escape(e.policy) << "</td><td>" << fmt_value(e.mean)
        << "</td>" << rank(e.rank_mean) << "<td>" << fmt_value(e.p90) << "</td>" << rank(e.rank_p90) << "</tr>\n";
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
