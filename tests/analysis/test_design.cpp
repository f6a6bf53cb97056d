// Experiment designs: stratification, completeness, the Sobol' and Morris row
// layouts, the inverse-CDF mapping, Iman-Conover rank correlation, params file
// diagnostics and `entente design` end to end.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>

#include "support/cli_runner.hpp"
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "analysis/design/design.hpp"
#include "analysis/design/design_csv.hpp"
#include "analysis/design/make_design.hpp"
#include "analysis/design/params_file.hpp"
#include "analysis/design/rank_correlation.hpp"
#include "sim/io/diagnostics.hpp"

using namespace entente;
using namespace entente::analysis;

namespace fs = std::filesystem;

namespace {

Distribution uniform(double lo, double hi) { return {DistKind::kUniform, lo, hi, 0, false, 0, 0}; }
Distribution normal(double mean, double sd) { return {DistKind::kNormal, mean, sd, 0, false, 0, 0}; }

std::vector<DesignParameter> three_params() {
  Distribution tn = normal(0, 1);
  tn.truncated = true;
  tn.lo = -1;
  tn.hi = 2;
  return {{"a", uniform(-3, 3)}, {"b", tn}, {"c", {DistKind::kBeta, 2, 5, 0, false, 0, 0}}};
}

std::vector<DesignParameter> ishigami() {
  const double pi = 3.14159265;
  return {{"x1", uniform(-pi, pi)}, {"x2", uniform(-pi, pi)}, {"x3", uniform(-pi, pi)}};
}

void check_mapping(const Design& d, const std::vector<DesignParameter>& params) {
  REQUIRE(d.x.size() == d.u.size());
  for (std::size_t i = 0; i < d.rows(); ++i) {
    REQUIRE(d.u[i].size() == params.size());
    for (std::size_t j = 0; j < params.size(); ++j) {
      const double u = d.u[i][j];
      if (d.kind == "morris") {
        REQUIRE(d.x[i][j] == morris_value(params[j].dist, u));
        continue;
      }
      REQUIRE((u > 0 && u < 1));
      REQUIRE(d.x[i][j] == params[j].dist.quantile(u));
    }
  }
}

// Every message of a ScenarioError, formatted, in order.
std::vector<std::string> params_errors(const std::string& yaml) {
  try {
    parse_params_text(yaml, "p.yaml");
  } catch (const ScenarioError& e) {
    std::vector<std::string> out;
    for (const auto& d : e.diagnostics()) out.push_back(d.format());
    return out;
  }
  return {};
}

}  // namespace

TEST_CASE("a Latin hypercube has exactly one point in each stratum of each dimension", "[design]") {
  const auto params = three_params();
  for (int maximin : {0, 20}) {
    INFO("maximin " << maximin);
    const std::size_t n = 50;
    const Design d = make_lhs(params, n, 11, maximin);
    CHECK(d.kind == "lhs");
    REQUIRE(d.rows() == n);
    for (std::size_t j = 0; j < params.size(); ++j) {
      std::vector<int> count(n, 0);
      for (const auto& row : d.u) ++count[static_cast<std::size_t>(row[j] * static_cast<double>(n))];
      CHECK(std::all_of(count.begin(), count.end(), [](int c) { return c == 1; }));
    }
    check_mapping(d, params);
  }
  // Same seed, same design; another seed, another design.
  CHECK(make_lhs(params, 30, 5).u == make_lhs(params, 30, 5).u);
  CHECK(make_lhs(params, 30, 5).u != make_lhs(params, 30, 6).u);
}

TEST_CASE("maximin selection never spreads the points less than the plain hypercube", "[design]") {
  auto min_dist = [](const Design& d) {
    double best = 1e300;
    for (std::size_t a = 0; a < d.rows(); ++a)
      for (std::size_t b = a + 1; b < d.rows(); ++b) {
        double s = 0;
        for (std::size_t j = 0; j < d.dimension(); ++j) s += (d.u[a][j] - d.u[b][j]) * (d.u[a][j] - d.u[b][j]);
        best = std::min(best, s);
      }
    return best;
  };
  const auto params = ishigami();
  const double plain = min_dist(make_lhs(params, 40, 2, 0));
  const double chosen = min_dist(make_lhs(params, 40, 2, 50));
  CHECK(chosen >= plain);
  CHECK(chosen > plain);  // 50 candidates: the first is very unlikely to be the best
}

