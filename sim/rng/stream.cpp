#include "sim/rng/stream.hpp"

#include "sim/util/hash.hpp"
#include "sim/util/normal_quantile.hpp"

namespace entente {

namespace {
constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
}  // namespace

std::uint64_t stream_key_digest(const StreamKey& key) {
  std::uint64_t h = splitmix64(0x656E74656E7465ULL);  // "entente"
  h = hash_combine(h, key.seed);
  h = hash_combine(h, key.design_point);
  h = hash_combine(h, key.run);
  h = hash_combine(h, static_cast<std::uint64_t>(key.purpose));
  h = hash_combine(h, key.id);
  return h;
}

std::uint64_t stream_id(std::string_view id) { return fnv1a64(id); }

Stream::Stream(const StreamKey& key) {
  // Seed the four state words from successive SplitMix64 outputs, as the
  // xoshiro authors recommend; the state can never be all zero.
  std::uint64_t x = stream_key_digest(key);
  for (auto& w : s_) {
    x += 0x9E3779B97F4A7C15ULL;
    w = splitmix64(x);
  }
}

Stream Stream::from_state(const std::array<std::uint64_t, 4>& state) {
  Stream s;
  s.s_ = state;
  return s;
}

std::uint64_t Stream::next_u64() {
  const std::uint64_t result = rotl(s_[0] + s_[3], 23) + s_[0];
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

double Stream::uniform() {
  // (k + 0.5) / 2^52 for k in [0, 2^52): every value is exact in a double
  // (52 bits plus the half), so u lies in [2^-53, 1 - 2^-53], never 0 or 1.
  const std::uint64_t k = next_u64() >> 12;
  return (static_cast<double>(k) + 0.5) * 0x1.0p-52;
}

double Stream::normal() { return standard_normal_quantile(uniform()); }

}  // namespace entente
