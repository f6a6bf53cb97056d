#include "sim/engine/numeric_guard.hpp"

#include <charconv>
#include <cmath>
#include <limits>

#include "sim/engine/run_state.hpp"
#include "sim/scenario/compiled.hpp"

namespace entente {

namespace {

constexpr double kMax = std::numeric_limits<double>::max();

// The bounds of each shared field, by the name components use in
// ModelInfo::writes. Shares, indices and stances live in [0, 1]; money,
// capability and rates are non-negative; GDP drag is a share of GDP lost
// (negative when sanctions on others raise net exports), at most all of it.
struct FieldBounds {
  SharedField field;
  double lo, hi;
};

bool bounds_of(const std::string& name, FieldBounds& out) {
  static const struct {
    const char* name;
    FieldBounds bounds;
  } kTable[] = {
      {"gdp", {SharedField::kGdp, 0, kMax}},
      {"gdp_drag", {SharedField::kGdpDrag, -kMax, 1}},
      {"dependence", {SharedField::kDependence, 0, 1}},
      {"import_need", {SharedField::kImportNeed, 0, kMax}},
      {"milex", {SharedField::kMilex, 0, kMax}},
      {"capability", {SharedField::kCapability, 0, kMax}},
      {"stance", {SharedField::kStance, 0, 1}},
      {"cohesion", {SharedField::kCohesion, 0, 1}},
      {"china_consensus", {SharedField::kChinaConsensus, 0, 1}},
      {"milex_target_share", {SharedField::kMilexTargetShare, 0, 1}},
      {"threat", {SharedField::kThreat, 0, kMax}},
      {"alignment", {SharedField::kAlignment, 0, 1}},
      {"west_side", {SharedField::kWestSide, 0, 1}},
      {"hazard_multiplier", {SharedField::kHazardMultiplier, 0, kMax}},
  };
  for (const auto& row : kTable)
    if (name == row.name) {
      out = row.bounds;
      return true;
    }
  return false;
}

std::size_t field_size(SharedField f, std::size_t n, std::size_t n_events) {
  switch (f) {
    case SharedField::kFlows: return kChannelCount * n * n;
    case SharedField::kDependence:
    case SharedField::kAlignment: return n * n;
    case SharedField::kStance: return 2 * n;
    case SharedField::kCohesion:
    case SharedField::kChinaConsensus: return 1;
    case SharedField::kHazardMultiplier: return n_events;
    default: return n;
  }
}

const double* field_data(const RunState& s, SharedField f) {
  switch (f) {
    case SharedField::kGdp: return s.gdp.data();
    case SharedField::kFlows: return s.flows.data();
    case SharedField::kGdpDrag: return s.gdp_drag.data();
    case SharedField::kDependence: return s.dependence.data();
    case SharedField::kImportNeed: return s.import_need.data();
    case SharedField::kMilex: return s.milex.data();
    case SharedField::kCapability: return s.capability.data();
    case SharedField::kStance: return s.stance.data();
    case SharedField::kCohesion: return &s.cohesion;
    case SharedField::kChinaConsensus: return &s.china_consensus;
    case SharedField::kMilexTargetShare: return s.milex_target_share.data();
    case SharedField::kThreat: return s.threat.data();
    case SharedField::kAlignment: return s.alignment.data();
    case SharedField::kWestSide: return s.west_side.data();
    case SharedField::kHazardMultiplier: return s.hazard_multiplier.data();
  }
  return nullptr;
}

const char* field_name(SharedField f) {
  switch (f) {
    case SharedField::kGdp: return "gdp";
    case SharedField::kFlows: return "flows";
    case SharedField::kGdpDrag: return "gdp_drag";
    case SharedField::kDependence: return "dependence";
    case SharedField::kImportNeed: return "import_need";
    case SharedField::kMilex: return "milex";
    case SharedField::kCapability: return "capability";
    case SharedField::kStance: return "stance";
    case SharedField::kCohesion: return "cohesion";
    case SharedField::kChinaConsensus: return "china_consensus";
    case SharedField::kMilexTargetShare: return "milex_target_share";
    case SharedField::kThreat: return "threat";
    case SharedField::kAlignment: return "alignment";
    case SharedField::kWestSide: return "west_side";
    case SharedField::kHazardMultiplier: return "hazard_multiplier";
  }
  return "?";
}

// "dependence[russia, china]", "flows[energy: russia -> china]", "cohesion".
std::string element_name(const CompiledScenario& sc, SharedField f, std::size_t k) {
  const std::size_t n = sc.n_actors;
  const std::string base = field_name(f);
  switch (f) {
    case SharedField::kCohesion:
    case SharedField::kChinaConsensus: return base;
    case SharedField::kFlows: {
      const std::size_t ch = k / (n * n), from = (k / n) % n, to = k % n;
      return base + "[" + std::string(channel_name(kAllChannels[ch])) + ": " + sc.actor_ids[from] + " -> " +
             sc.actor_ids[to] + "]";
    }
    case SharedField::kDependence:
    case SharedField::kAlignment: return base + "[" + sc.actor_ids[k / n] + ", " + sc.actor_ids[k % n] + "]";
    case SharedField::kStance:
      return base + "[" + sc.actor_ids[k / 2] + ", " + (k % 2 == 0 ? "first adversary" : "second adversary") + "]";
    case SharedField::kHazardMultiplier: return base + "[" + sc.events[k].id + "]";
    default: return base + "[" + sc.actor_ids[k] + "]";
  }
}

std::string number(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buf[32];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, p) : "?";
}

std::string bounds_text(double lo, double hi) {
  if (lo == -kMax && hi == kMax) return "it must be finite";
  if (hi == kMax) return "it must be finite and at least " + number(lo);
  if (lo == -kMax) return "it must be finite and at most " + number(hi);
  return "it must lie within [" + number(lo) + ", " + number(hi) + "]";
}

[[noreturn]] void fault(const CompiledScenario& sc, const RunState& s, std::size_t m, const std::string& what,
                        double value, const std::string& rule) {
  throw ComponentFault("component '" + sc.model_names[m] + "' set " + what + " to " + number(value) + " at step " +
                       std::to_string(s.step) + " (" + number(sc.years[static_cast<std::size_t>(s.step)]) +
                       "); " + rule);
}

// Index of the first element of [p, p + count) outside [lo, hi], or count.
// The guard runs after every component on every step, so the common case
// (all good) must be one cheap pass: a sum that stays exactly 0 unless some
// element is NaN or infinite (x - x is NaN for those) or out of bounds. The
// simd pragma lets GCC reorder that sum and vectorise it (the file is built
// with -fopenmp-simd, sim/CMakeLists.txt); bool reductions do not vectorise.
std::size_t first_outside(const double* p, std::size_t count, double lo, double hi) {
  double flags = 0;
#pragma omp simd reduction(+ : flags)
  for (std::size_t k = 0; k < count; ++k) {
    const double x = p[k];
    flags += (x - x) + (x < lo ? 1.0 : 0.0) + (x > hi ? 1.0 : 0.0);
  }
  if (flags == 0) return count;
  for (std::size_t k = 0; k < count; ++k)
    if (!(p[k] >= lo && p[k] <= hi)) return k;
  return count;
}

}  // namespace

