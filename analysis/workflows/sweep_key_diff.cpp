#include "analysis/workflows/sweep_key_diff.hpp"

namespace entente::analysis {
namespace {

// A value as the user would recognise it; long ones (parameter lists, the
// conditioning) are shortened: which field differs is the message.
std::string shown(const nlohmann::ordered_json* v) {
  if (!v) return "none";
  std::string s = v->is_string() ? v->get<std::string>() : v->dump();
  constexpr std::size_t kMax = 60;
  if (s.size() > kMax) s = s.substr(0, kMax - 3) + "...";
  return s;
}

// What a field means where its name alone would not say.
std::string field_name(const std::string& key) {
  if (key == "scenario_hash") return "the scenario (its file, an --overlay or a --set changed it)";
  if (key == "parameters") return "the parameters swept or their distributions";
  if (key == "conditioned_on") return "the history conditioned on";
  return key;
}

}  // namespace

std::string sweep_key_difference(const nlohmann::ordered_json& stored, const nlohmann::ordered_json& now) {
  if (!stored.is_object() || !now.is_object()) return "";
  std::string out;
  auto add = [&](const std::string& key) {
    const auto s = stored.find(key);
    const auto n = now.find(key);
    const nlohmann::ordered_json* sv = s == stored.end() ? nullptr : &*s;
    const nlohmann::ordered_json* nv = n == now.end() ? nullptr : &*n;
    if (sv && nv && *sv == *nv) return;
    if (!out.empty()) out += "; ";
    out += field_name(key);
    if (key != "scenario_hash") out += " (the database has " + shown(sv) + ", this command " + shown(nv) + ")";
  };
  for (const auto& [key, value] : now.items()) add(key);
  for (const auto& [key, value] : stored.items())
    if (!now.contains(key)) add(key);
  return out;
}

}  // namespace entente::analysis
