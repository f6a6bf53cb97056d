// Number formatting for outputs: the shortest text that reads back to the
// same double (std::to_chars), so CSV and JSON round-trip exactly and are
// byte-identical whenever the numbers are.
#pragma once
#include <string>

namespace entente::analysis {

std::string format_number(double v);
// Compact form for terminal tables: 3-4 significant digits, no exponent for
// everyday magnitudes.
std::string format_short(double v);
// A probability with three decimals ("0.274", "1.000"), and its standard
// error with one significant digit ("0.005", "0.0003").
std::string format_probability(double p);
std::string format_standard_error(double se);

}  // namespace entente::analysis
