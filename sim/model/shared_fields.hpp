// The shared state between components, declared once. Every field that one
// component writes and others read (docs/architecture.md, "Coupling") is one
// row of ENTENTE_SHARED_FIELDS; from that row come
//   - the RunState member (sim/engine/run_state.hpp),
//   - its start value at the start year (sim/engine/run.cpp),
//   - the numeric guard's shape and bounds check (sim/engine/numeric_guard.cpp),
//   - its place in the stable state encoding (sim/play/state_codec.cpp),
//   - the names components may declare in ModelInfo::reads and ::writes.
// A new shared field is one row here plus the component that writes it.
//
// Columns: X(kind, name, shape, lo, hi, start, writer, doc)
//   kind   doubles (std::vector<double>), scalar (double) or flags
//          (std::vector<std::uint8_t>, 0/1: not checked for bounds)
//   shape  how many elements, FieldShape below
//   lo, hi bounds every element must lie within (kFieldMax: no upper bound)
//   start  value of every element at the start year, or kFromScenario when
//          the engine computes it from the scenario (run.cpp says how)
//   writer the component that writes it ("engine" for engine-maintained state)
//
// Row order is the order of the fields in RunState and in the state encoding
// (format 1): append new rows at the end, before hazard_multiplier's
// successors, and keep the order of the rest.
#pragma once
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string_view>
#include <vector>

