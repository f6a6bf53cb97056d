// Paired policy comparison: exact zero against itself, the expected sign in
// every run for a monotone lever, narrower intervals than independent draws,
// regret, and thread-count independence.
#include <catch2/catch.hpp>
#include <cmath>
#include <sstream>

#include "analysis/compare/compare_writers.hpp"
#include "analysis/compare/paired_comparison.hpp"
#include "analysis/compare/verdict.hpp"
#include "sim/engine/ensemble.hpp"
#include "support/fixtures.hpp"

using namespace entente;
using namespace entente::analysis;

namespace {

// Sanctions by a on b from the first step under policy "tough"; GDP shocks
// make runs differ so that intervals have width.
std::string sanction_scenario() {
  test::MiniScenario m;
  m.growth_sd = "0.05";
  m.trade_params = "{adjustment_rate: 0.5}";
  m.outcomes =
      "  trade_ab: {series: trade.a.b, direction: higher_is_better, headline: true, thresholds: [{below: 9}]}\n"
      "  gdp_b: {series: gdp.b, direction: higher_is_better}\n"
      "  dep_ba: {series: dependence.b.a}\n";
  m.extra =
      "levers:\n"
      "  s: {kind: sanctions, owner: a, target: b, channels: [goods], intensity: 0, source: test}\n"
      "policies:\n"
      "  calm: {description: no sanctions, levers: {s: {intensity: 0}}}\n"
      "  tough: {description: full sanctions, levers: {s: {intensity: 1}}}\n";
  return m.yaml();
}

struct Comparison {
  LoadedScenario loaded;
  std::vector<std::unique_ptr<CompiledScenario>> compiled;
  std::unique_ptr<PairedComparison> result;
};

Comparison compare(const std::vector<std::string>& policies, std::uint64_t runs, int threads, std::uint64_t seed = 3) {
  Comparison c;
  c.loaded = test::load_text(sanction_scenario());
  std::vector<const CompiledScenario*> variants;
  for (const auto& p : policies) {
    c.compiled.push_back(compile_for_policy(c.loaded, builtin_registry(), p));
    variants.push_back(c.compiled.back().get());
  }
  const std::size_t last = static_cast<std::size_t>(variants.front()->n_steps);
  c.result = std::make_unique<PairedComparison>(variants, std::vector<std::size_t>{last / 2, last});
  EnsembleOptions opt;
  opt.seed = seed;
  opt.runs = runs;
  opt.threads = threads;
  run_ensemble(variants, opt, *c.result);
  return c;
}

}  // namespace

TEST_CASE("a policy compared with itself differs by exactly zero in every run", "[compare]") {
  auto c = compare({"tough", "tough"}, 500, 2);
  const auto& g = c.result->grid();
  for (std::size_t o = 0; o < g.outcomes(); ++o) {
    for (std::size_t s = 0; s < g.steps(); ++s) {
      const DifferenceCell& d = g.difference(1, o, s);
      REQUIRE(d.stats.count() == 500);
      CHECK(d.stats.min() == 0.0);
      CHECK(d.stats.max() == 0.0);
      CHECK(d.better == 0);
    }
  }
}

TEST_CASE("a sanction lowers the sanctioned flow in every single run", "[compare]") {
  auto c = compare({"calm", "tough"}, 500, 2);
  const auto& g = c.result->grid();
  const std::size_t trade_ab = 0, end = g.steps() - 1;
  for (std::size_t s = 1; s < g.steps(); ++s) {
    const DifferenceCell& d = g.difference(1, trade_ab, s);
    CHECK(d.stats.max() < 0.0);  // tough - calm < 0 in every run
    CHECK(d.better == 0);        // trade is higher_is_better: tough is never better
  }
  // Regret at the end: calm is the best policy of every run for trade_ab.
  const std::size_t r_end = g.regret_steps().size() - 1;
  CHECK(g.regret(trade_ab, r_end, 0).stats.max() == 0.0);
  CHECK(g.regret(trade_ab, r_end, 1).stats.min() > 0.0);
  CHECK(g.regret(trade_ab, r_end, 1).stats.mean() == Approx(-g.difference(1, trade_ab, end).stats.mean()));
}

TEST_CASE("common random numbers give a narrower interval than independent draws", "[compare]") {
  auto c = compare({"calm", "tough"}, 2000, 2);
  auto j = compare_json(*c.result, {&c.loaded, 3, {5, 10}});
  for (const auto& d : j["differences"]) {
    if (d["outcome"] != "trade_ab" && d["outcome"] != "gdp_b") continue;
    const auto& paired = d["paired_ci95_width"];
    const auto& independent = d["independent_ci95_width"];
    for (std::size_t s = 1; s < paired.size(); ++s) {
      INFO(d["outcome"] << " step " << s);
      // Trade in the first step follows the start-year GDPs (GDP moves after
      // trade), so both intervals are empty there.
      if (independent[s].get<double>() == 0.0) CHECK(paired[s].get<double>() == 0.0);
      else CHECK(paired[s].get<double>() < independent[s].get<double>());
    }
  }
  REQUIRE_FALSE(j["variance_reduction"].is_null());
  CHECK(j["variance_reduction"]["outcome"] == "trade_ab");
  CHECK(j["variance_reduction"]["ratio"].get<double>() > 1.0);
}

