#include "sim/engine/numeric_guard.hpp"

#include <charconv>
#include <cmath>
#include <limits>

#include "sim/engine/run_state.hpp"
#include "sim/scenario/compiled.hpp"

namespace entente {

namespace {

constexpr double kMax = std::numeric_limits<double>::max();

// "dependence[russia, china]", "flows[energy: russia -> china]", "cohesion".
std::string element_name(const CompiledScenario& sc, SharedField f, std::size_t k) {
  const std::size_t n = sc.n_actors;
  const SharedFieldInfo& info = shared_field(f);
  const std::string base(info.name);
  switch (info.shape) {
    case FieldShape::kScalar: return base;
    case FieldShape::kPerChannelPair: {
      const std::size_t ch = k / (n * n), from = (k / n) % n, to = k % n;
      return base + "[" + std::string(channel_name(kAllChannels[ch])) + ": " + sc.actor_ids[from] + " -> " +
             sc.actor_ids[to] + "]";
    }
    case FieldShape::kPerPair: return base + "[" + sc.actor_ids[k / n] + ", " + sc.actor_ids[k % n] + "]";
    case FieldShape::kPerActorDimension:
      return base + "[" + sc.actor_ids[k / 2] + ", " + (k % 2 == 0 ? "first adversary" : "second adversary") + "]";
    case FieldShape::kPerEvent: return base + "[" + sc.events[k].id + "]";
    case FieldShape::kPerLeverActor: return base + "[" + sc.levers[k / n].id + ", " + sc.actor_ids[k % n] + "]";
    case FieldShape::kPerActor: return base + "[" + sc.actor_ids[k] + "]";
  }
  return base;
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
// (all good) must be one cheap pass: the smallest and largest element, and a
// sum that stays exactly 0 unless some element is NaN or infinite (x - x is
// NaN for those; min and max may drop a NaN, the sum keeps it). min, max and
// that sum are OpenMP SIMD reductions that GCC vectorises (the file is built
// with -fopenmp-simd, sim/CMakeLists.txt), four values an instruction where
// the processor has AVX2: the clones differ in speed only, since the check
// is exact comparisons (no rounding), so every machine finds the same element.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__ELF__)
__attribute__((target_clones("avx2", "default")))
#endif
std::size_t first_outside(const double* p, std::size_t count, double lo, double hi) {
  double nan_sum = 0, mn = kMax, mx = -kMax;
#pragma omp simd reduction(+ : nan_sum) reduction(min : mn) reduction(max : mx)
  for (std::size_t k = 0; k < count; ++k) {
    const double x = p[k];
    nan_sum += x - x;
    mn = x < mn ? x : mn;
    mx = x > mx ? x : mx;
  }
  if (nan_sum == 0 && mn >= lo && mx <= hi) return count;
  for (std::size_t k = 0; k < count; ++k)
    if (!(p[k] >= lo && p[k] <= hi)) return k;
  return count;
}

}  // namespace

void check_component(const CompiledScenario& sc, const RunState& s, std::size_t m) {
  const ComponentChecks& c = sc.model_checks[m];
  for (const FieldCheck& f : c.fields) {
    const double* p = shared_field_data(s, f.field) + f.begin;
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
