// The entente executable: dispatches to a command; exit codes 0 ok,
// 1 runtime failure, 2 bad input or usage, 130 interrupted.
#include <iostream>
#include <string>
#include <vector>

#include "cli/cli_common.hpp"
#include "cli/mpi_session.hpp"
#include "entente/version.hpp"
#include "sim/scenario/node_reader.hpp"
#include "cli/help_text.hpp"

namespace {

const char* kUsage =
    "entente — strategic scenario simulation\n"
    "\n"
    "Usage: entente COMMAND [OPTIONS]\n"
    "\n"
    "Commands:\n"
    "  validate FILE   check a scenario file and report every problem (file:line:column)\n"
    "  describe FILE   list the levers, uncertainties, events, outcomes and policies with their\n"
    "                  labels, descriptions and sources (text, json or markdown)\n"
    "  run FILE        run a Monte Carlo ensemble and summarise the outcomes over time\n"
    "  compare FILE    compare policies on the same futures: paired differences, threshold\n"
    "                  probabilities, regret, charts and an HTML report\n"
    "  report DIR      rebuild the charts and report.html from the files of a run or compare\n"
    "  sweep FILE      run an experiment design over the scenario's uncertainties and levers\n"
    "                  into a resumable SQLite database\n"
    "  analyze KIND    Sobol or Morris sensitivity, or PRIM scenario discovery, on a sweep\n"
    "                  database or on any design and results CSV\n"
    "  design KIND     write an experiment design (sobol, lhs, grid, morris, mc) as CSV\n"
    "  backtest FILE   score the model against observed history (coverage, CRPS) beside naive\n"
    "                  forecasts, and forecast the years after it\n"
    "  calibrate FILE  approximate Bayesian computation of the uncertainties against history\n"
    "  models [NAME]   list the model components and their parameters\n"
    "  play SUB        a facilitated wargame: teams set levers each turn, entente adjudicates\n"
    "                  (new, move, inject, adjudicate, fork, status, log, rewind, replay, report)\n"
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
  // Under mpirun / srun: MPI for the whole process; ranks other than 0 print nothing.
  const MpiSession mpi(argc, argv);
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
    std::cout << fit_help(kUsage);
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
    if (command == "describe") return cmd_describe(args);
    if (command == "run") return cmd_run(args);
    if (command == "models") return cmd_models(args);
    if (command == "compare") return cmd_compare(args);
    if (command == "report") return cmd_report(args);
    if (command == "design") return cmd_design(args);
    if (command == "sweep") return cmd_sweep(args);
    if (command == "analyze") return cmd_analyze(args);
    if (command == "play") return cmd_play(args);
    if (command == "backtest") return cmd_backtest(args);
    if (command == "calibrate") return cmd_calibrate(args);
    std::cerr << "entente: error: unknown command '" << command << "'"
              << entente::did_you_mean(command, {"validate", "describe", "run", "compare", "report", "sweep", "analyze", "design", "models", "backtest", "calibrate", "play"})
              << "; commands: validate, describe, run, compare, report, sweep, analyze, design, backtest, calibrate, models, play (see entente --help)\n";
    return kBadInput;
  } catch (...) {
    return report_exception();
  }
}
