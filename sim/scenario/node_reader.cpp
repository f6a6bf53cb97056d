#include "sim/scenario/node_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace entente {

namespace {

std::string in_quotes(std::string_view s) { return "'" + std::string(s) + "'"; }

std::string describe(const Node& n) {
  if (n.is_scalar()) return "'" + n.scalar + "'";
  return n.kind_name();
}

}  // namespace

MapReader::MapReader(const Node& node, std::string what, std::vector<std::string> allowed, Diagnostics& diags)
    : node_(node), what_(std::move(what)), diags_(diags) {
  if (!node.is_map()) {
    diags_.error(node.location, what_ + " must be a map, got " + describe(node));
    valid_ = false;
    return;
  }
  for (const auto& e : node.entries) {
    if (std::find(allowed.begin(), allowed.end(), e.key) == allowed.end()) {
      diags_.error(e.key_location, "unknown key " + in_quotes(e.key) + " in " + what_ + did_you_mean(e.key, allowed));
    }
  }
}

const Node* MapReader::get(std::string_view key) const {
  if (!valid_) return nullptr;
  const MapEntry* e = node_.find(key);
  return e ? e->value.get() : nullptr;
}

const Node* MapReader::require(std::string_view key) const {
  if (!valid_) return nullptr;
  const Node* n = get(key);
  if (!n) diags_.error(node_.location, "missing required key " + in_quotes(key) + " in " + what_);
  return n;
}

std::optional<double> read_number(const Node& n, std::string_view what, Diagnostics& d) {
  if (n.is_scalar() && !n.quoted) {
    const std::string& s = n.scalar;
    double v = 0;
    const char* first = s.data();
    if (!s.empty() && s[0] == '+') ++first;
    auto [p, ec] = std::from_chars(first, s.data() + s.size(), v);
    if (ec == std::errc() && p == s.data() + s.size()) {
      if (!std::isfinite(v)) {
        d.error(n.location, std::string(what) + " must be a finite number, got '" + s + "'");
        return std::nullopt;
      }
      return v;
    }
    if (ec == std::errc::result_out_of_range) {
      d.error(n.location, std::string(what) + " is out of the range of a double: '" + s + "'");
      return std::nullopt;
    }
  }
  if (n.is_scalar() && !n.quoted) {
    static const char* kNonFinite[] = {".inf", ".Inf", ".INF", "+.inf", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN"};
    for (const char* s : kNonFinite)
      if (n.scalar == s) {
        d.error(n.location, std::string(what) + " must be a finite number, got '" + n.scalar + "'");
        return std::nullopt;
      }
  }
  if (n.is_scalar() && n.quoted) {
    d.error(n.location, std::string(what) + " must be a number, got the quoted string \"" + n.scalar +
                            "\" (remove the quotes)");
    return std::nullopt;
  }
  d.error(n.location, std::string(what) + " must be a number, got " + describe(n));
  return std::nullopt;
}

std::optional<double> read_number_in(const Node& n, std::string_view what, double lo, double hi, Diagnostics& d) {
  auto v = read_number(n, what, d);
  if (!v) return v;
  if (*v < lo || *v > hi) {
    auto fmt = [](double x) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%g", x);
      return std::string(buf);
    };
    d.error(n.location, std::string(what) + " must be in [" + fmt(lo) + ", " + fmt(hi) + "], got " + n.scalar);
    return std::nullopt;
  }
  return v;
}

std::optional<int> read_int(const Node& n, std::string_view what, Diagnostics& d) {
  if (n.is_scalar() && !n.quoted) {
    int v = 0;
    auto [p, ec] = std::from_chars(n.scalar.data(), n.scalar.data() + n.scalar.size(), v);
    if (ec == std::errc() && p == n.scalar.data() + n.scalar.size()) return v;
  }
  d.error(n.location, std::string(what) + " must be an integer, got " +
                          (n.is_scalar() && n.quoted ? "the quoted string \"" + n.scalar + "\" (remove the quotes)"
                                                     : describe(n)));
  return std::nullopt;
}

