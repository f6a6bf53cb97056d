// Numeric guards: after a component initialises or steps, the engine checks
// every value the component owns (the shared fields it declares it writes,
// its private state, the outcome series it produces) for NaN, infinity and
// the field's bounds. A bad value stops the run with a ComponentFault naming
// the component, the element, the value and the step; run_trace turns it
// into a RunError that adds the run index and the seed that reproduce it.
//
// Why check here and not only the outcomes: a NaN in a field no outcome
// reads (a flow, a stance) would otherwise spread silently into the next
// step's other components, and the error would name the wrong one.
#pragma once
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/engine/shared_fields.hpp"
#include "sim/util/error.hpp"

namespace entente {

class CompiledScenario;
struct RunState;

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
// and bounds of their rows in sim/engine/shared_fields.hpp. Throws
// std::logic_error for a name that is not a shared field: a programming
// error in a component's declaration.
std::vector<FieldCheck> plan_field_checks(const std::vector<std::string>& writes, std::size_t n_actors,
                                          std::size_t n_events);

// Throws std::logic_error for a name in a component's ModelInfo::reads that
// is neither a shared field (or a view of flows) nor an engine field.
void check_declared_reads(const std::string& component, const std::vector<std::string>& reads);

// A value a component produced that is not finite or leaves its bounds.
class ComponentFault : public RuntimeFailure {
 public:
  using RuntimeFailure::RuntimeFailure;
};

// Checks component m's values in `state` (after its initialize or step);
// throws ComponentFault for the first bad one.
void check_component(const CompiledScenario& scenario, const RunState& state, std::size_t m);

}  // namespace entente
