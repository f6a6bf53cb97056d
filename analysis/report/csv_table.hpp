// Reading back a CSV file that entente wrote itself (csv_field's RFC 4180
// quoting: a field with a comma, quote or line break is double-quoted, each
// quote inside doubled), for reports drawn from the files of a result
// directory. Errors name the file and line (ReportInputError, exit 2).
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace entente::analysis::report {

class CsvTable {
 public:
  // Reads and splits `path`; the first record is the header. Every record
  // must have as many fields as the header. `missing_hint` is appended to the
  // message when the file does not exist.
  CsvTable(std::string path, const std::string& missing_hint);

  const std::string& path() const { return path_; }
  const std::vector<std::string>& header() const { return header_; }
  std::size_t rows() const { return rows_.size(); }

  // The index of column `name`; throws when the header lacks it.
  std::size_t column(const std::string& name) const;
  const std::string& text(std::size_t row, std::size_t col) const { return rows_[row][col]; }
  // The field as a finite number; throws "<path>:<line>: <column>: ...".
  double number(std::size_t row, std::size_t col) const;

  [[noreturn]] void fail(std::size_t row, const std::string& what) const;

 private:
  std::string path_;
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<std::size_t> lines_;  // the line each row starts on (1-based)
};

}  // namespace entente::analysis::report
