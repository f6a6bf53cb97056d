// The scorecard of a comparison (docs/reports.md "The answer at a glance"):
// for each headline outcome, report year and policy, the mean difference from
// the reference with its 95% interval, the shares of runs better / within
// min_effect / worse, and the verdict (analysis/compare/verdict.hpp). Also
// decides how each column's numbers are written, so that the HTML tables and
// any other view print the same text.
#pragma once
#include <string>
#include <vector>

#include "analysis/compare/verdict.hpp"
#include "analysis/report/report_data.hpp"

namespace entente::analysis::report {

Direction direction_from_name(const std::string& name);

struct ScoreCell {
  Verdict verdict = Verdict::kUnclear;
  double mean = 0, lo = 0, hi = 0;                 // difference policy − reference, 95% CI
  double p_better = 0, p_none = 0, p_worse = 0;    // NaN where unknown (neutral outcome, older files)
  bool within_min_effect = false;  // no practical difference with min_effect > 0: "within ±m" replaces numbers
  bool available = false;          // false: compare.json had no such difference
};

struct ScoreRow {
  const PolicyInfo* policy = nullptr;
  std::vector<ScoreCell> cells;  // one per report year
};

struct ScoreBlock {
  const OutcomeInfo* outcome = nullptr;
  std::vector<double> years;      // the report years
  std::vector<ScoreRow> rows;     // the policies other than the reference, in order
  std::vector<int> decimals;      // per year: one format for the column of differences
  std::vector<int> percent_decimals;  // per year: for the column of shares (in percent)
};

std::vector<ScoreBlock> build_scorecard(const ReportData& data);

// Cell text, ASCII '-' (the HTML turns it into U+2212): "+0.031 [+0.027, +0.035]",
// "within ±0.01", "0 in every run", or "-" when unavailable.
std::string difference_text(const ScoreBlock& block, std::size_t year, const ScoreCell& cell);
// The signed mean alone, in the column's format (for the at-a-glance matrix).
std::string mean_text(const ScoreBlock& block, std::size_t year, const ScoreCell& cell);
// "62 / 30 / 8%" (better / no practical difference / worse), the column's decimals;
// for a neutral outcome "within: 30%"; "-" when unknown.
std::string shares_text(const ScoreBlock& block, std::size_t year, const ScoreCell& cell);
// The outcome's min_effect as written in the scenario ("0.01"), "0 (not set)" when absent.
std::string min_effect_text(const OutcomeInfo& o);

}  // namespace entente::analysis::report
