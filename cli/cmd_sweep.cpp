// entente sweep FILE --design ...: an experiment over the scenario's
// uncertainties and levers into a resumable SQLite database.
#include <filesystem>
#include <iostream>
#include <sstream>

#include "analysis/workflows/sweep_workflow.hpp"
#include "analysis/writers/text_wrap.hpp"
#include "cli/cli_common.hpp"
#include "cli/condition_options.hpp"
#include "models/register_builtin.hpp"
#include "sim/engine/distributed.hpp"
#include "sim/util/progress.hpp"

namespace entente::cli {

int cmd_sweep(const std::vector<std::string>& args) {
  po::options_description opts("Options");
  opts.add_options()("help,h", "this help")
      ("design,d", po::value<std::string>()->default_value("lhs")->value_name("KIND"),
       "sobol (Saltelli, for Sobol indices), lhs (Latin hypercube), grid (full factorial), "
       "morris (trajectories, for screening) or mc (Monte Carlo)")
      ("samples,N", po::value<std::size_t>()->default_value(64)->value_name("N"),
       "sobol: base samples (N(k+2) points); lhs, mc: points; morris: trajectories (r(k+1) points); "
       "grid: unused (see --levels)")
      ("levels", po::value<int>()->default_value(0)->value_name("L"),
       "grid: levels per parameter (levels^k points); morris: grid levels, even (0: 4)")
      ("second-order", "sobol: add the blocks for second-order indices (N(2k+2) points)")
      ("maximin", po::value<int>()->default_value(0)->value_name("ITER"), "lhs: best of ITER candidates by maximin distance")
      ("param", po::value<std::vector<std::string>>()->composing()->value_name("NAME"),
       "a parameter to vary: an uncertainty id or levers.<id> (repeat; default: every uncertainty); "
       "a designed lever is held at its sampled intensity under every policy")
      ("params", po::value<std::string>()->value_name("PARAMS.yaml"),
       "parameters with their own distributions (the format of entente design)")
      ("replicates,r", po::value<std::uint64_t>()->default_value(8)->value_name("R"),
       "runs per design point; replicate r uses the same shocks at every point")
      ("policy,p", po::value<std::vector<std::string>>()->composing()->value_name("NAME"),
       "run every point under these policies (default: the file's own lever settings)")
      ("years,y", po::value<std::string>()->value_name("Y1,Y2|all"),
       "years to store (default: the years divisible by 5 and the last one, e.g. 2025,2030,2035; "
       "all: every year)")
      ("db", po::value<std::string>()->default_value("sweep.sqlite")->value_name("FILE"),
       "the results database; :memory: for a throwaway sweep (kept in memory, gone when the command ends: "
       "nothing to resume or analyse, only the timing line)")
      ("resume", "continue an interrupted sweep in --db: finished points are kept, the rest computed")
      ("limit", po::value<std::uint64_t>()->default_value(0)->value_name("N"),
       "compute at most N points in this session (0: all), e.g. to fit a batch-job time slot; "
       "continue with --resume")
      ("quiet,q", "print nothing but errors; no progress bar")
      ("seed,s", po::value<std::uint64_t>()->default_value(1)->value_name("S"), "master seed")
      ("threads,t", po::value<int>()->default_value(0)->value_name("T"), "worker threads (0: all cores)");
  po::options_description conditioning = condition_options();
  conditioning.add_options()("particles", po::value<std::uint64_t>()->default_value(1000)->value_name("N"),
                             "with --condition-on: particles of the filter; replicate r of every point continues "
                             "one of them, evenly spaced, from the origin");
  opts.add(conditioning);
  opts.add(scenario_options());
  po::variables_map vm;
  if (!parse_command(
          args, opts,
          "Usage: entente sweep FILE --design sobol|lhs|grid|morris|mc --samples N [--param NAME ...]\n"
          "                          [--params PARAMS.yaml] [--replicates R] [--policy P ...] [--years Y1,Y2]\n"
          "                          [--db results.sqlite] [--resume] [--threads T] [--seed S]\n"
          "                          [--condition-on CSV [--origin YEAR] [--particles N]]",
          "Runs R replicates of every design point under every policy and stores, per point,\n"
          "policy, outcome and year, the mean, sd and quantiles over the replicates. Points are\n"
          "committed in transactions as they finish: after an interruption (Ctrl-C, kill -9),\n"
          "the same command with --resume completes the sweep without recomputing finished points,\n"
          "and the database ends identical to an uninterrupted run's. Analyse it with\n"
          "entente analyze sobol|morris|prim --db FILE --outcome ID --year Y.\n"
          "With --condition-on, the history up to --origin is assimilated once by a particle filter\n"
          "(under the first policy); every point's replicates continue conditioned particles from the\n"
          "origin, so the design varies levers (levers.<id>, held from the origin on), not uncertainties.\n\n"
          "Examples:\n"
          "  entente sweep scenarios/sino_russia_2035.yaml --design sobol --samples 256 --replicates 16 --db s.sqlite\n"
          "  entente sweep scenarios/sino_russia_2035.yaml --design lhs --samples 500 --param sanctions_bite \\\n"
          "      --param levers.tariffs_china --policy baseline --policy maximum_pressure --db lhs.sqlite\n",
          vm))
    return kOk;
  analysis::SweepRequest req;
  req.load = read_load_request(vm);
  req.design = vm["design"].as<std::string>();
  req.samples = vm["samples"].as<std::size_t>();
  req.levels = vm["levels"].as<int>();
  req.second_order = vm.count("second-order") > 0;
  req.maximin = vm["maximin"].as<int>();
  if (vm.count("param")) req.params = vm["param"].as<std::vector<std::string>>();
  if (vm.count("params")) req.params_file = vm["params"].as<std::string>();
  req.replicates = vm["replicates"].as<std::uint64_t>();
  if (vm.count("policy")) req.policies = vm["policy"].as<std::vector<std::string>>();
  if (vm.count("years") && vm["years"].as<std::string>() == "all") req.every_year = true;
  else if (vm.count("years")) req.years = parse_years(vm["years"].as<std::string>());
  req.db = vm["db"].as<std::string>();
  req.resume = vm.count("resume") > 0;
  req.limit = vm["limit"].as<std::uint64_t>();
  req.seed = vm["seed"].as<std::uint64_t>();
  req.threads = vm["threads"].as<int>();
  req.particles = vm["particles"].as<std::uint64_t>();
  if (!vm["particles"].defaulted() && !vm.count("condition-on"))
    throw UsageError{"--particles needs --condition-on CSV"};
  req.condition = read_condition_request(vm, req.particles);
  if (req.particles > 10'000'000) throw UsageError{"--particles must be at most 10^7"};
  if (req.samples < 1) throw UsageError{"--samples must be at least 1"};
  if (req.replicates < 1 || req.replicates > 1'000'000) throw UsageError{"--replicates must be between 1 and 10^6"};
  if (req.threads < 0 || req.threads > 1024) throw UsageError{"--threads must be between 0 and 1024"};
  const bool quiet = vm.count("quiet") > 0;
  req.progress = !quiet;
  req.stop = install_stop_handlers();
  test_phase("computing", req.stop);

  const auto r = analysis::execute_sweep(req, builtin_registry());
  if (r.interrupted && r.db == ":memory:") {
    std::cerr << "entente: interrupted; the sweep was in memory (--db :memory:), so nothing was kept\n";
    return kInterrupted;
  }
  if (r.interrupted && !std::filesystem::exists(r.db)) {
    std::cerr << "entente: interrupted before the first point; nothing was written\n";
    return kInterrupted;
  }
  if (r.interrupted) {
    // Every point committed stays in the database (one transaction per wave);
    // the points of the wave in progress are dropped and computed on resume.
    std::cerr << "entente: interrupted; " << (r.points_done_before + r.points_done_now) << " of " << r.points
              << " points committed to " << r.db << "; resume with: " << resume_command("sweep", args) << "\n";
    return kInterrupted;
  }
  if (distributed::rank() != 0) return kOk;  // under mpirun only rank 0 prints
  if (r.conditioned && !quiet) print_condition_note(*r.conditioned);
  if (!quiet) {
    std::ostringstream line;
    line << r.db << ": " << r.points << " points x " << req.replicates << " replicates x "
         << std::max<std::size_t>(1, req.policies.size()) << " policies over " << r.parameters << " parameters ("
         << r.points_done_before << " already done, " << r.points_done_now << " computed now, ";
    if (r.ranks > 1) line << r.ranks << " ranks x ";
    line << r.threads << " threads, ";
    if (!r.complete) line << "incomplete: continue with --resume; ";
    char wall[32];
    std::snprintf(wall, sizeof wall, "%.2f", r.wall_seconds);
    line << wall << " s)";
    std::cout << analysis::wrap_prose(line.str()) << "\n";
  }
  return kOk;
}

}  // namespace entente::cli
