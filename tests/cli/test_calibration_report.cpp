// entente calibrate --out DIR draws report.html from the result files
// (calibration.csv, points.csv, manifest.json): the summary, each
// parameter's prior and posterior quantiles and suggested distribution, a
// chart per parameter and the distances; every string from the scenario or
// the history escaped; `entente report DIR` redraws the same page; a report
// that fails never takes the results with it (docs/calibration.md, "The
// calibration report").
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "analysis/report/html.hpp"
#include "support/cli_runner.hpp"
#include "support/fixtures.hpp"

namespace fs = std::filesystem;
using entente::test::run_cli;
using entente::test::slurp;

namespace {

void replace_once(std::string& text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
}

// The growth fixture with a second uncertainty (b's growth rate) and hostile
// text in an uncertainty's source and an outcome's label and unit.
std::string hostile_scenario(const fs::path& dir) {
  std::string text = slurp(entente::test::source_path("tests/analysis/fixtures/backtest/growth.yaml"));
  replace_once(text, "b: {kind: state, attributes: {gdp: 300, growth: 0.03,",
               "b: {kind: state, attributes: {gdp: 300, growth: {ref: h},");
  replace_once(text, "g: {dist: uniform, min: 0.0, max: 0.06, source: test}",
               "g: {dist: uniform, min: 0.0, max: 0.06, source: 'Head <script>alert(1)</script> & \"Mayer\"'}\n"
               "  h: {dist: triangular, min: 0.01, mode: 0.03, max: 0.05, source: test}");
  replace_once(text, "label: GDP of a, unit: USD bn", "label: 'GDP <b>of</b> a', unit: 'USD <i>bn</i>'");
  const fs::path p = dir / "growth.yaml";
  std::ofstream(p) << text;
  return p.string();
}

// 3% growth for both, 2000-2021, and one series of no outcome whose name
// (in the note the report repeats) is markup.
std::string history(const fs::path& dir) {
  std::string csv = "year,series,value,unit,source\n";
  for (int y = 2000; y <= 2021; ++y) {
    csv += std::to_string(y) + ",gdp_a," + std::to_string(100.0 * std::exp(0.03 * (y - 2000))) + ",USD bn,test\n";
    csv += std::to_string(y) + ",gdp_b," + std::to_string(300.0 * std::exp(0.03 * (y - 2000))) + ",USD bn,test\n";
  }
  csv += "2001,gdp<img src=x>,5,USD bn,test\n";
  const fs::path p = dir / "history.csv";
  std::ofstream(p) << csv;
  return p.string();
}

// calibration.csv's fields (only the last, the suggestion, is ever quoted).
std::vector<std::string> calibration_row(const std::string& csv, const std::string& name) {
  std::istringstream in(csv);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(name + ",", 0) != 0) continue;
    std::vector<std::string> f;
    const auto quote = line.find('"');
    std::istringstream head(line.substr(0, quote));
    for (std::string x; std::getline(head, x, ',');) f.push_back(x);
    f.push_back(line.substr(quote + 1, line.size() - quote - 2));
    return f;
  }
  FAIL("no row " << name << " in calibration.csv");
  return {};
}

// The rows of parameter `name` (its <tbody>).
std::string parameter_row(const std::string& html, const std::string& name) {
  const auto at = html.find("<tbody id=\"param-" + name + "\">");
  REQUIRE(at != std::string::npos);
  return html.substr(at, html.find("</tbody>", at) - at);
}

// The sum of column `col` of a tab-separated .dat block 0.
double column_sum(const std::string& dat, std::size_t col) {
  std::istringstream in(dat);
  double sum = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) break;  // the end of block 0
    if (line[0] == '#') continue;
    std::istringstream fields(line);
    std::string x;
    for (std::size_t c = 0; c <= col; ++c) std::getline(fields, x, '\t');
    sum += std::stod(x);
  }
  return sum;
}

