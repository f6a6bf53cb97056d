// The only place that includes yaml-cpp: turns its parse events into
// entente's Node tree with source positions, and reports syntax errors as
// diagnostics.
//
// Events rather than YAML::Load: yaml-cpp's own tree costs ~600 bytes a node
// and is built whole before anything can be counted, so a few MiB of "0,0,"
// took over a GiB. Building our tree from the events lets the size limits
// (sim/util/limits.hpp) stop the parse at the first node over them.
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "sim/io/input_file.hpp"
#include "sim/io/node.hpp"
#include "sim/io/utf8.hpp"
#include "sim/util/limits.hpp"
#include "sim/util/suggest.hpp"

namespace entente {

namespace {

using limits::kMaxAliasNodes;
using limits::kMaxDepth;
using limits::kMaxFileBytes;
using limits::kMaxNodes;

SourceLocation at(const std::string& file, const YAML::Mark& m) {
  if (m.is_null()) return {file, 0, 0};
  return {file, m.line + 1, m.column + 1};
}

// Thrown by the builder to end the parse at a limit (already reported).
struct StopParsing {};

class TreeBuilder final : public YAML::EventHandler {
 public:
  TreeBuilder(const std::string& file, Diagnostics& diags) : file_(file), diags_(diags) {}

  NodePtr root() const { return root_; }

  // A scenario is one document: with a second one ('---' or '...' and more
  // text) everything after the marker would silently disappear.
  void OnDocumentStart(const YAML::Mark& mark) override {
    if (documents_++ == 0) return;
    diags_.error(at(file_, mark),
                 "a second YAML document starts here; a scenario file is one document (remove the '---' or '...' "
                 "line, or move what follows into an overlay file)");
    throw StopParsing{};
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto n = make(mark, Node::Kind::kNull);
    remember(anchor, n);
    attach(n);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    check_tag(tag, mark);
    auto n = make(mark, Node::Kind::kScalar);
    n->scalar = value;
    n->quoted = tag == "!";  // a quoted scalar: "1" is a string
    remember(anchor, n);
    attach(n);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto it = anchors_.find(anchor);
    if (it == anchors_.end()) {
      // An alias of a node still open (`&a [*a]`): yaml-cpp lets it through.
      diags_.error(at(file_, mark), "alias refers to a node that contains it");
      throw StopParsing{};
    }
    // A deep copy: overlays and --set edit nodes in place, so the copies
    // must not share them. Locations stay those of the anchored node.
    attach(copy(*it->second, stack_.size(), mark));
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    check_tag(tag, mark);
    open(make(mark, Node::Kind::kSequence), anchor);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    check_tag(tag, mark);
    open(make(mark, Node::Kind::kMap), anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    NodePtr node;
    YAML::anchor_t anchor = YAML::NullAnchor;
    // Maps: the key read and waiting for its value.
    NodePtr key;
    bool key_usable = false;
    std::map<std::string, int> seen;  // key -> line of its first occurrence
  };

  // "?" is no tag and "!" a quoted scalar; anything else (`!!str 5`,
  // `!custom`) asks for a meaning entente would silently ignore.
  void check_tag(const std::string& tag, const YAML::Mark& mark) {
    if (tag.empty() || tag == "?" || tag == "!") return;
    diags_.error(at(file_, mark), "YAML tags are not supported (this node has tag '" + tag +
                                      "'); remove it and write the value itself");
  }

  // A node at the current depth, counted against the limits.
  NodePtr make(const YAML::Mark& mark, Node::Kind kind) {
    auto n = std::make_shared<Node>();
    n->kind = kind;
    n->location = at(file_, mark);
    count(n->location, stack_.size());
    return n;
  }

  void count(const SourceLocation& where, std::size_t depth) {
    if (++nodes_ > kMaxNodes) {
      diags_.error(where, "document too large (more than " + with_thousands(kMaxNodes) + " nodes)");
      throw StopParsing{};
    }
    if (depth > static_cast<std::size_t>(kMaxDepth)) {
      diags_.error(where, "nesting deeper than " + std::to_string(kMaxDepth) + " levels");
      throw StopParsing{};
    }
  }

  NodePtr copy(const Node& from, std::size_t depth, const YAML::Mark& alias_mark) {
    if (++alias_nodes_ > kMaxAliasNodes) {
      diags_.error(at(file_, alias_mark), "aliases expand to more than " + with_thousands(kMaxAliasNodes) + " nodes");
      throw StopParsing{};
    }
    count(from.location, depth);
    auto n = std::make_shared<Node>();
    n->kind = from.kind;
    n->location = from.location;
    n->scalar = from.scalar;
    n->quoted = from.quoted;
    for (const auto& item : from.items) n->items.push_back(copy(*item, depth + 1, alias_mark));
    for (const auto& e : from.entries)
      n->entries.push_back({e.key, e.key_location, copy(*e.value, depth + 1, alias_mark)});
    return n;
  }

  void remember(YAML::anchor_t anchor, const NodePtr& n) {
    if (anchor != YAML::NullAnchor) anchors_[anchor] = n;
  }

  void open(NodePtr n, YAML::anchor_t anchor) {
    Frame f;
    f.node = std::move(n);
    f.anchor = anchor;
    stack_.push_back(std::move(f));
  }

  void close() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    // Anchored when complete, so that an alias inside it cannot copy it.
    remember(f.anchor, f.node);
    attach(f.node);
  }

