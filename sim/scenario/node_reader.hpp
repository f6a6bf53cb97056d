// Typed reading of Node trees with diagnostics: the building blocks of the
// scenario validator. Each reader reports what it expected and what it found
// at the node's position, and returns nullopt so validation can continue and
// report every problem of a file in one pass.
#pragma once
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/io/diagnostics.hpp"
#include "sim/io/node.hpp"
#include "sim/scenario/spec.hpp"
#include "sim/util/suggest.hpp"

namespace entente {


// A map with a fixed set of allowed keys. Unknown keys are reported with a
// suggestion when the reader is built; `what` names the map in messages
// ("lever 'sanctions_rus'").
class MapReader {
 public:
  MapReader(const Node& node, std::string what, std::vector<std::string> allowed, Diagnostics& diags);
  bool valid() const { return valid_; }  // false when the node was not a map
  const Node* get(std::string_view key) const;
  // Reports "missing required key" at the map's position when absent.
  const Node* require(std::string_view key) const;
  const std::string& what() const { return what_; }
  const Node& node() const { return node_; }

 private:
  const Node& node_;
  std::string what_;
  Diagnostics& diags_;
  bool valid_ = true;
};

std::optional<double> read_number(const Node& n, std::string_view what, Diagnostics& d);
// A number that must lie in [lo, hi].
std::optional<double> read_number_in(const Node& n, std::string_view what, double lo, double hi, Diagnostics& d);
std::optional<int> read_int(const Node& n, std::string_view what, Diagnostics& d);
std::optional<bool> read_bool(const Node& n, std::string_view what, Diagnostics& d);
std::optional<std::string> read_string(const Node& n, std::string_view what, Diagnostics& d);
// A string that must fit on one line (names, labels, units, titles): they
// become chart titles, table cells and CSV fields, where a line break or a
// tab would split them. Descriptions may span lines (read_string).
std::optional<std::string> read_line(const Node& n, std::string_view what, Diagnostics& d);
// An identifier: lowercase letter, then lowercase letters, digits or '_'.
std::optional<std::string> read_id(const Node& n, std::string_view what, Diagnostics& d);
bool check_id(const std::string& id, const SourceLocation& where, std::string_view what, Diagnostics& d);
// A list of strings with the position of each (a single string is accepted
// as a list of one), so an error can point at the item.
struct LocatedString {
  std::string value;
  SourceLocation where;
};
std::optional<std::vector<LocatedString>> read_located_strings(const Node& n, std::string_view what, Diagnostics& d);
// A list of strings (a single string is accepted as a list of one).
std::optional<std::vector<std::string>> read_string_list(const Node& n, std::string_view what, Diagnostics& d);

// A number in the scenario: `0.5`, `{value: 0.5, source: ...}`,
// `{dist: normal, mean: 0, sd: 1, truncate: [-2, 2], source: ...}` or
// `{ref: uncertainty_id}`. `key` is the value's path for stream derivation.
std::optional<Quantity> read_quantity(const Node& n, const std::string& key, std::string_view what, Diagnostics& d);

}  // namespace entente
