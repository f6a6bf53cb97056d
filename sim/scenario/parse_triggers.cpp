// Lever triggers (adaptive policies): `triggers: [{when: {event: id}, intensity: x}]`
// or `when: {signpost: outcome id, below|above: v}`. The shape is checked with
// the lever; the ids once events and outcomes are known (check_trigger_refs).
#include "sim/scenario/node_reader.hpp"
#include "sim/scenario/parser.hpp"

namespace entente::parse_detail {

std::optional<std::vector<TriggerSpec>> parse_triggers(const Node& n, const std::string& what, double lo, double hi,
                                                       Diagnostics& d) {
  if (!n.is_sequence()) {
    d.error(n.location, what + " triggers must be a list of {when: {event: id} or {signpost: outcome, below|above: x}, "
                               "intensity: x}, got " + n.kind_name());
    return std::nullopt;
  }
  std::vector<TriggerSpec> out;
  for (std::size_t i = 0; i < n.items.size(); ++i) {
    const Node& item = *n.items[i];
    const std::string tw = what + " trigger " + std::to_string(i);
    MapReader r(item, tw, {"when", "intensity", "note"}, d);
    if (!r.valid()) continue;
    TriggerSpec t;
    t.where = item.location;
    const Node* when = r.require("when");
    const Node* intensity = r.require("intensity");
    if (!when || !intensity) continue;
    auto v = read_number_in(*intensity, tw + " intensity", lo, hi, d);
    if (v) t.intensity = *v;
    MapReader w(*when, tw + " 'when'", {"event", "signpost", "below", "above"}, d);
    if (!w.valid()) continue;
    const Node* ev = w.get("event");
    const Node* sp = w.get("signpost");
    const Node* below = w.get("below");
    const Node* above = w.get("above");
    if ((ev != nullptr) == (sp != nullptr)) {
      d.error(when->location, tw + " 'when' needs exactly one of 'event' or 'signpost'");
      continue;
    }
    if (ev) {
      if (below || above) {
        d.error(when->location, tw + ": an event condition takes no 'below' or 'above'");
        continue;
      }
      t.event = read_string(*ev, tw + " event", d).value_or("");
      t.ref_where = ev->location;
    } else {
      if ((below != nullptr) == (above != nullptr)) {
        d.error(when->location, tw + ": a signpost condition needs exactly one of 'below' or 'above'");
        continue;
      }
      t.signpost = read_string(*sp, tw + " signpost", d).value_or("");
      t.ref_where = sp->location;
      t.above = above != nullptr;
      auto x = read_number(above ? *above : *below, tw + (above ? " above" : " below"), d);
      if (!x || t.signpost.empty()) continue;
      t.threshold = *x;
    }
    out.push_back(std::move(t));
  }
  // Triggers with errors are reported and dropped; the others are kept so
  // their ids are still checked (all errors at once).
  return out;
}

namespace {

void check_one(const TriggerSpec& t, const std::string& what, const ScenarioSpec& spec, Diagnostics& d) {
  if (!t.event.empty()) {
    for (const auto& e : spec.events)
      if (e.id == t.event) return;
    if (spec.declared_events.count(t.event)) return;  // invalid itself, already reported
    std::vector<std::string> ids;
    for (const auto& e : spec.events) ids.push_back(e.id);
    d.error(t.ref_where, "unknown event '" + t.event + "' in " + what + " trigger" + did_you_mean(t.event, ids) +
                             (ids.empty() ? "; the scenario declares no events" : ""));
    return;
  }
  for (const auto& o : spec.outcomes)
    if (o.id == t.signpost) return;
  if (spec.declared_outcomes.count(t.signpost)) return;
  std::vector<std::string> ids;
  for (const auto& o : spec.outcomes) ids.push_back(o.id);
  d.error(t.ref_where, "unknown signpost '" + t.signpost + "' in " + what +
                           " trigger; a signpost is an outcome id" + did_you_mean(t.signpost, ids));
}

}  // namespace

void check_trigger_refs(const ScenarioSpec& spec, Diagnostics& d) {
  for (const auto& l : spec.levers)
    for (const auto& t : l.triggers) check_one(t, "lever '" + l.id + "'", spec, d);
  for (const auto& p : spec.policies)
    for (const auto& [id, o] : p.levers)
      if (o.triggers)
        for (const auto& t : *o.triggers) check_one(t, "policy '" + p.id + "' lever '" + id + "'", spec, d);
}

}  // namespace entente::parse_detail
