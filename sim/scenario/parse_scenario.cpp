// Top level of a scenario file: schema version, name, sources, time,
// uncertainties; then the sections in dependency order.
#include <cmath>

#include "sim/scenario/node_reader.hpp"
#include "sim/scenario/parser.hpp"
#include "sim/util/limits.hpp"

namespace entente {

namespace parse_detail {

std::string fmt(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", x);
  return buf;
}

void check_quantity_range(const Quantity& q, double lo, double hi, const std::string& what,
                          const ScenarioSpec& spec, Diagnostics& d) {
  const Distribution* dist = &q.dist;
  if (!q.ref.empty()) {
    const UncertaintySpec* u = nullptr;
    for (const auto& x : spec.uncertainties)
      if (x.id == q.ref) u = &x;
    if (!u) {
      if (spec.declared_uncertainties.count(q.ref)) return;  // invalid itself, already reported
      std::vector<std::string> ids;
      for (const auto& x : spec.uncertainties) ids.push_back(x.id);
      d.error(q.where, "unknown uncertainty '" + q.ref + "' referenced by " + what + did_you_mean(q.ref, ids));
      return;
    }
    dist = &u->quantity.dist;
  }
  const double smin = dist->support_min(), smax = dist->support_max();
  if (smin < lo || smax > hi) {
    std::string msg = what + " must lie in [" + fmt(lo) + ", " + fmt(hi) + "]";
    if (dist->is_fixed()) {
      msg += ", got " + fmt(dist->p1);
    } else {
      msg += ", but the " + std::string(dist_kind_name(dist->kind)) + " distribution" +
             (q.ref.empty() ? "" : " of uncertainty '" + q.ref + "'") + " can take values in [" + fmt(smin) +
             ", " + fmt(smax) + "]; narrow it or add truncate: [lo, hi]";
    }
    d.error(q.where, msg);
  }
}

bool check_actor_ref(const std::string& id, const SourceLocation& where, const std::string& what,
                     const ScenarioSpec& spec, Diagnostics& d) {
  if (spec.actor(id)) return true;
  if (spec.declared_actors.count(id)) return false;  // declared but invalid: already reported
  std::vector<std::string> ids;
  for (const auto& a : spec.actors) ids.push_back(a.id);
  d.error(where, "unknown actor '" + id + "' in " + what + did_you_mean(id, ids));
  return false;
}

std::optional<std::vector<ScheduleEntry>> parse_schedule(const Node& n, const std::string& what,
                                                         const TimeSpec& time, double lo, double hi,
                                                         Diagnostics& d) {
  if (!n.is_sequence()) {
    d.error(n.location, what + " schedule must be a list of {year, intensity}, got " + n.kind_name());
    return std::nullopt;
  }
  std::vector<ScheduleEntry> out;
  bool ok = true;
  double last_year = -1e300;
  for (const auto& item : n.items) {
    MapReader r(*item, what + " schedule entry", {"year", "intensity", "note", "source"}, d);
    if (!r.valid()) {
      ok = false;
      continue;
    }
    const Node* y = r.require("year");
    const Node* i = r.require("intensity");
    if (!y || !i) {
      ok = false;
      continue;
    }
    auto year = read_number(*y, what + " schedule year", d);
    auto inten = read_number_in(*i, what + " schedule intensity", lo, hi, d);
    if (!year || !inten) {
      ok = false;
      continue;
    }
    if (time.valid && (*year < time.start || *year > time.end)) {
      d.error(y->location, what + " schedule year " + fmt(*year) + " is outside the horizon " +
                               std::to_string(time.start) + "-" + std::to_string(time.end));
      ok = false;
      continue;
    }
    if (*year <= last_year) {
      d.error(y->location, what + " schedule years must increase, got " + fmt(*year) + " after " + fmt(last_year));
      ok = false;
      continue;
    }
    last_year = *year;
    out.push_back({*year, *inten, item->location});
  }
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace parse_detail

namespace {

using namespace parse_detail;

void parse_sources(const Node& n, ScenarioSpec& spec, Diagnostics& d) {
  if (!n.is_map()) {
    d.error(n.location, "sources must be a map of id: {title, file, url}, got " + n.kind_name());
    return;
  }
  for (const auto& e : n.entries) {
    if (!check_id(e.key, e.key_location, "source id", d)) continue;
    SourceSpec s;
    s.id = e.key;
    if (e.value->is_scalar()) {
      s.title = e.value->scalar;
    } else {
      MapReader r(*e.value, "source '" + e.key + "'", {"title", "file", "url", "note", "year"}, d);
      if (!r.valid()) continue;
      if (const Node* t = r.require("title")) s.title = read_line(*t, "source title", d).value_or("");
      if (const Node* f = r.get("file")) s.file = read_string(*f, "source file", d).value_or("");
      if (const Node* u = r.get("url")) s.url = read_line(*u, "source url", d).value_or("");
    }
    spec.sources.push_back(std::move(s));
  }
}

void parse_time(const Node& n, ScenarioSpec& spec, Diagnostics& d) {
  MapReader r(n, "time", {"start", "end", "step"}, d);
  if (!r.valid()) return;
  const Node* s = r.require("start");
  const Node* e = r.require("end");
  // Plain flags rather than std::optional<int>: GCC 12 reports a false
  // maybe-uninitialized on optional<int> here.
  bool has_start = false, has_end = false;
  int start = 0, end = 0;
  if (s) {
    if (auto v = read_int(*s, "time start", d)) start = *v, has_start = true;
  }
  if (e) {
    if (auto v = read_int(*e, "time end", d)) end = *v, has_end = true;
  }
  if (const Node* st = r.get("step")) {
    auto v = read_string(*st, "time step", d);
    if (v && *v == "quarter") spec.time.quarterly = true;
    else if (v && *v != "year")
      d.error(st->location, "time step must be 'year' or 'quarter', got '" + *v + "'" +
                                did_you_mean(*v, {"year", "quarter"}));
  }
  if (has_start && (start < 1800 || start > 2300)) {
    d.error(s->location, "time start must be a year in [1800, 2300], got " + std::to_string(start));
    has_start = false;
  }
  if (has_start && has_end) {
    if (end <= start) {
      d.error(e->location, "time end (" + std::to_string(end) + ") must be after start (" + std::to_string(start) + ")");
      has_end = false;
    } else if (end - start > limits::kMaxHorizonYears) {
      d.error(e->location, "time horizon longer than " + std::to_string(limits::kMaxHorizonYears) + " years (" +
                               std::to_string(start) + "-" + std::to_string(end) + ")");
      has_end = false;
    }
  }
  // Only a valid horizon is kept: schedules are then checked against it, and
  // an invalid one (already reported) leaves the spec without a horizon.
  if (has_start && has_end) {
    spec.time.start = start;
    spec.time.end = end;
    spec.time.valid = true;
  }
}

void parse_uncertainties(const Node& n, ScenarioSpec& spec, Diagnostics& d) {
  if (!n.is_map()) {
    d.error(n.location, "uncertainties must be a map of id: distribution, got " + n.kind_name());
    return;
  }
  for (const auto& e : n.entries) spec.declared_uncertainties.insert(e.key);
  for (const auto& e : n.entries) {
    if (!check_id(e.key, e.key_location, "uncertainty id", d)) continue;
    const std::string what = "uncertainty '" + e.key + "'";
    if (e.value->is_map() && e.value->find("ref")) {
      d.error(e.value->location, what + " must be a distribution, not a reference");
      continue;
    }
    if (e.value->is_map() && !e.value->find("source") && !e.value->find("assumption")) {
      d.error(e.value->location, what + " needs 'source' (where the range comes from) or 'assumption' (why)");
    }
    if (!e.value->is_map()) {
      d.error(e.value->location, what + " must be a distribution map with its source, got " + e.value->kind_name());
      continue;
    }
    auto q = read_quantity(*e.value, "uncertainties." + e.key, what, d);
    if (!q) continue;
    UncertaintySpec u{e.key, *q, "", e.value->location};
    if (const MapEntry* src = e.value->find("source")) u.source = src->value->scalar;
    spec.uncertainties.push_back(std::move(u));
  }
}

}  // namespace

ScenarioSpec parse_scenario(const Node& root, const ModelRegistry& registry, Diagnostics& d) {
  ScenarioSpec spec;
  MapReader r(root, "the scenario",
              {"entente", "name", "description", "sources", "time", "actors", "dependencies", "levers",
               "uncertainties", "events", "models", "outcomes", "policies"},
              d);
  if (!r.valid()) return spec;
  if (const Node* v = r.require("entente")) {
    auto version = read_int(*v, "entente (the schema version)", d);
    if (version && *version != kSchemaVersion)
      d.error(v->location, "unsupported schema version " + std::to_string(*version) + "; this entente reads version " +
                               std::to_string(kSchemaVersion));
  }
  if (const Node* n = r.require("name")) spec.name = read_line(*n, "name", d).value_or("");
  if (const Node* n = r.get("description")) spec.description = read_string(*n, "description", d).value_or("");
  if (const Node* n = r.get("sources")) parse_sources(*n, spec, d);
  const Node* time = r.require("time");
  if (time) parse_time(*time, spec, d);
  if (const Node* n = r.get("uncertainties")) parse_uncertainties(*n, spec, d);
  parse_network(r.require("actors"), r.get("dependencies"), spec, d);
  parse_levers(r.get("levers"), spec, d);
  parse_events(r.get("events"), spec, d);
  parse_policies(r.get("policies"), spec, d);
  parse_models(r.require("models"), registry, spec, d);
  parse_outcomes(r.require("outcomes"), spec, d);
  check_trigger_refs(spec, d);
  return spec;
}

}  // namespace entente
