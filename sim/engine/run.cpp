#include "sim/engine/run.hpp"

#include <algorithm>
#include <cmath>
#include <type_traits>

#include "sim/engine/numeric_guard.hpp"

namespace entente {

namespace {

void apply_levers(const CompiledScenario& sc, RunState& s) {
  for (std::size_t l = 0; l < sc.levers.size(); ++l) {
    const double o = s.lever_override[l];
    s.lever_intensity[l] = o >= 0 ? o : sc.levers[l].intensity_by_step[static_cast<std::size_t>(s.step)];
  }
}

void apply_effects(const CompiledScenario& sc, const CompiledEvent& ev, RunState& s) {
  const std::size_t n = sc.n_actors;
  for (const auto& ef : ev.effects) {
    switch (ef.kind) {
      case EffectKind::kGdpShock: s.gdp[ef.actor] *= 1.0 + ef.size; break;
      case EffectKind::kLever:
        s.lever_override[ef.lever] = ef.intensity;
        s.lever_intensity[ef.lever] = ef.intensity;
        break;
      case EffectKind::kThreat: s.threat[ef.actor] = std::max(0.0, s.threat[ef.actor] + ef.size); break;
      case EffectKind::kEnergyPrice: s.energy_price *= 1.0 + ef.size; break;
      case EffectKind::kAlignmentShift: {
        const double a = std::clamp(s.alignment[ef.actor * n + ef.other] + ef.size, 0.0, 1.0);
        s.alignment[ef.actor * n + ef.other] = s.alignment[ef.other * n + ef.actor] = a;
        break;
      }
    }
  }
}

// Each event draws exactly one uniform per step whether or not it can still
// fire, so a policy that changes what happens never shifts later draws.
void fire_events(const CompiledScenario& sc, RunState& s) {
  for (std::size_t e = 0; e < sc.events.size(); ++e) {
    const CompiledEvent& ev = sc.events[e];
    const double u = s.event_streams[e].uniform();
    const double rate = s.sampled[ev.hazard_slot] * s.hazard_multiplier[e];
    const double p = ev.at_step.empty() ? 1.0 - std::exp(-rate * s.dt) : (ev.at_step[s.step] ? 1.0 : 0.0);
    s.event_fired_now[e] = 0;
    if (u >= p || (!ev.repeatable && s.event_count[e] > 0)) continue;
    s.event_fired_now[e] = 1;
    ++s.event_count[e];
    s.log.push_back({s.step, LogEntry::Kind::kEvent, static_cast<std::uint32_t>(e)});
    apply_effects(sc, ev, s);
  }
}

// Triggers look at the end of a step (events fired, signposts as the
// components left them) and move their lever from the next step on.
void check_triggers(const CompiledScenario& sc, RunState& s) {
  for (std::size_t t = 0; t < sc.triggers.size(); ++t) {
    if (s.trigger_fired[t]) continue;
    const CompiledTrigger& tr = sc.triggers[t];
    bool holds;
    if (tr.event) {
      holds = s.event_count[*tr.event] > 0;
    } else {
      const double v = outcome_value(sc, s, tr.outcome);
      holds = tr.above ? v >= tr.threshold : v <= tr.threshold;
    }
    if (!holds) continue;
    s.trigger_fired[t] = 1;
    s.lever_override[tr.lever] = tr.intensity;
    s.log.push_back({s.step, LogEntry::Kind::kTrigger, static_cast<std::uint32_t>(t)});
  }
}

void write_engine_series(const CompiledScenario& sc, RunState& s) {
  for (const auto& es : sc.engine_series) {
    s.series[es.slot] = es.kind == EngineSeries::Kind::kEventFired ? (s.event_count[es.index] > 0 ? 1.0 : 0.0)
                                                                   : s.lever_intensity[es.index];
  }
}

void seed_streams(const CompiledScenario& sc, const RunKey& key, RunState& s) {
  s.shock_streams.clear();
  for (std::size_t i = 0; i < sc.n_actors; ++i)
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
}

}  // namespace

void reseed_run(const CompiledScenario& sc, const RunKey& key, RunState& s) {
  s.run = key.run;
  seed_streams(sc, key, s);
}

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

