// What the command line owes its user (issue 18): --quiet never silences the
// output asked for with --format; help texts and tables fit 80 columns; help
// defaults print as written; entente describe.
#include <catch2/catch.hpp>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "analysis/describe/scenario_description.hpp"
#include "models/register_builtin.hpp"
#include "sim/scenario/loader.hpp"
#include "support/cli_runner.hpp"

namespace fs = std::filesystem;
using entente::test::run_cli;

namespace {

const std::string kScenario = std::string(ENTENTE_SOURCE_DIR) + "/scenarios/sino_russia_2035.yaml";

// Columns on screen: UTF-8 continuation bytes take none.
std::size_t columns(const std::string& s) {
  std::size_t n = 0;
  for (char ch : s) n += (static_cast<unsigned char>(ch) & 0xC0) == 0x80 ? 0 : 1;
  return n;
}

void check_fits(const std::string& text, std::size_t width) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    INFO(line);
    CHECK(columns(line) <= width);
  }
}

}  // namespace

TEST_CASE("quiet silences progress and chatter, never the output --format asks for", "[cli][quiet]") {
  const fs::path dir = entente::test::scratch_dir("habits_quiet");
  const std::string run = "run " + kScenario + " --runs 20 --seed 3";
  const auto loud = run_cli(run + " --format csv");
  REQUIRE(loud.code == 0);
  REQUIRE(loud.out.rfind("outcome,", 0) == 0);
  // The shell redirection of the issue: the file gets the CSV.
  const auto quiet = run_cli(run + " --quiet --format csv");
  CHECK(quiet.code == 0);
  CHECK(quiet.out == loud.out);
  CHECK(run_cli(run + " --quiet --format json").out == run_cli(run + " --format json").out);
  // An explicit table: the table without the header line; no --format: nothing.
  const auto table = run_cli(run + " --quiet --format table");
  CHECK(table.out.rfind("outcome", 0) == 0);
  CHECK(run_cli(run + " --quiet").out.empty());
  const auto cmp = "compare " + kScenario + " --policy baseline --policy reduce_value --runs 20";
  CHECK(run_cli(cmp + " --quiet --format csv").out == run_cli(cmp + " --format csv").out);
  CHECK(run_cli(cmp + " --quiet").out.empty());
}

TEST_CASE("help texts fit 80 columns and print their defaults as written", "[cli][help]") {
  // Every help screen goes through cli/help_text.cpp (fit_help).
  for (const char* cmd : {"", "validate", "describe", "run", "compare", "report", "sweep", "analyze", "analyze sobol",
                          "analyze morris", "analyze prim", "design", "backtest", "calibrate", "models", "play",
                          "play new", "play move", "play inject", "play adjudicate", "play status", "play log",
                          "play rewind", "play replay", "play fork", "play report", "play serve"}) {
    const auto h = run_cli(std::string(cmd) + " --help");
    INFO(cmd);
    CHECK(h.code == 0);
    check_fits(h.out, 80);
    // A double's default through boost::lexical_cast reads 0.80000000000000004.
    CHECK(h.out.find("0000000") == std::string::npos);
    CHECK(h.out.find("9999999") == std::string::npos);
  }
  // An example broken to fit stays one pasteable command: " \" then an
  // indented continuation, never a bare option or value on its own.
  const auto backtest = run_cli("backtest --help").out;
  CHECK(backtest.find("  entente backtest scenarios/backcast_2000_2024.yaml \\\n      --observed "
                      "scenarios/data/history_2000_2021.csv") != std::string::npos);
  CHECK(backtest.find("  # condition on 2000-2018, score 2019-2021\n  entente backtest") != std::string::npos);
  CHECK(backtest.find("Usage: entente backtest FILE --observed CSV\n                        [--origin YEAR") !=
        std::string::npos);
  const auto prim = run_cli("analyze prim --help");
  CHECK(prim.out.find("(=0.8)") != std::string::npos);
  CHECK(prim.out.find("(=0.05)") != std::string::npos);
  CHECK(run_cli("calibrate --help").out.find("(=0.1)") != std::string::npos);
}

TEST_CASE("the terminal tables of run and compare fit 80 columns with all eight policies", "[cli][compare]") {
  const auto cmp = run_cli("compare " + kScenario + " --runs 40 --seed 2");
  REQUIRE(cmp.code == 0);
  CHECK(cmp.out.find("Understand") != std::string::npos);  // policies by label
  check_fits(cmp.out, 80);
  const auto run = run_cli("run " + kScenario + " --runs 40 --seed 2");
  REQUIRE(run.code == 0);
  check_fits(run.out, 80);
}

