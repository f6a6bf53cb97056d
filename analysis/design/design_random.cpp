#include "analysis/design/design_random.hpp"

#include <numeric>
#include <utility>

namespace entente::analysis {

Stream design_stream(std::uint64_t seed, std::uint64_t point, std::string_view id) {
  return Stream(StreamKey{seed, point, 0, StreamPurpose::kDesign, stream_id(id)});
}

std::size_t uniform_index(Stream& s, std::size_t n) {
  const std::uint64_t range = n;
  // Reject the lowest (2^64 mod n) values so that every residue is equally likely.
  const std::uint64_t threshold = (0 - range) % range;
  for (;;) {
    const std::uint64_t r = s.next_u64();
    if (r >= threshold) return static_cast<std::size_t>(r % range);
  }
}

std::vector<std::size_t> random_permutation(Stream& s, std::size_t n) {
  std::vector<std::size_t> p(n);
  std::iota(p.begin(), p.end(), std::size_t{0});
  for (std::size_t i = n; i > 1; --i) std::swap(p[i - 1], p[uniform_index(s, i)]);
  return p;
}

}  // namespace entente::analysis
