#include "fuzz/input_checks.hpp"

#include <fstream>
#include <memory>
#include <sstream>

#include "models/register_builtin.hpp"
#include "sim/engine/run.hpp"
#include "sim/scenario/loader.hpp"

namespace entente::fuzz {

namespace {

// A rejection is only useful if the user can find the problem: every
// diagnostic must name the input (or --set) and carry a message.
void check_rejection(const ScenarioError& e, const std::string& name) {
  if (e.diagnostics().empty()) throw ContractViolation("ScenarioError without diagnostics: " + std::string(e.what()));
  for (const auto& d : e.diagnostics()) {
    if (d.where.file != name && d.where.file != "--set")
      throw ContractViolation("diagnostic names another file: " + d.format());
    if (d.message.empty()) throw ContractViolation("diagnostic without a message at " + d.format());
  }
}

// One run under the compiled settings; a RunError (non-finite outcome) is
// the engine's documented way to fail a run.
void run_once(const CompiledScenario& sc) {
  RunState state;
  std::vector<double> trace(static_cast<std::size_t>(sc.n_steps + 1) * sc.outcomes.size());
  try {
    run_trace(sc, {1, 0, 0}, state, trace.data());
  } catch (const RunError&) {
  }
}

Verdict exercise(const LoadedScenario& loaded, const std::string& name) {
  const ModelRegistry& registry = builtin_registry();
  std::vector<std::string> policies{""};
  for (const auto& p : loaded.spec.policies) policies.push_back(p.id);
  for (const auto& policy : policies) {
    std::unique_ptr<CompiledScenario> compiled;
    try {
      compiled = compile_for_policy(loaded, registry, policy);
    } catch (const ScenarioError& e) {
      check_rejection(e, name);
      // validate stops at a failing compile too: the other policies are not
      // reached by the CLI either.
      return Verdict::kRejected;
    }
    if (!compiled) throw ContractViolation("compile_for_policy returned null without an error");
    // The file's own settings get one run; the policies only change lever
    // schedules, which the compile step already checked.
    if (policy.empty()) run_once(*compiled);
  }
  return Verdict::kLoaded;
}

Verdict check_text(const std::string& text, const std::string& name, const std::vector<std::string>& sets) {
  LoadedScenario loaded;
  try {
    loaded = load_scenario_text(text, name, builtin_registry(), sets);
  } catch (const ScenarioError& e) {
    check_rejection(e, name);
    return Verdict::kRejected;
  }
  return exercise(loaded, name);
}

}  // namespace

Verdict check_scenario_bytes(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  return check_text(text, "fuzz.yaml", {});
}

std::vector<std::string> split_set_arguments(std::string_view bytes) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= bytes.size() && out.size() < kMaxSetArguments) {
    std::size_t end = bytes.find('\n', start);
    if (end == std::string_view::npos) end = bytes.size();
    if (end > start) out.emplace_back(bytes.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

Verdict check_set_bytes(const std::string& base_text, const std::string& base_name, const std::uint8_t* data,
                        std::size_t size) {
  const auto sets = split_set_arguments(std::string_view(reinterpret_cast<const char*>(data), size));
  return check_text(base_text, base_name, sets);
}

const std::string& set_base_text() {
  static const std::string text = [] {
    const std::string path = std::string(ENTENTE_SOURCE_DIR) + "/tests/fuzz/set_base.yaml";
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }();
  return text;
}

}  // namespace entente::fuzz
