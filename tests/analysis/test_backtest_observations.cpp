// The observed-history CSV: quoted fields, and every problem reported at
// once with file:line:column and an exact message.
#include <catch2/catch.hpp>

#include "analysis/backtest/observations.hpp"
#include "sim/io/diagnostics.hpp"
#include "support/fixtures.hpp"

using namespace entente;
using namespace entente::analysis;

namespace {

std::vector<std::string> messages(const std::string& text) {
  try {
    parse_observations(text, "h.csv");
  } catch (const ScenarioError& e) {
    std::vector<std::string> out;
    for (const auto& d : e.diagnostics()) out.push_back(d.format());
    return out;
  }
  return {};
}

}  // namespace

TEST_CASE("an observed history with quoted fields reads back", "[backtest][observed]") {
  const auto d = parse_observations(
      "year,series,value,unit,source\r\n"
      "2000,gdp_a,100,USD bn,\"WDI, 2023 \"\"edition\"\"\"\r\n"
      "\n"
      "2001,gdp_a,1.5e2,USD bn,x\n",
      "h.csv");
  REQUIRE(d.rows.size() == 2);
  CHECK(d.rows[0].source == "WDI, 2023 \"edition\"");
  CHECK(d.rows[0].unit == "USD bn");
  CHECK(d.rows[1].value == 150.0);
  CHECK(d.rows[1].line == 4);
  CHECK(d.series() == std::vector<std::string>{"gdp_a"});
  // Columns in another order, unit and source left out.
  const auto e = parse_observations("value,year,series\n3,2005,x\n", "h.csv");
  REQUIRE(e.rows.size() == 1);
  CHECK(e.rows[0].year == 2005);
  CHECK(e.rows[0].value == 3.0);
}

TEST_CASE("the project history file reads without errors", "[backtest][observed]") {
  const auto d = read_observations(test::source_path("scenarios/data/history_2000_2021.csv"));
  CHECK(d.rows.size() > 200);
  CHECK(d.series().size() > 10);
}

TEST_CASE("observed history errors are exact and all reported at once", "[backtest][observed]") {
  const std::string path = test::source_path("tests/analysis/fixtures/backtest/history_errors.csv");
  std::vector<std::string> got;
  try {
    read_observations(path);
  } catch (const ScenarioError& e) {
    for (const auto& d : e.diagnostics()) got.push_back(d.format());
  }
  const std::vector<std::string> want = {
      path + ":3:1: error: year must be a whole number between 1 and 9999, got '20x1'",
      path + ":4:12: error: value must be a finite number, got 'abc'",
      path + ":5:6: error: the series name is empty",
      path + ":6:1: error: a second observation of 'gdp_a' in 2000 (the first is on line 2)",
      path + ":7:1: error: expected 5 fields as in the header, got 4",
      path + ":8:23: error: unterminated quoted field (a field that starts with \" must end with \")",
      path + ":9:12: error: value must be a finite number, got 'inf'",
  };
  CHECK(got == want);
}

TEST_CASE("observed history header errors", "[backtest][observed]") {
  CHECK(messages("") == std::vector<std::string>{
                           "h.csv: error: the file is empty; an observed history starts with the header "
                           "year,series,value,unit,source"});
  CHECK(messages("year,series,vaule,unit\n2000,a,1,x\n") ==
        std::vector<std::string>{"h.csv:1:1: error: missing column 'value'; the header must name year, series and "
                                 "value (unit and source are optional)",
                                 "h.csv:1:13: error: unknown column 'vaule' (did you mean 'value'?); the columns "
                                 "are year, series, value, unit, source, sd, low, high"});
  CHECK(messages("year,series,value,year\n") ==
        std::vector<std::string>{"h.csv:1:19: error: column 'year' appears twice"});
  CHECK(messages("year,series,value\n") ==
        std::vector<std::string>{"h.csv:1:1: error: no observations after the header"});
  CHECK(messages("year,series,value\n2000,a,\"1\"x\n") ==
        std::vector<std::string>{"h.csv:2:11: error: unexpected text after a closing quote; write a quote inside a "
                                 "quoted field as \"\""});
  CHECK(messages("year,series,value\n2000.5,a,1\n-3,a,1\n") ==
        std::vector<std::string>{"h.csv:2:1: error: year must be a whole number between 1 and 9999, got '2000.5'",
                                 "h.csv:3:1: error: year must be a whole number between 1 and 9999, got '-3'"});
  std::vector<std::string> missing;
  try {
    read_observations("/nonexistent/history.csv");
  } catch (const ScenarioError& e) {
    for (const auto& d : e.diagnostics()) missing.push_back(d.format());
  }
  CHECK(missing == std::vector<std::string>{"/nonexistent/history.csv: error: cannot read the observed history file (cannot open file: No such file or directory)"});
}

TEST_CASE("observation error from an sd column or a low/high 90% interval", "[backtest][observed]") {
  const auto d = parse_observations("year,series,value,sd\n2000,a,100,5\n2001,a,110,\n", "h.csv");
  REQUIRE(d.rows.size() == 2);
  REQUIRE(d.rows[0].sd.has_value());
  CHECK(*d.rows[0].sd == 5.0);
  CHECK_FALSE(d.rows[1].sd.has_value());  // empty: the default relative error applies
  const auto e = parse_observations("year,series,value,low,high\n2000,a,100,90,110\n2001,a,5,,\n", "h.csv");
  REQUIRE(e.rows[0].sd.has_value());
  CHECK(*e.rows[0].sd == Approx(20.0 / (2 * 1.6448536269514722)));
  CHECK_FALSE(e.rows[1].sd.has_value());
  CHECK(messages("year,series,value,sd\n2000,a,100,0\n2001,a,100,-1\n2002,a,100,x\n") ==
        std::vector<std::string>{"h.csv:2:12: error: sd must be greater than 0, got '0'",
                                 "h.csv:3:12: error: sd must be greater than 0, got '-1'",
                                 "h.csv:4:12: error: sd must be a finite number or empty, got 'x'"});
  CHECK(messages("year,series,value,sd,low,high\n2000,a,1,1,0,2\n") ==
        std::vector<std::string>{"h.csv:1:19: error: give the observation error as 'sd' or as 'low' and 'high', not both"});
  CHECK(messages("year,series,value,low\n2000,a,1,0\n") ==
        std::vector<std::string>{"h.csv:1:19: error: 'low' and 'high' come together (a 90% interval around the value)"});
  CHECK(messages("year,series,value,low,high\n2000,a,100,101,120\n2001,a,100,90,\n") ==
        std::vector<std::string>{"h.csv:2:12: error: the interval [101, 120] must hold the value 100 and have low < high",
                                 "h.csv:3:15: error: 'low' and 'high' are both given or both empty"});
}
