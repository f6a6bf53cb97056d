// Observed history for `entente backtest` and `entente calibrate`: a CSV
// with the header year,series,value,unit,source (docs/outputs.md, "Observed
// history"). Fields follow RFC 4180: a field in double quotes may hold commas
// and doubled quotes (""). Columns may come in any order; year, series and
// value are required, unit and source optional. Every problem of the file is
// reported at once as a ScenarioError with file:line:column (exit code 2):
// a missing or unknown column, a wrong field count, an unterminated quote, a
// year that is not a whole number, a value that is not a finite number, an
// empty series name, the same series and year twice.
//
// Observation error (optional): a column `sd` (the standard deviation of the
// observation's error, > 0) or the two columns `low` and `high` (a 90%
// interval around the value: sd = (high − low) / (2 × 1.6449)). An empty
// field means "no stated error" for that row: the conditioning then uses the
// default relative error (docs/calibration.md, "Observation error").
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace entente::analysis {

// z of the 95% quantile of the standard normal: a low/high pair is a 90% interval.
inline constexpr double kNinetyPercentZ = 1.6448536269514722;

struct Observation {
  int year = 0;
  std::string series, unit, source;
  double value = 0;
  std::optional<double> sd;  // stated observation error, from `sd` or `low`/`high`
  int line = 0;  // 1-based line of the row in the file
};

struct ObservedData {
  std::string file;
  std::vector<Observation> rows;  // in file order
  std::string sha256;             // of the file's bytes
  // The series ids in order of first appearance.
  std::vector<std::string> series() const;
};

// Throws ScenarioError with every problem found (also when the file cannot be read).
ObservedData read_observations(const std::string& path);
// The same from text; `name` stands for the file in diagnostics.
ObservedData parse_observations(const std::string& text, const std::string& name);

}  // namespace entente::analysis
