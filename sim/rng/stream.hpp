// Random streams: the RNG contract of docs/reproducibility.md.
//
// There is no global generator. Every random number comes from a Stream whose
// state is derived from (master seed, design point, run index, purpose, id) by
// a fixed mixing function. Two consequences the rest of the code relies on:
//  - results do not depend on thread count or scheduling, because a run's
//    numbers depend only on its own key;
//  - runs of different policies with the same run index draw the same
//    uncertainties and shocks (common random numbers), and adding a lever or an
//    event never shifts the numbers used by an unrelated part.
#pragma once
#include <array>
#include <cstdint>
#include <string_view>

namespace entente {

// What a stream is used for; part of the key so purposes never share numbers.
enum class StreamPurpose : std::uint64_t {
  kUncertainty = 1,   // per-run draws of uncertain parameters (one stream per parameter)
  kShock = 2,         // exogenous per-step shocks (one stream per actor)
  kEvent = 3,         // stochastic events (one stream per event)
  kModel = 4,         // a model component's own randomness (one stream per component)
  kAdjudication = 5,  // wargame adjudication draws
  kDesign = 6,        // experiment designs
  kFilter = 7,        // particle filter: systematic resampling and parameter jitter (analysis/backtest/particle_filter)
};

struct StreamKey {
  std::uint64_t seed = 0;
  std::uint64_t design_point = 0;
  std::uint64_t run = 0;
  StreamPurpose purpose = StreamPurpose::kUncertainty;
  std::uint64_t id = 0;  // fnv1a64 of the actor, event, parameter or model id
};

// xoshiro256++ (Blackman & Vigna 2019): small state (copyable as part of a
// run's state), fast, and statistically strong for simulation.
class Stream {
 public:
  using result_type = std::uint64_t;

  explicit Stream(const StreamKey& key);
  static Stream from_state(const std::array<std::uint64_t, 4>& state);

  std::uint64_t next_u64();
  // Uniform on the open interval (0, 1): 53 random bits, never 0 or 1, so it
  // is safe to feed to inverse CDFs.
  double uniform();
  // Standard normal by inverse CDF, so one draw consumes exactly one uniform.
  double normal();

  const std::array<std::uint64_t, 4>& state() const { return s_; }

  // UniformRandomBitGenerator interface.
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return ~result_type{0}; }
  result_type operator()() { return next_u64(); }

 private:
  Stream() = default;
  std::array<std::uint64_t, 4> s_{};
};

// The 64-bit digest of a stream key (exposed for tests and diagnostics).
std::uint64_t stream_key_digest(const StreamKey& key);

// Shorthand for an id string's hash in a stream key.
std::uint64_t stream_id(std::string_view id);

}  // namespace entente
