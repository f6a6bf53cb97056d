// What every fuzz input must satisfy, as plain functions: the libFuzzer
// targets (fuzz/fuzz_*.cpp, clang with sanitizers) and the corpus replay test
// (tests/fuzz/test_fuzz_corpus.cpp, the normal gcc build) call the same code,
// so an input the fuzzer once broke stays a regression test in CI.
//
// The contract: an input either loads or is rejected with a ScenarioError
// whose diagnostics all name the input; a loaded scenario compiles (or is
// rejected with a ScenarioError) under its own settings and every policy, and
// one run of it finishes (a RunError, the engine's report of a non-finite
// outcome, is an accepted ending). Any other exception is a violation: it
// escapes these functions, so the fuzzer reports it as a crash and the replay
// test fails with its message.
#pragma once
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace entente::fuzz {

enum class Verdict { kRejected, kLoaded };

// A broken contract that is not a crash: e.g. a ScenarioError without any
// diagnostic, or one that names another file.
class ContractViolation : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

// Bytes taken as a whole scenario file.
Verdict check_scenario_bytes(const std::uint8_t* data, std::size_t size);

// At most this many overrides per input: a few are enough to combine edits
// (one breaks a section, the next touches what refers to it) and it keeps
// each input cheap.
inline constexpr std::size_t kMaxSetArguments = 4;

// Bytes split at newlines into PATH=VALUE arguments (empty lines dropped,
// at most kMaxSetArguments; the rest is ignored).
std::vector<std::string> split_set_arguments(std::string_view bytes);

// The arguments split from `data` applied as --set overrides to `base_text`
// (a valid scenario, named `base_name` in diagnostics).
Verdict check_set_bytes(const std::string& base_text, const std::string& base_name, const std::uint8_t* data,
                        std::size_t size);

// The scenario the --set target amends (tests/fuzz/set_base.yaml), read once.
const std::string& set_base_text();
inline constexpr const char* kSetBaseName = "set_base.yaml";

}  // namespace entente::fuzz