TEST_CASE("a grid holds every combination of levels exactly once, first parameter slowest", "[design]") {
  const auto params = three_params();
  const int levels = 4;
  const Design d = make_grid(params, levels);
  REQUIRE(d.rows() == 64);
  CHECK(d.levels == 4);
  CHECK(d.base_samples == 4);
  std::map<std::vector<int>, int> seen;
  for (const auto& row : d.u) {
    std::vector<int> key;
    for (double u : row) {
      const double l = u * levels - 0.5;
      CHECK(std::fabs(l - std::round(l)) < 1e-12);  // level centres (i + 0.5) / L
      key.push_back(static_cast<int>(std::lround(l)));
    }
    ++seen[key];
  }
  CHECK(seen.size() == 64);
  for (const auto& [key, count] : seen) CHECK(count == 1);
  // Row order: like itertools.product, the last parameter varies fastest.
  CHECK(d.u[0] == std::vector<double>{0.125, 0.125, 0.125});
  CHECK(d.u[1] == std::vector<double>{0.125, 0.125, 0.375});
  CHECK(d.u[16] == std::vector<double>{0.375, 0.125, 0.125});
  check_mapping(d, params);
  // Too large a grid is refused before anything is allocated.
  std::vector<DesignParameter> seven;
  for (int j = 0; j < 7; ++j) seven.push_back({"p" + std::to_string(j), uniform(0, 1)});
  CHECK_THROWS_WITH(make_grid(seven, 11), Catch::Contains("more than 10^7 points"));
}

TEST_CASE("a Sobol' design follows SALib's Saltelli layout", "[design]") {
  const auto params = three_params();
  const std::size_t k = 3, n = 16;
  for (bool second : {false, true}) {
    INFO("second order " << second);
    const Design d = make_sobol(params, n, 1, second);
    const std::size_t per = second ? 2 * k + 2 : k + 2;
    REQUIRE(d.rows() == n * per);
    CHECK(d.base_samples == n);
    CHECK(d.second_order == second);
    for (std::size_t j = 0; j < n; ++j) {
      const auto& a = d.u[sobol_row_a(j, k, second)];
      const auto& b = d.u[sobol_row_b(j, k, second)];
      CHECK(sobol_row_a(j, k, second) == j * per);
      CHECK(sobol_row_b(j, k, second) == j * per + per - 1);
      for (std::size_t i = 0; i < k; ++i) {
        const auto& ab = d.u[sobol_row_ab(j, i, k, second)];
        for (std::size_t c = 0; c < k; ++c) CHECK(ab[c] == (c == i ? b[c] : a[c]));
        if (second) {
          const auto& ba = d.u[sobol_row_ba(j, i, k)];
          for (std::size_t c = 0; c < k; ++c) CHECK(ba[c] == (c == i ? a[c] : b[c]));
        }
      }
    }
    check_mapping(d, params);
  }
  // Deterministic, and independent of the seed (the sequence is skipped, not shifted).
  CHECK(make_sobol(params, 8, 1, false).x == make_sobol(params, 8, 1, false).x);
  CHECK(make_sobol(params, 8, 1, false).x == make_sobol(params, 8, 99, false).x);
}

TEST_CASE("Sobol' base points are the Joe-Kuo sequence after SALib's skip", "[design]") {
  CHECK(sobol_skip(1) == 16);
  CHECK(sobol_skip(16) == 16);
  CHECK(sobol_skip(17) == 32);
  CHECK(sobol_skip(1024) == 1024);
  CHECK(sobol_skip(1025) == 2048);
  // One parameter: A and B are the two coordinates of a 2-d Sobol' sequence
  // (Gray-code order, as SALib and scipy). Its point 16 is 24 = 0b11000 in
  // Gray code: dimension 1 has v3 = 1/16, v4 = 1/32; dimension 2 (m = 1, 3,
  // 5, 15, 17) has v3 = 15/16, v4 = 17/32.
  const Design d = make_sobol({{"a", uniform(0, 1)}}, 4, 1, false);
  REQUIRE(d.rows() == 12);
  CHECK(d.u[0][0] == 1.0 / 16 + 1.0 / 32);                      // A_0, point 16
  CHECK(d.u[2][0] == 0.46875);                                  // B_0 = 15/16 xor 17/32
  CHECK(d.u[3][0] == 0.59375);                                  // A_1, point 17: v0 ^ v3 ^ v4 (Gray 25)
}

