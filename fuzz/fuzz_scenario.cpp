// libFuzzer target: bytes as a whole scenario file (fuzz/input_checks.hpp
// states the contract). Built by ENTENTE_FUZZ=ON; run by scripts/fuzz.sh.
#include <cstddef>
#include <cstdint>

#include "fuzz/input_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  entente::fuzz::check_scenario_bytes(data, size);
  return 0;
}
