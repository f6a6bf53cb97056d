// What the numeric guard (sim/engine/numeric_guard.hpp) checks for each
// component instance, planned when the scenario is compiled from the
// component's declared reads and writes and the shared-field table
// (sim/model/shared_fields.hpp). In the model layer, below the scenario,
// because CompiledScenario holds one plan per component; the check itself,
// which needs a RunState, stays in the engine.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "sim/model/shared_fields.hpp"

namespace entente {

// Elements [begin, end) of one field must lie within [lo, hi] (NaN never
// does; hi is at most the largest finite double, so infinity never does).
struct FieldCheck {
  SharedField field = SharedField::gdp;
  std::size_t begin = 0, end = 0;
  double lo = 0, hi = 0;
};

// Everything one component instance is checked for.
struct ComponentChecks {
  std::vector<FieldCheck> fields;         // from ModelInfo::writes
  std::vector<std::size_t> series_slots;  // outcome series it binds: finite
  std::size_t state_begin = 0, state_end = 0;  // its model_state: finite
};

// The checks for the shared fields a component declares it writes (names as
// in ModelInfo::writes, e.g. "dependence", "flows.payments"), with the shape
// and bounds of their rows in sim/model/shared_fields.hpp. Throws
// std::logic_error for a name that is not a shared field: a programming
// error in a component's declaration.
std::vector<FieldCheck> plan_field_checks(const std::vector<std::string>& writes, std::size_t n_actors,
                                          std::size_t n_events);

// Throws std::logic_error for a name in a component's ModelInfo::reads that
// is neither a shared field (or a view of flows) nor an engine field.
void check_declared_reads(const std::string& component, const std::vector<std::string>& reads);

}  // namespace entente
