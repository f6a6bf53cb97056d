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
// A change of a quantity whose level is `level`, signed, at the resolution
// format_short prints the level with ("+0.076" for a change of an index near
// 0.8, "+81" for a GDP of 1,843), so one column never mixes "+0.193",
// "-2.15e-05" and "-0.000428". A change too small to show at that resolution
// reads "0.000"; exactly 0 reads "0"; levels format_short prints in exponent
// form (below 1e-3 or from 1e6) give the change in format_short's form, signed.
std::string format_change(double change, double level);
// A probability with three decimals ("0.274", "1.000"), and its standard
// error with one significant digit ("0.005", "0.0003").
std::string format_probability(double p);
std::string format_standard_error(double se);

}  // namespace entente::analysis
