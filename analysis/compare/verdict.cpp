#include "analysis/compare/verdict.hpp"

#include <cmath>

#include "analysis/compare/paired_comparison.hpp"
#include "analysis/writers/interval_format.hpp"
#include "analysis/writers/number_format.hpp"

namespace entente::analysis {

Verdict judge(Direction direction, double mean, double ci_lo, double ci_hi, double min_effect) {
  if (!std::isfinite(mean) || !std::isfinite(ci_lo) || !std::isfinite(ci_hi) || !std::isfinite(min_effect))
    return Verdict::kUnclear;
  // On the improvement scale (higher is better; a neutral outcome reads "higher").
  double g = improvement(direction, mean), lo = improvement(direction, ci_lo), hi = improvement(direction, ci_hi);
  if (lo > hi) std::swap(lo, hi);
  const double m = min_effect < 0 ? 0 : min_effect;
  const bool neutral = direction == Direction::kNeutral;
  // Equivalence first: an interval inside ±min_effect rules out any change
  // that matters, even where it excludes 0 (a trivial but certain effect).
  if (lo >= -m && hi <= m) return Verdict::kNoPracticalDifference;
  if (lo > 0 && g > m) return neutral ? Verdict::kHigher : Verdict::kBetter;
  if (hi < 0 && g < -m) return neutral ? Verdict::kLower : Verdict::kWorse;
  return Verdict::kUnclear;
}

bool shows_within(Verdict v, double min_effect) { return v == Verdict::kNoPracticalDifference && min_effect > 0; }

std::string difference_text(Verdict v, double mean, double ci_lo, double ci_hi, double min_effect, int decimals) {
  if (shows_within(v, min_effect)) return "within \u00b1" + format_number(min_effect);
  if (mean == 0 && ci_lo == 0 && ci_hi == 0) return "0 in every run";
  return format_fixed_signed(mean, decimals) + " [" + format_fixed_signed(ci_lo, decimals) + ", " +
         format_fixed_signed(ci_hi, decimals) + "]";
}

std::string_view verdict_text(Verdict v) {
  switch (v) {
    case Verdict::kBetter: return "better";
    case Verdict::kWorse: return "worse";
    case Verdict::kNoPracticalDifference: return "no practical difference";
    case Verdict::kUnclear: return "unclear";
    case Verdict::kHigher: return "higher";
    case Verdict::kLower: return "lower";
  }
  return "unclear";
}

char verdict_mark(Verdict v) {
  switch (v) {
    case Verdict::kBetter: return '+';
    case Verdict::kWorse: return '-';
    case Verdict::kNoPracticalDifference: return '=';
    case Verdict::kUnclear: return '?';
    case Verdict::kHigher: return '^';
    case Verdict::kLower: return 'v';
  }
  return '?';
}

}  // namespace entente::analysis
