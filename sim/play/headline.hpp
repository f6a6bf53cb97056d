// The outcomes a game leads with (adjudication summaries, dashboards):
// those marked headline in the scenario, or all of them when none is.
#pragma once
#include <cstddef>
#include <vector>

namespace entente {
class CompiledScenario;
}

namespace entente::play {

std::vector<std::size_t> headline_outcomes(const CompiledScenario& scenario);

}  // namespace entente::play
