// Observed history for `entente backtest` and `entente calibrate`: a CSV
// with the header year,series,value,unit,source (docs/outputs.md, "Observed
// history"). Fields follow RFC 4180: a field in double quotes may hold commas
// and doubled quotes (""). Columns may come in any order; year, series and
// value are required, unit and source optional. Every problem of the file is
// reported at once as a ScenarioError with file:line:column (exit code 2):
// a missing or unknown column, a wrong field count, an unterminated quote, a
// year that is not a whole number, a value that is not a finite number, an
// empty series name, the same series and year twice.
#pragma once
#include <string>
#include <vector>

namespace entente::analysis {

struct Observation {
  int year = 0;
  std::string series, unit, source;
  double value = 0;
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