TEST_CASE("Morris trajectories move one coordinate at a time by delta", "[design]") {
  const auto params = three_params();
  const std::size_t k = 3, r = 25;
  for (int p : {4, 6}) {
    INFO("levels " << p);
    const Design d = make_morris(params, r, p, 3);
    REQUIRE(d.rows() == r * (k + 1));
    CHECK(d.levels == p);
    CHECK(d.base_samples == r);
    const double delta = morris_delta(p);
    for (std::size_t t = 0; t < r; ++t) {
      std::vector<int> moved(k, 0);
      for (std::size_t m = 0; m < k; ++m) {
        const auto& a = d.u[t * (k + 1) + m];
        const auto& b = d.u[t * (k + 1) + m + 1];
        int changed = 0;
        for (std::size_t j = 0; j < k; ++j) {
          if (a[j] == b[j]) continue;
          ++changed;
          ++moved[j];
          CHECK(std::fabs(std::fabs(b[j] - a[j]) - delta) < 1e-12);
        }
        CHECK(changed == 1);
      }
      CHECK(moved == std::vector<int>(k, 1));
    }
    // Every value is on the grid {0, 1/(p-1), ..., 1}.
    for (const auto& row : d.u)
      for (double g : row) {
        const double l = g * (p - 1);
        CHECK(std::fabs(l - std::round(l)) < 1e-12);
        CHECK((g >= 0 && g <= 1));
      }
    check_mapping(d, params);
  }
  CHECK(make_morris(params, 5, 4, 9).u == make_morris(params, 5, 4, 9).u);
  CHECK(make_morris(params, 5, 4, 9).u != make_morris(params, 5, 4, 10).u);
  CHECK_THROWS_WITH(make_morris(params, 5, 5, 1), Catch::Contains("even"));
}

TEST_CASE("designs map unit-cube points through the inverse CDF, truncation included", "[design]") {
  Distribution tn = normal(0, 1);
  tn.truncated = true;
  tn.lo = -1;
  tn.hi = 2;
  Distribution tl = {DistKind::kLognormal, 0, 1, 0, true, 0.5, 3};
  const std::vector<DesignParameter> params = {{"tn", tn}, {"tl", tl}, {"tri", {DistKind::kTriangular, 0, 1, 4, false, 0, 0}}};
  for (const Design& d : {make_lhs(params, 500, 1), make_monte_carlo(params, 500, 1), make_sobol(params, 64, 1, true),
                          make_grid(params, 7), make_morris(params, 30, 4, 1)}) {
    INFO(d.kind);
    check_mapping(d, params);
    for (const auto& row : d.x) {
      CHECK((row[0] >= -1 && row[0] <= 2));
      CHECK((row[1] >= 0.5 && row[1] <= 3));
      CHECK((row[2] >= 0 && row[2] <= 4));
    }
  }
  // The median of the unit cube is the distribution's median.
  const Design g = make_grid({{"n", normal(10, 2)}}, 3);
  CHECK(g.x[1][0] == Approx(10).margin(1e-12));
  CHECK(g.x[0][0] == Approx(10 + 2 * -0.967421566101701).epsilon(1e-9));  // quantile(1/6)
  // Morris grid ends: a bounded distribution's bounds, else the 1e-9 quantiles.
  const Design m = make_morris({{"u", uniform(2, 4)}, {"n", normal(0, 1)}, {"t", tn}}, 10, 4, 1);
  std::set<double> us, ns, ts;
  for (const auto& row : m.x) {
    us.insert(row[0]);
    ns.insert(row[1]);
    ts.insert(row[2]);
  }
  CHECK(us == std::set<double>{2, 2 + 2.0 / 3, 2 + 2 * (2.0 / 3), 4});
  CHECK(*ns.begin() == Approx(-5.997807015).epsilon(1e-9));
  CHECK(*ns.rbegin() == Approx(5.997807015).epsilon(1e-9));
  CHECK(*ts.begin() == -1);
  CHECK(*ts.rbegin() == 2);
}

TEST_CASE("Monte Carlo designs extend: a smaller n is a prefix of a larger one", "[design]") {
  const auto params = three_params();
  const Design small = make_monte_carlo(params, 10, 4), large = make_monte_carlo(params, 100, 4);
  for (std::size_t i = 0; i < 10; ++i) CHECK(small.u[i] == large.u[i]);
  CHECK(make_monte_carlo(params, 10, 5).u != small.u);
}

