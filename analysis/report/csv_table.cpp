#include "analysis/report/csv_table.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "analysis/report/report.hpp"

namespace entente::analysis::report {

namespace fs = std::filesystem;

CsvTable::CsvTable(std::string path, const std::string& missing_hint) : path_(std::move(path)) {
  std::error_code ec;
  if (!fs::exists(path_, ec)) throw ReportInputError(path_ + ": missing; " + missing_hint);
  if (!fs::is_regular_file(path_, ec)) throw ReportInputError(path_ + ": not a regular file");
  std::ifstream in(path_, std::ios::binary);
  if (!in) throw ReportInputError(path_ + ": cannot be read");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();

  // One pass over the characters: a quoted field may hold commas and line
  // breaks, so records are not lines.
  std::vector<std::vector<std::string>> records;
  std::vector<std::size_t> starts;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false, any = false;
  std::size_t line = 1, record_line = 1;
  auto end_record = [&] {
    record.push_back(field);
    field.clear();
    records.push_back(std::move(record));
    starts.push_back(record_line);
    record.clear();
    any = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (!any) record_line = line;
    if (c == '"') {
      quoted = any = true;
    } else if (c == ',') {
      record.push_back(field);
      field.clear();
      any = true;
    } else if (c == '\n') {
      end_record();
      ++line;
    } else if (c != '\r') {
      field += c;
      any = true;
    }
  }
  if (quoted) throw ReportInputError(path_ + ":" + std::to_string(record_line) + ": a quoted field is not closed");
  if (any) end_record();
  if (records.empty()) throw ReportInputError(path_ + ": empty; expected a header line");
  header_ = std::move(records.front());
  for (std::size_t r = 1; r < records.size(); ++r) {
    if (records[r].size() != header_.size())
      throw ReportInputError(path_ + ":" + std::to_string(starts[r]) + ": " + std::to_string(records[r].size()) +
                             " fields, but the header has " + std::to_string(header_.size()));
    rows_.push_back(std::move(records[r]));
    lines_.push_back(starts[r]);
  }
}

std::size_t CsvTable::column(const std::string& name) const {
  for (std::size_t c = 0; c < header_.size(); ++c)
    if (header_[c] == name) return c;
  throw ReportInputError(path_ + ":1: no column '" + name + "'");
}

double CsvTable::number(std::size_t row, std::size_t col) const {
  const std::string& s = rows_[row][col];
  std::size_t used = 0;
  double v = std::nan("");
  try {
    v = std::stod(s, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (s.empty() || used != s.size() || !std::isfinite(v))
    fail(row, header_[col] + ": expected a finite number, got '" + s + "'");
  return v;
}

void CsvTable::fail(std::size_t row, const std::string& what) const {
  throw ReportInputError(path_ + ":" + std::to_string(lines_[row]) + ": " + what);
}

}  // namespace entente::analysis::report
