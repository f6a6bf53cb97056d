#include "sim/io/node.hpp"

#include <charconv>

#include "sim/io/utf8.hpp"
#include "sim/util/suggest.hpp"

namespace entente {

const MapEntry* Node::find(std::string_view key) const {
  for (const auto& e : entries)
    if (e.key == key) return &e;
  return nullptr;
}

MapEntry* Node::find(std::string_view key) {
  for (auto& e : entries)
    if (e.key == key) return &e;
  return nullptr;
}

NodePtr Node::clone() const {
  auto n = std::make_shared<Node>(*this);
  for (auto& item : n->items) item = item->clone();
  for (auto& e : n->entries) e.value = e.value->clone();
  return n;
}

std::string Node::kind_name() const {
  switch (kind) {
    case Kind::kNull: return "nothing";
    case Kind::kScalar: return "a scalar";
    case Kind::kSequence: return "a list";
    case Kind::kMap: return "a map";
  }
  return "?";
}

void merge_overlay(Node& base, const Node& overlay) {
  if (base.is_map() && overlay.is_map()) {
    for (const auto& oe : overlay.entries) {
      if (MapEntry* be = base.find(oe.key)) {
        merge_overlay(*be->value, *oe.value);
      } else {
        base.entries.push_back({oe.key, oe.key_location, oe.value->clone()});
      }
    }
    return;
  }
  base = *overlay.clone();
}

namespace {

std::vector<std::pair<std::string, int>> split_path(const std::string& path) {
  std::vector<std::pair<std::string, int>> parts;  // component and its 0-based offset
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = path.find('.', start);
    parts.emplace_back(path.substr(start, dot - start), static_cast<int>(start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return parts;
}

bool parse_index(const std::string& s, std::size_t& out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

}  // namespace

void apply_set_override(Node& root, const std::string& assignment, int index, Diagnostics& diags) {
  const std::string file = "--set";
  const int line = index;
  const std::size_t eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0) {
    diags.error({file, line, 1}, "expected path=value (e.g. levers.sanctions_rus.intensity=0.5), got '" +
                                  assignment + "'");
    return;
  }
  const std::string path = assignment.substr(0, eq);
  // A path component may become a map key, and keys go into JSON (UTF-8 only).
  if (const auto bad = first_invalid_utf8(path)) {
    diags.error({file, line, static_cast<int>(*bad) + 1}, "path '" + path.substr(0, *bad) +
                                                              "...' is not valid UTF-8");
    return;
  }
  const std::string value_text = assignment.substr(eq + 1);
  const int value_column = static_cast<int>(eq) + 2;

  Diagnostics value_diags;
  NodePtr value = parse_yaml(value_text, file, value_diags);
  for (const auto& d : value_diags.list()) {
    SourceLocation w = d.where;
    w.line = line;
    w.column = value_column + (d.where.column > 0 ? d.where.column - 1 : 0);
    diags.error(w, d.message + " (in the value of --set " + path + ")");
  }
  if (!value) return;
  // Positions inside the value are relative to the value text; shift them so
  // errors point at the right column of the whole argument.
  std::vector<Node*> stack{value.get()};
  while (!stack.empty()) {
    Node* n = stack.back();
    stack.pop_back();
    n->location.line = line;
    n->location.column = value_column + std::max(0, n->location.column - 1);
    for (auto& item : n->items) stack.push_back(item.get());
    for (auto& e : n->entries) {
      e.key_location = {file, line, value_column + std::max(0, e.key_location.column - 1)};
      stack.push_back(e.value.get());
    }
  }

  Node* cur = &root;
  const auto parts = split_path(path);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const auto& [key, offset] = parts[i];
    const SourceLocation key_loc{file, line, offset + 1};
    if (key.empty()) {
      diags.error(key_loc, "empty component in path '" + path + "'");
      return;
    }
    const bool last = i + 1 == parts.size();
    if (cur->is_sequence()) {
      std::size_t idx = 0;
      if (!parse_index(key, idx) || idx >= cur->items.size()) {
        diags.error(key_loc, "'" + key + "' is not an index of the list at '" +
                                 path.substr(0, static_cast<std::size_t>(offset) - (offset > 0 ? 1 : 0)) +
                                 (cur->items.empty() ? "' (the list is empty)"
                                                     : "' (valid: 0 to " + std::to_string(cur->items.size() - 1) + ")"));
        return;
      }
      if (last) {
        *cur->items[idx] = *value;
        return;
      }
      cur = cur->items[idx].get();
      continue;
    }
    if (cur->is_null()) cur->kind = Node::Kind::kMap;
    if (!cur->is_map()) {
      diags.error(key_loc, "cannot descend into " + cur->kind_name() + " at '" + key + "' of path '" + path + "'");
      return;
    }
    MapEntry* e = cur->find(key);
    if (!e && !last) {
      std::vector<std::string> keys;
      for (const auto& entry : cur->entries) keys.push_back(entry.key);
      const std::string parent = i == 0 ? std::string("the scenario") : "'" + path.substr(0, static_cast<std::size_t>(offset) - 1) + "'";
      diags.error(key_loc, "no '" + key + "' in " + parent + " (path '" + path + "')" + did_you_mean(key, keys));
      return;
    }
    if (!e) {
      auto fresh = std::make_shared<Node>();
      fresh->location = key_loc;
      cur->entries.push_back({key, key_loc, fresh});
      e = &cur->entries.back();
    }
    if (last) {
      e->value = value;
      e->key_location = key_loc;
      return;
    }
    cur = e->value.get();
  }
}

}  // namespace entente