std::vector<FieldCheck> plan_field_checks(const std::vector<std::string>& writes, std::size_t n_actors,
                                          std::size_t n_events) {
  std::vector<FieldCheck> checks;
  const std::size_t nn = n_actors * n_actors;
  for (const auto& name : writes) {
    // Lever participation flags are bytes: they cannot be NaN.
    if (name == "participates") continue;
    if (name == "flows.trade_and_credit") {
      checks.push_back({SharedField::kFlows, 0, static_cast<std::size_t>(Channel::kPayments) * nn, 0, kMax});
      continue;
    }
    if (name == "flows.payments") {
      const std::size_t begin = static_cast<std::size_t>(Channel::kPayments) * nn;
      checks.push_back({SharedField::kFlows, begin, begin + nn, 0, kMax});
      continue;
    }
    FieldBounds b{};
    if (!bounds_of(name, b))
      throw std::logic_error("a component declares it writes '" + name + "', which is not a shared field");
    checks.push_back({b.field, 0, field_size(b.field, n_actors, n_events), b.lo, b.hi});
  }
  return checks;
}

void check_component(const CompiledScenario& sc, const RunState& s, std::size_t m) {
  const ComponentChecks& c = sc.model_checks[m];
  for (const FieldCheck& f : c.fields) {
    const double* p = field_data(s, f.field) + f.begin;
    const std::size_t count = f.end - f.begin;
    const std::size_t k = first_outside(p, count, f.lo, f.hi);
    if (k != count) fault(sc, s, m, element_name(sc, f.field, f.begin + k), p[k], bounds_text(f.lo, f.hi));
  }
  const std::size_t state_count = c.state_end - c.state_begin;
  const double* st = s.model_state.data() + c.state_begin;
  const std::size_t k = first_outside(st, state_count, -kMax, kMax);
  if (k != state_count)
    fault(sc, s, m, "its private state [" + std::to_string(k) + "]", st[k], bounds_text(-kMax, kMax));
  for (std::size_t slot : c.series_slots) {
    const double v = s.series[slot];
    if (std::isfinite(v)) continue;
    for (const auto& o : sc.outcomes)
      if (o.series_slot == slot)
        fault(sc, s, m, "series '" + o.spec.series + "' (outcome '" + o.spec.id + "')", v, bounds_text(-kMax, kMax));
  }
}

}  // namespace entente
