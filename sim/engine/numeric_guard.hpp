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

#include "sim/model/component_checks.hpp"
#include "sim/util/error.hpp"

namespace entente {

class CompiledScenario;
struct RunState;

// A value a component produced that is not finite or leaves its bounds.
class ComponentFault : public RuntimeFailure {
 public:
  using RuntimeFailure::RuntimeFailure;
};

// Checks component m's values in `state` (after its initialize or step);
// throws ComponentFault for the first bad one.
void check_component(const CompiledScenario& scenario, const RunState& state, std::size_t m);

}  // namespace entente