namespace entente {

// How many elements a field has, in a scenario of n actors, E events, L levers.
enum class FieldShape {
  kPerActor,           // n: field[i]
  kPerPair,            // n * n: field[i * n + j]
  kPerActorDimension,  // 2 * n: field[i * 2 + d], d the alliance's adversary dimension
  kPerChannelPair,     // channels * n * n: flows[(k * n + i) * n + j]
  kPerLeverActor,      // L * n: field[l * n + i]
  kPerEvent,           // E
  kScalar,             // 1
};

inline constexpr double kFieldMax = std::numeric_limits<double>::max();
// start value: the engine sets the field from the scenario (see run.cpp).
inline constexpr double kFromScenario = std::numeric_limits<double>::quiet_NaN();

// Bounds: shares, indices and stances in [0, 1]; money, capability and rates
// non-negative; GDP drag is a share of GDP lost (negative when sanctions on
// others raise net exports), at most all of it.
#define ENTENTE_SHARED_FIELDS(X)                                                                                    \
  X(doubles, gdp, kPerActor, 0, kFieldMax, kFromScenario, "PowerArms", "Y_i, USD bn (start: the scenario's GDP)")     \
  X(doubles, flows, kPerChannelPair, 0, kFieldMax, kFromScenario, "TradeSanctions, Payments",                        \
    "X_ij,k: what i sends to j in channel k (start: the scenario's dependencies)")                                  \
  X(flags, participates, kPerLeverActor, 0, 1, kFromScenario, "AllianceCohesion",                                  \
    "actor i applies lever l this step (start: the lever's coalition; AllianceCohesion gates alliance levers)")     \
  X(doubles, dependence, kPerPair, 0, 1, 0.0, "Dependence", "D_ij in [0, 1]: i's dependence on j")                  \
  X(doubles, import_need, kPerActor, 0, kFieldMax, 1.0, "PowerArms",                                               \
    "multiplies the gravity baseline of arms and technology flows into each actor")                                 \
  X(doubles, gdp_drag, kPerActor, -kFieldMax, 1, 0.0, "TradeSanctions", "GDP level lost to net lost exports (share)") \
  X(doubles, milex, kPerActor, 0, kFieldMax, kFromScenario, "PowerArms",                                           \
    "military spending M_i, USD bn (start: milex_share * gdp)")                                                     \
  X(doubles, capability, kPerActor, 0, kFieldMax, kFromScenario, "PowerArms",                                      \
    "capability C_i (start: attribute capability, else 0)")                                                         \
  X(doubles, stance, kPerActorDimension, 0, 1, 0.0, "AllianceCohesion",                                            \
    "member i's hard line on the alliance's dimension d (0: first adversary; 1: second); 0 for non-members")        \
  X(scalar, cohesion, kScalar, 0, 1, 1.0, "AllianceCohesion", "overall cohesion in [0, 1]")                        \
  X(scalar, china_consensus, kScalar, 0, 1, 1.0, "AllianceCohesion", "cohesion on dimension 1")                    \
  X(doubles, milex_target_share, kPerActor, 0, 1, 0.0, "AllianceCohesion",                                          \
    "defence spending share sought, per actor (0: none)")                                                           \
  X(doubles, threat, kPerActor, 0, kFieldMax, 0.0, "AllianceCohesion",                                              \
    "threat an actor's aggression poses (event effects 'threat'; AllianceCohesion decays it)")                      \
  X(doubles, alignment, kPerPair, 0, 1, 0.0, "Alignment", "a_ij in [0, 1], symmetric (events 'alignment_shift')")   \
  X(doubles, west_side, kPerActor, 0, 1, 0.5, "Alignment",                                                          \
    "per swing actor, 1 with the West, 0 with the other side (others 0.5)")                                         \
  X(doubles, hazard_multiplier, kPerEvent, 0, kFieldMax, 1.0, "CrisisHazard", "per event: multiplies its base hazard") \
  X(doubles, supply_wedge, kPerChannelPair, -50, 50, 0.0, "Supply",                                                \
    "log-point wedge on X_ij,k from the supplier's own choices and capacity (supply levers, the dual-use channel)") \
  X(doubles, dual_use, kPerPair, 0, kFieldMax, 0.0, "Supply",                                                       \
    "USD bn: dual-use part of i's technology flow to j (Supply: supplier and west -> recipient; else 0)")            \
  X(scalar, energy_price, kScalar, 0, kFieldMax, 1.0, "EnergyMarket",                                              \
    "world energy price index, 1 at the start year (events 'energy_price'); TradeSanctions values energy at it")   \
  X(doubles, energy_rent, kPerActor, 0, kFieldMax, 1.0, "PowerArms",                                               \
    "r_i = P^epsilon_i: the energy price's factor in i's GDP level (1 without it); TradeSanctions divides it out "   \
    "of the exporter's GDP in energy sales")

// The member types of each kind, and their default values in a fresh RunState.
#define ENTENTE_FIELD_TYPE_doubles std::vector<double>
#define ENTENTE_FIELD_TYPE_scalar double
#define ENTENTE_FIELD_TYPE_flags std::vector<std::uint8_t>
#define ENTENTE_FIELD_DEFAULT_doubles(start) {}
#define ENTENTE_FIELD_DEFAULT_scalar(start) {start}
#define ENTENTE_FIELD_DEFAULT_flags(start) {}

#define ENTENTE_SHARED_FIELD_ENUM(kind, name, ...) name,
// One enumerator per shared field, in row order: SharedField::dependence.
enum class SharedField { ENTENTE_SHARED_FIELDS(ENTENTE_SHARED_FIELD_ENUM) };
#undef ENTENTE_SHARED_FIELD_ENUM

enum class FieldKind { kDoubles, kScalar, kFlags };

// One row of the table, for code that walks all fields.
struct SharedFieldInfo {
  SharedField field;
  std::string_view name;
  FieldKind kind;
  FieldShape shape;
  double lo, hi;
  double start;  // kFromScenario (NaN) when the engine computes it
  std::string_view writer, doc;
};

// All rows in order.
const std::vector<SharedFieldInfo>& shared_fields();
const SharedFieldInfo& shared_field(SharedField f);
// The row of the field of this name, or nullptr.
const SharedFieldInfo* find_shared_field(std::string_view name);

// Elements of a field of this shape.
std::size_t field_size(FieldShape shape, std::size_t n_actors, std::size_t n_events, std::size_t n_levers);

// RunState fields the engine maintains that components may read but never
// write (lever_intensity, flows_initial, ...): the other names valid in
// ModelInfo::reads.
bool is_engine_field(std::string_view name);

}  // namespace entente
