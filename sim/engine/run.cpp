#include "sim/engine/run.hpp"

#include <cmath>

namespace entente {

namespace {

void apply_levers(const CompiledScenario& sc, RunState& s) {
  for (std::size_t l = 0; l < sc.levers.size(); ++l) {
    const double o = s.lever_override[l];
    s.lever_intensity[l] = o >= 0 ? o : sc.levers[l].intensity_by_step[static_cast<std::size_t>(s.step)];
  }
}

// Each event draws exactly one uniform per step whether or not it can still
// fire, so a policy that changes what happens never shifts later draws.
void fire_events(const CompiledScenario& sc, RunState& s) {
  for (std::size_t e = 0; e < sc.events.size(); ++e) {
    const CompiledEvent& ev = sc.events[e];
    const double u = s.event_streams[e].uniform();
    const double rate = s.sampled[ev.hazard_slot];
    const double p = 1.0 - std::exp(-rate * s.dt);
    s.event_fired_now[e] = 0;
    if (u >= p || (!ev.repeatable && s.event_count[e] > 0)) continue;
    s.event_fired_now[e] = 1;
    ++s.event_count[e];
    for (const auto& ef : ev.effects) {
      if (ef.kind == EffectKind::kGdpShock) {
        s.gdp[ef.actor] *= 1.0 + ef.size;
      } else {
        s.lever_override[ef.lever] = ef.intensity;
        s.lever_intensity[ef.lever] = ef.intensity;
      }
    }
  }
}

}  // namespace

void initialize_run(const CompiledScenario& sc, const RunKey& key, RunState& s, const PointOverrides* point) {
  s.run = key.run;
  s.step = 0;
  s.year = sc.years.front();
  s.dt = sc.dt;
  s.n_actors = sc.n_actors;
  const std::size_t n = sc.n_actors;

  s.sampled.resize(sc.slots.size());
  for (std::size_t i = 0; i < sc.slots.size(); ++i) {
    const ParamSlot& slot = sc.slots[i];
    if (slot.dist.is_fixed()) {
      s.sampled[i] = slot.dist.p1;
    } else {
      Stream st({key.seed, key.design_point, key.run, StreamPurpose::kUncertainty, slot.stream_id});
      s.sampled[i] = slot.dist.quantile(st.uniform());
    }
  }

  // A design point's values replace the draws; every other slot still draws
  // from its own stream, so the point changes nothing else.
  if (point)
    for (const auto& [slot, value] : point->slots) s.sampled[slot] = value;

  s.gdp.resize(n);
  s.gdp_initial.resize(n);
  for (std::size_t i = 0; i < n; ++i) s.gdp[i] = s.gdp_initial[i] = s.sampled[sc.gdp_slot[i]];

  s.flows.assign(kChannelCount * n * n, 0.0);
  for (const auto& dep : sc.dependencies) s.flow(dep.channel, dep.from, dep.to) = s.sampled[dep.value_slot];
  s.flows_initial = s.flows;

  s.lever_override.assign(sc.levers.size(), -1.0);
  if (point)
    for (const auto& [lever, value] : point->levers) s.lever_override[lever] = value;
  s.lever_intensity.resize(sc.levers.size());
  apply_levers(sc, s);
  s.event_count.assign(sc.events.size(), 0);
  s.event_fired_now.assign(sc.events.size(), 0);

  s.shock_streams.clear();
  for (std::size_t i = 0; i < n; ++i)
    s.shock_streams.emplace_back(
        StreamKey{key.seed, key.design_point, key.run, StreamPurpose::kShock, stream_id(sc.actor_ids[i])});
  s.event_streams.clear();
  for (const auto& ev : sc.events)
    s.event_streams.emplace_back(
        StreamKey{key.seed, key.design_point, key.run, StreamPurpose::kEvent, stream_id(ev.id)});
  s.model_streams.clear();
  for (const auto& name : sc.model_names)
    s.model_streams.emplace_back(
        StreamKey{key.seed, key.design_point, key.run, StreamPurpose::kModel, stream_id(name)});

  s.model_state.assign(sc.model_state_size, 0.0);
  s.series.assign(sc.n_series, 0.0);
  for (std::size_t m = 0; m < sc.models.size(); ++m) sc.models[m]->initialize(s, sc.model_state_offset[m]);
}

void advance_step(const CompiledScenario& sc, RunState& s) {
  ++s.step;
  s.year = sc.years[static_cast<std::size_t>(s.step)];
  apply_levers(sc, s);
  fire_events(sc, s);
  for (std::size_t m = 0; m < sc.models.size(); ++m) sc.models[m]->step(s, sc.model_state_offset[m]);
}

void record_outcomes(const CompiledScenario& sc, const RunState& s, const RunKey& key, double* out) {
  for (std::size_t o = 0; o < sc.outcomes.size(); ++o) {
    const double v = s.series[sc.outcomes[o].series_slot];
    if (!std::isfinite(v)) {
      throw RunError("run " + std::to_string(key.run) + " (seed " + std::to_string(key.seed) + ", design point " +
                         std::to_string(key.design_point) + "): outcome '" + sc.outcomes[o].spec.id +
                         "' is not finite in " + std::to_string(s.year),
                     key);
    }
    out[o] = v;
  }
}

void run_trace(const CompiledScenario& sc, const RunKey& key, RunState& s, double* trace,
               const PointOverrides* point) {
  const std::size_t n_out = sc.outcomes.size();
  initialize_run(sc, key, s, point);
  record_outcomes(sc, s, key, trace);
  for (int step = 1; step <= sc.n_steps; ++step) {
    advance_step(sc, s);
    record_outcomes(sc, s, key, trace + static_cast<std::size_t>(step) * n_out);
  }
}

}  // namespace entente
