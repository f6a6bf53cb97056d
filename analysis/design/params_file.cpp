#include "analysis/design/params_file.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <utility>

#include "analysis/design/rank_correlation.hpp"
#include "sim/io/diagnostics.hpp"
#include "sim/io/node.hpp"
#include "sim/scenario/node_reader.hpp"
#include "sim/util/suggest.hpp"

namespace entente::analysis {

namespace {

const char* kExample = "e.g. {dist: uniform, min: 0, max: 1}";

bool valid_name(const std::string& s) {
  auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  bool ok = !s.empty() && s.size() <= 128 && letter(s[0]);
  for (char c : s) ok = ok && (letter(c) || (c >= '0' && c <= '9') || c == '_' || c == '.');
  return ok;
}

void read_parameters(const Node& n, ParamsFile& out, Diagnostics& d) {
  if (!n.is_map() || n.entries.empty()) {
    d.error(n.location, "'parameters' must be a map of parameter names to distributions, " + std::string(kExample) +
                            (n.is_map() ? ", got an empty map" : ", got " + n.kind_name()));
    return;
  }
  for (const auto& e : n.entries) {
    const std::string what = "parameter '" + e.key + "'";
    bool ok = true;
    if (!valid_name(e.key)) {
      d.error(e.key_location, what + " is not a valid name (a letter first, then letters, digits, '_' or '.')");
      ok = false;
    }
    const Node& v = *e.value;
    if (v.is_scalar() || v.is_null()) {
      d.error(v.location, what + " is " + (v.is_null() ? "empty" : "a plain number") +
                              "; a design parameter must vary: give a distribution, " + kExample);
      continue;
    }
    if (v.is_map() && v.find("ref")) {
      d.error(v.location, what + ": {ref: ...} is not allowed in a params file; give the distribution itself, " +
                              kExample);
      continue;
    }
    auto q = read_quantity(v, "parameters." + e.key, what, d);
    if (!q) continue;
    if (q->dist.is_fixed()) {
      d.error(v.location, what + " is fixed; a design parameter must vary: give a distribution, " + kExample);
      continue;
    }
    if (ok) out.parameters.push_back({e.key, q->dist});
  }
}

void read_correlations(const Node& n, const std::vector<std::string>& names, ParamsFile& out, Diagnostics& d) {
  if (!n.is_sequence()) {
    d.error(n.location, "'correlations' must be a list of {a: NAME, b: NAME, rank: R}, got " + n.kind_name());
    return;
  }
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < names.size(); ++i) index[names[i]] = i;
  std::map<std::pair<std::size_t, std::size_t>, bool> seen;
  auto read_name = [&](const Node* item, const std::string& what) -> std::optional<std::size_t> {
    if (!item) return std::nullopt;
    auto s = read_string(*item, what, d);
    if (!s) return std::nullopt;
    auto it = index.find(*s);
    if (it == index.end()) {
      d.error(item->location, what + " '" + *s + "' is not a parameter; parameters: " + join_alternatives(names) +
                                  did_you_mean(*s, names));
      return std::nullopt;
    }
    return it->second;
  };
  for (std::size_t c = 0; c < n.items.size(); ++c) {
    const Node& item = *n.items[c];
    const std::string what = "correlation " + std::to_string(c + 1);
    MapReader r(item, what, {"a", "b", "rank", "source", "note"}, d);
    if (!r.valid()) continue;
    auto a = read_name(r.require("a"), what + " a");
    auto b = read_name(r.require("b"), what + " b");
    const Node* rank_node = r.require("rank");
    std::optional<double> rank;
    if (rank_node) rank = read_number_in(*rank_node, what + " rank", -1.0, 1.0, d);
    if (!a || !b || !rank) continue;
    if (*a == *b) {
      d.error(item.location, what + " pairs '" + names[*a] + "' with itself");
      continue;
    }
    const std::pair<std::size_t, std::size_t> key = std::minmax(*a, *b);
    if (seen[key]) {
      d.error(item.location, what + " repeats the pair '" + names[key.first] + "', '" + names[key.second] + "'");
      continue;
    }
    seen[key] = true;
    out.correlation[*a][*b] = out.correlation[*b][*a] = *rank;
    out.has_correlations = true;
  }
}

ParamsFile parse_root(const NodePtr& root, const std::string& name, Diagnostics& d) {
  ParamsFile out;
  if (!root) {
    d.throw_if_any();
    return out;
  }
  if (root->is_null()) {
    d.error({name, 1, 1}, std::string("the params file is empty; it needs 'parameters:' with at least one, ") + kExample);
    d.throw_if_any();
  }
  MapReader r(*root, "the params file", {"parameters", "correlations"}, d);
  const Node* p = r.require("parameters");
  if (p) read_parameters(*p, out, d);
  if (const Node* c = r.get("correlations")) {
    // Correlations name the parameters as written, whether or not each one's
    // distribution was valid, so both kinds of problem are reported together.
    std::vector<std::string> names;
    if (p && p->is_map())
      for (const auto& e : p->entries) names.push_back(e.key);
    const std::size_t k = names.size();
    out.correlation.assign(k, std::vector<double>(k, 0.0));
    for (std::size_t i = 0; i < k; ++i) out.correlation[i][i] = 1.0;
    read_correlations(*c, names, out, d);
    std::size_t failed = 0;
    if (d.empty() && !cholesky(out.correlation, &failed))
      d.error(c->location,
              "the correlations are not a valid joint rank correlation (the matrix is not positive definite "
              "at parameter '" + names[failed] + "'); weaken them");
  }
  d.throw_if_any();
  const std::size_t k = out.parameters.size();
  if (out.correlation.empty()) {
    out.correlation.assign(k, std::vector<double>(k, 0.0));
    for (std::size_t i = 0; i < k; ++i) out.correlation[i][i] = 1.0;
  }
  return out;
}

}  // namespace

ParamsFile load_params_file(const std::string& path) {
  Diagnostics d;
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    d.error({path, 0, 0}, "is a directory, not a params file");
    d.throw_if_any();
  }
  NodePtr root = load_yaml_file(path, d);
  return parse_root(root, path, d);
}

ParamsFile parse_params_text(const std::string& text, const std::string& name) {
  Diagnostics d;
  NodePtr root = parse_yaml(text, name, d);
  return parse_root(root, name, d);
}

}  // namespace entente::analysis
