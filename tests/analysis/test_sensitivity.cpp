// Sobol indices and Morris effects against analytic results (Ishigami, the
// Sobol G-function, linear and inert inputs), layout checks, CSV input and
// `entente analyze sobol|morris` end to end.
#include <sys/wait.h>
#include <unistd.h>

#include <boost/random/sobol.hpp>
#include <catch2/catch.hpp>

#include "support/cli_runner.hpp"
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <numbers>
#include <sstream>

#include "analysis/sensitivity/bootstrap.hpp"
#include "analysis/sensitivity/csv_input.hpp"
#include "analysis/sensitivity/input_error.hpp"
#include "analysis/sensitivity/morris_effects.hpp"
#include "analysis/sensitivity/sobol_indices.hpp"
#include "analysis/writers/number_format.hpp"
#include "sim/rng/stream.hpp"

namespace fs = std::filesystem;
using namespace entente::analysis;

namespace {

constexpr double kPi = std::numbers::pi;

// A Saltelli design in the unit cube, in SALib's row layout: A_j and B_j are
// the two halves of point j of a 2k-dimensional Sobol' sequence.
std::vector<std::vector<double>> saltelli_unit(std::size_t k, std::size_t n, bool second_order) {
  boost::random::sobol gen(static_cast<unsigned>(2 * k));
  std::vector<std::vector<double>> rows;
  for (std::size_t j = 0; j < n; ++j) {
    std::vector<double> a(k), b(k);
    for (auto& v : a) v = static_cast<double>(gen()) * 0x1.0p-64;
    for (auto& v : b) v = static_cast<double>(gen()) * 0x1.0p-64;
    rows.push_back(a);
    for (std::size_t i = 0; i < k; ++i) {
      auto ab = a;
      ab[i] = b[i];
      rows.push_back(ab);
    }
    if (second_order)
      for (std::size_t i = 0; i < k; ++i) {
        auto ba = b;
        ba[i] = a[i];
        rows.push_back(ba);
      }
    rows.push_back(b);
  }
  return rows;
}

AnalysisInput make_input(const std::vector<std::vector<double>>& u, double lo, double hi,
                         const std::function<double(const std::vector<double>&)>& f) {
  AnalysisInput in;
  for (std::size_t i = 0; i < u.front().size(); ++i) in.names.push_back("x" + std::to_string(i + 1));
  in.u = u;
  for (const auto& row : u) {
    std::vector<double> x;
    for (double v : row) x.push_back(lo + (hi - lo) * v);
    in.y.push_back(f(x));
    in.x.push_back(std::move(x));
  }
  return in;
}

double ishigami(const std::vector<double>& x) {
  const double a = 7, b = 0.1;
  return std::sin(x[0]) + a * std::pow(std::sin(x[1]), 2) + b * std::pow(x[2], 4) * std::sin(x[0]);
}

// `width`: the interval must also be informative, narrower than this.
void check_within(const Estimate& e, double truth, const std::string& what, double width = 0.08) {
  INFO(what << ": estimate " << e.value << " [" << e.lo << ", " << e.hi << "], analytic " << truth);
  CHECK(e.lo <= truth);
  CHECK(truth <= e.hi);
  CHECK(e.lo <= e.value);
  CHECK(e.value <= e.hi);
  CHECK(e.hi - e.lo < width);
}

// Morris trajectories on a p-level grid (delta = p / (2 (p-1))), each
// coordinate moving once in random order, up where it can.
std::vector<std::vector<double>> morris_unit(std::size_t k, std::size_t r, int levels, std::uint64_t seed) {
  entente::Stream s(entente::StreamKey{seed, 0, 0, entente::StreamPurpose::kDesign, 99});
  const double delta = levels / (2.0 * (levels - 1));
  std::vector<std::vector<double>> rows;
  for (std::size_t t = 0; t < r; ++t) {
    std::vector<double> p(k);
    for (auto& v : p) v = std::floor(s.uniform() * (levels)) / (levels - 1);
    std::vector<std::size_t> order(k);
    for (std::size_t i = 0; i < k; ++i) order[i] = i;
    for (std::size_t i = k; i > 1; --i)
      std::swap(order[i - 1], order[static_cast<std::size_t>(s.uniform() * static_cast<double>(i))]);
    rows.push_back(p);
    for (std::size_t i : order) {
      p[i] = p[i] + delta <= 1 + 1e-12 ? p[i] + delta : p[i] - delta;
      rows.push_back(p);
    }
  }
  return rows;
}

// CLI plumbing (tests/support/cli_runner.hpp).
using entente::test::slurp;
fs::path scratch(const std::string& name) { return entente::test::scratch_dir("sensitivity_" + name); }
entente::test::CliResult run_cli(const std::string& args, const fs::path&) { return entente::test::run_cli(args); }

void write_csvs(const fs::path& dir, const AnalysisInput& in, bool index_column = false) {
  std::ofstream d(dir / "design.csv"), r(dir / "results.csv");
  for (std::size_t i = 0; i < in.names.size(); ++i) d << (i ? "," : "") << in.names[i];
  d << "\n";
  for (const auto& row : in.x) {
    for (std::size_t i = 0; i < row.size(); ++i) d << (i ? "," : "") << format_number(row[i]);
    d << "\n";
  }
  r << (index_column ? "point," : "") << "other,y\n";
  for (std::size_t p = 0; p < in.y.size(); ++p)
    r << (index_column ? std::to_string(p) + "," : "") << 1 << "," << format_number(in.y[p]) << "\n";
}

std::string q(const fs::path& p) {
  return "'" + p.string() + "'";
}

}  // namespace

