// Limits on the size of a scenario, in one place.
//
// Every quantity below drives memory or time: the loader's trees grow with
// the file, a compiled scenario with actors x steps (lever schedules, event
// calendars), a run's state with actors^2 (flows and stances between pairs)
// and the ensemble's summaries with outcomes x steps (a quantile sketch
// each). An input over a limit gets a `file:line:column: error:` diagnostic
// before anything is allocated for it, instead of exhausting memory or
// running for hours. The values are generous: 20 to 50 times what the
// largest shipped scenario (scenarios/sino_russia_2035.yaml: 20 actors, 113
// dependencies, 17 levers, 12 events, 34 outcomes, 8 policies, 15 yearly
// steps) uses, so a real study never meets them.
#pragma once
#include <cstddef>

namespace entente::limits {

// Reading (sim/io/yaml_reader.cpp builds the tree from parse events and stops
// at the first node over a limit). A node of our tree costs ~200 bytes and
// the parser's buffers as much again, so 500,000 nodes is ~200 MiB; a
// maximal scenario below (1,000 actors with a dozen nodes each, 10,000
// dependencies of ~13) has about 150,000. 16 MiB of text is ~100 bytes for
// each of those nodes (the generated 200-actor,
// 2,000-dependency scenario is 0.23 MiB). Aliases copy the node they name:
// a few lines of nested aliases expand to millions of nodes ("billion
// laughs"), so their copies get a budget of their own, ample for reusing
// a block of settings. Nesting: scenarios are at most ~8 levels deep; 64
// leaves room and keeps the recursive copy far from the stack's end.
inline constexpr std::size_t kMaxFileBytes = 16u << 20;
inline constexpr std::size_t kMaxNodes = 500'000;
inline constexpr std::size_t kMaxAliasNodes = 100'000;
inline constexpr int kMaxDepth = 64;

// Time. Steps = years (x4 when quarterly): 200 years is 800 quarterly
// steps; the longest horizon studied (the 2000-2024 backcast) is 25.
inline constexpr int kMaxHorizonYears = 200;

// Actors: run state and the components' pairwise fields are actors^2
// (1,000 actors: 10^6 pairs, ~8 MB per pairwise field per run and thread).
inline constexpr std::size_t kMaxActors = 1'000;
// Dependencies: one slot each, scanned by the components every step; 10
// per actor at the largest actor count.
inline constexpr std::size_t kMaxDependencies = 10'000;
// Members of one alliance: at most every actor.
inline constexpr std::size_t kMaxMembers = kMaxActors;
// Levers and events: a schedule or calendar of (steps + 1) values each.
inline constexpr std::size_t kMaxLevers = 1'000;
inline constexpr std::size_t kMaxEvents = 1'000;
// Effects of one event, triggers of one lever, entries of one schedule and
// years of an `at:` calendar: evaluated every step of every run.
inline constexpr std::size_t kMaxEffectsPerEvent = 100;
inline constexpr std::size_t kMaxTriggersPerLever = 100;
inline constexpr std::size_t kMaxListEntries = 1'000;  // schedule entries, `at:` years
// Uncertainties: one slot and one stream each.
inline constexpr std::size_t kMaxUncertainties = 1'000;
// Outcomes: the ensemble keeps a quantile sketch per outcome and step (a
// few KiB each in practice, 64 KiB at worst): 500 outcomes x 801 steps is
// about 1 GiB in practice.
inline constexpr std::size_t kMaxOutcomes = 500;
// Thresholds of one outcome: counted per step in the summaries.
inline constexpr std::size_t kMaxThresholds = 20;
// Policies: `entente compare` runs every policy side by side, each a
// compiled copy of the scenario.
inline constexpr std::size_t kMaxPolicies = 100;
// Beta shape parameters: boost's incomplete beta function (the truncation
// check and every draw) takes time that grows without bound with a and b
// (a = b = 1e300 spun for minutes). At a = b = 1e6 the sd is 0.00035, a point
// for any purpose, and one evaluation takes microseconds.
inline constexpr double kMaxBetaShape = 1e6;
// Model components: each appears once (the registry has seven).
inline constexpr std::size_t kMaxModels = 100;

}  // namespace entente::limits
