#include "analysis/backtest/observations.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "sim/io/diagnostics.hpp"
#include "sim/io/input_file.hpp"
#include "sim/util/limits.hpp"
#include "sim/util/sha256.hpp"
#include "sim/util/suggest.hpp"

namespace entente::analysis {

namespace {

struct Field {
  std::string text;
  int column = 1;  // 1-based column where the field starts
};

// Splits one record (a line without its newline) into fields. Returns false
// with the column of the problem when a quote is left open or text follows a
// closing quote.
bool split_record(const std::string& line, std::vector<Field>& fields, int& bad_column, std::string& why) {
  fields.clear();
  std::size_t i = 0;
  while (true) {
    Field f;
    f.column = static_cast<int>(i) + 1;
    if (i < line.size() && line[i] == '"') {
      ++i;
      bool closed = false;
      while (i < line.size()) {
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            f.text += '"';
            i += 2;
            continue;
          }
          closed = true;
          ++i;
          break;
        }
        f.text += line[i++];
      }
      if (!closed) {
        bad_column = f.column;
        why = "unterminated quoted field (a field that starts with \" must end with \")";
        return false;
      }
      if (i < line.size() && line[i] != ',') {
        bad_column = static_cast<int>(i) + 1;
        why = "unexpected text after a closing quote; write a quote inside a quoted field as \"\"";
        return false;
      }
    } else {
      while (i < line.size() && line[i] != ',') f.text += line[i++];
    }
    fields.push_back(std::move(f));
    if (i >= line.size()) return true;
    ++i;  // the comma
  }
}

std::string trim(const std::string& s) {
  std::size_t a = 0, b = s.size();
  while (a < b && (s[a] == ' ' || s[a] == '\t')) ++a;
  while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t')) --b;
  return s.substr(a, b - a);
}

}  // namespace

std::vector<std::string> ObservedData::series() const {
  std::vector<std::string> out;
  for (const auto& r : rows)
    if (std::find(out.begin(), out.end(), r.series) == out.end()) out.push_back(r.series);
  return out;
}

ObservedData read_observations(const std::string& path) {
  std::string error;
  const std::optional<std::string> bytes = read_input_file(path, limits::kMaxFileBytes, error);
  if (!bytes) {
    Diagnostics d;
    d.error({path, 0, 0}, "cannot read the observed history file (" + error + ")");
    d.throw_if_any();
  }
  if (bytes->size() > limits::kMaxFileBytes) {
    Diagnostics d;
    d.error({path, 0, 0}, "file larger than " + std::to_string(limits::kMaxFileBytes >> 20) + " MiB");
    d.throw_if_any();
  }
  return parse_observations(*bytes, path);
}

