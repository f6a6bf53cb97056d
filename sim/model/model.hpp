// The model-component interface (MODEL.md, "Components").
//
// A component is created once per compiled scenario from its declared
// parameters, then shared read-only by every thread: step() is const and all
// mutable data lives in the RunState it is given. Components run in the order
// the scenario lists them; each reads what earlier components wrote this step
// or what any component left in the state last step.
#pragma once
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace entente {

struct RunState;
class CompiledScenario;

// One declared parameter (MOOSE's validParams): the loader validates scenario
// values against these and `entente models` prints them.
struct ParamDecl {
  std::string name;
  double default_value = 0;
  double min = 0, max = 0;  // allowed range, inclusive
  std::string unit, doc, source;
};

// A family of series a component can report, e.g. "dependence.<i>.<j>".
struct OutputDecl {
  std::string pattern, doc;
};

// Where a parameter's value lives in a run: RunState::sampled[slot]. Fixed
// values and per-run uncertainty draws are read the same way.
struct ParamHandle {
  std::size_t slot = 0;
};

using ModelParams = std::map<std::string, ParamHandle>;

class Model {
 public:
  virtual ~Model() = default;
  // Called while compiling: does this component produce `series`? If so it
  // must write RunState::series[slot] in initialize() and every step().
  // `error` explains a near miss (a known family with an unknown actor).
  virtual bool bind_output(std::string_view series, std::size_t slot, std::string& error) = 0;
  // Number of doubles of per-run private state (RunState::model_state).
  virtual std::size_t state_size() const { return 0; }
  // Set the component's state at the start year (after uncertainties are drawn).
  virtual void initialize(RunState& state, std::size_t state_offset) const = 0;
  // Advance one step of length state.dt.
  virtual void step(RunState& state, std::size_t state_offset) const = 0;
};

struct ModelInfo {
  std::string name;     // as written in scenario files, e.g. "TradeSanctions"
  std::string summary;  // one line for `entente models`
  std::string family;   // folder under models/
  std::vector<ParamDecl> params;
  std::vector<OutputDecl> outputs;
  std::function<std::unique_ptr<Model>(const CompiledScenario&, const ModelParams&)> create;

  const ParamDecl* param(std::string_view n) const;
};

}  // namespace entente