TEST_CASE("Iman-Conover reaches the target rank correlation and keeps every column's values", "[design]") {
  const auto params = three_params();
  const Matrix target = {{1, 0.5, -0.3}, {0.5, 1, 0.2}, {-0.3, 0.2, 1}};
  for (const char* kind : {"lhs", "mc"}) {
    INFO(kind);
    Design d = std::string(kind) == "lhs" ? make_lhs(params, 1000, 8) : make_monte_carlo(params, 1000, 8);
    const Design before = d;
    apply_rank_correlation(d, target);
    const Matrix s = spearman_correlation(d.x);
    for (std::size_t a = 0; a < 3; ++a)
      for (std::size_t b = 0; b < 3; ++b) CHECK(std::fabs(s[a][b] - target[a][b]) < 0.05);
    for (std::size_t j = 0; j < 3; ++j) {
      std::vector<double> u0, u1, x0, x1;
      for (std::size_t i = 0; i < 1000; ++i) {
        u0.push_back(before.u[i][j]);
        u1.push_back(d.u[i][j]);
        x0.push_back(before.x[i][j]);
        x1.push_back(d.x[i][j]);
      }
      for (auto* v : {&u0, &u1, &x0, &x1}) std::sort(v->begin(), v->end());
      CHECK(u0 == u1);
      CHECK(x0 == x1);
    }
    check_mapping(d, params);
    // Deterministic.
    Design again = before;
    apply_rank_correlation(again, target);
    CHECK(again.u == d.u);
  }
  // Before: near zero; the method really moved it.
  const Matrix s0 = spearman_correlation(make_lhs(params, 1000, 8).x);
  CHECK(std::fabs(s0[0][1]) < 0.1);
}

TEST_CASE("Iman-Conover refuses bad targets and designs whose layout it would break", "[design]") {
  const auto params = three_params();
  Design d = make_lhs(params, 100, 1);
  const Matrix not_pd = {{1, 0.9, -0.9}, {0.9, 1, 0.9}, {-0.9, 0.9, 1}};
  CHECK_THROWS_WITH(apply_rank_correlation(d, not_pd), Catch::Contains("not positive definite"));
  CHECK_THROWS_WITH(apply_rank_correlation(d, {{1, 0.2}, {0.2, 1}}), Catch::Contains("3 x 3"));
  CHECK_THROWS_WITH(apply_rank_correlation(d, {{1, 0.2, 0}, {0.3, 1, 0}, {0, 0, 1}}), Catch::Contains("symmetric"));
  Design s = make_sobol(params, 8, 1, false);
  const Matrix ok = {{1, 0.5, 0}, {0.5, 1, 0}, {0, 0, 1}};
  CHECK_THROWS_WITH(apply_rank_correlation(s, ok), Catch::Contains("lhs and mc designs only"));
}

TEST_CASE("params files are read with the scenario distribution syntax", "[design]") {
  const auto p = parse_params_text(
      "parameters:\n"
      "  x1: {dist: uniform, min: -3.14159265, max: 3.14159265}\n"
      "  x2: {dist: normal, mean: 0, sd: 1, truncate: [-2, 2], source: test}\n"
      "  gdp.growth: {dist: beta, a: 2, b: 3}\n"
      "correlations:\n"
      "  - {a: x1, b: x2, rank: 0.5}\n",
      "p.yaml");
  REQUIRE(p.parameters.size() == 3);
  CHECK(p.parameters[0].name == "x1");
  CHECK(p.parameters[1].dist.truncated);
  CHECK(p.parameters[2].name == "gdp.growth");
  CHECK(p.has_correlations);
  CHECK(p.correlation == Matrix{{1, 0.5, 0}, {0.5, 1, 0}, {0, 0, 1}});
  const auto q = parse_params_text("parameters:\n  a: {dist: uniform, min: 0, max: 1}\n", "q.yaml");
  CHECK(!q.has_correlations);
  CHECK(q.correlation == Matrix{{1}});
}