class FailingGnuplot {
 public:
  explicit FailingGnuplot(const fs::path& dir) {
    const fs::path bin = dir / "bin";
    fs::create_directories(bin);
    std::ofstream(bin / "gnuplot") << "#!/bin/sh\necho 'gnuplot: simulated failure' >&2\nexit 1\n";
    fs::permissions(bin / "gnuplot", fs::perms::owner_all);
    const char* p = std::getenv("PATH");
    old_ = p ? p : "/usr/bin:/bin";
    ::setenv("PATH", (bin.string() + ":" + old_).c_str(), 1);
  }
  ~FailingGnuplot() { ::setenv("PATH", old_.c_str(), 1); }

 private:
  std::string old_;
};

}  // namespace

TEST_CASE("entente calibrate --out writes report.html with every parameter's row, charts and escaped strings",
          "[cli][calibration][report]") {
  using entente::analysis::report::fmt_value;
  using entente::analysis::report::html_escape;
  const fs::path dir = entente::test::scratch_dir("calibration_report");
  const fs::path out = dir / "out";
  const auto r = run_cli("calibrate " + hostile_scenario(dir) + " --observed " + history(dir) +
                         " --until 2015 --samples 40 --runs-per-point 4 --accept 0.25 --seed 2 --threads 2 --out " +
                         out.string());
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(r.out.find("report: " + (out / "report.html").string()) != std::string::npos);
  // The results are there as before the report existed.
  for (const char* f : {"posterior.csv", "points.csv", "calibration.csv", "manifest.json"}) CHECK(fs::exists(out / f));
  const std::string html = slurp(out / "report.html");
  REQUIRE(!html.empty());

  // The answer first: the summary before the table, with the counts.
  const auto summary = html.find("id=\"summary\""), table = html.find("id=\"parameter-table\"");
  REQUIRE(summary != std::string::npos);
  REQUIRE(table != std::string::npos);
  CHECK(summary < table);
  CHECK(html.find("<strong>10 of 40 prior points kept</strong>") != std::string::npos);
  CHECK(html.find("against 32 observations of 2 series") != std::string::npos);

  // Each parameter's row: the prior and posterior 5/50/95% of
  // calibration.csv, formatted as the report formats them, and the
  // suggested distribution the terminal prints.
  const std::string cal = slurp(out / "calibration.csv");
  for (const std::string name : {"g", "h"}) {
    INFO(name);
    const auto f = calibration_row(cal, name);
    REQUIRE(f.size() == 10);
    const std::string row = parameter_row(html, name);
    for (std::size_t k = 1; k <= 6; ++k) CHECK(row.find("<td>" + fmt_value(std::stod(f[k])) + "</td>") != std::string::npos);
    CHECK(row.find("<code>" + html_escape(f[9]) + "</code>") != std::string::npos);
    CHECK(r.out.find(f[9]) != std::string::npos);
    // The chart, on disk and inline; each sample's shares add up to one.
    const fs::path dat = out / "charts" / ("calibration_" + name + ".dat");
    CHECK(fs::exists(out / "charts" / ("calibration_" + name + ".svg")));
    CHECK(html.find("id=\"chart-calibration_" + name + "\"") != std::string::npos);
    CHECK(column_sum(slurp(dat), 1) == Approx(1.0));
    CHECK(column_sum(slurp(dat), 2) == Approx(1.0));
  }
  CHECK(parameter_row(html, "h").find("<code>{dist: triangular, min: 0.01, mode: 0.03, max: 0.05}</code>") !=
        std::string::npos);
  CHECK(html.find("id=\"chart-calibration_distance\"") != std::string::npos);
  CHECK(html.find("id=\"distance-table\"") != std::string::npos);
  // Filled points reach the page: the symbol they use is kept inline.
  CHECK(html.find("id='c2-gpPt5'") != std::string::npos);

  // Hostile strings: escaped everywhere, the notes and the manifest included.
  for (const char* raw : {"<script", "<b>of", "<i>bn", "<img"}) {
    INFO(raw);
    CHECK(html.find(raw) == std::string::npos);
  }
  CHECK(html.find("Head &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Mayer&quot;") != std::string::npos);
  CHECK(html.find("GDP &lt;b&gt;of&lt;/b&gt; a") != std::string::npos);
  CHECK(html.find("gdp&lt;img src=x&gt;") != std::string::npos);

  // entente report DIR redraws the same page from the files, byte for byte
  // (the page's only timestamp is the manifest's, which it reads back).
  fs::remove(out / "report.html");
  fs::remove_all(out / "charts");
  const auto again = run_cli("report " + out.string());
  INFO(again.err);
  REQUIRE(again.code == 0);
  CHECK(slurp(out / "report.html") == html);
}

