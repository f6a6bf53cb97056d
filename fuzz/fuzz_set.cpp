// libFuzzer target: bytes as up to four --set PATH=VALUE lines applied to
// tests/fuzz/set_base.yaml (fuzz/input_checks.hpp states the contract).
#include <cstddef>
#include <cstdint>

#include "fuzz/input_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace entente::fuzz;
  check_set_bytes(set_base_text(), kSetBaseName, data, size);
  return 0;
}
