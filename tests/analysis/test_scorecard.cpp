// The verdict rule (analysis/compare/verdict.hpp), the number formats of the
// tables (analysis/writers/interval_format.hpp) and the Wilson interval
// (analysis/stats/proportion_interval.hpp) behind the report's scorecard.
#include <catch2/catch.hpp>
#include <random>
#include <string>

#include "analysis/compare/verdict.hpp"
#include "analysis/report/scorecard.hpp"
#include "analysis/stats/proportion_interval.hpp"
#include "analysis/writers/interval_format.hpp"

using namespace entente;
using namespace entente::analysis;

TEST_CASE("verdicts from the interval and min_effect", "[verdict]") {
  const auto up = Direction::kHigherIsBetter, down = Direction::kLowerIsBetter, none = Direction::kNeutral;
  // Identical policies: a zero-width interval at 0 is no practical difference, with or without min_effect.
  CHECK(judge(up, 0, 0, 0, 0) == Verdict::kNoPracticalDifference);
  CHECK(judge(down, 0, 0, 0, 0.01) == Verdict::kNoPracticalDifference);
  // A trivial but certain effect (the issue's +4.73e-05 [+4.41e-05, +5.05e-05]) is not decisive.
  CHECK(judge(up, 4.73e-05, 4.41e-05, 5.05e-05, 0.001) == Verdict::kNoPracticalDifference);
  // Without min_effect every resolved difference counts.
  CHECK(judge(up, 4.73e-05, 4.41e-05, 5.05e-05, 0) == Verdict::kBetter);
  CHECK(judge(up, 0.05, 0.04, 0.06, 0.01) == Verdict::kBetter);
  CHECK(judge(down, 0.05, 0.04, 0.06, 0.01) == Verdict::kWorse);
  CHECK(judge(down, -0.05, -0.06, -0.04, 0.01) == Verdict::kBetter);
  CHECK(judge(none, -0.05, -0.06, -0.04, 0.01) == Verdict::kLower);
  CHECK(judge(none, 0.05, 0.04, 0.06, 0.01) == Verdict::kHigher);
  // The interval reaches past min_effect but includes 0, or excludes 0 with a mean below min_effect: unclear.
  CHECK(judge(up, 0.005, -0.02, 0.03, 0.01) == Verdict::kUnclear);
  CHECK(judge(up, 0.008, 0.002, 0.014, 0.01) == Verdict::kUnclear);
  CHECK(judge(up, std::nan(""), 0, 1, 0) == Verdict::kUnclear);
  CHECK(verdict_text(Verdict::kNoPracticalDifference) == "no practical difference");
}

TEST_CASE("an interval of nonzero width never collapses under its column's format", "[format]") {
  // The "+0.004 [+0.004, +0.004]".
  const int d = column_decimals({{0.0041, 0.0044}});
  CHECK(format_fixed_signed(0.0041, d) != format_fixed_signed(0.0044, d));
  CHECK(format_fixed_signed(0.0042, d) == "+0.0042");
  // No scientific notation, ever; no "-0".
  CHECK(format_fixed_signed(4.73e-05, column_decimals({{4.41e-05, 5.05e-05}})) == "+0.000047");
  CHECK(format_fixed(-0.0001, 2) == "0.00");
  CHECK(format_fixed_signed(-0.0001, 2) == "0.00");
  CHECK(format_fixed(std::nan(""), 2) == "-");
  // Random columns: every interval of the column keeps distinct ends in the column's one format.
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> exponent(-9, 5), unit(0, 1);
  for (int trial = 0; trial < 2000; ++trial) {
    std::vector<Interval> column;
    for (int r = 0; r < 7; ++r) {
      const double scale = std::pow(10.0, exponent(rng));
      const double lo = (unit(rng) - 0.5) * scale * 10, width = scale * (0.01 + unit(rng));
      column.push_back({lo, lo + width});
    }
    const int dec = column_decimals(column);
    for (const auto& iv : column) {
      INFO(iv.lo << " " << iv.hi << " decimals " << dec);
      CHECK(format_fixed(iv.lo, dec) != format_fixed(iv.hi, dec));
      CHECK(format_fixed(iv.lo, dec).find('e') == std::string::npos);
    }
  }
  // A column of exact values (zero width) shows three significant digits of its largest.
  CHECK(column_decimals({{0.0123, 0.0123}, {0.5, 0.5}}) == 3);
  CHECK(column_decimals({{1234, 1234}}) == 0);
}

