// actors and dependencies: the typed, directed, weighted network.
#include <map>
#include <tuple>

#include "sim/scenario/node_reader.hpp"
#include "sim/scenario/parser.hpp"

namespace entente::parse_detail {

namespace {

struct AttributeRule {
  const char* name;
  double lo, hi;
  bool required;
};

// Actor attributes, their allowed ranges and units (docs/scenario-format.md).
constexpr AttributeRule kAttributeRules[] = {
    {"gdp", 1e-6, 1e7, false},         // USD bn, current prices at the start year
    {"growth", -0.5, 0.5, false},      // trend real growth, fraction per year
    {"growth_sd", 0.0, 0.5, false},    // sd of annual growth shocks
    {"milex_share", 0.0, 1.0, false},  // military spending, share of GDP
    {"capability", 0.0, 1e9, false},   // composite capability index
};

std::vector<std::string> attribute_names() {
  std::vector<std::string> v;
  for (const auto& a : kAttributeRules) v.emplace_back(a.name);
  return v;
}

void parse_actor(const MapEntry& e, ScenarioSpec& spec, Diagnostics& d) {
  ActorSpec a;
  a.id = e.key;
  a.where = e.key_location;
  const std::string what = "actor '" + e.key + "'";
  MapReader r(*e.value, what, {"name", "kind", "members", "swing", "attributes", "source", "note"}, d);
  if (!r.valid()) return;
  if (const Node* n = r.get("name")) a.name = read_line(*n, what + " name", d).value_or(a.id);
  else a.name = a.id;
  if (const Node* k = r.require("kind")) {
    auto s = read_string(*k, what + " kind", d);
    if (s) {
      if (*s == "state") a.kind = ActorKind::kState;
      else if (*s == "bloc") a.kind = ActorKind::kBloc;
      else if (*s == "alliance") a.kind = ActorKind::kAlliance;
      else
        d.error(k->location, "unknown actor kind '" + *s + "' in " + what + "; expected state, bloc or alliance" +
                                 did_you_mean(*s, {"state", "bloc", "alliance"}));
    }
  }
  if (const Node* m = r.get("members")) {
    if (auto items = read_located_strings(*m, what + " members", d)) {
      for (const auto& item : *items) {
        a.members.push_back(item.value);
        a.member_locations.push_back(item.where);
      }
    }
    if (a.kind != ActorKind::kAlliance)
      d.error(m->location, what + " has members but its kind is not 'alliance'");
  } else if (a.kind == ActorKind::kAlliance) {
    d.error(e.value->location, what + " is an alliance and needs 'members'");
  }
  if (const Node* s = r.get("swing")) a.swing = read_bool(*s, what + " swing", d).value_or(false);
  if (const Node* attrs = r.get("attributes")) {
    MapReader ar(*attrs, what + " attributes", attribute_names(), d);
    if (ar.valid()) {
      for (const auto& rule : kAttributeRules) {
        const Node* v = ar.get(rule.name);
        if (!v) continue;
        const std::string aw = what + " attribute '" + rule.name + "'";
        auto q = read_quantity(*v, "actors." + a.id + ".attributes." + rule.name, aw, d);
        if (!q) continue;
        check_quantity_range(*q, rule.lo, rule.hi, aw, spec, d);
        a.attributes.emplace(rule.name, *q);
      }
    }
  }
  const Node* attrs_node = r.get("attributes");
  const bool gdp_named = attrs_node && attrs_node->is_map() && attrs_node->find("gdp");
  if (a.kind != ActorKind::kAlliance && !gdp_named && !(attrs_node && !attrs_node->is_map()))
    d.error(e.value->location, what + " needs attributes.gdp (USD bn at the start year)");
  spec.actors.push_back(std::move(a));
}

// The line of each (from, to, channel) flow seen so far: a duplicate is
// found in log time, not by scanning every earlier dependency (20,000
// dependencies would take 2 * 10^8 comparisons).
using FlowLines = std::map<std::tuple<std::string, std::string, Channel>, int>;

void parse_dependency(const Node& n, std::size_t index, ScenarioSpec& spec,
                      std::map<Channel, std::pair<std::string, SourceLocation>>& units, FlowLines& flows,
                      Diagnostics& d) {
  const std::string what = "dependency " + std::to_string(index);
  MapReader r(n, what, {"from", "to", "channel", "value", "unit", "source", "assumption", "note"}, d);
  if (!r.valid()) return;
  DependencySpec dep;
  dep.where = n.location;
  bool ok = true;
  const Node* from = r.require("from");
  const Node* to = r.require("to");
  const Node* ch = r.require("channel");
  const Node* val = r.require("value");
  const Node* unit = r.require("unit");
  if (!from || !to || !ch || !val || !unit) return;
  if (auto s = read_string(*from, what + " from", d)) {
    dep.from = *s;
    ok = check_actor_ref(*s, from->location, what + " from", spec, d) && ok;
  } else {
    ok = false;
  }
  if (auto s = read_string(*to, what + " to", d)) {
    dep.to = *s;
    ok = check_actor_ref(*s, to->location, what + " to", spec, d) && ok;
  } else {
    ok = false;
  }
  if (ok && dep.from == dep.to) {
    d.error(to->location, what + " goes from '" + dep.from + "' to itself");
    ok = false;
  }
  for (const std::string* id : {&dep.from, &dep.to}) {
    const ActorSpec* a = spec.actor(*id);
    if (a && a->kind == ActorKind::kAlliance) {
      d.error((id == &dep.from ? from : to)->location,
              what + " connects alliance '" + *id + "'; dependencies link states and blocs, not alliances");
      ok = false;
    }
  }
  if (auto s = read_string(*ch, what + " channel", d)) {
    if (auto c = parse_channel(*s)) {
      dep.channel = *c;
    } else {
      std::vector<std::string> names;
      for (Channel c2 : kAllChannels) names.emplace_back(channel_name(c2));
      d.error(ch->location, "unknown channel '" + *s + "' in " + what + "; expected " + join_alternatives(names) +
                                did_you_mean(*s, names));
      ok = false;
    }
  }
  if (auto q = read_quantity(*val, "dependencies." + std::to_string(index) + ".value", what + " value", d)) {
    check_quantity_range(*q, 0.0, 1e7, what + " value", spec, d);
    dep.value = *q;
  } else {
    ok = false;
  }
  dep.unit = read_line(*unit, what + " unit", d).value_or("");
  if (const Node* s = r.get("source")) dep.source = read_string(*s, what + " source", d).value_or("");
  if (!r.get("source") && !r.get("assumption"))
    d.error(n.location, what + " needs 'source' (a seed by file name or a dataset) or 'assumption' (why)");
  if (!ok) return;
  // Flows in one channel are compared and summed, so they must share a unit.
  auto [it, inserted] = units.emplace(dep.channel, std::make_pair(dep.unit, unit->location));
  if (!inserted && it->second.first != dep.unit) {
    d.error(unit->location, what + " unit '" + dep.unit + "' differs from '" + it->second.first + "' used by the " +
                                std::string(channel_name(dep.channel)) + " channel at line " +
                                std::to_string(it->second.second.line));
    return;
  }
  auto [flow, fresh] = flows.emplace(std::make_tuple(dep.from, dep.to, dep.channel), dep.where.line);
  if (!fresh) {
    d.error(n.location, what + " duplicates the " + std::string(channel_name(dep.channel)) + " dependency " +
                            dep.from + " -> " + dep.to + " at line " + std::to_string(flow->second));
    return;
  }
  spec.dependencies.push_back(std::move(dep));
}

}  // namespace

void parse_network(const Node* actors, const Node* dependencies, ScenarioSpec& spec, Diagnostics& d) {
  if (actors) {
    if (!actors->is_map()) {
      d.error(actors->location, "actors must be a map of id: {name, kind, attributes}, got " + actors->kind_name());
    } else {
      for (const auto& e : actors->entries) spec.declared_actors.insert(e.key);
      for (const auto& e : actors->entries)
        if (check_id(e.key, e.key_location, "actor id", d)) parse_actor(e, spec, d);
      // Members are checked once every actor is known.
      for (const auto& a : spec.actors) {
        for (std::size_t i = 0; i < a.members.size(); ++i) {
          const SourceLocation& where = a.member_locations[i];
          if (!check_actor_ref(a.members[i], where, "members of '" + a.id + "'", spec, d)) continue;
          if (a.members[i] == a.id) d.error(where, "alliance '" + a.id + "' lists itself");
        }
      }
    }
  }
  if (!dependencies) return;
  if (!dependencies->is_sequence()) {
    d.error(dependencies->location,
            "dependencies must be a list of {from, to, channel, value, unit, source}, got " + dependencies->kind_name());
    return;
  }
  std::map<Channel, std::pair<std::string, SourceLocation>> units;
  FlowLines flows;
  for (std::size_t i = 0; i < dependencies->items.size(); ++i)
    parse_dependency(*dependencies->items[i], i, spec, units, flows, d);
}

}  // namespace entente::parse_detail
