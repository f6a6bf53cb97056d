// Validation of a scenario tree into a ScenarioSpec. Every problem goes to the
// Diagnostics; the caller decides when to stop (after all of them).
#pragma once
#include "sim/io/node.hpp"
#include "sim/model/registry.hpp"
#include "sim/scenario/spec.hpp"

namespace entente {

ScenarioSpec parse_scenario(const Node& root, const ModelRegistry& registry, Diagnostics& diags);

// Section parsers (one file each), called in this order by parse_scenario.
namespace parse_detail {
void parse_network(const Node* actors, const Node* dependencies, ScenarioSpec& spec, Diagnostics& d);
void parse_levers(const Node* levers, ScenarioSpec& spec, Diagnostics& d);
void parse_events(const Node* events, ScenarioSpec& spec, Diagnostics& d);
void parse_policies(const Node* policies, ScenarioSpec& spec, Diagnostics& d);
void parse_models(const Node* models, const ModelRegistry& registry, ScenarioSpec& spec, Diagnostics& d);
void parse_outcomes(const Node* outcomes, ScenarioSpec& spec, Diagnostics& d);
// A schedule list [{year, intensity}, ...] checked against the horizon and a range.
std::optional<std::vector<ScheduleEntry>> parse_schedule(const Node& n, const std::string& what,
                                                         const TimeSpec& time, double lo, double hi,
                                                         Diagnostics& d);
// A lever's trigger list; event and signpost ids are checked later.
std::optional<std::vector<TriggerSpec>> parse_triggers(const Node& n, const std::string& what, double lo, double hi,
                                                       Diagnostics& d);
// Event and signpost ids of every trigger (after all sections are parsed).
void check_trigger_refs(const ScenarioSpec& spec, Diagnostics& d);
// Checks a quantity's possible values lie within [lo, hi] (following refs).
// A number as messages print it (%g).
std::string fmt(double x);

void check_quantity_range(const Quantity& q, double lo, double hi, const std::string& what,
                          const ScenarioSpec& spec, Diagnostics& d);
// Reports a reference to an unknown actor with the known ids.
bool check_actor_ref(const std::string& id, const SourceLocation& where, const std::string& what,
                     const ScenarioSpec& spec, Diagnostics& d);
}  // namespace parse_detail

}  // namespace entente