TEST_CASE("entente calibrate: a report that fails keeps the results, --strict-report makes it an error",
          "[cli][calibration][report]") {
  const fs::path dir = entente::test::scratch_dir("calibration_report_fails");
  const std::string scenario = entente::test::source_path("tests/analysis/fixtures/backtest/growth.yaml");
  const std::string args = "calibrate " + scenario + " --observed " + history(dir) +
                           " --until 2010 --samples 20 --runs-per-point 2 --threads 2 --out ";
  {
    FailingGnuplot failing(dir);
    const auto warn = run_cli(args + (dir / "a").string());
    CHECK(warn.code == 0);
    CHECK(warn.err.find("entente: warning: the report was not drawn: ") != std::string::npos);
    CHECK(warn.err.find("entente report " + (dir / "a").string()) != std::string::npos);
    for (const char* f : {"posterior.csv", "points.csv", "calibration.csv", "manifest.json"}) CHECK(fs::exists(dir / "a" / f));
    CHECK_FALSE(fs::exists(dir / "a" / "report.html"));
    const auto strict = run_cli(args + (dir / "b").string() + " --strict-report");
    CHECK(strict.code == 1);
    CHECK(fs::exists(dir / "b" / "posterior.csv"));
  }
  const auto none = run_cli(args + (dir / "c").string() + " --no-report");
  CHECK(none.code == 0);
  CHECK(fs::exists(dir / "c" / "calibration.csv"));
  CHECK_FALSE(fs::exists(dir / "c" / "report.html"));
  CHECK_FALSE(fs::exists(dir / "c" / "charts"));
  // Later, with gnuplot back, the report is drawn from the files.
  REQUIRE(run_cli("report " + (dir / "a").string()).code == 0);
  CHECK(fs::exists(dir / "a" / "report.html"));
}

TEST_CASE("entente report: a calibration directory with a broken file is exit 2 naming the file and line",
          "[cli][calibration][report]") {
  const fs::path dir = entente::test::scratch_dir("calibration_report_bad");
  const std::string scenario = entente::test::source_path("tests/analysis/fixtures/backtest/growth.yaml");
  REQUIRE(run_cli("calibrate " + scenario + " --observed " + history(dir) +
                  " --until 2010 --samples 20 --runs-per-point 2 --threads 2 --no-report --out " + (dir / "out").string())
              .code == 0);
  // Line 3 (the second point): its distance is no number.
  std::istringstream in(slurp(dir / "out" / "points.csv"));
  std::string points;
  int n = 0;
  for (std::string line; std::getline(in, line);) {
    if (++n == 3) {
      const auto a = line.find(','), b = line.find(',', a + 1);
      line = line.substr(0, a + 1) + "oops" + line.substr(b);
    }
    points += line + "\n";
  }
  std::ofstream(dir / "out" / "points.csv") << points;
  const auto r = run_cli("report " + (dir / "out").string());
  CHECK(r.code == 2);
  CHECK(r.err.find((dir / "out" / "points.csv").string() + ":3: distance: expected a finite number, got 'oops'") !=
        std::string::npos);
  CHECK_FALSE(fs::exists(dir / "out" / "report.html"));
  // Missing points.csv names the file and what the directory should be.
  fs::remove(dir / "out" / "points.csv");
  const auto missing = run_cli("report " + (dir / "out").string());
  CHECK(missing.code == 2);
  CHECK(missing.err.find("points.csv: missing; expected the output directory of 'entente calibrate --out'") !=
        std::string::npos);
}
