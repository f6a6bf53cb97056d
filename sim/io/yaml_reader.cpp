// The only place that includes yaml-cpp: turns its nodes into entente's Node
// tree with source positions, and reports syntax errors as diagnostics.
#include <yaml-cpp/yaml.h>

#include <fstream>
#include <map>
#include <sstream>

#include "sim/io/node.hpp"

namespace entente {

namespace {

// Bounds that keep hostile input (alias bombs, absurd nesting) from exhausting
// memory or the stack while converting.
constexpr int kMaxDepth = 64;
constexpr std::size_t kMaxNodes = 2'000'000;
constexpr std::size_t kMaxFileBytes = 64u << 20;

SourceLocation at(const std::string& file, const YAML::Mark& m) {
  if (m.is_null()) return {file, 0, 0};
  return {file, m.line + 1, m.column + 1};
}

class Converter {
 public:
  Converter(const std::string& file, Diagnostics& diags) : file_(file), diags_(diags) {}

  NodePtr convert(const YAML::Node& y, int depth) {
    auto n = std::make_shared<Node>();
    n->location = at(file_, y.Mark());
    if (++count_ > kMaxNodes) {
      if (!too_many_reported_) diags_.error(n->location, "document too large (more than 2,000,000 nodes)");
      too_many_reported_ = true;
      return n;
    }
    if (depth > kMaxDepth) {
      diags_.error(n->location, "nesting deeper than 64 levels");
      return n;
    }
    switch (y.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null: n->kind = Node::Kind::kNull; break;
      case YAML::NodeType::Scalar:
        n->kind = Node::Kind::kScalar;
        n->scalar = y.Scalar();
        n->quoted = y.Tag() == "!";
        break;
      case YAML::NodeType::Sequence:
        n->kind = Node::Kind::kSequence;
        for (const auto& item : y) n->items.push_back(convert(item, depth + 1));
        break;
      case YAML::NodeType::Map: {
        n->kind = Node::Kind::kMap;
        std::map<std::string, int> seen;  // key -> line of its first occurrence
        for (const auto& kv : y) {
          const SourceLocation key_loc = at(file_, kv.first.Mark());
          if (!kv.first.IsScalar()) {
            diags_.error(key_loc, "map keys must be plain strings");
            continue;
          }
          const std::string key = kv.first.Scalar();
          auto [it, fresh] = seen.emplace(key, key_loc.line);
          if (!fresh) {
            diags_.error(key_loc, "duplicate key '" + key + "' (first at line " + std::to_string(it->second) + ")");
            continue;
          }
          n->entries.push_back({key, key_loc, convert(kv.second, depth + 1)});
        }
        break;
      }
    }
    return n;
  }

 private:
  const std::string& file_;
  Diagnostics& diags_;
  std::size_t count_ = 0;
  bool too_many_reported_ = false;
};

std::string clean_parser_message(const YAML::Exception& e) {
  // yaml-cpp prefixes "yaml-cpp: error at line L, column C: "; we print our own.
  std::string msg = e.msg;
  if (msg.empty()) return "invalid YAML";
  // yaml-cpp says only "bad file" when it gives up, e.g. on absurd nesting.
  if (msg == "bad file") msg = "malformed document (unbalanced or too deeply nested)";
  return "YAML syntax error: " + msg;
}

}  // namespace

NodePtr parse_yaml(const std::string& text, const std::string& file, Diagnostics& diags) {
  if (text.size() > kMaxFileBytes) {
    diags.error({file, 0, 0}, "file larger than 64 MiB");
    return nullptr;
  }
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    diags.error(at(file, e.mark), clean_parser_message(e));
    return nullptr;
  } catch (const std::exception& e) {
    diags.error({file, 0, 0}, std::string("cannot parse YAML: ") + e.what());
    return nullptr;
  }
  try {
    Converter c(file, diags);
    auto n = c.convert(root, 0);
    if (n->location.line == 0) n->location = {file, 1, 1};
    return n;
  } catch (const YAML::Exception& e) {
    diags.error(at(file, e.mark), clean_parser_message(e));
    return nullptr;
  }
}

NodePtr load_yaml_file(const std::string& path, Diagnostics& diags) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diags.error({path, 0, 0}, "cannot open file");
    return nullptr;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) {
    diags.error({path, 0, 0}, "cannot read file");
    return nullptr;
  }
  return parse_yaml(ss.str(), path, diags);
}

}  // namespace entente
