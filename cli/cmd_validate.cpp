// entente validate FILE: every problem of the scenario, or a short inventory.
#include <iostream>

#include "cli/cli_common.hpp"
#include "models/register_builtin.hpp"
#include "sim/scenario/loader.hpp"

namespace entente::cli {

int cmd_validate(const std::vector<std::string>& args) {
  po::options_description opts("Options");
  opts.add_options()("help,h", "this help")
      ("policy", po::value<std::vector<std::string>>()->composing()->value_name("NAME"),
       "also compile under these policies (default: all the file defines)");
  opts.add(scenario_options());
  po::variables_map vm;
  if (!parse_command(args, opts, "Usage: entente validate FILE [--overlay F] [--set PATH=VALUE] [--policy P]",
                     "Checks the whole file before anything runs: YAML syntax, unknown keys (with a\n"
                     "suggestion), types, ranges, ids, distributions, schedules, model parameters and\n"
                     "outcome series. Prints every error as file:line:column: error: message and exits\n"
                     "with 2; prints a summary and exits with 0 when the file is valid.\n\n"
                     "Example:\n  entente validate scenarios/sino_russia_2035.yaml --set time.end=2040\n",
                     vm))
    return kOk;
  const LoadRequest req = read_load_request(vm);
  const ModelRegistry& registry = builtin_registry();
  LoadedScenario loaded = load_scenario(req, registry);
  std::vector<std::string> policies = vm.count("policy") ? vm["policy"].as<std::vector<std::string>>()
                                                          : loaded.spec.policy_ids();
  auto compiled = compile_for_policy(loaded, registry, "");
  for (const auto& p : policies) compile_for_policy(loaded, registry, p);
  const auto& s = loaded.spec;
  std::cout << loaded.file << ": ok — scenario '" << s.name << "', " << s.time.start << "-" << s.time.end << " by "
            << (s.time.quarterly ? "quarter" : "year") << "\n"
            << "  " << s.actors.size() << " actors, " << s.dependencies.size() << " dependencies, "
            << s.levers.size() << " levers, " << s.uncertainties.size() << " uncertainties, " << s.events.size()
            << " events\n"
            << "  models: ";
  for (std::size_t i = 0; i < s.models.size(); ++i) std::cout << (i ? " -> " : "") << s.models[i].name;
  std::cout << "\n  outcomes: " << s.outcomes.size() << ", policies: " << s.policies.size();
  if (!s.policies.empty()) {
    std::cout << " (";
    for (std::size_t i = 0; i < s.policies.size(); ++i) std::cout << (i ? ", " : "") << s.policies[i].id;
    std::cout << ")";
  }
  std::cout << "\n  " << compiled->n_slots() << " parameter slots, hash " << loaded.scenario_hash.substr(0, 16)
            << "\n";
  return kOk;
}

}  // namespace entente::cli
