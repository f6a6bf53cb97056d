// entente analyze sobol|morris|prim: sensitivity indices or scenario
// discovery on a sweep database or on a design CSV with a results CSV
// (docs/sensitivity.md).
#include <algorithm>
#include <cmath>
#include <iostream>
#include <optional>

#include "analysis/sensitivity/condition.hpp"
#include "analysis/sensitivity/csv_input.hpp"
#include "analysis/sensitivity/input_error.hpp"
#include "analysis/sensitivity/sensitivity_charts.hpp"
#include "analysis/sensitivity/sensitivity_writers.hpp"
#include "analysis/sweep/analysis_input.hpp"
#include "analysis/writers/text_wrap.hpp"
#include "cli/cli_common.hpp"
#include "sim/output/atomic_file.hpp"
#include "sim/util/suggest.hpp"

namespace entente::cli {

namespace {

const char* kUsage =
    "Usage: entente analyze sobol|morris|prim\n"
    "         (--db results.sqlite --outcome NAME --year Y [--policy P] [--versus Q] [--stat S]\n"
    "          | --design design.csv --results results.csv [--column NAME])\n"
    "         [--where \"y > 0.6\"] [--threshold 0.8] [--bootstrap 1000] [--seed S] [--second-order]\n"
    "         [--format table|csv|json] [--out DIR]";

const char* kExamples =
    "Analyses:\n"
    "  sobol   first-order (S1) and total (ST) Sobol indices of a Saltelli design\n"
    "          ('entente design sobol'), second-order S2 with --second-order; bootstrap\n"
    "          percentile intervals over the base samples\n"
    "  morris  Morris elementary effects (mu*, mu, sigma) of a Morris design, ranked by mu*\n"
    "  prim    PRIM scenario discovery on any design: the box of parameter ranges where\n"
    "          --where holds; the peeling trajectory and the chosen box after pasting\n"
    "\n"
    "With --where, sobol and morris analyse the indicator of the condition (1 where it\n"
    "holds, else 0) instead of the response. NAME in --where is the response (the\n"
    "--outcome or the --column) or simply y; OP is >, >=, < or <=.\n"
    "\n"
    "results.csv has a header row and one row per design point, in design order.\n"
    "--out DIR writes KIND.csv, KIND.json and a chart KIND.png / KIND.svg (gnuplot).\n"
    "Exit codes: 0 done; 2 bad options or inputs (row counts, columns, layout, --where);\n"
    "1 anything else (gnuplot failed).\n"
    "\n"
    "Examples:\n"
    "  entente design sobol --params ishigami.yaml --samples 1024 --out design.csv\n"
    "  entente analyze sobol --design design.csv --results results.csv --column y\n"
    "  entente analyze morris --design morris.csv --results results.csv --column y --out out/morris\n"
    "  entente analyze prim --design lhs.csv --results results.csv --column y --where \"y > 0.6\"\n"
    "  entente analyze sobol --db sweep.sqlite --outcome russia_dependence_on_china --year 2035 --format json\n"    "  entente analyze sobol --db sweep.sqlite --outcome russia_dependence_on_china --year 2035 --stat p95\n"
    "  entente analyze prim --db lhs.sqlite --outcome russia_dependence_on_china --year 2035 \\\n"
    "      --policy maximum_pressure --versus baseline --where \"y > 0\"\n";

const std::vector<std::string> kKinds = {"sobol", "morris", "prim"};

template <typename T>
T value_or(const po::variables_map& vm, const char* name, T fallback) {
  return vm.count(name) ? vm[name].as<T>() : fallback;
}

bool given(const po::variables_map& vm, const char* name) {
  return vm.count(name) && !vm[name].defaulted();
}

analysis::AnalysisInput read_input(const std::string& kind, const po::variables_map& vm, std::string& response_name) {
  const bool db = vm.count("db") > 0, csv = vm.count("design") > 0 || vm.count("results") > 0;
  if (db && csv) throw UsageError{"give either --db or --design with --results, not both"};
  if (!db && !csv) throw UsageError{"missing the input: --db FILE or --design FILE --results FILE (see --help)"};
  if (db) {
    for (const char* o : {"column"})
      if (vm.count(o)) throw UsageError{std::string("--") + o + " belongs to --design/--results input, not --db"};
    if (!vm.count("outcome")) throw UsageError{"--db needs --outcome NAME"};
    if (!vm.count("year")) throw UsageError{"--db needs --year Y"};
    response_name = vm["outcome"].as<std::string>();
    analysis::AnalysisInput in;
    try {
      in = analysis::read_sweep_for_analysis(vm["db"].as<std::string>(), response_name, vm["year"].as<double>(),
                                             value_or<std::string>(vm, "policy", ""),
                                             value_or<std::string>(vm, "versus", ""),
                                             value_or<std::string>(vm, "stat", "mean"));
    } catch (const std::runtime_error& e) {
      throw UsageError{e.what()};
    }
    if (kind != "prim" && !in.design_kind.empty() && in.design_kind != kind)
      throw UsageError{"the sweep ran a " + in.design_kind + " design; " + kind + " needs a " + kind + " design"};
    return in;
  }
  for (const char* o : {"outcome", "year", "policy", "versus", "stat"})
    if (vm.count(o)) throw UsageError{std::string("--") + o + " belongs to --db input, not --design/--results"};
  if (!vm.count("design")) throw UsageError{"--results needs --design FILE (the design its rows follow)"};
  if (!vm.count("results")) throw UsageError{"--design needs --results FILE (one row per design point)"};
  analysis::AnalysisInput in =
      analysis::read_csv_input(vm["design"].as<std::string>(), vm["results"].as<std::string>(),
                               value_or<std::string>(vm, "column", ""), kind == "prim" ? "" : kind);
  response_name = in.response;
  return in;
}

}  // namespace

int cmd_analyze(const std::vector<std::string>& args) {
  po::options_description opts("Options");
  opts.add_options()("help,h", "this help")("db", po::value<std::string>()->value_name("FILE"),
                                            "a sweep database (entente sweep)")(
      "outcome", po::value<std::string>()->value_name("NAME"), "with --db: the outcome to analyse")(
      "year", po::value<double>()->value_name("Y"), "with --db: the year of the outcome")(
      "policy", po::value<std::string>()->value_name("P"), "with --db: the policy (default: the sweep's)")(
      "versus", po::value<std::string>()->value_name("Q"),
      "with --db: analyse the difference P - Q at each point (both ran on the same replicates), "
      "e.g. where a policy fails against the baseline")(
      "stat", po::value<std::string>()->value_name("S"),
      "with --db: what each point contributes: mean (default) over its replicates, or their sd, p05, p25, p50, "
      "p75, p95, min or max (e.g. what drives the tail: --stat p95)")(
      "design", po::value<std::string>()->value_name("FILE"), "a design CSV (entente design)")(
      "results", po::value<std::string>()->value_name("FILE"),
      "a CSV with a header and one row per design point, in design order")(
      "column", po::value<std::string>()->value_name("NAME"),
      "the response column of --results (default: its only column)")(
      "where", po::value<std::string>()->value_name("\"NAME OP VALUE\""),
      "the points of interest, e.g. \"y > 0.6\" (prim; sobol and morris analyse its indicator)")(
      "threshold", po::value<double>()->default_value(0.8, "0.8")->value_name("D"),
      "prim: choose the last box whose density reaches D (else the densest)")(
      "peel-alpha", po::value<double>()->default_value(0.05, "0.05")->value_name("A"), "prim: share of points peeled per step")(
      "paste-alpha", po::value<double>()->default_value(0.05, "0.05")->value_name("A"),
      "prim: share of points pasted per step")("mass-min", po::value<double>()->default_value(0.05, "0.05")->value_name("M"),
                                               "prim: smallest share of points in a box")(
      "bootstrap", po::value<std::uint64_t>()->default_value(1000)->value_name("B"),
      "sobol, morris: bootstrap resamples for the 95% intervals (0: none)")(
      "seed,s", po::value<std::uint64_t>()->default_value(1)->value_name("S"), "seed of the bootstrap resampling")(
      "second-order", "sobol: the design has the B_A^i blocks; also report S2")(
      "format,f", po::value<std::string>()->default_value("table")->value_name("table|csv|json"),
      "what to print on standard output")("out,o", po::value<std::string>()->value_name("DIR"),
                                          "write KIND.csv, KIND.json and the chart (PNG, SVG) here")(
      "no-charts", "with --out: skip the chart");

  const auto [kind, rest] = split_kind(args);
  po::variables_map vm;
  if (!parse_command(rest, opts, kUsage, kExamples, vm, /*takes_file=*/false)) return kOk;
  if (kind.empty()) throw UsageError{"missing the analysis KIND: " + join_alternatives(kKinds) + " (see --help)"};
  if (std::find(kKinds.begin(), kKinds.end(), kind) == kKinds.end())
    throw UsageError{"unknown analysis '" + kind + "'; expected " + join_alternatives(kKinds) +
                     did_you_mean(kind, kKinds)};
  const std::string format = vm["format"].as<std::string>();
  if (format != "table" && format != "csv" && format != "json")
    throw UsageError{"--format must be table, csv or json, got '" + format + "'"};
  if (kind != "sobol" && vm.count("second-order")) throw UsageError{"--second-order belongs to sobol"};
  for (const char* o : {"threshold", "peel-alpha", "paste-alpha", "mass-min"})
    if (kind != "prim" && given(vm, o)) throw UsageError{std::string("--") + o + " belongs to prim"};
  if (kind == "prim" && given(vm, "bootstrap")) throw UsageError{"--bootstrap belongs to sobol and morris"};
  const std::uint64_t bootstrap = vm["bootstrap"].as<std::uint64_t>();
  if (bootstrap > 1'000'000) throw UsageError{"--bootstrap must be at most 10^6"};
  const std::uint64_t seed = vm["seed"].as<std::uint64_t>();

  // An AnalysisInputError is bad input (exit 2): report_exception maps it.
  std::string response_name;
  analysis::AnalysisInput in = read_input(kind, vm, response_name);
  std::optional<analysis::Condition> where;
  if (vm.count("where")) where = analysis::parse_condition(vm["where"].as<std::string>(), response_name);

  std::string table, csv;
  nlohmann::ordered_json json;
  analysis::report::ChartJob chart;
  if (kind == "prim") {
    std::vector<bool> interesting;
    if (where) {
      interesting = analysis::evaluate(*where, in.y);
    } else {
      for (double v : in.y)
        if (v != 0 && v != 1)
          throw UsageError{"prim needs --where \"NAME OP VALUE\" unless the response is 0 or 1 at every point"};
      interesting = analysis::evaluate(analysis::Condition{"y", analysis::Condition::Op::kGreater, 0.5}, in.y);
    }
    analysis::PrimOptions o;
    o.threshold = vm["threshold"].as<double>();
    o.peel_alpha = vm["peel-alpha"].as<double>();
    o.paste_alpha = vm["paste-alpha"].as<double>();
    o.mass_min = vm["mass-min"].as<double>();
    analysis::PrimResult r = analysis::prim(in.x, interesting, in.names, o);
    r.response = in.response;
    r.condition = where ? where->text() : response_name + " = 1";
    table = analysis::prim_table(r);
    csv = analysis::prim_csv(r);
    json = analysis::prim_json(r);
    chart = analysis::prim_chart(r);
  } else {
    if (where) {
      for (double& v : in.y) v = where->holds(v) ? 1.0 : 0.0;
      in.response = "1(" + where->text() + ")";
    }
    if (kind == "sobol") {
      analysis::SobolOptions o;
      o.second_order = vm.count("second-order") > 0;
      o.bootstrap = static_cast<std::size_t>(bootstrap);
      o.seed = seed;
      const analysis::SobolResult r = analysis::sobol_analyze(in, o);
      table = analysis::sobol_table(r);
      csv = analysis::sobol_csv(r);
      json = analysis::sobol_json(r);
      chart = analysis::sobol_chart(r);
      for (const std::string& w : r.warnings) std::cerr << "entente: warning: " << w << "\n";
      if (!r.warnings.empty()) json["warnings"] = r.warnings;
    } else {
      analysis::MorrisOptions o;
      o.bootstrap = static_cast<std::size_t>(bootstrap);
      o.seed = seed;
      const analysis::MorrisResult r = analysis::morris_analyze(in, o);
      table = analysis::morris_table(r);
      csv = analysis::morris_csv(r);
      json = analysis::morris_json(r);
      chart = analysis::morris_chart(r);
    }
  }

  std::string written;
  if (vm.count("out")) {
    const std::string dir = vm["out"].as<std::string>();
    ensure_directory(dir);
    write_file_atomic(dir + "/" + kind + ".csv", csv);
    write_file_atomic(dir + "/" + kind + ".json", json.dump(2) + "\n");
    written = dir + "/" + kind + ".csv, " + kind + ".json";
    if (!vm.count("no-charts")) {
      analysis::draw_sensitivity_charts(dir, {chart});
      written += ", " + kind + ".png, " + kind + ".svg";
    }
  }
  if (format == "csv")
    std::cout << csv;
  else if (format == "json")
    std::cout << json.dump(2) << "\n";
  else
    std::cout << table << (written.empty() ? "" : "\n" + analysis::wrap_prose("written: " + written) + "\n");
  return kOk;
}

}  // namespace entente::cli
