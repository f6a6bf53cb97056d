#include "analysis/writers/interval_format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace entente::analysis {

namespace {

bool rounds_to_zero(const std::string& s) { return s.find_first_of("123456789") == std::string::npos; }

// Fewest decimals that keep lo and hi apart, starting from one significant
// digit of the width (the log10 estimate can be off by one near powers of ten).
int decimals_for(const Interval& iv) {
  const double width = iv.hi - iv.lo;
  int d = std::clamp(static_cast<int>(std::floor(-std::log10(width))) + 1, 0, kMaxDecimals);
  while (d < kMaxDecimals && format_fixed(iv.lo, d) == format_fixed(iv.hi, d)) ++d;
  return d;
}

}  // namespace

std::string format_fixed(double v, int decimals) {
  if (!std::isfinite(v)) return "-";
  decimals = std::clamp(decimals, 0, kMaxDecimals);
  char buf[400];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string s = buf;
  if (s[0] == '-' && rounds_to_zero(s)) s.erase(0, 1);
  return s;
}

std::string format_fixed_signed(double v, int decimals) {
  std::string s = format_fixed(v, decimals);
  if (s != "-" && s[0] != '-' && !rounds_to_zero(s)) s.insert(0, "+");
  return s;
}

int column_decimals(const std::vector<Interval>& intervals) {
  int d = -1;
  double largest = 0;
  for (const Interval& iv : intervals) {
    if (!std::isfinite(iv.lo) || !std::isfinite(iv.hi)) continue;
    largest = std::max({largest, std::fabs(iv.lo), std::fabs(iv.hi)});
    if (iv.hi > iv.lo) d = std::max(d, decimals_for(iv));
  }
  if (d >= 0) return d;
  if (largest == 0) return 0;
  return std::clamp(2 - static_cast<int>(std::floor(std::log10(largest))), 0, kMaxDecimals);
}

int effect_decimals(double min_effect, const std::vector<double>& values) {
  if (std::isfinite(min_effect) && min_effect > 0) {
    const int d = static_cast<int>(std::ceil(-std::log10(min_effect))) + 1;
    return std::clamp(d, 0, kMaxDecimals);
  }
  std::vector<Interval> points;
  for (double v : values) points.push_back({v, v});
  return column_decimals(points);
}

}  // namespace entente::analysis
