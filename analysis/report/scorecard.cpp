#include "analysis/report/scorecard.hpp"

#include <cmath>

#include "analysis/writers/interval_format.hpp"
#include "analysis/writers/number_format.hpp"

namespace entente::analysis::report {

namespace {

const Difference* find_difference(const ReportData& data, const std::string& policy, const std::string& outcome) {
  for (const auto& d : data.differences)
    if (d.policy == policy && d.outcome == outcome && d.reference == data.reference) return &d;
  return nullptr;
}

double at(const std::vector<double>& v, std::size_t i) { return i < v.size() ? v[i] : std::nan(""); }

ScoreCell make_cell(const OutcomeInfo& o, const Difference* d, std::size_t y) {
  ScoreCell c;
  if (!d) return c;
  c.available = true;
  c.mean = at(d->mean, y);
  c.lo = at(d->ci95_lo, y);
  c.hi = at(d->ci95_hi, y);
  const double m = o.min_effect_or_zero();
  c.verdict = judge(direction_from_name(o.direction), c.mean, c.lo, c.hi, m);
  c.within_min_effect = shows_within(c.verdict, m);
  c.p_better = at(d->p_better, y);
  c.p_worse = at(d->p_worse, y);
  c.p_none = at(d->p_no_practical_difference, y);
  return c;
}

// Shares shown in a cell, in percent (NaN skipped by column_decimals).
std::vector<double> shares_of(const ScoreCell& c) { return {100 * c.p_better, 100 * c.p_none, 100 * c.p_worse}; }

}  // namespace

Direction direction_from_name(const std::string& name) {
  if (name == "lower_is_better") return Direction::kLowerIsBetter;
  if (name == "higher_is_better") return Direction::kHigherIsBetter;
  return Direction::kNeutral;
}

std::vector<ScoreBlock> build_scorecard(const ReportData& data) {
  std::vector<ScoreBlock> blocks;
  if (data.kind != ReportKind::kCompare) return blocks;
  for (const OutcomeInfo* o : data.headline_outcomes()) {
    ScoreBlock b;
    b.outcome = o;
    b.years = data.report_years;
    for (const auto& p : data.policies) {
      if (p.id == data.reference) continue;
      ScoreRow row;
      row.policy = &p;
      const Difference* d = find_difference(data, p.id, o->id);
      for (double year : b.years) row.cells.push_back(make_cell(*o, d, data.year_index(year)));
      b.rows.push_back(std::move(row));
    }
    for (std::size_t y = 0; y < b.years.size(); ++y) {
      // Rows that show numbers decide the column's format; "within ±m" rows show none.
      std::vector<Interval> intervals;
      int percent = 0;
      for (const auto& row : b.rows) {
        const ScoreCell& c = row.cells[y];
        if (!c.available) continue;
        if (!c.within_min_effect) intervals.push_back({c.lo, c.hi});
        // A share strictly between 0 and 1% (or 99 and 100%) needs a decimal,
        // else it would read as "never" ("always"); then the whole column has one.
        for (double s : shares_of(c))
          if ((s > 0 && s < 1) || (s > 99 && s < 100)) percent = 1;
      }
      b.decimals.push_back(column_decimals(intervals));
      b.percent_decimals.push_back(percent);
    }
    blocks.push_back(std::move(b));
  }
  return blocks;
}

std::string min_effect_text(const OutcomeInfo& o) {
  return o.min_effect ? format_number(*o.min_effect) : std::string("0 (not set)");
}

std::string mean_text(const ScoreBlock& block, std::size_t year, const ScoreCell& cell) {
  if (!cell.available) return "-";
  if (cell.within_min_effect) return "\u00b1" + format_number(block.outcome->min_effect_or_zero());
  return format_fixed_signed(cell.mean, block.decimals[year]);
}

std::string difference_text(const ScoreBlock& block, std::size_t year, const ScoreCell& cell) {
  if (!cell.available) return "-";
  return analysis::difference_text(cell.verdict, cell.mean, cell.lo, cell.hi, block.outcome->min_effect_or_zero(),
                                   block.decimals[year]);
}

std::string shares_text(const ScoreBlock& block, std::size_t year, const ScoreCell& cell) {
  if (!cell.available || !std::isfinite(cell.p_none)) return "-";
  const int d = block.percent_decimals[year];
  if (!std::isfinite(cell.p_better) || !std::isfinite(cell.p_worse))
    return "within: " + format_fixed(100 * cell.p_none, d) + "%";
  return format_fixed(100 * cell.p_better, d) + " / " + format_fixed(100 * cell.p_none, d) + " / " +
         format_fixed(100 * cell.p_worse, d) + "%";
}

}  // namespace entente::analysis::report
