// entente backtest --out DIR draws report.html from the result files: the
// score table's values, the fan charts and the PIT histogram; every string
// from the scenario or the history escaped; a report that fails never takes
// the results with it (docs/calibration.md, "The backtest report").
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "analysis/report/html.hpp"
#include "support/cli_runner.hpp"
#include "support/fixtures.hpp"

namespace fs = std::filesystem;
using entente::test::run_cli;
using entente::test::slurp;

namespace {

// The growth fixture with hostile text in an outcome's label and unit.
std::string hostile_scenario(const fs::path& dir) {
  std::string text = slurp(entente::test::source_path("tests/analysis/fixtures/backtest/growth.yaml"));
  const std::string from = "gdp_a: {series: gdp.a, label: GDP of a, unit: USD bn}";
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(),
               "gdp_a: {series: gdp.a, label: 'GDP <script>alert(1)</script> & \"a\"', unit: 'USD <b>bn</b>'}");
  const fs::path p = dir / "growth.yaml";
  std::ofstream(p) << text;
  return p.string();
}

std::string history(const fs::path& dir) {
  std::string csv = "year,series,value,unit,source\n";
  for (int y = 2000; y <= 2021; ++y) {
    csv += std::to_string(y) + ",gdp_a," + std::to_string(100.0 * std::exp(0.03 * (y - 2000))) + ",USD bn,test\n";
    csv += std::to_string(y) + ",gdp_b," + std::to_string(300.0 * std::exp(0.03 * (y - 2000))) + ",USD bn,test\n";
  }
  const fs::path p = dir / "history.csv";
  std::ofstream(p) << csv;
  return p.string();
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

TEST_CASE("entente backtest --origin --out writes report.html with the score table, charts and escaped strings",
          "[cli][backtest][report]") {
  using entente::analysis::report::fmt_value;
  const fs::path dir = entente::test::scratch_dir("backtest_report");
  const fs::path out = dir / "out";
  const auto r = run_cli("backtest " + hostile_scenario(dir) + " --observed " + history(dir) +
                         " --runs 200 --seed 3 --origin 2017 --obs-error 0.05 --threads 2 --out " + out.string());
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(r.out.find("report: " + (out / "report.html").string()) != std::string::npos);
  const std::string html = slurp(out / "report.html");
  REQUIRE(!html.empty());
  const auto j = nlohmann::json::parse(slurp(out / "backtest.json"));
  // The pooled and per-series scores, formatted as the report formats them.
  for (const char* key : {"crps_model", "crps_persistence", "crps_trend", "crps_walk", "coverage_90", "sharpness"}) {
    INFO(key);
    const std::string v = fmt_value(j["overall_out_of_sample"][key].get<double>());
    const bool found = html.find("<td>" + v + "</td>") != std::string::npos ||
                       html.find("<td class=\"best\">" + v + "</td>") != std::string::npos;
    CHECK(found);
  }
  for (const auto& s : j["series"]) {
    const double crps = s["scores_out_of_sample"]["crps_model"];
    CHECK(html.find(">" + fmt_value(crps) + "</td>") != std::string::npos);
  }
  // The lead table holds every lead of leads.csv.
  CHECK(html.find("id=\"lead-table\"") != std::string::npos);
  for (int lead = 1; lead <= 4; ++lead) CHECK(html.find(">" + std::to_string(lead) + (lead == 1 ? " year<" : " years<")) != std::string::npos);
  // The conditioned and open-loop fans of both series, the PIT histogram, inline.
  CHECK(j["series"][0].contains("open_loop_bands"));
  for (const char* stem : {"backtest_gdp_a", "backtest_gdp_b", "backtest_pit"}) {
    INFO(stem);
    CHECK(fs::exists(out / "charts" / (std::string(stem) + ".svg")));
    CHECK(html.find("id=\"chart-" + std::string(stem) + "\"") != std::string::npos);
  }
  CHECK(slurp(out / "charts" / "backtest_gdp_a.gp").find("open-loop median") != std::string::npos);
  CHECK(html.find("id=\"filter-table\"") != std::string::npos);
  // Hostile strings: escaped everywhere, the inline SVG included.
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<b>bn") == std::string::npos);
  CHECK(html.find("GDP &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;a&quot;") != std::string::npos);
  // Offline: no remote resource (the SVG namespace declarations are names, not resources).
  static const std::regex attr(R"re(\b(src|href|xlink:href)\s*=\s*["']([^"']*)["'])re");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), attr); it != std::sregex_iterator(); ++it) {
    const std::string value = (*it)[2].str();
    INFO(value);
    CHECK((value.rfind("http", 0) == std::string::npos && value.rfind("//", 0) == std::string::npos));
  }
  for (const char* banned : {"<link", "<img", "<iframe", "@import", "url(http", "url(//"}) CHECK(html.find(banned) == std::string::npos);
  // entente report DIR redraws the same page from the files.
  fs::remove(out / "report.html");
  REQUIRE(run_cli("report " + out.string()).code == 0);
  CHECK(slurp(out / "report.html") == html);
}

TEST_CASE("entente backtest: a report that fails keeps the results, --strict-report makes it an error",
          "[cli][backtest][report]") {
  const fs::path dir = entente::test::scratch_dir("backtest_report_fails");
  const std::string scenario = entente::test::source_path("tests/analysis/fixtures/backtest/growth.yaml");
  const std::string args = "backtest " + scenario + " --observed " + history(dir) + " --runs 50 --until 2015 --out ";
  FailingGnuplot failing(dir);
  const auto warn = run_cli(args + (dir / "a").string());
  CHECK(warn.code == 0);
  CHECK(warn.err.find("entente: warning: the report was not drawn: ") != std::string::npos);
  CHECK(warn.err.find("entente report " + (dir / "a").string()) != std::string::npos);
  CHECK(fs::exists(dir / "a" / "backtest.json"));
  CHECK(fs::exists(dir / "a" / "manifest.json"));
  CHECK_FALSE(fs::exists(dir / "a" / "report.html"));
  const auto strict = run_cli(args + (dir / "b").string() + " --strict-report");
  CHECK(strict.code == 1);
  CHECK(fs::exists(dir / "b" / "scores.csv"));
  const auto none = run_cli(args + (dir / "c").string() + " --no-report");
  CHECK(none.code == 0);
  CHECK(none.err.find("report was not drawn") == std::string::npos);
  CHECK_FALSE(fs::exists(dir / "c" / "charts"));
}