  // Every shared field with a constant start value takes it from its row
  // (sim/model/shared_fields.hpp); the rest follow from the scenario here.
  for_each_shared_field(s, [&](const SharedFieldInfo& f, auto& member) {
    if (std::isnan(f.start)) return;
    using Member = std::remove_reference_t<decltype(member)>;
    if constexpr (std::is_same_v<Member, double>) member = f.start;
    else
      member.assign(field_size(f.shape, n, sc.events.size(), sc.levers.size()),
                    static_cast<typename Member::value_type>(f.start));
  });
  s.milex.resize(n);
  s.capability.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    s.milex[i] = s.sampled[sc.milex_share_slot[i]] * s.gdp[i];
    s.capability[i] = s.sampled[sc.capability_slot[i]];
  }
  s.participates.assign(sc.levers.size() * n, 0);
  for (std::size_t l = 0; l < sc.levers.size(); ++l)
    for (std::size_t i : sc.levers[l].coalition) s.participates[l * n + i] = 1;
  s.trigger_fired.assign(sc.triggers.size(), 0);
  s.log.clear();

  s.lever_override.assign(sc.levers.size(), -1.0);
  if (point)
    for (const auto& [lever, value] : point->levers) s.lever_override[lever] = value;
  s.lever_intensity.resize(sc.levers.size());
  apply_levers(sc, s);
  s.event_count.assign(sc.events.size(), 0);
  s.event_fired_now.assign(sc.events.size(), 0);

  seed_streams(sc, key, s);

  s.model_state.assign(sc.model_state_size, 0.0);
  s.series.assign(sc.n_series, 0.0);
  for (std::size_t m = 0; m < sc.models.size(); ++m) {
    sc.models[m]->initialize(s, sc.model_state_offset[m]);
    check_component(sc, s, m);
  }
  for (std::size_t m = 0; m < sc.models.size(); ++m) {
    sc.models[m]->after_initialize(s, sc.model_state_offset[m]);
    check_component(sc, s, m);
  }
  write_engine_series(sc, s);
  check_triggers(sc, s);
}

void advance_step(const CompiledScenario& sc, RunState& s) {
  // Past the horizon there is no year, no schedule and no lever intensity:
  // a caller bug, refused rather than read out of bounds.
  if (s.step >= sc.n_steps)
    throw std::logic_error("advance_step: the run is already at the scenario's last step (" +
                           std::to_string(sc.n_steps) + ")");
  ++s.step;
  s.year = sc.years[static_cast<std::size_t>(s.step)];
  apply_levers(sc, s);
  fire_events(sc, s);
  for (std::size_t m = 0; m < sc.models.size(); ++m) {
    sc.models[m]->step(s, sc.model_state_offset[m]);
    check_component(sc, s, m);
  }
  write_engine_series(sc, s);
  check_triggers(sc, s);
}

void inject_event(const CompiledScenario& sc, RunState& s, std::size_t event) {
  ++s.event_count[event];
  s.event_fired_now[event] = 1;
  s.log.push_back({s.step, LogEntry::Kind::kInjected, static_cast<std::uint32_t>(event)});
  apply_effects(sc, sc.events[event], s);
  write_engine_series(sc, s);
  check_triggers(sc, s);
}

RunError run_error(const RunKey& key, const std::string& what) {
  return RunError("run " + std::to_string(key.run) + " (seed " + std::to_string(key.seed) + ", design point " +
                      std::to_string(key.design_point) + "): " + what,
                  key);
}

void record_outcomes(const CompiledScenario& sc, const RunState& s, const RunKey& key, double* out) {
  for (std::size_t o = 0; o < sc.outcomes.size(); ++o) {
    const double v = outcome_value(sc, s, o);
    // Model-bound series are checked as their component writes them; this
    // catches a scale that overflows and the engine's own series.
    if (!std::isfinite(v))
      throw run_error(key, "outcome '" + sc.outcomes[o].spec.id + "' is not finite in " + std::to_string(s.year));
    out[o] = v;
  }
}

bool run_trace(const CompiledScenario& sc, const RunKey& key, RunState& s, double* trace,
               const PointOverrides* point, const std::atomic<bool>* stop) {
  const std::size_t n_out = sc.outcomes.size();
  try {
    initialize_run(sc, key, s, point);
    record_outcomes(sc, s, key, trace);
    for (int step = 1; step <= sc.n_steps; ++step) {
      if (stop && stop->load(std::memory_order_relaxed)) return false;
      advance_step(sc, s);
      record_outcomes(sc, s, key, trace + static_cast<std::size_t>(step) * n_out);
    }
  } catch (const ComponentFault& f) {
    throw run_error(key, f.what());
  }
  return true;
}

bool run_trace_from(const CompiledScenario& sc, const RunKey& key, const RunState& start, const double* prefix,
                    RunState& s, double* trace, const std::atomic<bool>* stop) {
  const std::size_t n_out = sc.outcomes.size();
  s = start;
  reseed_run(sc, key, s);
  const auto k = static_cast<std::size_t>(start.step);
  std::copy(prefix, prefix + (k + 1) * n_out, trace);
  try {
    for (int step = start.step + 1; step <= sc.n_steps; ++step) {
      if (stop && stop->load(std::memory_order_relaxed)) return false;
      advance_step(sc, s);
      record_outcomes(sc, s, key, trace + static_cast<std::size_t>(step) * n_out);
    }
  } catch (const ComponentFault& f) {
    throw run_error(key, f.what());
  }
  return true;
}

}  // namespace entente
