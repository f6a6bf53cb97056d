// The verdict of a paired difference policy − reference for one outcome and
// year, from its 95% confidence interval and the outcome's min_effect (the
// smallest change that matters, docs/reports.md "Verdicts"). One rule, used
// by the report's scorecard and the terminal table alike.
#pragma once
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

// "better", "worse", "no practical difference", "unclear", "higher", "lower".
std::string_view verdict_text(Verdict v);
// One ASCII character for narrow tables: + - = ? ^ v.
char verdict_mark(Verdict v);

}  // namespace entente::analysis
