// entente run FILE: a Monte Carlo ensemble, the headline table and the files.
#include <cstdio>
#include <iostream>

#include "analysis/workflows/run_workflow.hpp"
#include "analysis/writers/summary_writers.hpp"
#include "cli/cli_common.hpp"
#include "cli/condition_options.hpp"
#include "models/register_builtin.hpp"
#include "sim/engine/distributed.hpp"
#include "sim/util/progress.hpp"

namespace entente::cli {

int cmd_run(const std::vector<std::string>& args) {
  po::options_description opts("Options");
  opts.add_options()("help,h", "this help")
      ("policy,p", po::value<std::string>()->default_value("")->value_name("NAME"),
       "apply a policy from the file's 'policies' section")
      ("trace", po::value<std::uint64_t>()->value_name("RUN"),
       "with --out: also write run RUN in full, every outcome each year (trace.csv) and what happened "
       "(events.csv: events, injects and triggers)");
  opts.add(output_options("write summary.csv, thresholds.csv, summary.json, manifest.json, charts/ and report.html here"));
  opts.add(ensemble_options());
  opts.add(condition_options());
  opts.add(scenario_options());
  po::variables_map vm;
  if (!parse_command(args, opts,
                     "Usage: entente run FILE [--runs N] [--seed S] [--threads T] [--policy P]\n"
                     "                        [--condition-on CSV [--origin YEAR]]\n"
                     "                        [--set PATH=VALUE] [--overlay F] [--out DIR] [--format csv|json] [--quiet]",
                     "Runs N futures of the scenario from its start year to its end year. Each run draws\n"
                     "the scenario's uncertainties once and its shocks and events every step, all from\n"
                     "streams derived from the seed and the run index, so results are reproducible and\n"
                     "policies compared with the same seed face the same futures.\n"
                     "With --condition-on, the N futures are first conditioned on the observed history up to\n"
                     "--origin (runs weighted by their fit, resampled, parameters jittered, as entente backtest\n"
                     "--origin does; default observation error 20% of the value where the CSV states none), so\n"
                     "they agree with what is known; the effective sample size per year goes to stderr.\n\n"
                     "Examples:\n"
                     "  entente run scenarios/sino_russia_2035.yaml --runs 10000 --out out/base\n"
                     "  entente run scenarios/sino_russia_2035.yaml --policy reduce_value --format csv\n"
                     "  entente run scenarios/sino_russia_2035.yaml --set levers.tariffs_china.intensity=0.8\n"
                     "  entente run scenarios/sino_russia_2035.yaml --policy deter_taiwan --out out/t --trace 17\n"
                     "  entente run scenarios/backcast_2000_2024.yaml --condition-on scenarios/data/history_2000_2021.csv\n",
                     vm))
    return kOk;
  analysis::RunRequest req;
  req.load = read_load_request(vm);
  req.policy = vm["policy"].as<std::string>();
  req.runs = vm["runs"].as<std::uint64_t>();
  req.seed = vm["seed"].as<std::uint64_t>();
  req.threads = vm["threads"].as<int>();
  const bool quiet = vm.count("quiet") > 0;
  const std::string format = read_format(vm);
  check_ensemble_options(vm);
  checked_out_dir(vm);  // before computing: a target it could never write is exit 2 now
  if (vm.count("trace")) {
    if (!vm.count("out")) throw UsageError{"--trace needs --out DIR: it writes trace.csv and events.csv there"};
    req.trace_run = vm["trace"].as<std::uint64_t>();
    if (*req.trace_run >= req.runs)
      throw UsageError{"--trace " + std::to_string(*req.trace_run) + " is not a run of this ensemble; runs are 0 to " +
                       std::to_string(req.runs - 1)};
  }
  req.condition = read_condition_request(vm, req.runs);
  req.progress = !quiet;
  req.stop = install_stop_handlers();
  test_phase("computing", req.stop);

  analysis::RunResult result = analysis::execute_run(req, builtin_registry());
  if (result.interrupted) return report_interrupted(result.settings.runs_completed, req.runs);
  if (distributed::rank() != 0) return kOk;  // under mpirun only rank 0 writes and prints
  if (result.conditioned && !quiet) print_condition_note(*result.conditioned);
  std::string report;
  if (const int code = write_results_dir(vm, req.stop, [&](const std::string& path) { analysis::write_run_outputs(result, path); },
                        report); code != kOk)
    return code;
  if (!prints_results(vm)) return kOk;
  if (format == "csv") {
    std::cout << analysis::summary_csv(*result.summary);
  } else if (format == "json") {
    std::cout << analysis::summary_json(*result.summary).dump(2) << "\n";
  } else {
    if (!quiet) {
      char wall[32];
      std::snprintf(wall, sizeof wall, "%.2f", result.settings.wall_seconds);
      std::cout << result.loaded.spec.name << ": " << req.runs << " runs, seed " << req.seed << ", "
                << threads_text(result.settings) << ", " << wall << " s\n\n";
    }
    std::cout << analysis::headline_table(*result.summary);
    if (!quiet && vm.count("out")) std::cout << "\nwritten to " << vm["out"].as<std::string>() << "/\n";
    if (!quiet && !report.empty()) std::cout << "report: " << report << "\n";
  }
  return kOk;
}

}  // namespace entente::cli
