// The verdict of a paired difference policy − reference for one outcome and
// year, from its 95% confidence interval and the outcome's min_effect (the
// smallest change that matters, docs/reports.md "Verdicts"). One rule, used
// by the report's scorecard and the terminal table alike.
#pragma once
#include <string>
#include <string_view>

#include "sim/scenario/spec.hpp"

namespace entente::analysis {

enum class Verdict {
  kBetter,                 // the interval excludes 0 and the mean improves by more than min_effect
  kWorse,                  // the same, the other way
  kNoPracticalDifference,  // the whole interval lies within ±min_effect
  kUnclear,                // none of these: more runs would tell
  kHigher,                 // neutral outcome: as better, without a direction
  kLower,
};

// mean, ci_lo, ci_hi: the mean difference policy − reference and its 95%
// interval, in the outcome's unit; min_effect >= 0. Not-finite input: kUnclear.
Verdict judge(Direction direction, double mean, double ci_lo, double ci_hi, double min_effect);

// A verdict's difference as table text, ASCII '-': "+0.031 [+0.027, +0.035]"
// in `decimals`; "within ±m" for no practical difference with min_effect m > 0
// (the numbers are below what matters, and printing them would need digits
// that look decisive); "0 in every run" for a zero-width zero interval.
std::string difference_text(Verdict v, double mean, double ci_lo, double ci_hi, double min_effect, int decimals);
// True when difference_text shows no numbers: such rows do not set a column's decimals.
bool shows_within(Verdict v, double min_effect);

// "better", "worse", "no practical difference", "unclear", "higher", "lower".
std::string_view verdict_text(Verdict v);
// One ASCII character for narrow tables: + - = ? ^ v.
char verdict_mark(Verdict v);

}  // namespace entente::analysis