TEST_CASE("percentile_sorted interpolates between order statistics like numpy", "[sensitivity]") {
  const std::vector<double> v = {1, 2, 3, 4};
  CHECK(percentile_sorted(v, 0.25) == Approx(1.75));
  CHECK(percentile_sorted(v, 0.5) == Approx(2.5));
  CHECK(percentile_sorted(v, 0) == 1);
  CHECK(percentile_sorted(v, 1) == 4);
  Estimate e;
  percentile_interval({5, 1, 3, std::nan(""), 2, 4}, 0.5, e);
  CHECK(e.lo == Approx(2));
  CHECK(e.hi == Approx(4));
}

TEST_CASE("Sobol indices of the Ishigami function lie within their bootstrap intervals", "[sensitivity]") {
  const AnalysisInput in = make_input(saltelli_unit(3, 8192, false), -kPi, kPi, ishigami);
  SobolOptions o;
  o.bootstrap = 1000;
  o.seed = 42;
  const SobolResult r = sobol_analyze(in, o);
  REQUIRE(r.base_samples == 8192);
  REQUIRE_FALSE(r.second_order);
  // Analytic values for a = 7, b = 0.1 (Ishigami & Homma 1990).
  const double a = 7, b = 0.1, p4 = std::pow(kPi, 4), p8 = std::pow(kPi, 8);
  const double v1 = 0.5 * std::pow(1 + b * p4 / 5, 2), v2 = a * a / 8, v13 = 8 * b * b * p8 / 225;
  const double v = v1 + v2 + v13;
  CHECK(v1 / v == Approx(0.3139).margin(1e-4));
  CHECK(v2 / v == Approx(0.4424).margin(1e-4));
  CHECK(v13 / v == Approx(0.2437).margin(1e-4));
  check_within(r.first[0], v1 / v, "S1 x1");
  check_within(r.first[1], v2 / v, "S1 x2");
  check_within(r.first[2], 0, "S1 x3");
  check_within(r.total[0], (v1 + v13) / v, "ST x1");
  check_within(r.total[1], v2 / v, "ST x2");
  check_within(r.total[2], v13 / v, "ST x3");
  CHECK(r.variance == Approx(v).epsilon(0.02));
}

TEST_CASE("second-order Sobol indices of the Ishigami function find the x1-x3 interaction", "[sensitivity]") {
  const AnalysisInput in = make_input(saltelli_unit(3, 4096, true), -kPi, kPi, ishigami);
  SobolOptions o;
  o.bootstrap = 500;
  const SobolResult r = sobol_analyze(in, o);  // the layout shows the BA^i blocks
  REQUIRE(r.second_order);
  REQUIRE(r.second.size() == 3);
  const double b = 0.1, p4 = std::pow(kPi, 4), p8 = std::pow(kPi, 8);
  const double v = 49.0 / 8 + b * p4 / 5 + b * b * p8 / 18 + 0.5;
  const double s13 = 8 * b * b * p8 / 225 / v;
  for (const auto& p : r.second) {
    const double truth = (p.i == 0 && p.j == 2) ? s13 : 0.0;
    INFO("S2 x" << p.i + 1 << " x" << p.j + 1 << ": " << p.s2.value << " [" << p.s2.lo << ", " << p.s2.hi << "]");
    CHECK(p.s2.lo <= truth);
    CHECK(truth <= p.s2.hi);
  }
  CHECK(r.first[0].value == Approx(0.3139).margin(0.03));
}

