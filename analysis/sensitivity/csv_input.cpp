#include "analysis/sensitivity/csv_input.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>

#include "analysis/sensitivity/input_error.hpp"
#include "sim/util/suggest.hpp"

namespace entente::analysis {

namespace {

struct CsvTable {
  std::string path;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::size_t> lines;  // 1-based line of each row
};

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

std::vector<std::string> split_line(const std::string& line, const std::string& where) {
  std::vector<std::string> fields;
  std::string field;
  bool quoted = false, was_quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"')
        field += '"', ++i;
      else if (c == '"')
        quoted = false;
      else
        field += c;
    } else if (c == '"' && trim(field).empty()) {
      quoted = was_quoted = true;
      field.clear();
    } else if (c == ',') {
      fields.push_back(was_quoted ? field : trim(field));
      field.clear();
      was_quoted = false;
    } else {
      field += c;
    }
  }
  if (quoted) throw AnalysisInputError(where + ": a quoted field is not closed");
  fields.push_back(was_quoted ? field : trim(field));
  return fields;
}

CsvTable read_csv(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw AnalysisInputError("cannot read " + path);
  CsvTable t;
  t.path = path;
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (number == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // UTF-8 byte order mark
    const std::string stripped = trim(line);
    if (stripped.empty() || stripped[0] == '#') continue;
    const std::string where = path + ":" + std::to_string(number);
    auto fields = split_line(line, where);
    if (t.header.empty()) {
      t.header = std::move(fields);
      for (std::size_t c = 0; c < t.header.size(); ++c) {
        if (t.header[c].empty()) throw AnalysisInputError(where + ": column " + std::to_string(c + 1) + " has no name");
        for (std::size_t d = 0; d < c; ++d)
          if (t.header[d] == t.header[c])
            throw AnalysisInputError(where + ": column '" + t.header[c] + "' appears twice");
      }
      continue;
    }
    if (fields.size() != t.header.size())
      throw AnalysisInputError(where + ": " + std::to_string(fields.size()) + " fields, but the header has " +
                               std::to_string(t.header.size()));
    t.rows.push_back(std::move(fields));
    t.lines.push_back(number);
  }
  if (t.header.empty()) throw AnalysisInputError(path + ": empty (it needs a header row)");
  return t;
}

bool parse_number(const std::string& s, double& v) {
  if (s.empty()) return false;
  const char* b = s.data();
  if (*b == '+') ++b;
  auto [p, ec] = std::from_chars(b, s.data() + s.size(), v);
  return ec == std::errc() && p == s.data() + s.size();
}

bool is_index_column(const std::string& name) {
  static const char* kIndex[] = {"point", "design_point", "index", "row", "id", "run", "sample", "trajectory", "block"};
  return std::any_of(std::begin(kIndex), std::end(kIndex), [&](const char* n) { return name == n; });
}

// NAME when `column` is u_NAME, u:NAME or u.NAME, else "".
std::string unit_of(const std::string& column) {
  if (column.size() > 2 && column[0] == 'u' && (column[1] == '_' || column[1] == ':' || column[1] == '.'))
    return column.substr(2);
  return "";
}

std::string list(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

double number_at(const CsvTable& t, std::size_t row, std::size_t col) {
  double v = 0;
  if (!parse_number(t.rows[row][col], v) || !std::isfinite(v))
    throw AnalysisInputError(t.path + ":" + std::to_string(t.lines[row]) + ": " + t.header[col] + " is '" +
                             t.rows[row][col] + "', not a finite number");
  return v;
}

}  // namespace

AnalysisInput read_csv_input(const std::string& design_csv, const std::string& results_csv, const std::string& column,
                             const std::string& design_kind) {
  const CsvTable design = read_csv(design_csv);
  const CsvTable results = read_csv(results_csv);
  if (design.rows.empty()) throw AnalysisInputError(design_csv + ": no design points (only a header)");

  // Which design columns are parameters, and which hold unit coordinates.
  std::vector<std::size_t> params;
  std::map<std::string, std::size_t> unit;
  std::map<std::string, std::size_t> by_name;
  for (std::size_t c = 0; c < design.header.size(); ++c) by_name[design.header[c]] = c;
  for (std::size_t c = 0; c < design.header.size(); ++c) {
    const std::string& name = design.header[c];
    double v = 0;
    if (is_index_column(name) || !parse_number(design.rows[0][c], v)) continue;
    const std::string of = unit_of(name);
    if (!of.empty() && by_name.count(of)) {
      unit[of] = c;
      continue;
    }
    params.push_back(c);
  }
  if (params.empty())
    throw AnalysisInputError(design_csv + ": no parameter columns (columns: " + list(design.header) + ")");

  AnalysisInput in;
  in.design_kind = design_kind;
  for (std::size_t c : params) in.names.push_back(design.header[c]);
  bool has_unit = true;
  for (const auto& n : in.names) has_unit = has_unit && unit.count(n) > 0;
  for (std::size_t r = 0; r < design.rows.size(); ++r) {
    std::vector<double> x, u;
    for (std::size_t c : params) x.push_back(number_at(design, r, c));
    if (has_unit)
      for (const auto& n : in.names) u.push_back(number_at(design, r, unit[n]));
    in.x.push_back(std::move(x));
    if (has_unit) in.u.push_back(std::move(u));
  }

  // The response column.
  std::size_t ycol = results.header.size();
  if (!column.empty()) {
    for (std::size_t c = 0; c < results.header.size(); ++c)
      if (results.header[c] == column) ycol = c;
    if (ycol == results.header.size())
      throw AnalysisInputError(results_csv + " has no column '" + column + "' (columns: " + list(results.header) + ")" +
                               did_you_mean(column, results.header));
  } else {
    std::vector<std::size_t> candidates;
    for (std::size_t c = 0; c < results.header.size(); ++c)
      if (!is_index_column(results.header[c])) candidates.push_back(c);
    if (candidates.size() != 1)
      throw AnalysisInputError(results_csv + " has columns " + list(results.header) +
                               "; name the response with --column");
    ycol = candidates.front();
  }
  if (results.rows.size() != design.rows.size())
    throw AnalysisInputError(design_csv + " has " + std::to_string(design.rows.size()) + " design points but " +
                             results_csv + " has " + std::to_string(results.rows.size()) +
                             " rows; it needs one row per design point, in design order");
  // Index columns both files have must agree, so rows cannot be shuffled unnoticed.
  for (std::size_t c = 0; c < results.header.size(); ++c) {
    if (!is_index_column(results.header[c]) || !by_name.count(results.header[c])) continue;
    const std::size_t dc = by_name[results.header[c]];
    for (std::size_t r = 0; r < results.rows.size(); ++r)
      if (results.rows[r][c] != design.rows[r][dc])
        throw AnalysisInputError(results_csv + ":" + std::to_string(results.lines[r]) + ": " + results.header[c] +
                                 " is " + results.rows[r][c] + " but row " + std::to_string(r + 1) + " of " +
                                 design_csv + " has " + design.rows[r][dc] + "; rows must be in design order");
  }
  for (std::size_t r = 0; r < results.rows.size(); ++r) in.y.push_back(number_at(results, r, ycol));
  in.response = results.header[ycol];
  return in;
}

}  // namespace entente::analysis