ObservedData parse_observations(const std::string& text, const std::string& name) {
  ObservedData data;
  data.file = name;
  data.sha256 = sha256_hex(text);
  Diagnostics d;
  std::vector<std::string> lines;
  {
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t nl = text.find('\n', start);
      if (nl == std::string::npos) nl = text.size();
      std::string line = text.substr(start, nl - start);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      lines.push_back(std::move(line));
      start = nl + 1;
    }
  }
  std::size_t first = 0;
  while (first < lines.size() && trim(lines[first]).empty()) ++first;
  if (first == lines.size()) {
    d.error({name, 0, 0}, "the file is empty; an observed history starts with the header year,series,value,unit,source");
    d.throw_if_any();
  }
  if (first == 0 && lines[0].rfind("\xEF\xBB\xBF", 0) == 0) lines[0] = lines[0].substr(3);  // UTF-8 byte order mark

  const std::vector<std::string> known = {"year", "series", "value", "unit", "source", "sd", "low", "high"};
  std::map<std::string, std::size_t> col;
  std::vector<Field> fields;
  int bad = 0;
  std::string why;
  const int header_line = static_cast<int>(first) + 1;
  if (!split_record(lines[first], fields, bad, why)) {
    d.error({name, header_line, bad}, why);
    d.throw_if_any();
  }
  const std::size_t n_fields = fields.size();
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const std::string h = trim(fields[i].text);
    if (std::find(known.begin(), known.end(), h) == known.end()) {
      d.error({name, header_line, fields[i].column},
              "unknown column '" + h + "'" + did_you_mean(h, known) + "; the columns are year, series, value, unit, source, sd, low, high");
    } else if (col.count(h)) {
      d.error({name, header_line, fields[i].column}, "column '" + h + "' appears twice");
    } else {
      col[h] = i;
    }
  }
  for (const char* required : {"year", "series", "value"})
    if (!col.count(required))
      d.error({name, header_line, 1}, std::string("missing column '") + required +
                                          "'; the header must name year, series and value (unit and source are optional)");
  if (col.count("sd") && (col.count("low") || col.count("high")))
    d.error({name, header_line, static_cast<int>(fields[col["sd"]].column)},
            "give the observation error as 'sd' or as 'low' and 'high', not both");
  else if (col.count("low") != col.count("high"))
    d.error({name, header_line, fields[col.count("low") ? col["low"] : col["high"]].column},
            "'low' and 'high' come together (a 90% interval around the value)");
  d.throw_if_any();
  // An optional number field: empty is nullopt; else a finite number or an error.
  auto optional_number = [&](const Field& f, int line_no, const char* what, bool& ok) -> std::optional<double> {
    const std::string t = trim(f.text);
    if (t.empty()) return std::nullopt;
    double v = 0;
    auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (ec != std::errc() || p != t.data() + t.size() || !std::isfinite(v)) {
      d.error({name, line_no, f.column}, std::string(what) + " must be a finite number or empty, got '" + t + "'");
      ok = false;
      return std::nullopt;
    }
    return v;
  };

  std::map<std::pair<std::string, int>, int> seen;  // (series, year) -> line
  for (std::size_t li = first + 1; li < lines.size(); ++li) {
    const int line_no = static_cast<int>(li) + 1;
    if (trim(lines[li]).empty()) continue;
    if (!split_record(lines[li], fields, bad, why)) {
      d.error({name, line_no, bad}, why);
      continue;
    }
    if (fields.size() != n_fields) {
      d.error({name, line_no, fields.size() > n_fields ? fields[n_fields].column : 1},
              "expected " + std::to_string(n_fields) + " fields as in the header, got " + std::to_string(fields.size()));
      continue;
    }
    Observation o;
    o.line = line_no;
    bool ok = true;
    {
      const Field& f = fields[col["year"]];
      const std::string t = trim(f.text);
      int y = 0;
      auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), y);
      if (t.empty() || ec != std::errc() || p != t.data() + t.size() || y < 1 || y > 9999) {
        d.error({name, line_no, f.column}, "year must be a whole number between 1 and 9999, got '" + t + "'");
        ok = false;
      }
      o.year = y;
    }
    {
      const Field& f = fields[col["series"]];
      o.series = trim(f.text);
      if (o.series.empty()) {
        d.error({name, line_no, f.column}, "the series name is empty");
        ok = false;
      }
    }
    {
      const Field& f = fields[col["value"]];
      const std::string t = trim(f.text);
      double v = 0;
      auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
      if (t.empty() || ec != std::errc() || p != t.data() + t.size() || !std::isfinite(v)) {
        d.error({name, line_no, f.column}, "value must be a finite number, got '" + t + "'");
        ok = false;
      }
      o.value = v;
    }
    if (col.count("unit")) o.unit = trim(fields[col["unit"]].text);
    if (col.count("source")) o.source = trim(fields[col["source"]].text);
    if (col.count("sd")) {
      const Field& f = fields[col["sd"]];
      o.sd = optional_number(f, line_no, "sd", ok);
      if (o.sd && !(*o.sd > 0)) {
        d.error({name, line_no, f.column}, "sd must be greater than 0, got '" + trim(f.text) + "'");
        ok = false;
      }
    }
    if (col.count("low")) {
      const Field& fl = fields[col["low"]];
      const Field& fh = fields[col["high"]];
      const auto lo = optional_number(fl, line_no, "low", ok);
      const auto hi = optional_number(fh, line_no, "high", ok);
      if (lo.has_value() != hi.has_value()) {
        d.error({name, line_no, (lo ? fh : fl).column}, "'low' and 'high' are both given or both empty");
        ok = false;
      } else if (lo && ok) {
        if (!(*lo <= o.value && o.value <= *hi && *lo < *hi)) {
          d.error({name, line_no, fl.column}, "the interval [" + trim(fl.text) + ", " + trim(fh.text) +
                                                  "] must hold the value " + trim(fields[col["value"]].text) +
                                                  " and have low < high");
          ok = false;
        } else {
          o.sd = (*hi - *lo) / (2 * kNinetyPercentZ);
        }
      }
    }
    if (!ok) continue;
    auto [it, inserted] = seen.emplace(std::make_pair(o.series, o.year), line_no);
    if (!inserted) {
      d.error({name, line_no, 1}, "a second observation of '" + o.series + "' in " + std::to_string(o.year) +
                                      " (the first is on line " + std::to_string(it->second) + ")");
      continue;
    }
    data.rows.push_back(std::move(o));
  }
  if (d.empty() && data.rows.empty()) d.error({name, header_line, 1}, "no observations after the header");
  d.throw_if_any();
  return data;
}

}  // namespace entente::analysis
