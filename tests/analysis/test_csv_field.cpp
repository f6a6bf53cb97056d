// The one CSV quoting rule (analysis/writers/csv_field.hpp, RFC 4180) and the
// writers that must use it for every text field.
#include <catch2/catch.hpp>
#include <string>

#include "analysis/design/design_csv.hpp"
#include "analysis/writers/csv_field.hpp"

using namespace entente::analysis;

TEST_CASE("csv_field quotes a field with a comma, quote, line feed or carriage return", "[csv]") {
  CHECK(csv_field("plain_id") == "plain_id");
  CHECK(csv_field("") == "");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"no\"") == "\"say \"\"no\"\"\"");
  CHECK(csv_field("two\nlines") == "\"two\nlines\"");
  CHECK(csv_field("cr\rhere") == "\"cr\rhere\"");
  // All three at once: one pair of enclosing quotes, inner quotes doubled.
  CHECK(csv_field("Label, \"quoted\"\nnext") == "\"Label, \"\"quoted\"\"\nnext\"");
}

TEST_CASE("design_csv quotes a column name that needs it", "[csv]") {
  // Names from a params file are user text: a comma in one must not shift
  // every column after it.
  Design d;
  d.names = {"x", "a,\"b\"\nc"};
  d.x = {{1, 2}};
  CHECK(design_csv(d) == "x,\"a,\"\"b\"\"\nc\"\n1,2\n");
}
