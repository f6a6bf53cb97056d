// Stable, platform-independent hashing used to derive random streams and ids.
// These functions are part of the reproducibility contract: changing them
// changes every result, so tests pin their values (tests/sim/test_rng.cpp).
#pragma once
#include <cstdint>
#include <string_view>

namespace entente {

// SplitMix64 finaliser (Steele, Lea & Flood 2014): a bijective 64-bit mixer.
constexpr std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// FNV-1a over the bytes of a string: stable across compilers, unlike std::hash.
constexpr std::uint64_t fnv1a64(std::string_view s) {
  std::uint64_t h = 0xCBF29CE484222325ULL;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001B3ULL;
  }
  return h;
}

// Order-sensitive combination of a running hash with one more word.
constexpr std::uint64_t hash_combine(std::uint64_t h, std::uint64_t v) {
  return splitmix64(h ^ splitmix64(v + 0x632BE59BD9B4E019ULL));
}

}  // namespace entente
