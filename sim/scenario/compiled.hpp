// A scenario compiled for the engine: ids resolved to indices, lever
// schedules expanded per step, every number turned into a parameter slot,
// components instantiated and output series bound. Immutable once built and
// shared read-only by every thread of an ensemble.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/model/component_checks.hpp"
#include "sim/model/model.hpp"
#include "sim/model/registry.hpp"
#include "sim/scenario/spec.hpp"

namespace entente {

// A value drawn once per run (or fixed): RunState::sampled[index].
struct ParamSlot {
  std::string key;          // "uncertainties.trade_elasticity" or the path of an inline value
  std::uint64_t stream_id;  // fnv1a64(key): the stream this slot draws from
  Distribution dist;
};

struct CompiledLever {
  std::string id;
  LeverKind kind = LeverKind::kSanctions;
  std::size_t owner = 0, target = 0;
  std::vector<std::size_t> coalition;  // actors that apply it (the owner, or an alliance's members)
  std::uint32_t channel_mask = 0;      // bit k: channel k in scope
  std::vector<double> intensity_by_step;  // scheduled L(t) for steps 0..n
  // The intensity the start year's data already reflect (the file's
  // baseline_intensity): effects act on the change from it.
  double baseline_intensity = 0;
  std::optional<std::size_t> effect_slot;
  std::optional<double> participation;  // stance an alliance member needs to take part (AllianceCohesion)
  double range_min = 0, range_max = 1;
  bool covers(Channel c) const { return (channel_mask >> static_cast<unsigned>(c)) & 1u; }
};

struct CompiledEffect {
  EffectKind kind = EffectKind::kGdpShock;
  std::size_t actor = 0;  // gdp_shock, threat; alignment_shift: the first of the pair
  std::size_t other = 0;  // alignment_shift: the second of the pair
  double size = 0;
  std::size_t lever = 0;  // lever
  double intensity = 0;
};

struct CompiledEvent {
  std::string id;
  std::size_t hazard_slot = 0;
  // A historical event (`at:` years): at_step[step] is 1 in the steps it
  // fires, whatever its hazard; empty for a hazard event.
  std::vector<std::uint8_t> at_step;
  bool repeatable = false;
  std::optional<std::pair<std::size_t, std::size_t>> dyad;  // actors whose crisis it is
  std::vector<CompiledEffect> effects;
};

// A lever trigger: when the event fires, or the signpost outcome crosses the
// threshold, at the end of a step, the lever moves to `intensity` from the
// next step on.
struct CompiledTrigger {
  std::size_t lever = 0;
  std::optional<std::size_t> event;  // else a signpost
  std::size_t outcome = 0;           // signpost: index into outcomes
  bool above = false;
  double threshold = 0, intensity = 0;
  std::string label;  // e.g. "us_sanctions_china when taiwan_crisis"
};

// A series the engine itself writes: `event.<id>` (1 once the event has
// fired in the run, else 0) and `lever.<id>` (the lever's intensity).
struct EngineSeries {
  enum class Kind { kEventFired, kLeverIntensity } kind = Kind::kEventFired;
  std::size_t index = 0, slot = 0;
};

struct CompiledDependency {
  std::size_t channel = 0, from = 0, to = 0;
  std::size_t value_slot = 0;
};

struct CompiledOutcome {
  OutcomeSpec spec;
  std::size_t series_slot = 0;
};

class CompiledScenario {
 public:
  ScenarioSpec spec;
  std::string policy;  // the policy applied, "" for the file's own lever settings

  std::size_t n_actors = 0;
  std::vector<std::string> actor_ids;
  int n_steps = 0;
  double dt = 1;
  std::vector<double> years;  // years[s] at the end of step s; years[0] = start

  std::vector<ParamSlot> slots;
  std::vector<std::size_t> gdp_slot, growth_slot, growth_sd_slot;  // per actor
  std::vector<std::size_t> milex_share_slot, capability_slot;        // per actor (0 when not given)
  std::vector<CompiledDependency> dependencies;
  std::vector<CompiledLever> levers;
  std::vector<CompiledEvent> events;
  std::vector<CompiledTrigger> triggers;
  std::vector<EngineSeries> engine_series;

  std::vector<std::unique_ptr<Model>> models;
  std::vector<std::string> model_names;
  std::vector<std::size_t> model_state_offset;
  std::size_t model_state_size = 0;
  // Per component: what the engine checks after it initialises and steps
  // (sim/engine/numeric_guard.hpp).
  std::vector<ComponentChecks> model_checks;

  std::vector<CompiledOutcome> outcomes;
  std::size_t n_series = 0;

  std::optional<std::size_t> actor_index(std::string_view id) const;
  std::optional<std::size_t> lever_index(std::string_view id) const;
  std::optional<std::size_t> event_index(std::string_view id) const;
  // The lever and event ids in order: the candidates of a did-you-mean.
  std::vector<std::string> lever_ids() const;
  std::vector<std::string> event_ids() const;
  // The actors an actor stands for: an alliance's members, in the order the
  // file lists them, or the actor itself. A lever owned by an alliance, an
  // alliance on one side of a dyad or of a race, acts through its members.
  std::vector<std::size_t> members_or_self(std::size_t actor) const;
  std::size_t n_slots() const { return slots.size(); }
  // The slot of a fixed constant added at compile time (default parameters).
  std::size_t add_slot(std::string key, Distribution dist);
};

// Compile a validated spec under a policy ("" = none). Problems found here
// (unbound outcome series, unknown policy) go to `diags`; the result is null
// when there were any.
std::unique_ptr<CompiledScenario> compile_scenario(const ScenarioSpec& spec, const ModelRegistry& registry,
                                                   const std::string& policy, Diagnostics& diags,
                                                   const std::string& file);

}  // namespace entente
