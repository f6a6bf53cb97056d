// A YAML document as entente's own tree: every node knows the file, line and
// column it came from, maps keep their order and their keys' positions.
//
// Owning the tree (instead of passing yaml-cpp nodes around) lets overlays and
// --set overrides be merged before validation while each value keeps pointing
// at the file that set it, so an error in an overlay names the overlay.
#pragma once
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "sim/io/diagnostics.hpp"

namespace entente {

struct Node;

struct MapEntry {
  std::string key;
  SourceLocation key_location;
  std::shared_ptr<Node> value;
};

struct Node {
  enum class Kind { kNull, kScalar, kSequence, kMap };
  Kind kind = Kind::kNull;
  SourceLocation location;
  std::string scalar;       // kScalar
  bool quoted = false;      // the scalar was quoted in the source ("1" is a string)
  std::vector<std::shared_ptr<Node>> items;  // kSequence
  std::vector<MapEntry> entries;             // kMap

  bool is_map() const { return kind == Kind::kMap; }
  bool is_sequence() const { return kind == Kind::kSequence; }
  bool is_scalar() const { return kind == Kind::kScalar; }
  bool is_null() const { return kind == Kind::kNull; }

  const MapEntry* find(std::string_view key) const;
  MapEntry* find(std::string_view key);
  // A deep copy (overlays must not alias the base tree).
  std::shared_ptr<Node> clone() const;
  std::string kind_name() const;
};

using NodePtr = std::shared_ptr<Node>;

// Parse YAML text. `file` names the source in diagnostics. Syntax errors,
// duplicate keys and non-string keys are reported into `diags`; the return
// value is null when the text could not be parsed at all.
NodePtr parse_yaml(const std::string& text, const std::string& file, Diagnostics& diags);
// Read and parse a file; an unreadable file is a diagnostic, not an exception.
NodePtr load_yaml_file(const std::string& path, Diagnostics& diags);

// Merge `overlay` into `base`: maps merge key by key (recursively), anything
// else replaces the base value.
void merge_overlay(Node& base, const Node& overlay);

// Apply one `--set path=value` override: path components separated by '.',
// map keys or sequence indices; value parsed as YAML (so `0.5`, `[1, 2]` and
// `{dist: uniform, min: 0, max: 1}` all work).
// Every component but the last must already exist (a typo in an id is an
// error, not a new entry); the last may be new (validation then judges it).
// Problems go to `diags` at "--set:N:column", N being the override's
// 1-based position on the command line.
void apply_set_override(Node& root, const std::string& assignment, int index, Diagnostics& diags);

}  // namespace entente
