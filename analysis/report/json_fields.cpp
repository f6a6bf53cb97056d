#include "analysis/report/json_fields.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "analysis/report/report.hpp"

namespace entente::analysis::report {

namespace fs = std::filesystem;

std::string field_path(const std::string& where, const std::string& key) {
  return where.empty() ? key : where + "." + key;
}

std::string item_path(const std::string& where, std::size_t index) {
  return where + "[" + std::to_string(index) + "]";
}

JsonFile::JsonFile(std::string path, std::string format, int version, const std::string& missing_hint)
    : path_(std::move(path)), format_(std::move(format)), version_(version) {
  std::error_code ec;
  if (!fs::exists(path_, ec))
    throw ReportInputError(path_ + ": missing; " + missing_hint + " (entente report reads " + format_ +
                           " format_version " + std::to_string(version_) + ")");
  if (!fs::is_regular_file(path_, ec)) throw ReportInputError(path_ + ": not a regular file");
  std::ifstream in(path_, std::ios::binary);
  if (!in) throw ReportInputError(path_ + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  try {
    root_ = Json::parse(text.str());
  } catch (const Json::parse_error& e) {
    fail("", std::string("not valid JSON: ") + e.what());
  }
  if (!root_.is_object()) fail("", "expected a JSON object at the top level");
  const std::string got = string(root_, "format", "");
  if (got != format_) fail("format", "is '" + got + "', expected '" + format_ + "'");
  const Json& v = member(root_, "format_version", "");
  if (!v.is_number_integer()) fail("format_version", "expected an integer");
  if (v.get<std::int64_t>() != version_)
    fail("format_version", "is " + v.dump() + ", which this build cannot read (written by another entente version?)");
}

void JsonFile::fail(const std::string& where, const std::string& what) const {
  throw ReportInputError(path_ + ": " + (where.empty() ? "" : where + ": ") + what + " (entente report reads " +
                         format_ + " format_version " + std::to_string(version_) + ")");
}

const Json* JsonFile::find(const Json& obj, const std::string& key, const std::string& where) const {
  if (!obj.is_object()) fail(where, "expected an object");
  auto it = obj.find(key);
  return it == obj.end() ? nullptr : &*it;
}

const Json& JsonFile::member(const Json& obj, const std::string& key, const std::string& where) const {
  const Json* j = find(obj, key, where);
  if (!j) fail(field_path(where, key), "missing");
  return *j;
}

const Json& JsonFile::array(const Json& obj, const std::string& key, const std::string& where) const {
  const Json& j = member(obj, key, where);
  if (!j.is_array()) fail(field_path(where, key), "expected an array");
  return j;
}

const Json& JsonFile::object(const Json& obj, const std::string& key, const std::string& where) const {
  const Json& j = member(obj, key, where);
  if (!j.is_object()) fail(field_path(where, key), "expected an object");
  return j;
}

std::string JsonFile::string(const Json& obj, const std::string& key, const std::string& where) const {
  const Json& j = member(obj, key, where);
  if (!j.is_string()) fail(field_path(where, key), "expected a string");
  return j.get<std::string>();
}

std::string JsonFile::string_or(const Json& obj, const std::string& key, const std::string& where,
                                const std::string& fallback) const {
  const Json* j = find(obj, key, where);
  if (!j || j->is_null()) return fallback;
  if (!j->is_string()) fail(field_path(where, key), "expected a string");
  return j->get<std::string>();
}

double JsonFile::number(const Json& obj, const std::string& key, const std::string& where) const {
  const Json& j = member(obj, key, where);
  if (!j.is_number()) fail(field_path(where, key), "expected a number");
  const double v = j.get<double>();
  if (!std::isfinite(v)) fail(field_path(where, key), "expected a finite number");
  return v;
}

std::uint64_t JsonFile::count(const Json& obj, const std::string& key, const std::string& where) const {
  const Json& j = member(obj, key, where);
  if (!j.is_number_unsigned())
    fail(field_path(where, key), "expected a non-negative integer");
  return j.get<std::uint64_t>();
}

bool JsonFile::boolean_or(const Json& obj, const std::string& key, const std::string& where, bool fallback) const {
  const Json* j = find(obj, key, where);
  if (!j || j->is_null()) return fallback;
  if (!j->is_boolean()) fail(field_path(where, key), "expected true or false");
  return j->get<bool>();
}

std::vector<double> JsonFile::numbers(const Json& obj, const std::string& key, const std::string& where,
                                      std::size_t size, bool nulls) const {
  const std::string at = field_path(where, key);
  const Json& j = member(obj, key, where);
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  if (nulls && j.is_null()) return std::vector<double>(size, kNaN);
  if (!j.is_array()) fail(at, nulls ? "expected an array of numbers or null" : "expected an array of numbers");
  if (size != 0 && j.size() != size)
    fail(at, "has " + std::to_string(j.size()) + " values, expected " + std::to_string(size) + " (one per year)");
  std::vector<double> out;
  out.reserve(j.size());
  for (std::size_t i = 0; i < j.size(); ++i) {
    const Json& e = j[i];
    if (nulls && e.is_null()) {
      out.push_back(kNaN);
      continue;
    }
    if (!e.is_number()) fail(item_path(at, i), "expected a number");
    out.push_back(e.get<double>());
  }
  return out;
}

std::string manifest_string(const Json& m, const char* key) {
  auto it = m.find(key);
  return it != m.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace entente::analysis::report