TEST_CASE("one format per scorecard column, within min_effect shows no numbers", "[format][verdict]") {
  using namespace entente::analysis::report;
  ReportData data;
  data.kind = ReportKind::kCompare;
  data.years = {2030, 2035};
  data.report_years = {2035};
  data.reference = "a";
  data.policies = {{"a", "Policy A", "", ""}, {"b", "Policy B", "", ""}, {"c", "Policy C", "", ""},
                   {"d", "Policy D", "", ""}};
  OutcomeInfo o;
  o.id = "x";
  o.label = "X";
  o.direction = "higher_is_better";
  o.headline = true;
  o.min_effect = 0.01;
  data.outcomes = {o};
  auto diff = [&](const std::string& p, double mean, double lo, double hi) {
    Difference d;
    d.policy = p;
    d.reference = "a";
    d.outcome = "x";
    d.mean = {0, mean};
    d.ci95_lo = {0, lo};
    d.ci95_hi = {0, hi};
    d.p_better = {0, 0.6};
    d.p_worse = {0, 0.1};
    d.p_no_practical_difference = {0, 0.3};
    return d;
  };
  data.differences = {diff("b", 0.193, 0.18, 0.206), diff("c", -0.0428, -0.0436, -0.0420),
                      diff("d", 0.00002, -0.0001, 0.0001)};
  const auto blocks = build_scorecard(data);
  REQUIRE(blocks.size() == 1);
  const auto& b = blocks[0];
  REQUIRE(b.rows.size() == 3);
  CHECK(b.rows[0].policy->label == "Policy B");
  // One format for the column: three decimals, set by the narrowest interval shown (0.0016 wide).
  CHECK(b.decimals[0] == 3);
  CHECK(difference_text(b, 0, b.rows[0].cells[0]) == "+0.193 [+0.180, +0.206]");
  CHECK(difference_text(b, 0, b.rows[1].cells[0]) == "-0.043 [-0.044, -0.042]");
  CHECK(b.rows[0].cells[0].verdict == Verdict::kBetter);
  CHECK(b.rows[1].cells[0].verdict == Verdict::kWorse);
  CHECK(b.rows[2].cells[0].verdict == Verdict::kNoPracticalDifference);
  CHECK(difference_text(b, 0, b.rows[2].cells[0]) == "within \u00b10.01");
  CHECK(shares_text(b, 0, b.rows[0].cells[0]) == "60 / 30 / 10%");
}

TEST_CASE("regret-like differences print at the outcome's resolution, never in exponent form", "[format]") {
  // Cohesion's min effect 0.01: one digit finer; a regret of 8.8e-06 is 0.000.
  CHECK(effect_decimals(0.01, {8.8e-06, 3.72e-08}) == 3);
  CHECK(format_fixed(8.8e-06, effect_decimals(0.01, {8.8e-06})) == "0.000");
  CHECK(effect_decimals(0.005, {}) == 4);
  CHECK(effect_decimals(5, {12.0}) == 1);   // resolves 0.5, a tenth of the min effect
  CHECK(effect_decimals(50, {12.0}) == 0);
  // Without a min effect: three significant digits of the largest value.
  CHECK(format_fixed(0.0123, effect_decimals(0, {0.0123, 0.0005})) == "0.0123");
  CHECK(format_fixed(0.0005, effect_decimals(0, {0.0123, 0.0005})) == "0.0005");
  CHECK(format_fixed(81.4, effect_decimals(0, {81.4, 2.0})) == "81.4");
}

TEST_CASE("the Wilson interval of a rare event has width", "[format]") {
  const auto none = wilson_interval(0, 2000);
  CHECK(none.lo == 0);
  CHECK(none.hi == Approx(0.00192).epsilon(0.01));
  const auto all = wilson_interval(2000, 2000);
  CHECK(all.hi == 1);
  CHECK(all.lo == Approx(1 - 0.00192).epsilon(0.0001));
  const auto half = wilson_interval(500, 1000);
  CHECK(half.lo == Approx(0.469).epsilon(0.001));
  CHECK(half.hi == Approx(0.531).epsilon(0.001));
  CHECK(wilson_interval(0, 0).lo == 0);
  CHECK(wilson_interval(0, 0).hi == 1);
}