TEST_CASE("entente describe lists every lever, event, outcome and policy in 80 columns", "[cli][describe]") {
  const auto& registry = entente::builtin_registry();
  const auto loaded = entente::load_scenario({kScenario, {}, {}}, registry);
  const auto& spec = loaded.spec;
  const auto text = run_cli("describe " + kScenario);
  REQUIRE(text.code == 0);
  CHECK(text.out == entente::analysis::describe_text(spec));
  check_fits(text.out, 80);
  // Each lever by its id and, for the briefing, its label (a long one may
  // wrap: compared with runs of white space as one space).
  std::string flat;
  for (char ch : text.out)
    if (!(std::isspace(static_cast<unsigned char>(ch)) && !flat.empty() && flat.back() == ' '))
      flat += std::isspace(static_cast<unsigned char>(ch)) ? ' ' : ch;
  for (const auto& l : spec.levers) {
    INFO(l.id);
    CHECK(l.label != l.id);
    CHECK(text.out.find("\n  " + l.id + " - ") != std::string::npos);
    CHECK(flat.find(" " + l.id + " - " + l.label + " kind ") != std::string::npos);
  }
  for (const auto& e : spec.events) CHECK(text.out.find("\n  " + e.id + "\n") != std::string::npos);
  for (const auto& o : spec.outcomes) CHECK(text.out.find("\n  " + o.id) != std::string::npos);
  for (const auto& p : spec.policies) CHECK(text.out.find(p.label) != std::string::npos);
  CHECK(text.out.find("Levers (" + std::to_string(spec.levers.size()) + ")") != std::string::npos);

  const auto json = nlohmann::json::parse(run_cli("describe " + kScenario + " --format json").out);
  CHECK(json["format"] == "entente-describe");
  CHECK(json["levers"].size() == spec.levers.size());
  CHECK(json["uncertainties"].size() == spec.uncertainties.size());
  CHECK(json["events"].size() == spec.events.size());
  CHECK(json["outcomes"].size() == spec.outcomes.size());
  REQUIRE(json["policies"].size() == spec.policies.size());
  CHECK(json["policies"][0]["label"] == spec.policies[0].label);
  CHECK(json["levers"][0]["label"] == spec.levers[0].label);
  CHECK(json["levers"][0]["description"] == "");
  CHECK(json["policies"][0]["description"] == spec.policies[0].description);

  const auto md = run_cli("describe " + kScenario + " --format markdown");
  CHECK(md.code == 0);
  CHECK(md.out.rfind("# sino\\_russia\\_2035\n", 0) == 0);
  CHECK(md.out.find("## Policies (8)") != std::string::npos);

  // Overrides apply, bad input is located and exits 2, a bad format is a usage error.
  CHECK(run_cli("describe " + kScenario + " --set time.end=2040").out.rfind("sino_russia_2035: 2021-2040 by year", 0) == 0);
  const auto bad = run_cli("describe " + kScenario + " --set levers.us_sanction_russia.intensity=0.5");
  CHECK(bad.code == 2);
  CHECK(bad.err.find("--set:1:") != std::string::npos);
  const auto fmt = run_cli("describe " + kScenario + " --format html");
  CHECK(fmt.code == 2);
  CHECK(fmt.err == "entente: error: --format must be text, json or markdown, got 'html'\n");
}

TEST_CASE("entente describe neutralises hostile strings in every format", "[cli][describe]") {
  const auto& registry = entente::builtin_registry();
  // A policy label with Markdown and HTML (the loader already refuses control
  // characters; describe drops them as well, for specs built in code).
  const std::string hostile = "'[x](javascript:1) | <b>*x*</b>'";
  const auto loaded = entente::load_scenario({kScenario, {}, {"policies.baseline.label=" + hostile}}, registry);
  auto spec = loaded.spec;
  spec.policies[0].label += " \x1b[2J";  // built in code, past the loader's check
  const std::string text = entente::analysis::describe_text(spec);
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(text.find("[x](javascript:1)") != std::string::npos);  // as text, where text cannot link
  const std::string md = entente::analysis::describe_markdown(spec);
  CHECK(md.find('\x1b') == std::string::npos);
  CHECK(md.find("<b>") == std::string::npos);
  CHECK(md.find("&lt;b&gt;") != std::string::npos);
  CHECK(md.find("\\[x\\](javascript:1) \\| ") != std::string::npos);
  CHECK(md.find("\\*x\\*") != std::string::npos);
  const auto j = entente::analysis::describe_json(loaded.spec);
  CHECK(j["policies"][0]["label"] == "[x](javascript:1) | <b>*x*</b>");
}