TEST_CASE("Sobol indices of the G-function lie within their bootstrap intervals", "[sensitivity]") {
  const std::vector<double> a = {0, 1, 4.5, 9, 99, 99};
  auto g = [&](const std::vector<double>& x) {
    double prod = 1;
    for (std::size_t i = 0; i < a.size(); ++i) prod *= (std::fabs(4 * x[i] - 2) + a[i]) / (1 + a[i]);
    return prod;
  };
  const AnalysisInput in = make_input(saltelli_unit(a.size(), 8192, false), 0, 1, g);
  const SobolResult r = sobol_analyze(in, SobolOptions{});
  std::vector<double> vi;
  double prod = 1;
  for (double ai : a) {
    vi.push_back(1 / (3 * (1 + ai) * (1 + ai)));
    prod *= 1 + vi.back();
  }
  const double v = prod - 1;
  for (std::size_t i = 0; i < a.size(); ++i) {
    check_within(r.first[i], vi[i] / v, "S1 x" + std::to_string(i + 1), 0.12);
    check_within(r.total[i], vi[i] * prod / (1 + vi[i]) / v, "ST x" + std::to_string(i + 1), 0.12);
  }
}

TEST_CASE("Sobol indices do not change when a constant is added to the response", "[sensitivity]") {
  // The first-order estimator is centred (as SALib), so a large mean adds no noise.
  const auto u = saltelli_unit(3, 512, false);
  const AnalysisInput in = make_input(u, -kPi, kPi, ishigami);
  const AnalysisInput shifted =
      make_input(u, -kPi, kPi, [](const std::vector<double>& x) { return 1e4 + ishigami(x); });
  SobolOptions o;
  o.bootstrap = 100;
  const SobolResult a = sobol_analyze(in, o), b = sobol_analyze(shifted, o);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(b.first[i].value == Approx(a.first[i].value).margin(1e-9));
    CHECK(b.first[i].hi == Approx(a.first[i].hi).margin(1e-9));
    CHECK(b.total[i].value == Approx(a.total[i].value).margin(1e-9));
  }
  CHECK(b.mean == Approx(a.mean + 1e4));
}

TEST_CASE("Sobol bootstrap intervals are the same for a seed and differ between seeds", "[sensitivity]") {
  const AnalysisInput in = make_input(saltelli_unit(3, 256, false), -kPi, kPi, ishigami);
  SobolOptions o;
  o.bootstrap = 200;
  o.seed = 5;
  const SobolResult r1 = sobol_analyze(in, o), r2 = sobol_analyze(in, o);
  o.seed = 6;
  const SobolResult r3 = sobol_analyze(in, o);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(r1.first[i].lo == r2.first[i].lo);
    CHECK(r1.total[i].hi == r2.total[i].hi);
    CHECK(r1.first[i].value == r3.first[i].value);
  }
  CHECK(r1.first[0].lo != r3.first[0].lo);
  o.bootstrap = 0;
  const SobolResult none = sobol_analyze(in, o);
  CHECK(std::isnan(none.first[0].lo));
  CHECK(none.first[0].value == r1.first[0].value);
}

TEST_CASE("a design that does not follow the Saltelli layout is rejected with the row", "[sensitivity]") {
  SobolOptions o;
  o.bootstrap = 0;
  const std::vector<double> y(21, 1.0);
  CHECK_THROWS_WITH(sobol_indices(y, 3, o), "a Saltelli design for 3 parameters has N x 5 rows, but there are 21");
  AnalysisInput in = make_input(saltelli_unit(3, 8, false), 0, 1, ishigami);
  in.u.clear();
  in.x[6][1] += 0.25;  // row 7 is AB^1 of the second block: its x2 should be A's
  CHECK_THROWS_WITH(sobol_analyze(in, o), Catch::Contains("row 7 should be AB^1 of the block at row 6, but its x2 "
                                                          "differs from A's"));
  AnalysisInput second = make_input(saltelli_unit(3, 8, true), 0, 1, ishigami);
  CHECK(sobol_analyze(second, o).second_order);
  AnalysisInput first = make_input(saltelli_unit(3, 8, false), 0, 1, ishigami);
  o.second_order = true;
  CHECK_THROWS_WITH(sobol_analyze(first, o), Catch::Contains("does not follow the second-order Saltelli layout"));
  AnalysisInput flat = make_input(saltelli_unit(3, 8, false), 0, 1, [](const std::vector<double>&) { return 2.0; });
  o.second_order = false;
  CHECK_THROWS_AS(sobol_analyze(flat, o), AnalysisInputError);
}

