#include "sim/scenario/size_limits.hpp"

#include "sim/util/limits.hpp"
#include "sim/util/suggest.hpp"

namespace entente {

namespace {

std::size_t count(const Node& n) {
  if (n.is_map()) return n.entries.size();
  if (n.is_sequence()) return n.items.size();
  return 0;
}

// Reports `n` (a map or list) when it has more than `limit` entries, at the
// first entry over the limit; `owner` says whose they are ("a scenario",
// "lever 'x'").
void check(const Node* n, std::size_t limit, const std::string& things, const std::string& owner, Diagnostics& d) {
  if (!n) return;
  const std::size_t size = count(*n);
  if (size <= limit) return;
  const SourceLocation& where = n->is_map() ? n->entries[limit].key_location : n->items[limit]->location;
  d.error(where, with_thousands(size) + " " + things + "; " + owner + " may have at most " + with_thousands(limit));
}

const Node* child(const Node& n, std::string_view key) {
  if (!n.is_map()) return nullptr;
  const MapEntry* e = n.find(key);
  return e ? e->value.get() : nullptr;
}

// A lever's schedule and triggers, in `levers:` and in a policy alike.
void check_lever(const Node& lever, const std::string& owner, Diagnostics& d) {
  check(child(lever, "schedule"), limits::kMaxListEntries, "schedule entries", owner, d);
  check(child(lever, "triggers"), limits::kMaxTriggersPerLever, "triggers", owner, d);
}

}  // namespace

void check_size_limits(const Node& root, Diagnostics& d) {
  using namespace limits;
  const std::string scenario = "a scenario";
  if (const Node* actors = child(root, "actors")) {
    check(actors, kMaxActors, "actors", scenario, d);
    if (actors->is_map())
      for (const auto& e : actors->entries)
        check(child(*e.value, "members"), kMaxMembers, "members", "alliance '" + e.key + "'", d);
  }
  check(child(root, "dependencies"), kMaxDependencies, "dependencies", scenario, d);
  check(child(root, "uncertainties"), kMaxUncertainties, "uncertainties", scenario, d);
  if (const Node* levers = child(root, "levers")) {
    check(levers, kMaxLevers, "levers", scenario, d);
    if (levers->is_map())
      for (const auto& e : levers->entries) check_lever(*e.value, "lever '" + e.key + "'", d);
  }
  if (const Node* events = child(root, "events")) {
    check(events, kMaxEvents, "events", scenario, d);
    if (events->is_map())
      for (const auto& e : events->entries) {
        check(child(*e.value, "effects"), kMaxEffectsPerEvent, "effects", "event '" + e.key + "'", d);
        check(child(*e.value, "at"), kMaxListEntries, "years in 'at'", "event '" + e.key + "'", d);
      }
  }
  check(child(root, "models"), kMaxModels, "model components", scenario, d);
  if (const Node* outcomes = child(root, "outcomes")) {
    check(outcomes, kMaxOutcomes, "outcomes", scenario, d);
    if (outcomes->is_map())
      for (const auto& e : outcomes->entries)
        check(child(*e.value, "thresholds"), kMaxThresholds, "thresholds", "outcome '" + e.key + "'", d);
  }
  if (const Node* policies = child(root, "policies")) {
    check(policies, kMaxPolicies, "policies", scenario, d);
    if (policies->is_map())
      for (const auto& p : policies->entries)
        if (const Node* levers = child(*p.value, "levers"); levers && levers->is_map())
          for (const auto& l : levers->entries)
            check_lever(*l.value, "lever '" + l.key + "' in policy '" + p.key + "'", d);
  }
}

}  // namespace entente
