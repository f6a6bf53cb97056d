// The state of one run: a plain value that can be copied, compared and
// restored (game sessions, forks and checkpoints rely on that). Components
// keep their private state in model_state, at the offset the compiled
// scenario gave them.
#pragma once
#include <cstdint>
#include <vector>

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

  // Actors.
  std::vector<double> gdp;          // Y_i, USD bn
  std::vector<double> gdp_initial;  // Y_i(0)

  // Flows X_ij,k: flows[(k * n + i) * n + j], what i sends to j in channel k.
  std::vector<double> flows;
  std::vector<double> flows_initial;

  std::vector<double> lever_intensity;  // L_l(t) this step, in [0, 1]
  std::vector<double> lever_override;   // < 0: follow the schedule; else set by an event or a player
  std::vector<std::uint32_t> event_count;  // times each event fired so far
  std::vector<std::uint8_t> event_fired_now;  // fired this step

  std::vector<std::uint8_t> trigger_fired;  // per compiled trigger: has it switched its lever
  std::vector<LogEntry> log;                // events, injections and triggers in order

  // ---- Shared state between components (docs/architecture.md, "Coupling").
  // The engine sets every field at the start year, so a component that reads
  // a field no component of the scenario writes sees a constant.
  //
  // participates[l * n + i]: actor i applies lever l this step. Starts as the
  // lever's coalition (its owner, or an alliance's members); AllianceCohesion
  // gates alliance-owned levers by each member's stance.
  std::vector<std::uint8_t> participates;
  std::vector<double> dependence;  // Dependence: dependence[i * n + j] = D_ij in [0, 1]
  std::vector<double> import_need;  // PowerArms: multiplies the gravity baseline of arms and technology flows into each actor (1 at start)
  std::vector<double> gdp_drag;    // TradeSanctions: GDP level lost to net lost exports (share), per actor
  std::vector<double> milex;       // PowerArms: military spending M_i, USD bn (start: milex_share * gdp)
  std::vector<double> capability;  // PowerArms: capability C_i (start: attribute capability, else 0)
  // AllianceCohesion: stance[i * 2 + d] in [0, 1], member i's hard line on
  // the alliance's dimension d (0: first adversary, e.g. Russia; 1: second).
  // 0 for non-members.
  std::vector<double> stance;
  double cohesion = 1;          // AllianceCohesion: overall cohesion in [0, 1]
  double china_consensus = 1;   // AllianceCohesion: cohesion on dimension 1
  std::vector<double> milex_target_share;  // AllianceCohesion: defence spending share sought, per actor (0: none)
  std::vector<double> threat;   // per actor: threat its aggression poses (event effects 'threat'; AllianceCohesion decays it)
  std::vector<double> alignment;  // alignment[i * n + j] = a_ij in [0, 1], symmetric (Alignment; events 'alignment_shift')
  std::vector<double> west_side;  // Alignment: per swing actor, 1 with the West, 0 with the other side (others 0.5)
  std::vector<double> hazard_multiplier;  // per event: multiplies its base hazard (CrisisHazard; 1 otherwise)

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
