// Which scenario outcome and which step each observed series and year stand
// for, shared by `entente backtest` and `entente calibrate`.
//
// A series matches the outcome with the same id, or the outcome that a
// --map SERIES=OUTCOME names. An observation of year Y is compared with the
// model at the step whose year label is Y (CompiledScenario::years, the
// `year` column of summary.csv: years[0] is the start year, the state before
// any step; years[s] the state at the end of step s). Observations of years
// that are no step of the scenario (before the start, after the end, or
// between steps) are skipped and reported as notes, as are series that match
// no outcome.
#pragma once
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "analysis/backtest/observations.hpp"
#include "sim/scenario/compiled.hpp"

namespace entente::analysis {

struct MatchedObservation {
  std::size_t row = 0;   // index into ObservedData::rows
  std::size_t step = 0;  // the scenario step whose year is the observation's
  double year = 0, value = 0;
};

struct MatchedSeries {
  std::string series;   // the id in the observed file
  std::size_t outcome = 0;  // index into CompiledScenario::outcomes
  std::string observed_unit;  // the first non-empty unit of the series in the file
  std::vector<MatchedObservation> obs;  // sorted by year; only those on a step of the scenario
};

struct ObservationMatch {
  std::vector<MatchedSeries> series;    // in order of first appearance in the file
  std::vector<std::string> unmatched;   // series with no outcome of that id and no --map
  std::vector<std::string> off_steps;   // "series year" of observations on no step of the scenario
  double last_year = 0;                 // the last observed year of any matched series
};

// "SERIES=OUTCOME" items of --map. Throws ScenarioError (at "--map") for a
// malformed item, a series mapped twice, an unknown outcome (with a
// suggestion) or a series the file does not have.
std::vector<std::pair<std::string, std::string>> parse_series_map(const std::vector<std::string>& items,
                                                                  const ObservedData& data,
                                                                  const CompiledScenario& scenario);

// Throws ScenarioError when no series matches an outcome.
ObservationMatch match_observations(const ObservedData& data, const CompiledScenario& scenario,
                                    const std::vector<std::pair<std::string, std::string>>& map);

// The notes a command prints once on stderr (and keeps in its outputs).
std::vector<std::string> match_notes(const ObservationMatch& match);

}  // namespace entente::analysis