TEST_CASE("Morris effects are exact for linear inputs and zero for inert ones", "[sensitivity]") {
  // y = 10 x1 + 5 x2^2 + 6 (x3 - 1/2)^2 + x1 x3, x4 and x5 inert.
  auto f = [](const std::vector<double>& x) {
    return 10 * x[0] + 5 * x[1] * x[1] + 6 * (x[2] - 0.5) * (x[2] - 0.5) + x[0] * x[2];
  };
  auto fx = [&](const std::vector<double>& x) {  // the same on [3, 5]^5
    std::vector<double> u;
    for (double v : x) u.push_back((v - 3) / 2);
    return f(u);
  };
  const auto u = morris_unit(5, 40, 4, 3);
  const AnalysisInput in = make_input(u, 0, 1, f);
  MorrisOptions o;
  o.bootstrap = 300;
  const MorrisResult r = morris_analyze(in, o);
  REQUIRE(r.steps_from_unit);
  REQUIRE(r.trajectories == 40);
  REQUIRE(r.effects.size() == 5);
  for (const auto& e : r.effects) CHECK(e.effects == 40);
  const auto rank = r.ranking();
  CHECK(rank[3] == 3);
  CHECK(rank[4] == 4);
  CHECK(r.effects[3].mu_star.value == 0);
  CHECK(r.effects[4].mu_star.value == 0);
  CHECK(r.effects[3].sigma == 0);
  CHECK(r.effects[4].mu_star.hi == 0);
  CHECK(r.effects[0].mu_star.value > 9);  // 10 + x3 with x3 in [0, 1]
  CHECK(r.effects[0].mu_star.value < 11);
  CHECK(r.effects[0].mu_star.lo <= r.effects[0].mu_star.value);
  CHECK(r.effects[0].mu_star.value <= r.effects[0].mu_star.hi);
  CHECK(r.effects[2].mu_star.value > std::fabs(r.effects[2].mu));  // effects of both signs

  // Without unit coordinates the steps come from x's range in the design.
  AnalysisInput xs = make_input(u, 3, 5, fx);
  xs.u.clear();
  const MorrisResult rx = morris_analyze(xs, o);
  REQUIRE_FALSE(rx.steps_from_unit);
  for (std::size_t i = 0; i < 5; ++i) {
    CHECK(rx.effects[i].mu_star.value == Approx(r.effects[i].mu_star.value).margin(1e-9));
    CHECK(rx.effects[i].mu == Approx(r.effects[i].mu).margin(1e-9));
  }
}

TEST_CASE("a Morris design whose moves change several coordinates is rejected", "[sensitivity]") {
  AnalysisInput in = make_input(morris_unit(3, 4, 4, 1), 0, 1, [](const std::vector<double>& x) { return x[0]; });
  in.u[5][0] = 0.123456;  // row 6 is point 2 of trajectory 2
  CHECK_THROWS_WITH(morris_analyze(in, MorrisOptions{}), Catch::Contains("(trajectory 2) differ in"));
  in.x.pop_back();
  in.y.pop_back();
  in.u.pop_back();
  CHECK_THROWS_WITH(morris_analyze(in, MorrisOptions{}),
                    "a Morris design for 3 parameters has r x 4 rows (r trajectories of k+1 points), but there are 15");
}

