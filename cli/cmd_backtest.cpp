// entente backtest FILE --observed CSV: the model's distribution against
// observed history, scored beside two naive forecasts.
#include <cstdio>
#include <iostream>
#include <stdexcept>
#include <string>

#include "analysis/backtest/backtest_workflow.hpp"
#include "analysis/backtest/rolling_origins.hpp"
#include "cli/cli_common.hpp"
#include "sim/engine/distributed.hpp"
#include "models/register_builtin.hpp"
#include "sim/util/progress.hpp"

namespace entente::cli {

namespace {

// --origins: the conditioned backtest from every origin, scored by lead.
int run_rolling(const po::variables_map& vm, analysis::BacktestRequest req, const std::vector<int>& origins) {
  const bool quiet = vm.count("quiet") > 0;
  req.progress = false;
  analysis::RollingResult result = analysis::execute_rolling_backtest(req, origins, builtin_registry());
  if (result.interrupted) return report_interrupted(0, req.runs);
  if (distributed::rank() != 0) return kOk;  // under mpirun every rank computes the same; rank 0 writes and prints
  for (const auto& note : result.runs.front().notes) std::cerr << "entente: note: " << note << "\n";
  std::string report;
  if (const int code = write_results_dir(vm, req.stop,
                                         [&](const std::string& path) { analysis::write_rolling_outputs(result, path); },
                                         report);
      code != kOk)
    return code;
  if (!quiet) {
    std::cout << result.runs.front().loaded.spec.name << ": backtest against " << req.observed << ", " << req.runs
              << " particles, seed " << req.seed << ", " << result.runs.front().settings.threads << " threads\n\n";
    for (std::size_t k = 0; k < result.runs.size(); ++k)
      std::cout << "origin " << result.origins[k] << ": observation error R = "
                << result.runs[k].relative_error << "\n";
    std::cout << "\n" << analysis::rolling_table(result);
    if (vm.count("out")) std::cout << "\nwritten to " << vm["out"].as<std::string>() << "/\n";
    if (!report.empty())
      std::cout << "report: " << report << " (each origin's: " << vm["out"].as<std::string>()
                << "/origin_*/report.html)\n";
  }
  return kOk;
}

}  // namespace

int cmd_backtest(const std::vector<std::string>& args) {
  po::options_description opts("Options");
  opts.add_options()("help,h", "this help")
      ("observed", po::value<std::string>()->value_name("CSV"),
       "observed history: year,series,value,unit,source (required)")
      ("out,o", po::value<std::string>()->value_name("DIR"),
       "write backtest.csv, scores.csv, forecast.csv, leads.csv, filter.csv (--origin), backtest.json, "
       "manifest.json, then charts/ and report.html, here")
      ("origin", po::value<int>()->value_name("YEAR"),
       "condition the ensemble on the observations up to YEAR (particle filter) and forecast the years after")
      ("origins", po::value<std::string>()->value_name("Y1,Y2,..."),
       "rolling origins: rerun the conditioned backtest from each origin and score the forecasts by lead "
       "(1 to --max-lead, default 3 here), pooled over the origins; per-origin results in DIR/origin_YEAR/")
      ("until", po::value<int>()->value_name("YEAR"),
       "open loop instead: run the unconditioned ensemble, score years up to YEAR as in sample")
      ("max-lead", po::value<int>()->default_value(0)->value_name("N"),
       "score out-of-sample years up to N years after the origin (0: all)")
      ("ess-threshold", po::value<double>()->default_value(0.5, "0.5")->value_name("F"),
       "resample when the effective sample size falls below F x runs (0 to 1)")
      ("discount", po::value<double>()->default_value(0.98, "0.98")->value_name("D"),
       "Liu-West discount of the parameter jitter, in (0, 1]; 1: no jitter")
      ("discrepancy", po::value<std::string>()->default_value("ar1")->value_name("KIND"),
       "with --origin/--origins: ar1: each run's prediction of a series carries a relative bias that "
       "persists from year to year (AR(1), learnt from the years up to the origin and carried, decaying, into "
       "the forecast: level errors that last); none: observation errors independent from year to year only")
      ("obs-error", po::value<std::string>()->default_value("auto")->value_name("R"),
       "relative sd of an observation with no sd or low/high column (R x |value|); auto: the R of "
       "0.05..0.4 whose in-sample 90% coverage is nearest 0.9 (years after the origin never choose); "
       "per-series: then one R per series, the RMS of its in-sample one-step relative residuals")
      ("trend-window", po::value<int>()->default_value(5)->value_name("K"),
       "the trend baseline is fitted to the last K observations at or before the origin")
      ("map", po::value<std::vector<std::string>>()->composing()->value_name("SERIES=OUTCOME"),
       "compare an observed series with an outcome of another id; repeatable")
      ("policy,p", po::value<std::string>()->default_value("")->value_name("NAME"),
       "apply a policy from the file's 'policies' section")
      ("runs,n", po::value<std::uint64_t>()->default_value(2000)->value_name("N"), "Monte Carlo runs (1 to 10^9)")
      ("seed,s", po::value<std::uint64_t>()->default_value(1)->value_name("S"),
       "master seed; the same seed gives byte-identical results on any thread count")
      ("threads,t", po::value<int>()->default_value(0)->value_name("T"), "worker threads (0: all cores)")
      ("no-report", "with --out: skip the charts and report.html")
      ("no-charts", "the same as --no-report")
      ("strict-report", "with --out: exit 1 when the report cannot be drawn (by default a warning: the results "
       "are written first and kept, and 'entente report DIR' draws the report later)")
      ("quiet,q", "print nothing but errors; no progress bar");
  opts.add(scenario_options());
  po::variables_map vm;
  if (!parse_command(args, opts,
                     "Usage: entente backtest FILE --observed CSV [--origin YEAR | --origins Y1,Y2,.. | --until YEAR] [--max-lead N] [--out DIR]\n"
                     "                             [--runs N] [--seed S] [--threads T] [--policy P] [--trend-window K]\n"
                     "                             [--ess-threshold F] [--discount D] [--obs-error R] [--discrepancy none|ar1]\n"
                     "                             [--map SERIES=OUTCOME] [--set PATH=VALUE] [--overlay F] [--no-report] [--quiet]",
                     "Holds the scenario against history. With --origin YEAR, N runs are conditioned on the\n"
                     "observations up to YEAR by a particle filter: every year each run is weighted by how well it\n"
                     "matches that year's observations (within their sd), and when the effective sample size falls\n"
                     "below F x N the runs are resampled, their uncertain parameters jittered; the survivors are\n"
                     "carried forward as the forecast of the years after YEAR. Prints the effective sample size\n"
                     "per year. With --until YEAR (the old behaviour) the ensemble runs open loop.\n"
                     "With --origins 2010,2014,2018 the conditioned backtest is rerun from each origin and the\n"
                     "out-of-sample scores are pooled by lead time (1, 2, 3 years ahead), per series and overall.\n\n"
                     "Scores in sample (each year before it was assimilated) and out of sample (the forecast)\n"
                     "separately: 50%/90% coverage, CRPS, interval score, width / median, PIT histogram, and skill\n"
                     "against three baselines that never see a year after the origin: persistence of the last\n"
                     "observation, the OLS trend of the last K observations, a random walk with drift.\n"
                     "Observation error: an 'sd' column or a 'low'/'high' 90% interval; else R x |value|, where R\n"
                     "(--obs-error auto) is chosen from the in-sample years only; it also stands for the model's\n"
                     "own error, so the forecast intervals are those of what will be observed.\n"
                     "docs/calibration.md explains the method and what conditioning does not mean.\n\n"
                     "Examples:\n"
                     "  entente backtest scenarios/backcast_2000_2024.yaml --observed scenarios/data/history_2000_2021.csv \\\n"
                     "      --origin 2018 --max-lead 3 --out out/backtest_2018   # condition on 2000-2018, score 2019-2021\n"
                     "  entente backtest scenarios/backcast_2000_2024.yaml --observed scenarios/data/history_2000_2021.csv \\\n"
                     "      --until 2015 --map ru_cn_trade_total_russian_customs=cn_ru_trade_total\n",
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
  if ((vm.count("until") > 0) + (vm.count("origin") > 0) + (vm.count("origins") > 0) > 1)
    throw UsageError{"give one of --origin YEAR (conditioned), --origins Y1,Y2,.. (rolling) or --until YEAR (open loop)"};
  if (vm.count("until")) req.until = vm["until"].as<int>();
  if (vm.count("origin")) {
    req.until = vm["origin"].as<int>();
    req.condition = true;
  }
  req.max_lead = vm["max-lead"].as<int>();
  req.ess_threshold = vm["ess-threshold"].as<double>();
  req.discount = vm["discount"].as<double>();
  const std::string kind = vm["discrepancy"].as<std::string>();
  if (kind != "none" && kind != "ar1") throw UsageError{"--discrepancy must be 'none' or 'ar1', got '" + kind + "'"};
  req.discrepancy = kind == "ar1";
  if (req.discrepancy && vm.count("until") && !vm["discrepancy"].defaulted())
    throw UsageError{"--discrepancy needs the particle filter: give --origin YEAR or --origins, not --until"};
  const std::string err = vm["obs-error"].as<std::string>();
  if (err == "auto" || err == "per-series") {
    req.tune_error = true;
    req.per_series_error = err == "per-series";
  } else {
    try {
      std::size_t used = 0;
      req.relative_error = std::stod(err, &used);
      if (used != err.size()) throw std::invalid_argument(err);
    } catch (const std::exception&) {
      throw UsageError{"--obs-error must be a number, 'auto' or 'per-series', got '" + err + "'"};
    }
  }
  req.trend_window = vm["trend-window"].as<int>();
  if (req.trend_window < 1 || req.trend_window > 1000) throw UsageError{"--trend-window must be between 1 and 1000"};
  if (vm.count("map")) req.map = vm["map"].as<std::vector<std::string>>();
  const bool quiet = vm.count("quiet") > 0;
  req.progress = !quiet;
  req.stop = install_stop_handlers();
  test_phase("computing", req.stop);

  if (vm.count("origins")) return run_rolling(vm, req, analysis::parse_origins(vm["origins"].as<std::string>()));

  analysis::BacktestResult result = analysis::execute_backtest(req, builtin_registry());
  if (result.interrupted) return report_interrupted(result.settings.runs_completed, req.runs);
  if (distributed::rank() != 0) return kOk;  // under mpirun every rank computes the same; rank 0 writes and prints
  for (const auto& note : result.notes) std::cerr << "entente: note: " << note << "\n";
  std::string report;
  if (const int code = write_results_dir(vm, req.stop,
                                         [&](const std::string& path) { analysis::write_backtest_outputs(result, path); },
                                         report);
      code != kOk)
    return code;
  if (!quiet) {
    char wall[32];
    std::snprintf(wall, sizeof wall, "%.2f", result.settings.wall_seconds);
    std::cout << result.loaded.spec.name << ": backtest against " << req.observed << ", " << req.runs << " runs, seed "
              << req.seed << ", " << result.settings.threads << " threads, " << wall << " s\n\n"
              << analysis::backtest_table(result);
    if (result.conditioned) std::cout << "\n" << analysis::filter_table(result);
    if (vm.count("out")) std::cout << "\nwritten to " << vm["out"].as<std::string>() << "/\n";
    if (!report.empty()) std::cout << "report: " << report << "\n";
  }
  return kOk;
}

}  // namespace entente::cli
