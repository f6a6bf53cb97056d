// models (the components to run, in order, with their parameters) and
// outcomes (the series to report, with thresholds and directions).
#include <cmath>
#include "sim/scenario/node_reader.hpp"
#include "sim/scenario/parser.hpp"

namespace entente::parse_detail {

namespace {

// roles: {name: actor or [actors]}: every declared role must be given.
void parse_roles(const Node* roles, const ModelInfo& info, const std::string& what, const SourceLocation& model_at,
                 const ScenarioSpec& spec, ModelSpec& m, Diagnostics& d) {
  std::vector<std::string> allowed;
  for (const auto& role : info.roles) allowed.push_back(role.name);
  if (roles) {
    MapReader rr(*roles, what + " roles", allowed, d);
    if (!rr.valid()) return;
  }
  for (const auto& role : info.roles) {
    const MapEntry* e = roles ? roles->find(role.name) : nullptr;
    if (!e) {
      if (role.min_count > 0)
        d.error(roles ? roles->location : model_at, what + " needs roles." + role.name + " (" + role.doc + ")");
      continue;
    }
    const std::string rw = what + " role '" + role.name + "'";
    auto ids = read_located_strings(*e->value, rw, d);
    if (!ids) continue;
    if (ids->size() < role.min_count || ids->size() > role.max_count) {
      const std::string want = role.min_count == role.max_count
                                   ? std::to_string(role.min_count)
                                   : std::to_string(role.min_count) + " to " + std::to_string(role.max_count);
      d.error(e->value->location, rw + " takes " + want + " actor(s), got " + std::to_string(ids->size()));
      continue;
    }
    bool ok = true;
    std::vector<std::string> out;
    for (const auto& id : *ids) {
      if (!check_actor_ref(id.value, id.where, rw, spec, d)) {
        ok = false;
        continue;
      }
      const bool is_alliance = spec.actor(id.value)->kind == ActorKind::kAlliance;
      if (role.actors == RoleActors::kAlliances && !is_alliance) {
        d.error(id.where, rw + " must be an alliance; '" + id.value + "' is not");
        ok = false;
        continue;
      }
      if (role.actors == RoleActors::kNoAlliances && is_alliance) {
        d.error(id.where, rw + " takes states or blocs; '" + id.value + "' is an alliance");
        ok = false;
        continue;
      }
      for (const auto& seen : out)
        if (seen == id.value) {
          d.error(id.where, rw + " names '" + id.value + "' twice");
          ok = false;
        }
      out.push_back(id.value);
    }
    if (ok) m.roles.emplace(role.name, std::move(out));
  }
}

// actors: {actor id: {per-actor parameter: value}}.
void parse_actor_parameters(const Node* actors, const ModelInfo& info, const std::string& what,
                            const ScenarioSpec& spec, ModelSpec& m, Diagnostics& d) {
  if (!actors) return;
  if (info.actor_params.empty()) {
    d.error(actors->location, what + " takes no per-actor parameters");
    return;
  }
  if (!actors->is_map()) {
    d.error(actors->location, what + " actors must be a map of actor id: {parameter: value}, got " +
                                  actors->kind_name());
    return;
  }
  std::vector<std::string> allowed;
  for (const auto& p : info.actor_params) allowed.push_back(p.name);
  for (const auto& e : actors->entries) {
    if (!check_actor_ref(e.key, e.key_location, what + " actors", spec, d)) continue;
    if (spec.actor(e.key)->kind == ActorKind::kAlliance) {
      d.error(e.key_location, what + " actors: '" + e.key +
                                  "' is an alliance; per-actor parameters apply to states and blocs (set them on its "
                                  "members)");
      continue;
    }
    const std::string aw = what + " actor '" + e.key + "'";
    MapReader pr(*e.value, aw, allowed, d);
    if (!pr.valid()) continue;
    auto& values = m.actor_parameters[e.key];
    for (const auto& pe : e.value->entries) {
      const ParamDecl* decl = info.actor_param(pe.key);
      if (!decl) continue;  // already reported as an unknown key
      const std::string pw = aw + " parameter '" + pe.key + "'";
      auto q = read_quantity(*pe.value, "models." + m.name + ".actors." + e.key + "." + pe.key, pw, d);
      if (!q) continue;
      check_quantity_range(*q, decl->min, decl->max, pw, spec, d);
      values.emplace(pe.key, *q);
    }
  }
}

}  // namespace

void parse_models(const Node* models, const ModelRegistry& registry, ScenarioSpec& spec, Diagnostics& d) {
  if (!models) return;
  if (!models->is_sequence()) {
    d.error(models->location, "models must be a list of {name, parameters}, in the order they run; got " +
                                  models->kind_name());
    return;
  }
  if (models->items.empty()) d.error(models->location, "models is empty; a scenario needs at least one component");
  for (std::size_t i = 0; i < models->items.size(); ++i) {
    const Node& n = *models->items[i];
    MapReader r(n, "model " + std::to_string(i), {"name", "parameters", "roles", "actors", "note"}, d);
    if (!r.valid()) continue;
    const Node* name = r.require("name");
    if (!name) continue;
    auto s = read_string(*name, "model name", d);
    if (!s) continue;
    const ModelInfo* info = registry.find(*s);
    if (!info) {
      d.error(name->location, "unknown model component '" + *s + "'; registered components: " +
                                  join_alternatives(registry.names()) + did_you_mean(*s, registry.names()));
      continue;
    }
    bool dup = false;
    for (const auto& m : spec.models) dup = dup || m.name == *s;
    if (dup) {
      d.error(name->location, "model component '" + *s + "' is listed twice");
      continue;
    }
    ModelSpec m;
    m.name = *s;
    m.where = n.location;
    const std::string what = "model '" + m.name + "'";
    if (const Node* params = r.get("parameters")) {
      std::vector<std::string> allowed;
      for (const auto& p : info->params) allowed.push_back(p.name);
      MapReader pr(*params, what + " parameters", allowed, d);
      if (pr.valid()) {
        for (const auto& e : params->entries) {
          const ParamDecl* decl = info->param(e.key);
          if (!decl) continue;  // already reported as an unknown key
          const std::string pw = what + " parameter '" + e.key + "'";
          auto q = read_quantity(*e.value, "models." + m.name + ".parameters." + e.key, pw, d);
          if (!q) continue;
          check_quantity_range(*q, decl->min, decl->max, pw, spec, d);
          m.parameters.emplace(e.key, *q);
          m.parameter_keys.emplace(e.key, e.key_location);
        }
      }
    }
    parse_roles(r.get("roles"), *info, what, n.location, spec, m, d);
    parse_actor_parameters(r.get("actors"), *info, what, spec, m, d);
    spec.models.push_back(std::move(m));
  }
}

void parse_outcomes(const Node* outcomes, ScenarioSpec& spec, Diagnostics& d) {
  if (!outcomes) return;
  if (!outcomes->is_map()) {
    d.error(outcomes->location, "outcomes must be a map of id: {series, label, direction, thresholds}, got " +
                                    outcomes->kind_name());
    return;
  }
  if (outcomes->entries.empty()) d.error(outcomes->location, "outcomes is empty; name at least one series to report");
  for (const auto& e : outcomes->entries) spec.declared_outcomes.insert(e.key);
  for (const auto& e : outcomes->entries) {
    if (!check_id(e.key, e.key_location, "outcome id", d)) continue;
    const std::string what = "outcome '" + e.key + "'";
    MapReader r(*e.value, what,
                {"series", "scale", "label", "unit", "direction", "headline", "min_effect", "thresholds", "description",
                 "note"}, d);
    if (!r.valid()) continue;
    OutcomeSpec o;
    o.id = e.key;
    o.where = e.key_location;
    const Node* series = r.require("series");
    if (!series) continue;
    o.series = read_string(*series, what + " series", d).value_or("");
    o.series_where = series->location;
    o.label = r.get("label") ? read_line(*r.get("label"), what + " label", d).value_or(o.id) : o.id;
    if (const Node* u = r.get("unit")) o.unit = read_line(*u, what + " unit", d).value_or("");
    if (const Node* dir = r.get("direction")) {
      auto s = read_string(*dir, what + " direction", d);
      if (s && *s == "lower_is_better") o.direction = Direction::kLowerIsBetter;
      else if (s && *s == "higher_is_better") o.direction = Direction::kHigherIsBetter;
      else if (s && *s == "neutral") o.direction = Direction::kNeutral;
      else if (s)
        d.error(dir->location, "unknown direction '" + *s + "' in " + what +
                                   "; expected lower_is_better, higher_is_better or neutral" +
                                   did_you_mean(*s, {"lower_is_better", "higher_is_better", "neutral"}));
    }
    if (const Node* h = r.get("headline")) o.headline = read_bool(*h, what + " headline", d).value_or(false);
    if (const Node* m = r.get("min_effect")) {
      if (auto v = read_number(*m, what + " min_effect", d)) {
        if (!std::isfinite(*v) || *v < 0)
          d.error(m->location, what + " min_effect must be a finite number >= 0 (the smallest change that matters, "
                                      "in the outcome's unit), got " + fmt(*v));
        else o.min_effect = *v;
      }
    }
    if (const Node* sc = r.get("scale")) {
      // A unit conversion (e.g. 100 for a share reported in percent); zero would erase the series.
      if (auto v = read_number(*sc, what + " scale", d)) {
        if (*v == 0 || !std::isfinite(*v)) d.error(sc->location, what + " scale must be a non-zero number, got " + fmt(*v));
        else o.scale = *v;
      }
    }
    if (const Node* th = r.get("thresholds")) {
      if (!th->is_sequence()) {
        d.error(th->location, what + " thresholds must be a list of {above: x} or {below: x}");
      } else {
        for (const auto& item : th->items) {
          MapReader tr(*item, what + " threshold", {"above", "below", "label"}, d);
          if (!tr.valid()) continue;
          const Node* above = tr.get("above");
          const Node* below = tr.get("below");
          if ((above != nullptr) == (below != nullptr)) {
            d.error(item->location, what + " threshold needs exactly one of 'above' or 'below'");
            continue;
          }
          auto v = read_number(above ? *above : *below, what + " threshold", d);
          if (!v) continue;
          ThresholdSpec t{above != nullptr, *v, ""};
          if (const Node* l = tr.get("label")) t.label = read_line(*l, what + " threshold label", d).value_or("");
          o.thresholds.push_back(std::move(t));
        }
      }
    }
    spec.outcomes.push_back(std::move(o));
  }
}

}  // namespace entente::parse_detail