TEST_CASE("comparison outputs are byte-identical for 1 and 2 threads", "[compare][determinism]") {
  auto one = compare({"calm", "tough"}, 300, 1);
  auto two = compare({"calm", "tough"}, 300, 2);
  const CompareContext ctx1{&one.loaded, 3, {5, 10}}, ctx2{&two.loaded, 3, {5, 10}};
  CHECK(compare_json(*one.result, ctx1).dump() == compare_json(*two.result, ctx2).dump());
  CHECK(compare_csv(*one.result) == compare_csv(*two.result));
  CHECK(compare_table(*one.result, ctx1) == compare_table(*two.result, ctx2));
}

TEST_CASE("compare.json holds every section with one value per year", "[compare]") {
  auto c = compare({"calm", "tough"}, 200, 2);
  auto j = compare_json(*c.result, {&c.loaded, 3, {5, 10}});
  CHECK(j["format"] == "entente-compare");
  CHECK(j["reference"] == "calm");
  CHECK(j["report_years"] == nlohmann::ordered_json::array({2025.0, 2030.0}));
  const std::size_t years = j["years"].size();
  REQUIRE(years == 11);
  CHECK(j["policies"].size() == 2);
  CHECK(j["policies"][1]["description"] == "full sanctions");
  CHECK(j["summaries"]["tough"]["trade_ab"]["p50"].size() == years);
  CHECK(j["differences"].size() == 3);  // one per outcome for the one non-reference policy
  for (const auto& d : j["differences"]) {
    CHECK(d["mean"].size() == years);
    for (std::size_t s = 0; s < years; ++s) CHECK(d["ci95_lo"][s].get<double>() <= d["ci95_hi"][s].get<double>());
  }
  // dep_ba has no direction: no P(better) and no regret.
  CHECK(j["differences"][2]["p_better"][3].is_null());
  for (const auto& r : j["regret"]) CHECK(r["outcome"] != "dep_ba");
  // One threshold x two policies.
  REQUIRE(j["thresholds"].size() == 2);
  CHECK(j["thresholds"][1]["p_by"][10].get<double>() >= j["thresholds"][1]["p_at"][10].get<double>());
}

TEST_CASE("a policy identical to the reference: no practical difference, every run counted as the same", "[compare][verdict]") {
  auto c = compare({"tough", "tough"}, 300, 2);
  const CompareContext ctx{&c.loaded, 3, {5, 10}};
  const auto j = compare_json(*c.result, ctx);
  for (const auto& d : j["differences"]) {
    INFO(d["outcome"]);
    for (std::size_t s = 0; s < d["mean"].size(); ++s) {
      // Ties are reported as their own share, not as "not better".
      CHECK(d["p_no_practical_difference"][s].get<double>() == 1.0);
      if (d["outcome"] == "dep_ba") continue;  // neutral: no better or worse
      CHECK(d["p_better"][s].get<double>() == 0.0);
      CHECK(d["p_worse"][s].get<double>() == 0.0);
      const double mean = d["mean"][s], lo = d["ci95_lo"][s], hi = d["ci95_hi"][s];
      CHECK(judge(Direction::kHigherIsBetter, mean, lo, hi, 0.0) == Verdict::kNoPracticalDifference);
    }
  }
  const std::string table = compare_table(*c.result, ctx);
  CHECK(table.find("= 0 in every run") != std::string::npos);
  CHECK(table.find("+ ") == table.find("+ better"));  // no row reads "better"
}

TEST_CASE("runs better, within min_effect and worse add up to every run", "[compare][verdict]") {
  auto c = compare({"calm", "tough"}, 300, 2);
  const auto j = compare_json(*c.result, {&c.loaded, 3, {5, 10}});
  for (const auto& d : j["differences"]) {
    if (d["p_better"][3].is_null()) continue;
    for (std::size_t s = 0; s < d["mean"].size(); ++s)
      CHECK(d["p_better"][s].get<double>() + d["p_no_practical_difference"][s].get<double>() +
                d["p_worse"][s].get<double>() ==
            Approx(1.0).margin(1e-12));
  }
  // tough cuts trade in every run after the first step: worse in every run.
  CHECK(j["differences"][0]["p_worse"][10].get<double>() == 1.0);
}

TEST_CASE("the terminal comparison table fits 100 columns and shows verdicts by policy label", "[compare][verdict]") {
  auto c = compare({"calm", "tough"}, 200, 2);
  const std::string table = compare_table(*c.result, {&c.loaded, 3, {5, 10}});
  std::istringstream lines(table);
  std::string line;
  while (std::getline(lines, line)) {
    INFO(line);
    CHECK(line.size() <= 100 + 2);  // "±" is two bytes, one column
  }
  CHECK(table.find("  tough ") != std::string::npos);
  CHECK(table.find("- -") != std::string::npos);  // trade: worse, a negative difference
}
