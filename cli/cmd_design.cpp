// entente design KIND: an experiment design over the parameters of a params
// file, written as CSV (docs/designs.md).
#include <algorithm>
#include <cmath>
#include <iostream>
#include <stdexcept>

#include "analysis/design/design_csv.hpp"
#include "analysis/design/make_design.hpp"
#include "cli/cli_common.hpp"
#include "sim/output/atomic_file.hpp"
#include "sim/util/suggest.hpp"

namespace entente::cli {

namespace {

const char* kUsage =
    "Usage: entente design sobol|lhs|grid|morris|mc --params PARAMS.yaml [--samples N] [--levels L]\n"
    "                      [--seed S] [--second-order] [--maximin ITER] [--out design.csv] [--quiet]";

const char* kExamples =
    "Writes the points at which to run a model, one row per point and one column per\n"
    "parameter, as CSV (to standard output, or atomically to --out). Points are built in\n"
    "the unit cube and mapped through each parameter's inverse CDF, so any distribution\n"
    "of the scenario syntax works, truncation included.\n"
    "\n"
    "What --samples and --levels mean for each design:\n"
    "  sobol   --samples N: base samples (a power of two is best); N*(k+2) rows, or\n"
    "          N*(2k+2) with --second-order. Saltelli's scheme in SALib's row order;\n"
    "          deterministic (the seed is not used)\n"
    "  lhs     --samples N: points of a Latin hypercube; --maximin ITER keeps the best\n"
    "          of ITER candidates by the distance between the closest two points\n"
    "  mc      --samples N: independent random points\n"
    "  morris  --samples R: trajectories of k+1 points each, R*(k+1) rows;\n"
    "          --levels P: grid levels, even (default 4)\n"
    "  grid    --levels L: levels per parameter, at the centres of L equal-probability\n"
    "          bins; L^k rows (full factorial, at most 10^7); takes no --samples\n"
    "\n"
    "PARAMS.yaml names the parameters and their distributions, optionally with rank\n"
    "correlations (lhs and mc only; Iman-Conover). The Ishigami function's inputs:\n"
    "\n"
    "  parameters:\n"
    "    x1: {dist: uniform, min: -3.14159265, max: 3.14159265}\n"
    "    x2: {dist: uniform, min: -3.14159265, max: 3.14159265}\n"
    "    x3: {dist: uniform, min: -3.14159265, max: 3.14159265}\n"
    "  # correlations: [{a: x1, b: x2, rank: 0.5}]\n"
    "\n"
    "Examples:\n"
    "  entente design sobol --params ishigami.yaml --samples 1024 --out sobol.csv      # 5120 rows\n"
    "  entente design sobol --params ishigami.yaml --samples 1024 --second-order       # 8192 rows\n"
    "  entente design morris --params ishigami.yaml --samples 20 --levels 4 --seed 7 --out morris.csv   # 80 rows\n"
    "  entente design lhs --params ishigami.yaml --samples 200 --maximin 50 --seed 3 --out lhs.csv\n"
    "  entente design grid --params ishigami.yaml --levels 5                           # 125 rows\n";

// Parsed but not otherwise checked: make_design says what is wrong.
analysis::DesignRequest read_request(const std::string& kind, const po::variables_map& vm) {
  analysis::DesignRequest r;
  r.kind = kind;
  const bool has_samples = vm.count("samples") > 0;
  const bool has_levels = vm.count("levels") > 0;
  if (kind == "grid") {
    if (has_samples) throw UsageError{"a grid takes --levels L (levels per parameter), not --samples"};
    if (!has_levels) throw UsageError{"a grid needs --levels L (levels per parameter), e.g. --levels 5"};
  } else {
    if (!has_samples) {
      throw UsageError{std::string("a ") + kind + " design needs --samples N (" +
                       (kind == "sobol"    ? "base samples"
                        : kind == "morris" ? "trajectories"
                                           : "points") +
                       ")"};
    }
    if (has_levels && kind != "morris") throw UsageError{"--levels belongs to grid and morris designs, not " + kind};
  }
  if (has_samples) {
    const auto n = vm["samples"].as<std::uint64_t>();
    if (n < 1) throw UsageError{"--samples must be at least 1"};
    r.samples = static_cast<std::size_t>(n);
  }
  if (has_levels) r.levels = vm["levels"].as<int>();
  r.seed = vm["seed"].as<std::uint64_t>();
  r.second_order = vm.count("second-order") > 0;
  if (vm.count("maximin")) r.maximin = vm["maximin"].as<int>();
  return r;
}

std::string summary_line(const analysis::Design& d, const std::string& out) {
  std::string names;
  for (std::size_t j = 0; j < d.names.size(); ++j) names += (j ? ", " : "") + d.names[j];
  std::string s = "entente design " + d.kind + ": " + std::to_string(d.dimension()) +
                  (d.dimension() == 1 ? " parameter (" : " parameters (") + names + "), ";
  if (d.kind == "sobol") s += std::to_string(d.base_samples) + " base samples" + (d.second_order ? ", second order" : "");
  else if (d.kind == "morris")
    s += std::to_string(d.base_samples) + " trajectories, " + std::to_string(d.levels) + " levels";
  else if (d.kind == "grid") s += std::to_string(d.levels) + " levels";
  else s += std::to_string(d.base_samples) + " points";
  if (d.kind != "grid" && d.kind != "sobol") s += ", seed " + std::to_string(d.seed);
  s += ", " + std::to_string(d.rows()) + " rows";
  if (!out.empty()) s += " -> " + out;
  return s;
}

}  // namespace

int cmd_design(const std::vector<std::string>& args) {
  po::options_description opts("Options");
  opts.add_options()("help,h", "this help")
      ("params,p", po::value<std::string>()->value_name("FILE"), "the parameters and their distributions (YAML)")
      ("samples,n", po::value<std::uint64_t>()->value_name("N"),
       "sobol: base samples; lhs, mc: points; morris: trajectories (not for grid)")
      ("levels,l", po::value<int>()->value_name("L"), "grid: levels per parameter; morris: grid levels (even, default 4)")
      ("seed,s", po::value<std::uint64_t>()->default_value(1)->value_name("S"),
       "seed of the lhs, mc and morris designs (the same seed gives the same design)")
      ("second-order", "sobol: add the B_A^i blocks needed for second-order indices")
      ("maximin", po::value<int>()->value_name("ITER"), "lhs: keep the best of ITER candidates (maximin distance)")
      ("out,o", po::value<std::string>()->value_name("FILE"), "write the CSV here (atomically) instead of standard output")
      ("quiet,q", "no summary line on standard error");

  // The design kind comes first: `entente design sobol --params ...`.
  const auto [kind, rest] = split_kind(args);
  po::variables_map vm;
  if (!parse_command(rest, opts, kUsage, kExamples, vm, /*takes_file=*/false)) return kOk;
  const auto& kinds = analysis::design_kinds();
  if (kind.empty()) throw UsageError{"missing the design KIND: " + join_alternatives(kinds) + " (see --help)"};
  if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end())
    throw UsageError{"unknown design '" + kind + "'; expected " + join_alternatives(kinds) + did_you_mean(kind, kinds)};
  if (!vm.count("params")) throw UsageError{"missing --params FILE (see --help for its format)"};