std::optional<bool> read_bool(const Node& n, std::string_view what, Diagnostics& d) {
  if (n.is_scalar() && !n.quoted) {
    if (n.scalar == "true") return true;
    if (n.scalar == "false") return false;
  }
  d.error(n.location, std::string(what) + " must be true or false, got " + describe(n));
  return std::nullopt;
}

std::optional<std::string> read_string(const Node& n, std::string_view what, Diagnostics& d) {
  if (n.is_scalar()) return n.scalar;
  d.error(n.location, std::string(what) + " must be a string, got " + describe(n));
  return std::nullopt;
}

std::optional<std::string> read_line(const Node& n, std::string_view what, Diagnostics& d) {
  auto s = read_string(n, what, d);
  if (!s || s->find_first_of("\n\t") == std::string::npos) return s;
  d.error(n.location, std::string(what) + " must be one line (it holds a " +
                          (s->find('\n') != std::string::npos ? "line break" : "tab") + ")");
  return std::nullopt;
}

bool check_id(const std::string& id, const SourceLocation& where, std::string_view what, Diagnostics& d) {
  bool ok = !id.empty() && id.size() <= 64 && id[0] >= 'a' && id[0] <= 'z';
  for (char c : id) ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
  if (!ok) {
    d.error(where, std::string(what) + " '" + id +
                       "' is not a valid id (lowercase letter first, then lowercase letters, digits or '_', "
                       "at most 64 characters)");
  }
  return ok;
}

std::optional<std::string> read_id(const Node& n, std::string_view what, Diagnostics& d) {
  auto s = read_string(n, what, d);
  if (!s) return s;
  if (!check_id(*s, n.location, what, d)) return std::nullopt;
  return s;
}