TEST_CASE("params file mistakes are reported at once with file:line:column", "[design]") {
  const auto errors = params_errors(
      "parameters:\n"
      "  x1: {dist: unifrom, min: 0, max: 1}\n"
      "  x2: {dist: normal, mean: 0, sd: 0}\n"
      "  x3: 0.5\n"
      "  x4: {value: 2}\n"
      "  x5: {ref: growth}\n"
      "parameter: 1\n");
  const std::vector<std::string> expected = {
      "p.yaml:2:14: error: unknown distribution 'unifrom' in parameter 'x1'; expected fixed, uniform, triangular, "
      "normal, lognormal or beta (did you mean 'uniform'?)",
      "p.yaml:3:7: error: impossible distribution in parameter 'x2': normal needs sd > 0",
      "p.yaml:4:7: error: parameter 'x3' is a plain number; a design parameter must vary: give a distribution, "
      "e.g. {dist: uniform, min: 0, max: 1}",
      "p.yaml:5:7: error: parameter 'x4' is fixed; a design parameter must vary: give a distribution, "
      "e.g. {dist: uniform, min: 0, max: 1}",
      "p.yaml:6:7: error: parameter 'x5': {ref: ...} is not allowed in a params file; give the distribution itself, "
      "e.g. {dist: uniform, min: 0, max: 1}",
      "p.yaml:7:1: error: unknown key 'parameter' in the params file (did you mean 'parameters'?)",
  };
  CHECK(errors == expected);

  CHECK(params_errors("parameters:\n  a: {dist: uniform, min: 0, max: 1}\n  b: {dist: uniform, min: 0, max: 1}\n"
                      "correlations:\n  - {a: a, b: bb, rank: 0.5}\n  - {a: a, b: a, rank: 0.1}\n"
                      "  - {a: b, b: a, rank: 1.5}\n") ==
        std::vector<std::string>{
            "p.yaml:5:15: error: correlation 1 b 'bb' is not a parameter; parameters: a or b (did you mean 'b'?)",
            "p.yaml:6:5: error: correlation 2 pairs 'a' with itself",
            "p.yaml:7:24: error: correlation 3 rank must be in [-1, 1], got 1.5",
        });
  CHECK(params_errors("parameters:\n  a: {dist: uniform, min: 0, max: 1}\n  b: {dist: uniform, min: 0, max: 1}\n"
                      "  c: {dist: uniform, min: 0, max: 1}\ncorrelations:\n"
                      "  - {a: a, b: b, rank: 0.9}\n  - {a: b, b: c, rank: 0.9}\n  - {a: a, b: c, rank: -0.9}\n") ==
        std::vector<std::string>{
            "p.yaml:6:3: error: the correlations are not a valid joint rank correlation (the matrix is not positive "
            "definite at parameter 'c'); weaken them"});
  CHECK(params_errors("") == std::vector<std::string>{"p.yaml:1:1: error: the params file is empty; it needs "
                                                      "'parameters:' with at least one, e.g. {dist: uniform, min: 0, "
                                                      "max: 1}"});
  CHECK(params_errors("parameters: {}\n") ==
        std::vector<std::string>{"p.yaml:1:13: error: 'parameters' must be a map of parameter names to distributions, "
                                 "e.g. {dist: uniform, min: 0, max: 1}, got an empty map"});
  CHECK(params_errors("parameters:\n  2x: {dist: uniform, min: 0, max: 1}\n") ==
        std::vector<std::string>{"p.yaml:2:3: error: parameter '2x' is not a valid name (a letter first, then "
                                 "letters, digits, '_' or '.')"});
  try {
    load_params_file("/nonexistent/params.yaml");
    FAIL("no error");
  } catch (const ScenarioError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.diagnostics()[0].format() == "/nonexistent/params.yaml: error: cannot open file: No such file or directory");
  }
}

TEST_CASE("make_design dispatches by kind and refuses options a kind does not take", "[design]") {
  ParamsFile p;
  p.parameters = ishigami();
  p.correlation = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
  DesignRequest r;
  r.kind = "sobol";
  r.samples = 32;
  r.second_order = true;
  CHECK(make_design(p, r).rows() == 32 * 8);
  r.kind = "lhs";
  CHECK_THROWS_WITH(make_design(p, r), Catch::Contains("second-order"));
  r.second_order = false;
  r.maximin = 5;
  CHECK(make_design(p, r).rows() == 32);
  r.kind = "morris";
  CHECK_THROWS_WITH(make_design(p, r), Catch::Contains("maximin"));
  r.maximin = 0;
  CHECK(make_design(p, r).rows() == 32 * 4);
  CHECK(make_design(p, r).levels == 4);
  r.kind = "grid";
  r.levels = 3;
  CHECK(make_design(p, r).rows() == 27);
  r.kind = "sobl";
  CHECK_THROWS_WITH(make_design(p, r), Catch::Contains("did you mean 'sobol'?"));
  p.has_correlations = true;
  p.correlation[0][1] = p.correlation[1][0] = 0.5;
  r.kind = "sobol";
  CHECK_THROWS_WITH(make_design(p, r), Catch::Contains("only lhs and mc"));
  r.kind = "lhs";
  r.samples = 500;
  const Design d = make_design(p, r);
  CHECK(spearman_correlation(d.x)[0][1] == Approx(0.5).margin(0.05));
}

