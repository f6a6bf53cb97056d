#include "sim/play/headline.hpp"

#include "sim/scenario/compiled.hpp"

namespace entente::play {

std::vector<std::size_t> headline_outcomes(const CompiledScenario& sc) {
  std::vector<std::size_t> out;
  for (std::size_t o = 0; o < sc.outcomes.size(); ++o)
    if (sc.outcomes[o].spec.headline) out.push_back(o);
  if (out.empty())
    for (std::size_t o = 0; o < sc.outcomes.size(); ++o) out.push_back(o);
  return out;
}

}  // namespace entente::play
