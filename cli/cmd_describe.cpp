// entente describe FILE: the scenario's levers, uncertainties, events,
// outcomes and policies with their labels, descriptions and sources.
#include <iostream>

#include "analysis/describe/scenario_description.hpp"
#include "cli/cli_common.hpp"
#include "models/register_builtin.hpp"
#include "sim/scenario/loader.hpp"

namespace entente::cli {

int cmd_describe(const std::vector<std::string>& args) {
  po::options_description opts("Options");
  opts.add_options()("help,h", "this help")
      ("format,f", po::value<std::string>()->default_value("text")->value_name("text|json|markdown"),
       "text (80 columns), json, or markdown for a briefing document");
  opts.add(scenario_options());
  po::variables_map vm;
  if (!parse_command(args, opts, "Usage: entente describe FILE [--format text|json|markdown]\n"
                     "                           [--overlay F] [--set PATH=VALUE]",
                     "Lists what the scenario contains, for the people who brief on it: each lever\n"
                     "(kind, owner, target, channels, intensity, schedule, triggers), uncertainty\n"
                     "(its distribution), event (description, hazard or years), outcome (label, unit,\n"
                     "direction, min effect, thresholds) and policy (label, description, lever\n"
                     "settings), with their sources. The file is validated first: a problem is\n"
                     "reported as file:line:column: error: and exits with 2.\n\n"
                     "Examples:\n"
                     "  entente describe scenarios/sino_russia_2035.yaml\n"
                     "  entente describe scenarios/sino_russia_2035.yaml --format markdown > brief.md\n"
                     "  entente describe scenarios/backcast_2000_2024.yaml --format json\n",
                     vm))
    return kOk;
  const std::string format = vm["format"].as<std::string>();
  if (format != "text" && format != "json" && format != "markdown")
    throw UsageError{"--format must be text, json or markdown, got '" + format + "'"};
  const LoadedScenario loaded = load_scenario(read_load_request(vm), builtin_registry());
  if (format == "json") std::cout << analysis::describe_json(loaded.spec).dump(2) << "\n";
  else if (format == "markdown") std::cout << analysis::describe_markdown(loaded.spec);
  else std::cout << analysis::describe_text(loaded.spec);
  return kOk;
}

}  // namespace entente::cli