TEST_CASE("design_csv writes the names and one shortest round-trip row per point", "[design]") {
  Design d;
  d.kind = "mc";
  d.names = {"a", "b.c"};
  d.x = {{0.1, -2}, {1e-20, 3.25}};
  d.u = {{0.5, 0.5}, {0.5, 0.5}};
  CHECK(design_csv(d) == "a,b.c\n0.1,-2\n1e-20,3.25\n");
}

namespace {

using entente::test::CliResult;
using entente::test::slurp;

fs::path design_scratch() { return entente::test::scratch_dir("design"); }

CliResult run_design(const std::string& args) { return entente::test::run_cli("design " + args); }

std::size_t count_lines(const std::string& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')); }

}  // namespace

TEST_CASE("entente design writes a CSV with the parameter names and the design's rows", "[design][cli]") {
  const fs::path dir = design_scratch();
  const fs::path params = dir / "ishigami.yaml";
  {
    std::ofstream f(params);
    f << "parameters:\n"
         "  x1: {dist: uniform, min: -3.14159265, max: 3.14159265}\n"
         "  x2: {dist: uniform, min: -3.14159265, max: 3.14159265}\n"
         "  x3: {dist: uniform, min: -3.14159265, max: 3.14159265}\n";
  }
  const std::string p = " --params " + params.string();
  const fs::path csv = dir / "sobol.csv";
  auto sobol = run_design("sobol" + p + " --samples 8 --out " + csv.string());
  REQUIRE(sobol.code == 0);
  CHECK(sobol.out.empty());
  const std::string text = slurp(csv);
  CHECK(text.rfind("x1,x2,x3\n", 0) == 0);
  CHECK(count_lines(text) == 1 + 8 * 5);
  CHECK(sobol.err.find("entente design sobol: 3 parameters (x1, x2, x3), 8 base samples, 40 rows") !=
        std::string::npos);
  for (const auto& e : fs::directory_iterator(dir)) CHECK(e.path().extension() != ".tmp");

  auto second = run_design("sobol" + p + " --samples 8 --second-order --quiet");
  REQUIRE(second.code == 0);
  CHECK(second.err.empty());
  CHECK(count_lines(second.out) == 1 + 8 * 8);

  auto lhs = run_design("lhs" + p + " -n 20 --seed 4 --maximin 5 -q");
  REQUIRE(lhs.code == 0);
  CHECK(count_lines(lhs.out) == 21);
  CHECK(lhs.out == run_design("lhs" + p + " -n 20 --seed 4 --maximin 5 -q").out);
  CHECK(count_lines(run_design("mc" + p + " --samples 7 -q").out) == 8);
  CHECK(count_lines(run_design("morris" + p + " --samples 6 --levels 6 -q").out) == 1 + 6 * 4);
  CHECK(count_lines(run_design("grid" + p + " --levels 3 -q").out) == 1 + 27);

  CHECK(run_design("--help").code == 0);
  CHECK(run_design("sobol --help").out.find("Ishigami") != std::string::npos);
  auto typo = run_design("sobl" + p + " --samples 8");
  CHECK(typo.code == 2);
  CHECK(typo.err.find("did you mean 'sobol'?") != std::string::npos);
  CHECK(run_design("sobol" + p).code == 2);                          // no --samples
  CHECK(run_design("grid" + p + " --samples 3").code == 2);          // grid takes --levels
  CHECK(run_design("morris" + p + " --samples 3 --levels 5").code == 2);  // odd levels
  CHECK(run_design("lhs --samples 3").code == 2);                    // no --params

  const fs::path bad = dir / "bad.yaml";
  {
    std::ofstream f(bad);
    f << "parameters:\n  x1: {dist: normal, mean: 0, sd: -1}\n";
  }
  auto diag = run_design("lhs --params " + bad.string() + " --samples 5");
  CHECK(diag.code == 2);
  CHECK(diag.err.find(bad.string() + ":2:7: error: impossible distribution in parameter 'x1': normal needs sd > 0") !=
        std::string::npos);
  CHECK(diag.out.empty());
}
