// levers, events and policies: what acts on the network and when.
#include <string_view>

#include "sim/scenario/node_reader.hpp"
#include "sim/scenario/parser.hpp"

namespace entente::parse_detail {

namespace {

// Channels a lever acts on when the file does not say (docs/scenario-format.md).
std::vector<Channel> default_channels(LeverKind k) {
  switch (k) {
    case LeverKind::kSanctions: return {Channel::kEnergy, Channel::kGoods, Channel::kTechnology, Channel::kCredit};
    case LeverKind::kSecondarySanctions: return {Channel::kGoods, Channel::kTechnology, Channel::kPayments};
    case LeverKind::kExportControls: return {Channel::kTechnology};
    case LeverKind::kInvestmentScreening: return {Channel::kCredit};
    case LeverKind::kTariffs: return {Channel::kGoods};
    case LeverKind::kEnergyDiversification: return {Channel::kEnergy};
    case LeverKind::kSupply: return {Channel::kGoods};
    case LeverKind::kPaymentPush: return {Channel::kPayments};
    default: return {};
  }
}

std::optional<std::vector<Channel>> read_channels(const Node& n, const std::string& what, Diagnostics& d) {
  auto names = read_located_strings(n, what + " channels", d);
  if (!names) return std::nullopt;
  std::vector<std::string> valid;
  for (Channel c : kAllChannels) valid.emplace_back(channel_name(c));
  std::vector<Channel> out;
  bool ok = true;
  for (const auto& s : *names) {
    if (auto c = parse_channel(s.value)) {
      out.push_back(*c);
    } else {
      d.error(s.where, "unknown channel '" + s.value + "' in " + what + "; expected " + join_alternatives(valid) +
                           did_you_mean(s.value, valid));
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return out;
}

void parse_lever(const MapEntry& e, ScenarioSpec& spec, Diagnostics& d) {
  const std::string what = "lever '" + e.key + "'";
  MapReader r(*e.value, what,
              {"kind", "owner", "target", "channels", "intensity", "baseline_intensity", "schedule", "range", "effect",
               "participation", "triggers", "label", "description", "source", "assumption", "note"},
              d);
  if (!r.valid()) return;
  LeverSpec l;
  l.id = e.key;
  l.where = e.key_location;
  l.label = l.id;
  if (const Node* n = r.get("label")) l.label = read_line(*n, what + " label", d).value_or(l.id);
  if (const Node* n = r.get("description")) l.description = read_string(*n, what + " description", d).value_or("");
  bool ok = true;
  if (const Node* k = r.require("kind")) {
    auto s = read_string(*k, what + " kind", d);
    auto kind = s ? parse_lever_kind(*s) : std::nullopt;
    if (kind) {
      l.kind = *kind;
    } else {
      if (s)
        d.error(k->location, "unknown lever kind '" + *s + "' in " + what + "; expected one of " +
                                 join_alternatives(lever_kind_names()) + did_you_mean(*s, lever_kind_names()));
      ok = false;
    }
  } else {
    ok = false;
  }
  auto actor_field = [&](const char* key, std::string& out) {
    const Node* n = r.require(key);
    if (!n) return false;
    auto id = read_string(*n, what + " " + key, d);
    if (!id) return false;
    out = *id;
    return check_actor_ref(out, n->location, what + " " + key, spec, d);
  };
  const bool owner_ok = actor_field("owner", l.owner);
  const bool target_ok = actor_field("target", l.target);
  ok = ok && owner_ok && target_ok;
  if (owner_ok && target_ok && l.target == l.owner)
    d.error(r.get("target")->location, what + " targets its own owner '" + l.owner + "'");
  if (const Node* rg = r.get("range")) {
    if (!rg->is_sequence() || rg->items.size() != 2) {
      d.error(rg->location, what + " range must be a list [min, max] within [0, 1]");
      ok = false;
    } else {
      auto lo = read_number_in(*rg->items[0], what + " range min", 0, 1, d);
      auto hi = read_number_in(*rg->items[1], what + " range max", 0, 1, d);
      if (lo && hi && *lo > *hi) {
        d.error(rg->location, what + " range min must not exceed max");
        ok = false;
      } else if (lo && hi) {
        l.range_min = *lo;
        l.range_max = *hi;
      }
    }
  }
  if (const Node* i = r.require("intensity")) {
    auto v = read_number_in(*i, what + " intensity", l.range_min, l.range_max, d);
    if (v) l.intensity = *v;
  }
  if (const Node* b = r.get("baseline_intensity")) {
    auto v = read_number_in(*b, what + " baseline_intensity", 0, 1, d);
    if (v) l.baseline_intensity = *v;
  }
  if (const Node* c = r.get("channels")) {
    auto chans = read_channels(*c, what, d);
    if (chans) l.channels = *chans;
  } else {
    l.channels = default_channels(l.kind);
  }
  if (const Node* s = r.get("schedule")) {
    auto sch = parse_schedule(*s, what, spec.time, l.range_min, l.range_max, d);
    if (sch) l.schedule = *sch;
  }
  if (const Node* ef = r.get("effect")) {
    auto q = read_quantity(*ef, "levers." + l.id + ".effect", what + " effect", d);
    if (q) {
      check_quantity_range(*q, -10, 10, what + " effect", spec, d);
      l.effect = *q;
    }
  }
  if (const Node* p = r.get("participation")) {
    l.participation = read_number_in(*p, what + " participation", 0, 1, d);
    const ActorSpec* owner = owner_ok ? spec.actor(l.owner) : nullptr;
    if (owner && owner->kind != ActorKind::kAlliance)
      d.error(p->location, what + " has a participation threshold but its owner '" + l.owner +
                               "' is not an alliance; only an alliance's members join or leave a lever");
  }
  if (const Node* t = r.get("triggers")) {
    auto triggers = parse_triggers(*t, what, l.range_min, l.range_max, d);
    if (triggers) l.triggers = std::move(*triggers);
  }
  if (const Node* s = r.get("source")) l.source = read_string(*s, what + " source", d).value_or("");
  if (!r.get("source") && !r.get("assumption"))
    d.error(e.value->location, what + " needs 'source' or 'assumption'");
  if (ok) spec.levers.push_back(std::move(l));
}

std::vector<std::string> lever_ids(const ScenarioSpec& spec) {
  std::vector<std::string> ids;
  for (const auto& l : spec.levers) ids.push_back(l.id);
  return ids;
}

void parse_effect(const Node& n, const std::string& what, ScenarioSpec& spec, EventSpec& ev, Diagnostics& d) {
  MapReader r(n, what, {"kind", "actor", "size", "lever", "intensity", "between", "note"}, d);
  if (!r.valid()) return;
  EffectSpec ef;
  ef.where = n.location;
  const Node* k = r.require("kind");
  if (!k) return;
  auto kind = read_string(*k, what + " kind", d);
  if (!kind) return;
  // The keys each kind takes; any other is reported once.
  auto only = [&](std::initializer_list<const char*> keys, const std::string& kind_name) {
    for (const char* key : {"actor", "size", "lever", "intensity", "between"}) {
      bool allowed = false;
      for (const char* a : keys) allowed = allowed || std::string(a) == key;
      if (!allowed && r.get(key)) {
        std::string list;
        for (const char* a : keys) list += (list.empty() ? "" : " and ") + std::string(a);
        const bool vowel = std::string_view("aeiou").find(kind_name.front()) != std::string_view::npos;
        d.error(n.location, what + (vowel ? ": an " : ": a ") + kind_name + " effect takes " + list + " only");
        return;
      }
    }
  };
  if (*kind == "gdp_shock" || *kind == "threat") {
    const bool gdp = *kind == "gdp_shock";
    ef.kind = gdp ? EffectKind::kGdpShock : EffectKind::kThreat;
    const Node* a = r.require("actor");
    const Node* s = r.require("size");
    if (!a || !s) return;
    ef.actor = read_string(*a, what + " actor", d).value_or("");
    if (!check_actor_ref(ef.actor, a->location, what, spec, d)) return;
    auto size = gdp ? read_number_in(*s, what + " size", -0.9, 1.0, d) : read_number_in(*s, what + " size", -1, 1, d);
    if (!size) return;
    ef.size = *size;
    only({"actor", "size"}, gdp ? "gdp_shock" : "threat");
  } else if (*kind == "energy_price") {
    // The world energy price index (EnergyMarket) moves by this share: an
    // energy shock, or a historical year's observed price change.
    ef.kind = EffectKind::kEnergyPrice;
    const Node* s = r.require("size");
    if (!s) return;
    auto size = read_number_in(*s, what + " size", -0.9, 3.0, d);
    if (!size) return;
    ef.size = *size;
    only({"size"}, "energy_price");
  } else if (*kind == "alignment_shift") {
    ef.kind = EffectKind::kAlignmentShift;
    const Node* b = r.require("between");
    const Node* s = r.require("size");
    if (!b || !s) return;
    auto ids = read_located_strings(*b, what + " between", d);
    if (!ids) return;
    if (ids->size() != 2) {
      d.error(b->location, what + " between must name two actors, got " + std::to_string(ids->size()));
      return;
    }
    bool ok = true;
    for (const auto& id : *ids) ok = check_actor_ref(id.value, id.where, what + " between", spec, d) && ok;
    if (!ok) return;  // a repeated actor was refused by read_located_strings
    ef.between = {(*ids)[0].value, (*ids)[1].value};
    auto size = read_number_in(*s, what + " size", -1, 1, d);
    if (!size) return;
    ef.size = *size;
    only({"between", "size"}, "alignment_shift");
  } else if (*kind == "lever") {
    ef.kind = EffectKind::kLever;
    const Node* l = r.require("lever");
    const Node* i = r.require("intensity");
    if (!l || !i) return;
    ef.lever = read_string(*l, what + " lever", d).value_or("");
    const LeverSpec* lever = spec.lever(ef.lever);
    if (!lever) {
      if (!spec.declared_levers.count(ef.lever))
        d.error(l->location, "unknown lever '" + ef.lever + "' in " + what + did_you_mean(ef.lever, lever_ids(spec)));
      return;
    }
    auto v = read_number_in(*i, what + " intensity", lever->range_min, lever->range_max, d);
    if (!v) return;
    ef.intensity = *v;
    only({"lever", "intensity"}, "lever");
  } else {
    const std::vector<std::string> kinds = {"gdp_shock", "lever", "threat", "alignment_shift", "energy_price"};
    d.error(k->location, "unknown effect kind '" + *kind + "' in " + what + "; expected " + join_alternatives(kinds) +
                             did_you_mean(*kind, kinds));
    return;
  }
  ev.effects.push_back(std::move(ef));
}

}  // namespace

void parse_levers(const Node* levers, ScenarioSpec& spec, Diagnostics& d) {
  if (!levers) return;
  if (!levers->is_map()) {
    d.error(levers->location, "levers must be a map of id: {kind, owner, target, ...}, got " + levers->kind_name());
    return;
  }
  for (const auto& e : levers->entries) spec.declared_levers.insert(e.key);
  for (const auto& e : levers->entries)
    if (check_id(e.key, e.key_location, "lever id", d)) parse_lever(e, spec, d);
}

// `at: 2019` or `at: [2014, 2022]`: increasing years within the horizon.
bool parse_event_years(const Node& n, const std::string& what, const TimeSpec& time, std::vector<double>& out,
                       Diagnostics& d) {
  std::vector<const Node*> items;
  if (n.is_sequence()) {
    for (const auto& item : n.items) items.push_back(item.get());
  } else {
    items.push_back(&n);
  }
  if (items.empty()) {
    d.error(n.location, what + " at must name a year or a list of years");
    return false;
  }
  bool ok = true;
  for (const Node* item : items) {
    auto year = read_number(*item, what + " at", d);
    if (!year) {
      ok = false;
      continue;
    }
    if (time.valid && (*year <= time.start || *year > time.end)) {
      // The start year is the initial state: the first step that can fire ends a year later.
      d.error(item->location, what + " year " + fmt(*year) + " must fall in the simulated years " +
                                  std::to_string(time.start + 1) + "-" + std::to_string(time.end));
      ok = false;
      continue;
    }
    if (!out.empty() && *year <= out.back()) {
      d.error(item->location, what + " years must increase, got " + fmt(*year) + " after " + fmt(out.back()));
      ok = false;
      continue;
    }
    out.push_back(*year);
  }
  return ok;
}

void parse_events(const Node* events, ScenarioSpec& spec, Diagnostics& d) {
  if (!events) return;
  if (!events->is_map()) {
    d.error(events->location, "events must be a map of id: {hazard, effects}, got " + events->kind_name());
    return;
  }
  for (const auto& e : events->entries) spec.declared_events.insert(e.key);
  for (const auto& e : events->entries) {
    if (!check_id(e.key, e.key_location, "event id", d)) continue;
    const std::string what = "event '" + e.key + "'";
    MapReader r(*e.value, what, {"description", "hazard", "at", "repeatable", "dyad", "effects", "source", "assumption", "note"}, d);
    if (!r.valid()) continue;
    EventSpec ev;
    ev.id = e.key;
    ev.where = e.key_location;
    if (const Node* n = r.get("description")) ev.description = read_string(*n, what + " description", d).value_or("");
    if (const Node* n = r.get("source")) ev.source = read_string(*n, what + " source", d).value_or("");
    if (!r.get("source") && !r.get("assumption"))
      d.error(e.value->location, what + " needs 'source' or 'assumption' for its hazard");
    if (const Node* n = r.get("repeatable")) ev.repeatable = read_bool(*n, what + " repeatable", d).value_or(false);
    if (const Node* dy = r.get("dyad")) {
      auto ids = read_located_strings(*dy, what + " dyad", d);
      if (ids && ids->size() != 2) {
        d.error(dy->location, what + " dyad must name two actors, got " + std::to_string(ids->size()));
      } else if (ids) {
        bool ok = true;
        for (const auto& id : *ids) ok = check_actor_ref(id.value, id.where, what + " dyad", spec, d) && ok;
        if (ok) ev.dyad = {(*ids)[0].value, (*ids)[1].value};
      }
    }
    if (const Node* at = r.get("at")) {
      // A historical event fires in the years given; a hazard would contradict them.
      if (const Node* h = r.get("hazard")) {
        d.error(h->location, what + " has both 'at' (the years it happens) and 'hazard'; keep one");
        continue;
      }
      if (!parse_event_years(*at, what, spec.time, ev.at, d)) continue;
      ev.hazard.dist = Distribution::fixed(0);
      ev.hazard.key = "events." + ev.id + ".hazard";
      ev.hazard.where = at->location;
    } else {
      const Node* h = r.get("hazard");
      if (!h) {
        d.error(e.value->location, what + " needs 'hazard' (events per year) or 'at' (the years it happens)");
        continue;
      }
      auto q = read_quantity(*h, "events." + ev.id + ".hazard", what + " hazard", d);
      if (!q) continue;
      check_quantity_range(*q, 0, 50, what + " hazard (events per year)", spec, d);
      ev.hazard = *q;
    }
    if (const Node* effs = r.get("effects")) {
      if (!effs->is_sequence()) {
        d.error(effs->location, what + " effects must be a list");
      } else {
        for (std::size_t i = 0; i < effs->items.size(); ++i)
          parse_effect(*effs->items[i], what + " effect " + std::to_string(i), spec, ev, d);
      }
    }
    spec.events.push_back(std::move(ev));
  }
}

void parse_policies(const Node* policies, ScenarioSpec& spec, Diagnostics& d) {
  if (!policies) return;
  if (!policies->is_map()) {
    d.error(policies->location, "policies must be a map of id: {description, levers}, got " + policies->kind_name());
    return;
  }
  for (const auto& e : policies->entries) {
    if (!check_id(e.key, e.key_location, "policy id", d)) continue;
    const std::string what = "policy '" + e.key + "'";
    MapReader r(*e.value, what, {"label", "description", "source", "assumption", "levers", "note"}, d);
    if (!r.valid()) continue;
    PolicySpec p;
    p.id = e.key;
    p.where = e.key_location;
    p.label = p.id;
    if (const Node* n = r.get("label")) p.label = read_line(*n, what + " label", d).value_or(p.id);
    if (p.label.empty()) p.label = p.id;
    if (const Node* n = r.require("description")) p.description = read_string(*n, what + " description", d).value_or("");
    if (const Node* n = r.get("source")) p.source = read_string(*n, what + " source", d).value_or("");
    if (const Node* lv = r.get("levers")) {
      if (!lv->is_map()) {
        d.error(lv->location, what + " levers must be a map of lever id: {intensity, schedule}");
      } else {
        for (const auto& le : lv->entries) {
          const LeverSpec* lever = spec.lever(le.key);
          if (!lever) {
            if (!spec.declared_levers.count(le.key))
              d.error(le.key_location,
                      "unknown lever '" + le.key + "' in " + what + did_you_mean(le.key, lever_ids(spec)));
            continue;
          }
          const std::string lw = what + " lever '" + le.key + "'";
          MapReader lr(*le.value, lw, {"intensity", "schedule", "triggers", "note"}, d);
          if (!lr.valid()) continue;
          LeverOverride o;
          o.where = le.key_location;
          if (const Node* i = lr.get("intensity"))
            o.intensity = read_number_in(*i, lw + " intensity", lever->range_min, lever->range_max, d);
          if (const Node* s = lr.get("schedule"))
            o.schedule = parse_schedule(*s, lw, spec.time, lever->range_min, lever->range_max, d);
          if (const Node* t = lr.get("triggers"))
            o.triggers = parse_triggers(*t, lw, lever->range_min, lever->range_max, d);
          if (!lr.get("intensity") && !lr.get("schedule") && !lr.get("triggers"))
            d.error(le.value->location, lw + " sets none of intensity, schedule or triggers");
          p.levers.emplace(le.key, std::move(o));
        }
      }
    }
    spec.policies.push_back(std::move(p));
  }
}

}  // namespace entente::parse_detail
