// Numbers with their intervals in tables (docs/reports.md "How numbers are
// written"): one fixed number of decimals per column, chosen from the
// intervals' widths so that rounding never collapses an interval of nonzero
// width ("+0.004 [+0.004, +0.004]"), and never scientific notation.
#pragma once
#include <string>
#include <vector>

namespace entente::analysis {

struct Interval {
  double lo = 0, hi = 0;
};

inline constexpr int kMaxDecimals = 12;

// The decimals of one column: the fewest (0..kMaxDecimals) at which every
// interval of nonzero width has distinct ends, and at least one significant
// digit of its width. A column of zero-width intervals gets three
// significant digits of its largest magnitude. Not-finite ends are skipped.
int column_decimals(const std::vector<Interval>& intervals);

// The decimals of a column of values that are differences in an outcome's
// unit (regret, a policy's shortfall against the best): one digit finer than
// the outcome's min effect when it has one (0.01 -> 3 decimals, so 8.8e-06
// reads 0.000: below anything that matters), else three significant digits of
// the largest magnitude (column_decimals of zero-width intervals).
int effect_decimals(double min_effect, const std::vector<double>& values);

// `v` with exactly `decimals` decimals, ASCII '-', never "-0.00"; "NaN" text
// is never produced: not-finite values give "-" (the tables' missing mark).
std::string format_fixed(double v, int decimals);
// The same with a sign: "+0.031", "-0.031"; a value that rounds to zero has none.
std::string format_fixed_signed(double v, int decimals);

}  // namespace entente::analysis
