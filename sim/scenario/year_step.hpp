// The one year -> step lookup: which step of a scenario's years
// (CompiledScenario::years, or a result set's year column) a year given on
// the command line, in an observed-history file or in a stored result is.
// Years are whole or quarter years computed as start + step * dt, so equality
// within 1e-9 is exact for every year a scenario can have.
#pragma once
#include <cstddef>
#include <optional>
#include <vector>

namespace entente {

inline constexpr double kYearTolerance = 1e-9;

// The step whose year equals `year`, or nullopt when it is not one of them.
std::optional<std::size_t> year_step(const std::vector<double>& years, double year);

}  // namespace entente
