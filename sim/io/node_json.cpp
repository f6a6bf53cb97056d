#include "sim/io/node_json.hpp"

#include <charconv>
#include <cmath>

namespace entente {

nlohmann::ordered_json node_to_json(const Node& node) {
  switch (node.kind) {
    case Node::Kind::kNull: return nullptr;
    case Node::Kind::kScalar: {
      const std::string& s = node.scalar;
      if (!node.quoted) {
        if (s == "true") return true;
        if (s == "false") return false;
        if (s == "null" || s == "~") return nullptr;
        long long iv = 0;
        auto [pi, ei] = std::from_chars(s.data(), s.data() + s.size(), iv);
        if (ei == std::errc() && pi == s.data() + s.size()) return iv;
        double dv = 0;
        auto [pd, ed] = std::from_chars(s.data(), s.data() + s.size(), dv);
        if (ed == std::errc() && pd == s.data() + s.size() && std::isfinite(dv)) return dv;
      }
      return s;
    }
    case Node::Kind::kSequence: {
      auto arr = nlohmann::ordered_json::array();
      for (const auto& item : node.items) arr.push_back(node_to_json(*item));
      return arr;
    }
    case Node::Kind::kMap: {
      auto obj = nlohmann::ordered_json::object();
      for (const auto& e : node.entries) obj[e.key] = node_to_json(*e.value);
      return obj;
    }
  }
  return nullptr;
}

}  // namespace entente
