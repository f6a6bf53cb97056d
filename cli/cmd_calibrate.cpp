// entente calibrate FILE --observed CSV --until YEAR: rejection ABC of the
// scenario's uncertainties against observed history.
#include <cstdio>
#include <iostream>

#include "analysis/backtest/calibration_workflow.hpp"
#include "cli/cli_common.hpp"
#include "models/register_builtin.hpp"
#include "sim/util/progress.hpp"

namespace entente::cli {

int cmd_calibrate(const std::vector<std::string>& args) {
  po::options_description opts("Options");
  opts.add_options()("help,h", "this help")
      ("observed", po::value<std::string>()->value_name("CSV"),
       "observed history: year,series,value,unit,source (required)")
      ("until", po::value<int>()->value_name("YEAR"), "last year of the history the distance uses (required)")
      ("samples", po::value<std::size_t>()->default_value(256)->value_name("N"),
       "prior points (a Latin hypercube over the uncertainties' distributions)")
      ("runs-per-point", po::value<std::uint64_t>()->default_value(32)->value_name("R"),
       "replicates per point (the same run keys at every point)")
      ("accept", po::value<double>()->default_value(0.1, "0.1")->value_name("FRACTION"),
       "keep this fraction of the points, those closest to the history")
      ("param", po::value<std::vector<std::string>>()->composing()->value_name("NAME"),
       "calibrate this uncertainty; repeatable (default: every uncertainty that varies)")
      ("map", po::value<std::vector<std::string>>()->composing()->value_name("SERIES=OUTCOME"),
       "compare an observed series with an outcome of another id; repeatable")
      ("policy,p", po::value<std::string>()->default_value("")->value_name("NAME"),
       "apply a policy from the file's 'policies' section")
      ("seed,s", po::value<std::uint64_t>()->default_value(1)->value_name("S"),
       "master seed (the design and the runs); results do not depend on --threads")
      ("threads,t", po::value<int>()->default_value(0)->value_name("T"), "worker threads (0: all cores)")
      ("out,o", po::value<std::string>()->value_name("DIR"),
       "write posterior.csv, points.csv, calibration.csv, manifest.json, then charts/ and report.html, here")
      ("no-report", "with --out: skip the charts and report.html")
      ("strict-report", "with --out: exit 1 when the report cannot be drawn (by default a warning: the results "
       "are written first and kept, and 'entente report DIR' draws the report later)")
      ("quiet,q", "print nothing but errors; no progress bar");
  opts.add(scenario_options());
  po::variables_map vm;
  if (!parse_command(args, opts,
                     "Usage: entente calibrate FILE --observed CSV --until YEAR [--samples N] [--runs-per-point R]\n"
                     "                              [--accept FRACTION] [--param NAME] [--map SERIES=OUTCOME]\n"
                     "                              [--seed S] [--threads T] [--out DIR] [--no-report] [--quiet]",
                     "Rejection approximate Bayesian computation: draws N points of the uncertainties from their\n"
                     "distributions (Latin hypercube), runs R futures at each, measures how far each point's\n"
                     "futures lie from the observations up to --until (mean CRPS / mean |observation| over the\n"
                     "series) and keeps the closest fraction. Prints prior and posterior 5/50/95% per parameter\n"
                     "and a suggested distribution for the scenario file. With --out DIR also DIR/report.html:\n"
                     "the same tables, a chart per parameter (prior against posterior) and the distances.\n"
                     "docs/calibration.md.\n\n"
                     "Examples:\n"
                     "  entente calibrate scenarios/backcast_2000_2024.yaml --observed scenarios/data/history_2000_2021.csv \\\n"
                     "      --until 2021 --out out/calibration\n"
                     "  entente calibrate scenarios/backcast_2000_2024.yaml --observed scenarios/data/history_2000_2021.csv \\\n"
                     "      --until 2015 --param trade_gdp_elasticity --samples 512\n",
                     vm))
    return kOk;
  if (!vm.count("observed")) throw UsageError{"missing --observed CSV (the observed history; see --help)"};
  if (!vm.count("until")) throw UsageError{"missing --until YEAR (the last year the calibration may use)"};
  const int threads = vm["threads"].as<int>();
  if (threads < 0 || threads > 1024) throw UsageError{"--threads must be between 0 and 1024"};
  analysis::CalibrateRequest req;
  req.load = read_load_request(vm);
  req.observed = vm["observed"].as<std::string>();
  req.until = vm["until"].as<int>();
  req.samples = vm["samples"].as<std::size_t>();
  req.runs_per_point = vm["runs-per-point"].as<std::uint64_t>();
  req.accept = vm["accept"].as<double>();
  if (vm.count("param")) req.params = vm["param"].as<std::vector<std::string>>();
  if (vm.count("map")) req.map = vm["map"].as<std::vector<std::string>>();
  req.policy = vm["policy"].as<std::string>();
  req.seed = vm["seed"].as<std::uint64_t>();
  req.threads = threads;
  const bool quiet = vm.count("quiet") > 0;
  req.progress = !quiet;
  checked_out_dir(vm);  // before computing: a target it could never write is exit 2 now
  req.stop = install_stop_handlers();
  test_phase("computing", req.stop);

  analysis::CalibrateResult result = analysis::execute_calibrate(req, builtin_registry());
  if (result.interrupted) {
    std::cerr << "entente: interrupted after " << result.settings.runs_completed / req.runs_per_point << " of "
              << result.design.rows() << " points; no output written\n";
    return kInterrupted;
  }
  for (const auto& note : result.notes) std::cerr << "entente: note: " << note << "\n";
  std::string report;
  if (const int code = write_results_dir(
          vm, req.stop, [&](const std::string& path) { analysis::write_calibration_outputs(result, path); }, report);
      code != kOk)
    return code;
  if (!quiet) {
    char wall[32];
    std::snprintf(wall, sizeof wall, "%.2f", result.settings.wall_seconds);
    std::cout << result.loaded.spec.name << ": calibration against " << req.observed << ", " << result.design.rows()
              << " points x " << req.runs_per_point << " runs, seed " << req.seed << ", " << result.settings.threads
              << " threads, " << wall << " s\n\n"
              << analysis::calibration_table(result);
    if (vm.count("out")) std::cout << "\nwritten to " << vm["out"].as<std::string>() << "/\n";
    if (!report.empty()) std::cout << "report: " << report << "\n";
  }
  return kOk;
}

}  // namespace entente::cli
