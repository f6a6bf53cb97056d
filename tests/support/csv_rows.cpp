#include "support/csv_rows.hpp"

#include <sstream>
#include <vector>

#include "support/fixtures.hpp"

namespace entente::test {

namespace {

std::vector<std::string> cells_of(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream ss(line);
  std::string c;
  while (std::getline(ss, c, ',')) cells.push_back(c);
  return cells;
}

}  // namespace

CsvRows csv_rows_by(const std::string& csv, std::size_t key_columns) {
  std::stringstream in(csv);
  std::string line;
  std::getline(in, line);
  const auto names = cells_of(line);
  CsvRows rows;
  while (std::getline(in, line)) {
    const auto cells = cells_of(line);
    if (cells.size() != names.size()) continue;
    std::string key = cells[0];
    for (std::size_t k = 1; k < key_columns; ++k) key += "|" + cells[k];
    auto& row = rows[key];
    for (std::size_t i = key_columns; i < names.size(); ++i)
      if (names[i] != "reference" && !cells[i].empty()) row[names[i]] = std::stod(cells[i]);
  }
  return rows;
}

const std::string& outlook_path() {
  static const std::string path = source_path("scenarios/sino_russia_2035.yaml");
  return path;
}

}  // namespace entente::test