TEST_CASE("read_csv_input reads a design and a results column, and says what is wrong", "[sensitivity]") {
  const fs::path dir = scratch("csv_input");
  {
    std::ofstream(dir / "design.csv") << "# written by hand\npoint,label,a,b,u_a,u_b\n0,A,1.5,2,0.25,0.5\n"
                                         "1,AB1,\"3\",2,0.75,0.5\n";
    std::ofstream(dir / "results.csv") << "point,y,z\r\n0,10,x\r\n1,20,y\r\n";
    std::ofstream(dir / "short.csv") << "y\n1\n";
    std::ofstream(dir / "bad.csv") << "y\n1\nabc\n";
    std::ofstream(dir / "order.csv") << "point,y\n1,1\n0,2\n";
  }
  const std::string d = (dir / "design.csv").string();
  const AnalysisInput in = read_csv_input(d, (dir / "results.csv").string(), "y", "sobol");
  CHECK(in.names == std::vector<std::string>{"a", "b"});
  CHECK(in.x == std::vector<std::vector<double>>{{1.5, 2}, {3, 2}});
  CHECK(in.u == std::vector<std::vector<double>>{{0.25, 0.5}, {0.75, 0.5}});
  CHECK(in.y == std::vector<double>{10, 20});
  CHECK(in.response == "y");
  CHECK(in.design_kind == "sobol");
  CHECK_THROWS_WITH(read_csv_input(d, (dir / "results.csv").string(), "w", ""),
                    (dir / "results.csv").string() + " has no column 'w' (columns: point, y, z) (did you mean 'y'?)");
  CHECK_THROWS_WITH(read_csv_input(d, (dir / "results.csv").string(), "", ""),
                    Catch::Contains("name the response with --column"));
  CHECK_THROWS_WITH(read_csv_input(d, (dir / "short.csv").string(), "y", ""),
                    Catch::Contains("has 2 design points but " + (dir / "short.csv").string() + " has 1 rows"));
  CHECK_THROWS_WITH(read_csv_input(d, (dir / "bad.csv").string(), "", ""),
                    (dir / "bad.csv").string() + ":3: y is 'abc', not a finite number");
  CHECK_THROWS_WITH(read_csv_input(d, (dir / "order.csv").string(), "y", ""),
                    Catch::Contains("rows must be in design order"));
  CHECK_THROWS_WITH(read_csv_input((dir / "missing.csv").string(), (dir / "order.csv").string(), "y", ""),
                    "cannot read " + (dir / "missing.csv").string());
  fs::remove_all(dir);
}

TEST_CASE("entente analyze sobol and morris on CSV files", "[sensitivity][cli]") {
  const fs::path dir = scratch("cli_sobol");
  const AnalysisInput in = make_input(saltelli_unit(3, 512, false), -kPi, kPi, ishigami);
  write_csvs(dir, in);
  const std::string files = " --design " + q(dir / "design.csv") + " --results " + q(dir / "results.csv");

  auto table = run_cli("analyze sobol" + files + " --column y --bootstrap 200 --out " + q(dir / "out"), dir);
  INFO(table.err);
  REQUIRE(table.code == 0);
  CHECK_THAT(table.out, Catch::Contains("Sobol indices of y: N = 512 base samples, k = 3 parameters, 2560 points"));
  CHECK_THAT(table.out, Catch::Contains("first order S1 [interval]"));
  CHECK_THAT(table.out, Catch::Contains("x1  "));
  // The table, its heading and its notes fit a terminal of 80 columns (but
  // for this test's long scratch path, which cannot be broken).
  {
    std::istringstream lines(table.out);
    for (std::string line; std::getline(lines, line);) {
      INFO(line);
      if (line.find(dir.string()) == std::string::npos) CHECK(line.size() <= 80);
    }
  }
  for (const char* f : {"sobol.csv", "sobol.json", "sobol.png", "sobol.svg", "sobol.gp", "sobol.dat"})
    CHECK(fs::file_size(dir / "out" / f) > 0);

  auto csv = run_cli("analyze sobol" + files + " --column y --bootstrap 50 --format csv", dir);
  REQUIRE(csv.code == 0);
  CHECK(csv.out.rfind("index,parameter,parameter2,estimate,ci_lo,ci_hi\nS1,x1,,", 0) == 0);
  auto json = run_cli("analyze sobol" + files + " --column y --bootstrap 50 --format json --seed 3", dir);
  REQUIRE(json.code == 0);
  const auto j = nlohmann::json::parse(json.out);
  CHECK(j["analysis"] == "sobol");
  CHECK(j["indices"].size() == 3);
  CHECK(j["indices"][1]["S1"]["estimate"].get<double>() == Approx(0.4424).margin(0.1));
  CHECK(j["interval"]["seed"] == 3);

  // --where analyses the indicator of the condition.
  auto where = run_cli("analyze sobol" + files + " --column y --bootstrap 0 --where 'y > 8'", dir);
  REQUIRE(where.code == 0);
  CHECK_THAT(where.out, Catch::Contains("Sobol indices of 1(y > 8)"));

  const fs::path mdir = scratch("cli_morris");
  write_csvs(mdir, make_input(morris_unit(4, 10, 4, 2), 0, 1,
                              [](const std::vector<double>& x) { return 3 * x[0] + x[1] * x[2]; }));
  auto morris = run_cli("analyze morris --design " + q(mdir / "design.csv") + " --results " + q(mdir / "results.csv") +
                            " --column y --out " + q(mdir / "out"),
                        mdir);
  INFO(morris.err);
  REQUIRE(morris.code == 0);
  CHECK_THAT(morris.out, Catch::Contains("Morris elementary effects of y: r = 10 trajectories, k = 4 parameters"));
  CHECK_THAT(morris.out, Catch::Contains("\n   1  x1  "));
  CHECK(fs::file_size(mdir / "out" / "morris.svg") > 0);
  fs::remove_all(dir);
  fs::remove_all(mdir);
}