  const analysis::DesignRequest request = read_request(kind, vm);
  const analysis::ParamsFile params = analysis::load_params_file(vm["params"].as<std::string>());
  analysis::Design design;
  try {
    design = analysis::make_design(params, request);
  } catch (const std::invalid_argument& e) {
    throw UsageError{e.what()};
  }

  const std::string csv = analysis::design_csv(design);
  const std::string out = vm.count("out") ? vm["out"].as<std::string>() : "";
  if (!out.empty()) write_file_atomic(out, csv);
  else std::cout << csv << std::flush;
  if (!vm.count("quiet")) {
    std::cerr << summary_line(design, out) << "\n";
    if (kind == "sobol" && (design.base_samples & (design.base_samples - 1)) != 0)
      std::cerr << "note: Sobol' estimates converge best when --samples is a power of two\n";
    if (kind == "morris") {
      for (const auto& p : params.parameters) {
        if (!std::isfinite(p.dist.support_min()) || !std::isfinite(p.dist.support_max()))
          std::cerr << "note: '" << p.name << "' is unbounded; the Morris grid's ends map to its " << analysis::kMorrisClamp
                    << " and 1-" << analysis::kMorrisClamp << " quantiles (truncate it to choose the range)\n";
      }
    }
  }
  return kOk;
}

}  // namespace entente::cli