  // Strings go into JSON (manifests, the scenario hash), which needs UTF-8.
  // Checked per scalar rather than on the raw text: comments may hold any
  // bytes, and a quoted "\ud800" escape makes invalid UTF-8 from valid text.
  bool check_utf8(const std::string& s, const SourceLocation& where) {
    const auto bad = first_invalid_utf8(s);
    if (!bad) return check_controls(s, where);
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned>(static_cast<unsigned char>(s[*bad])));
    diags_.error(where, std::string("text is not valid UTF-8 (byte ") + byte + " at offset " + std::to_string(*bad) +
                            " of this value); save the file as UTF-8");
    return false;
  }

  // Strings reach charts, reports, CSV files and terminals: a control
  // character (from the raw text or a quoted escape such as "\a") has no
  // meaning there and could end a line of another program's syntax. Tabs
  // and line feeds stay for multi-line descriptions; the fields that must
  // be one line check that themselves (read_line in node_reader.hpp).
  bool check_controls(const std::string& s, const SourceLocation& where) {
    const auto bad = first_control_character(s);
    if (!bad) return true;
    diags_.error(where, "text holds the control character " + bad->name + " (at offset " +
                            std::to_string(bad->offset) + " of this value); remove it");
    return false;
  }

  // A finished node goes to its parent: the root, a list item, a map key or
  // the value of the key before it.
  void attach(const NodePtr& n) {
    if (stack_.empty()) {
      if (n->is_scalar()) check_utf8(n->scalar, n->location);
      root_ = n;
      return;
    }
    Frame& f = stack_.back();
    if (f.node->is_sequence()) {
      if (n->is_scalar()) check_utf8(n->scalar, n->location);
      f.node->items.push_back(n);
      return;
    }
    if (!f.key) {
      f.key = n;
      f.key_usable = false;
      if (!n->is_scalar()) {
        diags_.error(n->location, "map keys must be plain strings");
      } else if (check_utf8(n->scalar, n->location)) {
        auto [it, fresh] = f.seen.emplace(n->scalar, n->location.line);
        if (fresh)
          f.key_usable = true;
        else
          diags_.error(n->location,
                       "duplicate key '" + n->scalar + "' (first at line " + std::to_string(it->second) + ")");
      }
      return;
    }
    if (f.key_usable) {
      if (n->is_scalar()) check_utf8(n->scalar, n->location);
      f.node->entries.push_back({f.key->scalar, f.key->location, n});
    }
    f.key = nullptr;
  }

  const std::string& file_;
  Diagnostics& diags_;
  std::vector<Frame> stack_;
  NodePtr root_;
  std::map<YAML::anchor_t, NodePtr> anchors_;
  std::size_t nodes_ = 0, alias_nodes_ = 0;
  int documents_ = 0;
};

std::string clean_parser_message(const YAML::Exception& e) {
  // yaml-cpp prefixes "yaml-cpp: error at line L, column C: "; we print our own.
  std::string msg = e.msg;
  if (msg.empty()) return "invalid YAML";
  // yaml-cpp says only "bad file" when it gives up, e.g. on absurd nesting.
  if (msg == "bad file") msg = "malformed document (unbalanced or too deeply nested)";
  return "YAML syntax error: " + msg;
}

// Bytes that yaml-cpp misreads rather than rejects: NUL ends its input
// early and garbles values; a carriage return without a line feed (old Mac
// line endings, or a stray one at the end) is not a line break to it, so a
// CR-only file reads as one empty line and a trailing CR becomes part of a
// key. CRLF line endings are fine.
bool check_raw_text(const std::string& text, const std::string& file, Diagnostics& diags) {
  int line = 1, column = 1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\0') {
      diags.error({file, line, column}, "NUL byte in the file; a scenario is UTF-8 text (is this a binary file, or "
                                        "saved as UTF-16?)");
      return false;
    }
    if (c == '\r' && (i + 1 == text.size() || text[i + 1] != '\n')) {
      diags.error({file, line, column}, "carriage return (CR) without a line feed; save the file with LF (or CRLF) "
                                        "line endings");
      return false;
    }
    if (c == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++column;  // columns count characters, as yaml-cpp's marks do
    }
  }
  return true;
}

}  // namespace

NodePtr parse_yaml(const std::string& text, const std::string& file, Diagnostics& diags) {
  if (text.size() > kMaxFileBytes) {
    diags.error({file, 0, 0}, "file larger than " + std::to_string(kMaxFileBytes >> 20) + " MiB");
    return nullptr;
  }
  if (!check_raw_text(text, file, diags)) return nullptr;
  // The builder's own findings (duplicate keys, limits) are kept apart: a
  // syntax error later in the text is then the only error reported, as
  // before anything of the half-read tree is judged.
  Diagnostics found;
  TreeBuilder builder(file, found);
  try {
    std::istringstream in(text);
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(builder)) {  // a second document stops the builder
    }
  } catch (const StopParsing&) {
    for (const auto& d : found.list()) diags.error(d.where, d.message);
    return nullptr;
  } catch (const YAML::Exception& e) {
    diags.error(at(file, e.mark), clean_parser_message(e));
    return nullptr;
  } catch (const std::exception& e) {
    diags.error({file, 0, 0}, std::string("cannot parse YAML: ") + e.what());
    return nullptr;
  }
  for (const auto& d : found.list()) diags.error(d.where, d.message);
  NodePtr root = builder.root();
  if (!root) root = std::make_shared<Node>();  // an empty document
  if (root->location.line == 0) root->location = {file, 1, 1};
  return root;
}

NodePtr load_yaml_file(const std::string& path, Diagnostics& diags) {
  std::string error;
  const std::optional<std::string> bytes = read_input_file(path, kMaxFileBytes, error);
  if (!bytes) {
    diags.error({path, 0, 0}, error);
    return nullptr;
  }
  return parse_yaml(*bytes, path, diags);
}

}  // namespace entente
