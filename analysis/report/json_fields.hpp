// Reading the JSON files of a result directory with errors that name the
// file, the field and the format version this build reads.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "sim/output/formats.hpp"

namespace entente::analysis::report {

using Json = nlohmann::ordered_json;

// "outcomes[2].p50" style field paths.
std::string field_path(const std::string& where, const std::string& key);
std::string item_path(const std::string& where, std::size_t index);

// The manifest's (or any object's) string at `key`; "" when absent or not a string.
std::string manifest_string(const Json& m, const char* key);

class JsonFile {
 public:
  // Reads and parses `path` and checks its "format" and "format_version".
  // `missing_hint` is appended to the message when the file does not exist.
  JsonFile(std::string path, std::string format, int version, const std::string& missing_hint);
  // The same for a format declared in sim/output/formats.hpp.
  JsonFile(std::string path, FileFormat format, const std::string& missing_hint)
      : JsonFile(std::move(path), format.name, format.version, missing_hint) {}

  const Json& root() const { return root_; }
  const std::string& path() const { return path_; }

  // Throws ReportInputError: "<path>: <where>: <what> (... reads <format> format_version N)".
  [[noreturn]] void fail(const std::string& where, const std::string& what) const;

  const Json& member(const Json& obj, const std::string& key, const std::string& where) const;
  const Json* find(const Json& obj, const std::string& key, const std::string& where) const;
  const Json& array(const Json& obj, const std::string& key, const std::string& where) const;
  const Json& object(const Json& obj, const std::string& key, const std::string& where) const;
  std::string string(const Json& obj, const std::string& key, const std::string& where) const;
  std::string string_or(const Json& obj, const std::string& key, const std::string& where,
                        const std::string& fallback) const;
  double number(const Json& obj, const std::string& key, const std::string& where) const;
  std::uint64_t count(const Json& obj, const std::string& key, const std::string& where) const;
  bool boolean_or(const Json& obj, const std::string& key, const std::string& where, bool fallback) const;
  // An array of numbers; `size` 0 accepts any length. With `nulls`, null
  // elements (or a null array) read as NaN.
  std::vector<double> numbers(const Json& obj, const std::string& key, const std::string& where, std::size_t size,
                              bool nulls = false) const;

 private:
  std::string path_, format_;
  int version_;
  Json root_;
};

}  // namespace entente::analysis::report
