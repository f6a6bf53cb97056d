// Reading a CLI's CSV output in tests: rows keyed by their first columns.
#pragma once
#include <cstddef>
#include <map>
#include <string>

namespace entente::test {

using CsvRows = std::map<std::string, std::map<std::string, double>>;

// The rows of `csv` (a header line, then plain comma-separated cells, no
// quoting) keyed by their first `key_columns` cells joined with '|', each a
// map column -> number; empty cells and a "reference" column are left out,
// rows whose cell count differs from the header's are skipped.
CsvRows csv_rows_by(const std::string& csv, std::size_t key_columns);

// The shipped outlook, scenarios/sino_russia_2035.yaml, in the source tree.
const std::string& outlook_path();

}  // namespace entente::test
