// A stable binary form of RunState: what a game session stores after every
// turn, and what `entente play replay` compares byte for byte.
//
// Layout (format 4: energy_price and energy_rent added; 3: dual_use; 2: supply_wedge): the magic "ENTSTAT4", then every field of RunState in
// declaration order; integers little-endian at fixed width (u8, u32, i32,
// u64), doubles as their IEEE-754 bit pattern (u64), vectors as a u64 length
// and their elements, log entries as (i32 step, u8 kind, u32 index), streams
// as their four u64 words. Independent of the platform's endianness, padding
// and sizeof; a field added to RunState must be added here (the static_assert
// in state_codec.cpp stops the build until it is).
#pragma once
#include <stdexcept>
#include <string>
#include <string_view>

#include "sim/engine/run_state.hpp"
#include "sim/util/error.hpp"

namespace entente::play {

// Thrown by decode_state for bytes that are not a state of this format.
class StateFormatError : public RuntimeFailure {
 public:
  using RuntimeFailure::RuntimeFailure;
};

std::string encode_state(const RunState& state);
RunState decode_state(std::string_view bytes);
// Lowercase hex SHA-256 of encode_state(state).
std::string state_digest(const RunState& state);

}  // namespace entente::play
