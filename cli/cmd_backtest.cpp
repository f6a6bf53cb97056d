// entente backtest FILE --observed CSV: the model's distribution against
// observed history, scored beside two naive forecasts.
#include <cstdio>
#include <iostream>

#include "analysis/backtest/backtest_workflow.hpp"
#include "cli/cli_common.hpp"
#include "models/register_builtin.hpp"
#include "sim/util/progress.hpp"

namespace entente::cli {

int cmd_backtest(const std::vector<std::string>& args) {
  po::options_description opts("Options");
  opts.add_options()("help,h", "this help")
      ("observed", po::value<std::string>()->value_name("CSV"),
       "observed history: year,series,value,unit,source (required)")
      ("out,o", po::value<std::string>()->value_name("DIR"),
       "write backtest.csv, scores.csv, forecast.csv, backtest.json, manifest.json and charts/ here")
      ("until", po::value<int>()->value_name("YEAR"),
       "last in-sample year; later years are the forecast (default: the last observed year)")
      ("trend-window", po::value<int>()->default_value(5)->value_name("K"),
       "the linear-trend forecast is fitted to the first K years of each series")
      ("map", po::value<std::vector<std::string>>()->composing()->value_name("SERIES=OUTCOME"),
       "compare an observed series with an outcome of another id; repeatable")
      ("policy,p", po::value<std::string>()->default_value("")->value_name("NAME"),
       "apply a policy from the file's 'policies' section")
      ("runs,n", po::value<std::uint64_t>()->default_value(2000)->value_name("N"), "Monte Carlo runs (1 to 10^9)")
      ("seed,s", po::value<std::uint64_t>()->default_value(1)->value_name("S"),
       "master seed; the same seed gives byte-identical results on any thread count")
      ("threads,t", po::value<int>()->default_value(0)->value_name("T"), "worker threads (0: all cores)")
      ("no-charts", "with --out: skip the charts")
      ("quiet,q", "print nothing but errors; no progress bar");
  opts.add(scenario_options());
  po::variables_map vm;
  if (!parse_command(args, opts,
                     "Usage: entente backtest FILE --observed CSV [--out DIR] [--until YEAR] [--runs N] [--seed S]\n"
                     "                             [--threads T] [--policy P] [--trend-window K] [--map SERIES=OUTCOME]\n"
                     "                             [--set PATH=VALUE] [--overlay F] [--no-charts] [--quiet]",
                     "Runs N futures of the scenario and puts the model's median and 50%/90% intervals beside\n"
                     "each observation of every series whose id is an outcome of the scenario (or mapped with\n"
                     "--map). Scores each series up to --until: interval coverage and CRPS, against the CRPS of\n"
                     "two naive forecasts (persistence of the first observation, linear trend of the first K\n"
                     "years); writes the model's forecast for the years after --until. docs/calibration.md.\n\n"
                     "Examples:\n"
                     "  entente backtest scenarios/backcast_2000_2024.yaml --observed scenarios/data/history_2000_2021.csv \\\n"
                     "      --out out/backtest\n"
                     "  entente backtest my.yaml --observed history.csv --until 2015 --map gdp_ru=russia_gdp\n",
                     vm))
    return kOk;
  if (!vm.count("observed")) throw UsageError{"missing --observed CSV (the observed history; see --help)"};
  check_ensemble_options(vm);
  checked_out_dir(vm);  // before computing: a target it could never write is exit 2 now
  analysis::BacktestRequest req;
  req.load = read_load_request(vm);
  req.observed = vm["observed"].as<std::string>();
  req.policy = vm["policy"].as<std::string>();
  req.runs = vm["runs"].as<std::uint64_t>();
  req.seed = vm["seed"].as<std::uint64_t>();
  req.threads = vm["threads"].as<int>();
  if (vm.count("until")) req.until = vm["until"].as<int>();
  req.trend_window = vm["trend-window"].as<int>();
  if (req.trend_window < 1 || req.trend_window > 1000) throw UsageError{"--trend-window must be between 1 and 1000"};
  if (vm.count("map")) req.map = vm["map"].as<std::vector<std::string>>();
  const bool quiet = vm.count("quiet") > 0;
  req.progress = !quiet;
  req.stop = install_stop_handlers();
  test_phase("computing", req.stop);

  analysis::BacktestResult result = analysis::execute_backtest(req, builtin_registry());
  if (result.interrupted) return report_interrupted(result.settings.runs_completed, req.runs);
  for (const auto& note : result.notes) std::cerr << "entente: note: " << note << "\n";
  if (vm.count("out") && write_out_dir(vm["out"].as<std::string>(), req.stop, [&](const std::string& path) {
        analysis::write_backtest_outputs(result, path, !vm.count("no-charts"));
      }) != kOk)
    return kInterrupted;
  if (!quiet) {
    char wall[32];
    std::snprintf(wall, sizeof wall, "%.2f", result.settings.wall_seconds);
    std::cout << result.loaded.spec.name << ": backtest against " << req.observed << ", " << req.runs << " runs, seed "
              << req.seed << ", " << result.settings.threads << " threads, " << wall << " s\n\n"
              << analysis::backtest_table(result);
    if (vm.count("out")) std::cout << "\nwritten to " << vm["out"].as<std::string>() << "/\n";
  }
  return kOk;
}

}  // namespace entente::cli
