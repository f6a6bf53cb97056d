// The design makers' random numbers: streams with purpose kDesign and the two
// integer draws they need, written out (not std::uniform_int_distribution or
// std::shuffle, whose algorithms differ between standard libraries) so that a
// design is the same on every platform.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "sim/rng/stream.hpp"

namespace entente::analysis {

// The stream of a design: (seed, point, 0, kDesign, stream_id(id)).
Stream design_stream(std::uint64_t seed, std::uint64_t point, std::string_view id);
// Uniform on {0, ..., n-1} (n >= 1) by rejection, without modulo bias.
std::size_t uniform_index(Stream& s, std::size_t n);
// Fisher-Yates: a uniformly random permutation of 0..n-1.
std::vector<std::size_t> random_permutation(Stream& s, std::size_t n);

}  // namespace entente::analysis
