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