TEST_CASE("entente analyze rejects bad inputs with exit code 2 and a message", "[sensitivity][cli]") {
  const fs::path dir = scratch("cli_errors");
  write_csvs(dir, make_input(saltelli_unit(3, 16, false), -kPi, kPi, ishigami), true);
  {
    std::ofstream(dir / "short.csv") << "y\n1\n2\n";
    std::ofstream(dir / "odd_design.csv") << "x1,x2,x3\n1,2,3\n4,5,6\n7,8,9\n";
    std::ofstream(dir / "odd_results.csv") << "y\n1\n2\n3\n";
  }
  const std::string d = " --design " + q(dir / "design.csv");
  const std::string files = d + " --results " + q(dir / "results.csv");
  struct Case {
    std::string args, message;
  };
  const std::vector<Case> cases = {
      {"analyze sobol" + d + " --results " + q(dir / "short.csv"),
       "has 80 design points but " + (dir / "short.csv").string() +
           " has 2 rows; it needs one row per design point, in design order"},
      {"analyze sobol" + files + " --column nope", "has no column 'nope' (columns: point, other, y)"},
      {"analyze sobol" + files, "name the response with --column"},
      {"analyze sobol" + files + " --column y --where 'y = 3'",
       "--where takes NAME OP VALUE with OP one of >, >=, <, <= and NAME the response (y), e.g. \"y > 0.6\"; got 'y = "
       "3'"},
      {"analyze sobol" + files + " --column other --where 'z > 3'",
       "--where names 'z', but the response is 'other' (or write y)"},
      {"analyze sobol" + files + " --column y --where 'y > abc'", "--where: 'abc' is not a number"},
      {"analyze sobol --design " + q(dir / "odd_design.csv") + " --results " + q(dir / "odd_results.csv"),
       "the design does not follow the Saltelli layout for 3 parameters"},
      {"analyze morris --design " + q(dir / "odd_design.csv") + " --results " + q(dir / "odd_results.csv"),
       "a Morris design for 3 parameters has r x 4 rows (r trajectories of k+1 points), but there are 3"},
      {"analyze sobol" + files + " --column y --second-order", "does not follow the second-order Saltelli layout"},
      {"analyze sobl" + files, "unknown analysis 'sobl'; expected sobol, morris or prim (did you mean 'sobol'?)"},
      {"analyze" + files, "missing the analysis KIND"},
      {"analyze sobol --column y", "missing the input: --db FILE or --design FILE --results FILE"},
      {"analyze sobol" + files + " --db x.sqlite", "give either --db or --design with --results, not both"},
      {"analyze sobol --db x.sqlite --year 2035", "--db needs --outcome NAME"},
      {"analyze sobol" + files + " --column y --threshold 0.5", "--threshold belongs to prim"},
      {"analyze sobol" + files + " --column y --format xml", "--format must be table, csv or json"},
  };
  for (const auto& c : cases) {
    INFO(c.args);
    const auto r = run_cli(c.args, dir);
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Catch::Contains(c.message));
    CHECK(r.out.empty());
  }
  CHECK(run_cli("analyze --help", dir).code == 0);
  fs::remove_all(dir);
}
