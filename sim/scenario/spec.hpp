// The scenario as validated data: what a scenario file says, with every id
// checked and every number parsed, before it is compiled for the engine.
// docs/scenario-format.md documents each field.
#pragma once
#include <array>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sim/io/diagnostics.hpp"
#include "sim/io/node.hpp"
#include "sim/model/channel.hpp"
#include "sim/scenario/distribution.hpp"

namespace entente {

inline constexpr int kSchemaVersion = 1;

// A number in a scenario: a value, a distribution, or a reference to a named
// uncertainty. `key` is its path in the file; unnamed distributions are
// sampled from a stream keyed by that path.
struct Quantity {
  Distribution dist;
  std::string ref;  // id in `uncertainties`, when the file wrote {ref: id}
  std::string key;  // e.g. "actors.russia.attributes.gdp"
  SourceLocation where;
};

enum class ActorKind { kState, kBloc, kAlliance };

struct ActorSpec {
  std::string id, name;
  ActorKind kind = ActorKind::kState;
  std::vector<std::string> members;  // alliance members (actor ids)
  std::vector<SourceLocation> member_locations;
  bool swing = false;                // a swing actor (India, Central Asia, ...)
  std::map<std::string, Quantity> attributes;  // gdp, growth, growth_sd, milex_share, capability
  SourceLocation where;
};

struct DependencySpec {
  std::string from, to;
  Channel channel = Channel::kGoods;
  Quantity value;
  std::string unit, source;
  SourceLocation where;
};

enum class LeverKind {
  kSanctions,
  kSecondarySanctions,
  kExportControls,
  kInvestmentScreening,
  kTariffs,
  kEnergyDiversification,
  kEngagement,
  kStrategicCommunications,
  kPartnership,
  kDefenceSpending,
  kArmsControl,
  // Levers of the other side (seed papers: energy, arms, war-economy support,
  // payment systems, military pressure): any owner may use them.
  kSupply,            // the owner's own sales to the target: promotion (+) or restriction (-)
  kPaymentPush,       // the owner drives its payment system and currency into the target's settlements
  kMilitaryPressure,  // coercive military activity: raises the hazards of the owner's dyads
};
std::string_view lever_kind_name(LeverKind k);
std::optional<LeverKind> parse_lever_kind(std::string_view s);
std::vector<std::string> lever_kind_names();

struct ScheduleEntry {
  double year = 0;
  double intensity = 0;
  SourceLocation where;
};

// An adaptive rule: when the condition holds at the end of a step, the lever
// moves to `intensity` from the next step on (once per run).
struct TriggerSpec {
  std::string event;     // when: {event: id}: the event fired
  std::string signpost;  // when: {signpost: outcome id, below|above: value}
  bool above = false;
  double threshold = 0;
  double intensity = 0;
  SourceLocation where, ref_where;
};

struct LeverSpec {
  std::string id;
  // What briefings and the game's screens call it (the id when absent), and
  // what it does in a sentence (optional).
  std::string label, description;
  LeverKind kind = LeverKind::kSanctions;
  std::string owner, target;
  std::vector<Channel> channels;
  double intensity = 0;                 // before the first schedule entry
  double baseline_intensity = 0;        // the intensity the start-year data already reflect
  std::vector<ScheduleEntry> schedule;  // piecewise constant from each year on
  double range_min = 0, range_max = 1;  // what a player may set
  std::optional<Quantity> effect;       // overrides the model's elasticity for this lever
  // The stance a member of the owning alliance needs to take part (AllianceCohesion);
  // unset: the component's default.
  std::optional<double> participation;
  std::vector<TriggerSpec> triggers;
  std::string source;
  SourceLocation where;
};

struct UncertaintySpec {
  std::string id;
  Quantity quantity;
  std::string source;
  SourceLocation where;
};

enum class EffectKind { kGdpShock, kLever, kThreat, kAlignmentShift, kEnergyPrice };
struct EffectSpec {
  EffectKind kind = EffectKind::kGdpShock;
  std::string actor;     // gdp_shock; threat: the actor whose aggression threatens
  double size = 0;       // gdp_shock: relative change of GDP, e.g. -0.05; threat: added threat;
                         // alignment_shift: added alignment; energy_price: relative change of the
                         // world energy price index, e.g. 0.4
  std::vector<std::string> between;  // alignment_shift: the pair
  std::string lever;     // lever: which lever the event switches
  double intensity = 0;  // lever: the intensity from the event on
  SourceLocation where;
};

struct EventSpec {
  std::string id, description, source;
  Quantity hazard;  // expected occurrences per year
  std::vector<double> at;  // a historical event: fires in these years, no hazard
  bool repeatable = false;
  std::vector<std::string> dyad;  // the two actors whose crisis it is (CrisisHazard scales its hazard)
  std::vector<EffectSpec> effects;
  SourceLocation where;
};

struct ModelSpec {
  std::string name;
  std::map<std::string, Quantity> parameters;
  std::map<std::string, std::vector<std::string>> roles;  // role -> actor ids
  // actor id -> per-actor parameter -> value
  std::map<std::string, std::map<std::string, Quantity>> actor_parameters;
  SourceLocation where;
  std::map<std::string, SourceLocation> parameter_keys;  // where each parameter was named
};

enum class Direction { kLowerIsBetter, kHigherIsBetter, kNeutral };
struct ThresholdSpec {
  bool above = true;  // above: value >= v; below: value <= v
  double value = 0;
  std::string label;
};

struct OutcomeSpec {
  std::string id, label, unit, series;
  double scale = 1;  // the outcome is series x scale (a unit conversion)
  Direction direction = Direction::kNeutral;
  bool headline = false;
  // The smallest change of this outcome that matters to a decision, in its
  // unit (docs/scenario-format.md): a difference within +-min_effect is "no
  // practical difference". Absent: 0, every difference the runs resolve counts.
  std::optional<double> min_effect;
  std::vector<ThresholdSpec> thresholds;
  SourceLocation where, series_where;
};

struct LeverOverride {
  std::optional<double> intensity;
  std::optional<std::vector<ScheduleEntry>> schedule;
  std::optional<std::vector<TriggerSpec>> triggers;
  SourceLocation where;
};

struct PolicySpec {
  std::string id, description, source;
  std::string label;  // short display name; the id when the file gives none
  std::map<std::string, LeverOverride> levers;
  SourceLocation where;
};

struct TimeSpec {
  int start = 0, end = 0;
  bool quarterly = false;
  bool valid = false;  // false when the file's horizon was missing or invalid (already reported)
  double dt() const { return quarterly ? 0.25 : 1.0; }
  int steps() const { return (end - start) * (quarterly ? 4 : 1); }
};

struct SourceSpec {
  std::string id, title, file, url;
};

struct ScenarioSpec {
  int schema = kSchemaVersion;
  std::string name, description;
  std::vector<SourceSpec> sources;
  TimeSpec time;
  std::vector<ActorSpec> actors;
  std::vector<DependencySpec> dependencies;
  std::vector<LeverSpec> levers;
  std::vector<UncertaintySpec> uncertainties;
  std::vector<EventSpec> events;
  std::vector<ModelSpec> models;
  std::vector<OutcomeSpec> outcomes;
  std::vector<PolicySpec> policies;

  // Every id a section declares, valid or not: a reference to an entry that
  // was itself invalid is not reported again as "unknown".
  std::set<std::string> declared_actors, declared_levers, declared_uncertainties, declared_events,
      declared_outcomes;

  const ActorSpec* actor(const std::string& id) const;
  const LeverSpec* lever(const std::string& id) const;
  const PolicySpec* policy(const std::string& id) const;
  std::vector<std::string> policy_ids() const;
};

}  // namespace entente
