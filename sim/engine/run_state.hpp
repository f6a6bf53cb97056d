// The state of one run: a plain value that can be copied, compared and
// restored (game sessions, forks and checkpoints rely on that). Components
// keep their private state in model_state, at the offset the compiled
// scenario gave them.
#pragma once
#include <cstdint>
#include <vector>

#include "sim/model/shared_fields.hpp"
#include "sim/rng/stream.hpp"
#include "sim/scenario/spec.hpp"

namespace entente {

// One line of a run's event log: what happened at which step.
struct LogEntry {
  enum class Kind : std::uint8_t { kEvent, kInjected, kTrigger };
  int step = 0;
  Kind kind = Kind::kEvent;
  std::uint32_t index = 0;  // event index (kEvent, kInjected) or trigger index (kTrigger)
};

struct RunState {
  std::uint64_t run = 0;   // run index within the ensemble
  int step = 0;            // 0 at the start year
  double year = 0;         // decimal year at the end of this step
  double dt = 1;           // years per step
  std::size_t n_actors = 0;

  std::vector<double> sampled;  // one value per parameter slot (uncertainties drawn once per run)

  // Actors (gdp itself is a shared field below).
  std::vector<double> gdp_initial;  // Y_i(0)

  // Flows X_ij,k at the start year (flows itself is a shared field below):
  // flows[(k * n + i) * n + j], what i sends to j in channel k.
  std::vector<double> flows_initial;

  std::vector<double> lever_intensity;  // L_l(t) this step, in [0, 1]
  std::vector<double> lever_override;   // < 0: follow the schedule; else set by an event or a player
  std::vector<std::uint32_t> event_count;  // times each event fired so far
  std::vector<std::uint8_t> event_fired_now;  // fired this step

  std::vector<std::uint8_t> trigger_fired;  // per compiled trigger: has it switched its lever
  std::vector<LogEntry> log;                // events, injections and triggers in order

  // ---- Shared state between components (docs/architecture.md, "Coupling"),
  // declared once in sim/model/shared_fields.hpp: gdp, flows, participates,
  // dependence, import_need, gdp_drag, milex, capability, stance, cohesion,
  // china_consensus, milex_target_share, threat, alignment, west_side,
  // hazard_multiplier. The engine sets every field at the start year, so a
  // component that reads a field no component of the scenario writes sees a
  // constant.
#define ENTENTE_DECLARE_SHARED_FIELD(kind, name, shape, lo, hi, start, writer, doc) \
  ENTENTE_FIELD_TYPE_##kind name ENTENTE_FIELD_DEFAULT_##kind(start);
  ENTENTE_SHARED_FIELDS(ENTENTE_DECLARE_SHARED_FIELD)
#undef ENTENTE_DECLARE_SHARED_FIELD

  std::vector<double> model_state;  // components' private state
  std::vector<double> series;       // bound output series, written by components

  std::vector<Stream> shock_streams;  // per actor: exogenous growth shocks
  std::vector<Stream> event_streams;  // per event: one uniform per step
  std::vector<Stream> model_streams;  // per component

  std::size_t flow_index(std::size_t channel, std::size_t from, std::size_t to) const {
    return (channel * n_actors + from) * n_actors + to;
  }
  double& flow(std::size_t channel, std::size_t from, std::size_t to) { return flows[flow_index(channel, from, to)]; }
  double flow(std::size_t channel, std::size_t from, std::size_t to) const {
    return flows[flow_index(channel, from, to)];
  }
  // Trade from -> to: the sum over the trade channels (energy, goods,
  // technology, arms; channels 0..kTradeChannelCount-1).
  double trade_flow(std::size_t from, std::size_t to) const {
    double x = 0;
    for (std::size_t k = 0; k < kTradeChannelCount; ++k) x += flows[flow_index(k, from, to)];
    return x;
  }
};

}  // namespace entente

namespace entente {

// Calls f(info, member) for every shared field of `s` in row order
// (sim/model/shared_fields.hpp); member is the RunState member itself:
// std::vector<double>&, double& or std::vector<std::uint8_t>& (const for a
// const state). The state codec and the engine's start values use it.
template <class State, class F>
void for_each_shared_field(State& s, F&& f) {
#define ENTENTE_VISIT_SHARED_FIELD(kind, name, ...) f(shared_field(SharedField::name), s.name);
  ENTENTE_SHARED_FIELDS(ENTENTE_VISIT_SHARED_FIELD)
#undef ENTENTE_VISIT_SHARED_FIELD
}

// The elements of a double-valued shared field (a scalar is one element);
// nullptr for a flags field.
const double* shared_field_data(const RunState& s, SharedField f);

}  // namespace entente
