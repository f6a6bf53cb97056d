// entente compare FILE --policy A --policy B ...: policies on the same futures.
#include <iostream>

#include "analysis/workflows/compare_workflow.hpp"
#include "cli/cli_common.hpp"
#include "cli/condition_options.hpp"
#include "models/register_builtin.hpp"
#include "sim/engine/distributed.hpp"
#include "sim/util/progress.hpp"

namespace entente::cli {

int cmd_compare(const std::vector<std::string>& args) {
  po::options_description opts("Options");
  opts.add_options()("help,h", "this help")
      ("policy,p", po::value<std::vector<std::string>>()->composing()->value_name("NAME"),
       "a policy from the file's 'policies' section; repeat it; the first is the reference A "
       "(default: every policy of the file, in file order)")
      ("years,y", po::value<std::string>()->value_name("Y1,Y2"),
       "years to tabulate and to rank policies by regret (default: the middle and end years)");
  opts.add(output_options("write compare.csv, compare.json, manifest.json, charts/ and report.html here"));
  opts.add(ensemble_options());
  opts.add(condition_options());
  opts.add(scenario_options());
  po::variables_map vm;
  if (!parse_command(
          args, opts,
          "Usage: entente compare FILE --policy A --policy B [--policy C ...] [--runs N] [--seed S] [--threads T]\n"
          "                            [--years 2030,2035] [--condition-on CSV [--origin YEAR]]\n"
          "                            [--out DIR] [--format csv|json] [--quiet]",
          "Runs every policy over the same N futures: run r of each policy draws the same\n"
          "uncertainties, shocks and events (common random numbers), so the difference B - A of\n"
          "run r is the policy's effect in that future. For each outcome and year it reports the\n"
          "distribution under each policy, the mean and median difference with a 95% confidence\n"
          "interval, the probability that B does better than A (by the outcome's direction), the\n"
          "probability of each declared threshold (with its standard error), and each policy's\n"
          "regret against the best policy of each run (mean and 90th percentile) with a ranking.\n"
          "With --condition-on, the futures are first conditioned on the observed history up to --origin\n"
          "under the reference policy A; every policy then continues the same particles from the origin\n"
          "(the policies differ from the origin on). docs/calibration.md.\n\n"
          "Examples:\n"
          "  entente compare scenarios/sino_russia_2035.yaml --policy baseline --policy reduce_value\n"
          "  entente compare scenarios/sino_russia_2035.yaml --runs 20000 --years 2030,2035 --out out/cmp\n",
          vm))
    return kOk;
  check_ensemble_options(vm);
  checked_out_dir(vm);  // before computing: a target it could never write is exit 2 now
  const std::string format = read_format(vm);
  analysis::CompareRequest req;
  req.load = read_load_request(vm);
  if (vm.count("policy")) req.policies = vm["policy"].as<std::vector<std::string>>();
  if (vm.count("years")) req.years = parse_years(vm["years"].as<std::string>());
  req.runs = vm["runs"].as<std::uint64_t>();
  req.seed = vm["seed"].as<std::uint64_t>();
  req.threads = vm["threads"].as<int>();
  req.condition = read_condition_request(vm, req.runs);
  const bool quiet = vm.count("quiet") > 0;
  req.progress = !quiet;
  req.stop = install_stop_handlers();
  test_phase("computing", req.stop);

  analysis::CompareResult result = analysis::execute_compare(req, builtin_registry());
  if (result.interrupted) return report_interrupted(result.settings.runs_completed, req.runs);
  if (distributed::rank() != 0) return kOk;  // under mpirun only rank 0 writes and prints
  if (result.conditioned && !quiet) print_condition_note(*result.conditioned);
  std::string report;
  if (const int code = write_results_dir(vm, req.stop,
                        [&](const std::string& path) { analysis::write_compare_outputs(result, path); },
                        report); code != kOk)
    return code;
  if (!prints_results(vm)) return kOk;
  if (format == "csv") {
    std::cout << analysis::compare_csv(*result.comparison);
  } else if (format == "json") {
    std::cout << analysis::compare_json(*result.comparison, result.context).dump(2) << "\n";
  } else {
    if (!quiet) {
      char wall[32];
      std::snprintf(wall, sizeof wall, "%.2f", result.settings.wall_seconds);
      std::cout << result.loaded.spec.name << ": " << result.compiled.size() << " policies x " << req.runs
                << " runs, seed " << req.seed << ", " << threads_text(result.settings) << ", " << wall << " s\n\n";
    }
    std::cout << analysis::compare_table(*result.comparison, result.context);
    if (!quiet && !report.empty()) std::cout << "\nreport: " << report << "\n";
  }
  return kOk;
}

}  // namespace entente::cli