std::optional<std::vector<LocatedString>> read_located_strings(const Node& n, std::string_view what, Diagnostics& d) {
  if (n.is_scalar()) return std::vector<LocatedString>{{n.scalar, n.location}};
  if (!n.is_sequence()) {
    d.error(n.location, std::string(what) + " must be a list of strings, got " + describe(n));
    return std::nullopt;
  }
  std::vector<LocatedString> out;
  bool ok = true;
  for (const auto& item : n.items) {
    auto s = read_string(*item, what, d);
    if (!s) {
      ok = false;
      continue;
    }
    // Every list of strings in a scenario is a set (members, channels, the
    // actors of a role or a dyad): a repeat is a mistake, and taking it twice
    // (an alliance member) or once (a channel) would each be a silent guess.
    const auto first = std::find_if(out.begin(), out.end(), [&](const LocatedString& o) { return o.value == *s; });
    if (first != out.end()) {
      d.error(item->location, "'" + *s + "' appears twice in " + std::string(what) + " (first at line " +
                                  std::to_string(first->where.line) + ")");
      ok = false;
      continue;
    }
    out.push_back({*s, item->location});
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<std::vector<std::string>> read_string_list(const Node& n, std::string_view what, Diagnostics& d) {
  if (n.is_scalar()) return std::vector<std::string>{n.scalar};
  if (!n.is_sequence()) {
    d.error(n.location, std::string(what) + " must be a list of strings, got " + describe(n));
    return std::nullopt;
  }
  std::vector<std::string> out;
  bool ok = true;
  for (const auto& item : n.items) {
    auto s = read_string(*item, what, d);
    if (s) out.push_back(*s);
    else ok = false;
  }
  if (!ok) return std::nullopt;
  return out;
}

namespace {

// Distribution parameter names by kind, in the order of Distribution::p1..p3.
std::vector<std::string> dist_param_names(DistKind k) {
  switch (k) {
    case DistKind::kFixed: return {"value"};
    case DistKind::kUniform: return {"min", "max"};
    case DistKind::kTriangular: return {"min", "mode", "max"};
    case DistKind::kNormal:
    case DistKind::kLognormal: return {"mean", "sd"};
    case DistKind::kBeta: return {"a", "b"};
  }
  return {};
}

const std::vector<std::string> kProvenanceKeys = {"source", "assumption", "unit", "note"};

}  // namespace

std::optional<Quantity> read_quantity(const Node& n, const std::string& key, std::string_view what, Diagnostics& d) {
  Quantity q;
  q.key = key;
  q.where = n.location;
  if (n.is_scalar()) {
    auto v = read_number(n, what, d);
    if (!v) return std::nullopt;
    q.dist = Distribution::fixed(*v);
    return q;
  }
  if (!n.is_map()) {
    d.error(n.location, std::string(what) + " must be a number, a distribution {dist: ...} or {ref: id}, got " +
                            n.kind_name());
    return std::nullopt;
  }
  const std::string w(what);
  if (n.find("ref")) {
    std::vector<std::string> allowed = {"ref"};
    allowed.insert(allowed.end(), kProvenanceKeys.begin(), kProvenanceKeys.end());
    MapReader r(n, w, allowed, d);
    auto id = read_id(*r.get("ref"), w + " ref", d);
    if (!id) return std::nullopt;
    q.ref = *id;
    return q;
  }
  DistKind kind = DistKind::kFixed;
  if (const MapEntry* e = n.find("dist")) {
    auto name = read_string(*e->value, w + " dist", d);
    if (!name) return std::nullopt;
    auto k = parse_dist_kind(*name);
    if (!k) {
      std::vector<std::string> names;
      for (DistKind dk : {DistKind::kFixed, DistKind::kUniform, DistKind::kTriangular, DistKind::kNormal,
                          DistKind::kLognormal, DistKind::kBeta})
        names.emplace_back(dist_kind_name(dk));
      d.error(e->value->location, "unknown distribution '" + *name + "' in " + w + "; expected " +
                                      join_alternatives(names) + did_you_mean(*name, names));
      return std::nullopt;
    }
    kind = *k;
  } else if (!n.find("value")) {
    d.error(n.location, w + " must have 'dist' (a distribution), 'value' (a number) or 'ref' (an uncertainty id)");
    return std::nullopt;
  }
  const auto names = dist_param_names(kind);
  std::vector<std::string> allowed = names;
  allowed.push_back("dist");
  allowed.push_back("truncate");
  allowed.insert(allowed.end(), kProvenanceKeys.begin(), kProvenanceKeys.end());
  MapReader r(n, w, allowed, d);
  double p[3] = {0, 0, 0};
  bool ok = true;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const Node* pn = r.get(names[i]);
    if (!pn) {
      d.error(n.location, "missing parameter '" + names[i] + "' of the " + std::string(dist_kind_name(kind)) +
                              " distribution in " + w);
      ok = false;
      continue;
    }
    auto v = read_number(*pn, w + " " + names[i], d);
    if (v) p[i] = *v;
    else ok = false;
  }
  q.dist = Distribution{kind, p[0], p[1], p[2], false, 0, 0};
  if (const Node* t = r.get("truncate")) {
    if (!t->is_sequence() || t->items.size() != 2) {
      d.error(t->location, w + " truncate must be a list [lo, hi]");
      ok = false;
    } else {
      auto lo = read_number(*t->items[0], w + " truncate lo", d);
      auto hi = read_number(*t->items[1], w + " truncate hi", d);
      if (lo && hi) {
        q.dist.truncated = true;
        q.dist.lo = *lo;
        q.dist.hi = *hi;
      } else {
        ok = false;
      }
    }
  }
  if (!ok) return std::nullopt;
  if (auto why = q.dist.invalid_reason()) {
    d.error(n.location, "impossible distribution in " + w + ": " + *why);
    return std::nullopt;
  }
  return q;
}

}  // namespace entente
