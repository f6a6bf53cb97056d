// The entente executable: dispatches to a command; exit codes 0 ok,
// 1 runtime failure, 2 bad input or usage, 130 interrupted.
#include <iostream>
#include <string>
#include <vector>

#include "cli/cli_common.hpp"
#include "entente/version.hpp"
#include "sim/scenario/node_reader.hpp"

namespace {

const char* kUsage =
    "entente — strategic scenario simulation\n"
    "\n"
    "Usage: entente COMMAND [OPTIONS]\n"
    "\n"
    "Commands:\n"
    "  validate FILE   check a scenario file and report every problem (file:line:column)\n"
    "  run FILE        run a Monte Carlo ensemble and summarise the outcomes over time\n"
    "  compare FILE    compare policies on the same futures: paired differences, threshold\n"
    "                  probabilities, regret, charts and an HTML report\n"
    "  report DIR      rebuild the charts and report.html from the files of a run or compare\n"
    "  sweep FILE      run an experiment design over the scenario's uncertainties and levers\n"
    "                  into a resumable SQLite database\n"
    "  analyze KIND    Sobol or Morris sensitivity, or PRIM scenario discovery, on a sweep\n"
    "                  database or on any design and results CSV\n"
    "  design KIND     write an experiment design (sobol, lhs, grid, morris, mc) as CSV\n"
    "  models [NAME]   list the model components and their parameters\n"
    "\n"
    "Options:\n"
    "  -h, --help      this help; 'entente COMMAND --help' explains a command\n"
    "  --version       version and git revision\n"
    "\n"
    "Start with:\n"
    "  entente validate scenarios/sino_russia_2035.yaml\n"
    "  entente run scenarios/sino_russia_2035.yaml --runs 10000 --out out/run\n"
    "  entente compare scenarios/sino_russia_2035.yaml --policy baseline --policy reduce_value --out out/cmp\n"
    "  entente sweep scenarios/sino_russia_2035.yaml --design sobol --samples 256 --db sweep.sqlite\n"
    "Docs: README.md and docs/ (planning.md, sweeps.md, scenario-format.md)\n";

}  // namespace

int main(int argc, char** argv) {
  using namespace entente::cli;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
    std::cout << kUsage;
    return args.empty() ? kBadInput : kOk;
  }
  if (args[0] == "--version" || args[0] == "version") {
    std::cout << "entente " << entente::kVersion << " (git " << entente::kGitRevision << ")\n";
    return kOk;
  }
  const std::string command = args[0];
  args.erase(args.begin());
  try {
    if (command == "validate") return cmd_validate(args);
    if (command == "run") return cmd_run(args);
    if (command == "models") return cmd_models(args);
    if (command == "compare") return cmd_compare(args);
    if (command == "report") return cmd_report(args);
    if (command == "design") return cmd_design(args);
    if (command == "sweep") return cmd_sweep(args);
    if (command == "analyze") return cmd_analyze(args);
    std::cerr << "entente: error: unknown command '" << command << "'"
              << entente::did_you_mean(command, {"validate", "run", "compare", "report", "sweep", "analyze", "design", "models"})
              << "; commands: validate, run, compare, report, sweep, analyze, design, models (see entente --help)\n";
    return kBadInput;
  } catch (...) {
    return report_exception();
  }
}
