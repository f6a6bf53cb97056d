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

// A named group of actors a component works on, e.g. AllianceCohesion's
// `alliance` or Alignment's `pair`; the scenario names them under `roles:`.
enum class RoleActors { kAny, kAlliances, kNoAlliances };
struct RoleDecl {
  std::string name, doc;
  std::size_t min_count = 1, max_count = 1;  // how many actors the role takes
  RoleActors actors = RoleActors::kAny;      // which kinds of actor it accepts
};

// The compiled parameters of one component instance.
struct ModelParams {
  // Scalar parameters (ModelInfo::params): a value or a per-run draw.
  std::map<std::string, ParamHandle> global;
  // Per-actor parameters (ModelInfo::actor_params): one handle per actor, in
  // actor order; actors the scenario does not list get the default.
  std::map<std::string, std::vector<ParamHandle>> per_actor;
  // Roles (ModelInfo::roles): actor indices in the order the file lists them.
  std::map<std::string, std::vector<std::size_t>> roles;

  const ParamHandle& at(const std::string& name) const { return global.at(name); }
  const std::vector<ParamHandle>& actor(const std::string& name) const { return per_actor.at(name); }
  const std::vector<std::size_t>& role(const std::string& name) const { return roles.at(name); }
};

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
  // Called once every component has initialised, before the first step:
  // the place to take start-year baselines of fields that components later
  // in the order write.
  virtual void after_initialize(RunState& /*state*/, std::size_t /*state_offset*/) const {}
  // Advance one step of length state.dt.
  virtual void step(RunState& state, std::size_t state_offset) const = 0;

  // The component's position in the scenario's order, set when compiling:
  // its own random stream is RunState::model_streams[index()].
  void set_index(std::size_t index) { index_ = index; }
  std::size_t index() const { return index_; }

 private:
  std::size_t index_ = 0;
};

struct ModelInfo {
  std::string name;     // as written in scenario files, e.g. "TradeSanctions"
  std::string summary;  // one line for `entente models`
  std::string family;   // folder under models/
  std::vector<ParamDecl> params;
  std::vector<ParamDecl> actor_params;  // set per actor under the component's `actors:`
  std::vector<RoleDecl> roles;          // named actor groups under `roles:`
  std::vector<OutputDecl> outputs;
  // The shared RunState fields (sim/engine/run_state.hpp) the component reads
  // and writes, for `entente models` and the coupling check: two components
  // in one scenario may not write the same field.
  std::vector<std::string> reads, writes;
  std::function<std::unique_ptr<Model>(const CompiledScenario&, const ModelParams&)> create;

  const ParamDecl* param(std::string_view n) const;
  const ParamDecl* actor_param(std::string_view n) const;
  const RoleDecl* role(std::string_view n) const;
};

}  // namespace entente
