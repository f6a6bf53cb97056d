// Terminal number formats (analysis/writers/number_format.hpp).
#include <catch2/catch.hpp>

#include "analysis/writers/number_format.hpp"

using entente::analysis::format_change;

TEST_CASE("format_change prints a change at the resolution of its level", "[format]") {
  // An index near 0.8: three decimals, never an exponent.
  CHECK(format_change(0.0761, 0.81) == "+0.076");
  CHECK(format_change(-0.000428, 0.81) == "0.000");
  CHECK(format_change(-0.0006, 0.81) == "-0.001");
  CHECK(format_change(7.34e-05, 0.811) == "0.000");
  CHECK(format_change(-2.15e-05, 0.55) == "0.000");
  CHECK(format_change(0, 0.5) == "0");
  // Money in the thousands: whole units; tens: one decimal; units: two.
  CHECK(format_change(81.4, 1924) == "+81");
  CHECK(format_change(-1.38, 2.97) == "-1.38");
  CHECK(format_change(9.26, 42.0) == "+9.3");
  // A level printed in exponent form keeps the change's own significant digits.
  CHECK(format_change(2e-05, 4e-05) == "+2e-05");
  CHECK(format_change(-3.5e6, 2e7) == "-3.5e+06");
}
