#include "analysis/writers/number_format.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace entente::analysis {

std::string format_number(double v) {
  if (v == 0) return "0";  // folds -0 into 0
  char buf[64];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, p) : std::string("nan");
}

std::string format_short(double v) {
  char buf[64];
  const double a = std::fabs(v);
  if (v == 0) return "0";
  if (a >= 1e6 || a < 1e-3) std::snprintf(buf, sizeof buf, "%.3g", v);
  else if (a >= 100) std::snprintf(buf, sizeof buf, "%.0f", v);
  else if (a >= 10) std::snprintf(buf, sizeof buf, "%.1f", v);
  else if (a >= 1) std::snprintf(buf, sizeof buf, "%.2f", v);
  else std::snprintf(buf, sizeof buf, "%.3f", v);
  return buf;
}

std::string format_change(double change, double level) {
  if (change == 0) return "0";
  const double a = std::fabs(level);
  if (a >= 1e6 || a < 1e-3) return (change > 0 ? "+" : "") + format_short(change);
  const int decimals = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%+.*f", decimals, change);
  std::string text = buf;
  if (text.find_first_of("123456789") == std::string::npos) text.erase(0, 1);  // "+0.000" -> "0.000"
  return text;
}

std::string format_probability(double p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", p);
  return buf;
}

std::string format_standard_error(double se) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1g", se);
  return buf;
}

}  // namespace entente::analysis
