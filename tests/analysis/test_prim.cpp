// PRIM scenario discovery: a planted box is recovered, the trajectory has the
// properties of peeling, box choice and pasting follow their rules, the
// --where condition parses, and `entente analyze prim` end to end.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "analysis/sensitivity/condition.hpp"
#include "analysis/sensitivity/input_error.hpp"
#include "analysis/sensitivity/prim.hpp"
#include "analysis/writers/number_format.hpp"
#include "sim/rng/stream.hpp"

namespace fs = std::filesystem;
using namespace entente::analysis;

namespace {

struct Planted {
  std::vector<std::vector<double>> x;
  std::vector<bool> y;
  std::vector<std::string> names = {"x1", "x2", "x3", "x4", "x5"};
};

// x uniform on [0,1]^5; of interest iff x1 in [0.2, 0.5] and x2 > 0.7.
Planted planted(std::size_t n, std::uint64_t seed) {
  entente::Stream s(entente::StreamKey{seed, 0, 0, entente::StreamPurpose::kDesign, 7});
  Planted p;
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<double> row(5);
    for (auto& v : row) v = s.uniform();
    p.y.push_back(row[0] >= 0.2 && row[0] <= 0.5 && row[1] > 0.7);
    p.x.push_back(std::move(row));
  }
  return p;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Cli {
  int code = -1;
  std::string out, err;
};

Cli run_cli(const std::string& args, const fs::path& dir) {
  const std::string cmd = std::string(ENTENTE_CLI_PATH) + " " + args + " >" + (dir / "stdout.txt").string() + " 2>" +
                          (dir / "stderr.txt").string();
  const int status = std::system(cmd.c_str());
  return Cli{WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(dir / "stdout.txt"), slurp(dir / "stderr.txt")};
}

}  // namespace

TEST_CASE("PRIM recovers a planted box in two of five dimensions", "[prim]") {
  const Planted p = planted(5000, 1);
  const PrimResult r = prim(p.x, p.y, p.names, PrimOptions{});
  INFO("chosen step " << r.chosen_step << " of " << r.trajectory.size() << ", " << r.pastes << " pastes");
  REQUIRE(r.chosen_meets_threshold);
  const PrimBox& b = r.chosen;
  CHECK(b.restricted == 2);
  CHECK(r.lower_restricted(b, 0));
  CHECK(r.upper_restricted(b, 0));
  CHECK(r.lower_restricted(b, 1));
  CHECK_FALSE(r.upper_restricted(b, 1));
  for (std::size_t d = 2; d < 5; ++d) CHECK_FALSE(r.restricted(b, d));
  CHECK(b.lower[0] == Approx(0.2).margin(0.05));
  CHECK(b.upper[0] == Approx(0.5).margin(0.05));
  CHECK(b.lower[1] == Approx(0.7).margin(0.05));
  CHECK(b.density >= 0.8);
  CHECK(b.coverage >= 0.8);
  CHECK(b.mass == Approx(0.09).margin(0.02));
}

TEST_CASE(
    "the peeling trajectory shrinks, ends at the minimum mass or density 1, and the choice follows the "
    "threshold",
    "[prim]") {
  // Noisy: of interest with probability 0.7 inside the planted box, 0.05 outside.
  entente::Stream s(entente::StreamKey{3, 0, 0, entente::StreamPurpose::kDesign, 8});
  Planted p = planted(3000, 2);
  for (std::size_t i = 0; i < p.y.size(); ++i) p.y[i] = s.uniform() < (p.y[i] ? 0.7 : 0.05);
  PrimOptions o;
  o.threshold = 0.95;
  const PrimResult r = prim(p.x, p.y, p.names, o);
  REQUIRE(r.trajectory.size() > 10);
  const PrimBox& first = r.trajectory.front();
  CHECK(first.points == 3000);
  CHECK(first.coverage == 1);
  CHECK(first.restricted == 0);
  for (std::size_t i = 1; i < r.trajectory.size(); ++i) {
    const PrimBox &a = r.trajectory[i - 1], &b = r.trajectory[i];
    CHECK(b.points < a.points);
    CHECK(b.density > a.density);  // every peel raises the density
    CHECK(b.coverage <= a.coverage);
    CHECK(b.mass >= o.mass_min);
    CHECK(b.points <=
          a.points - std::max<std::size_t>(1, static_cast<std::size_t>(0.05 * static_cast<double>(a.points))));
  }
  // No box reaches density 0.95 here: the densest is chosen.
  INFO("final density " << r.trajectory.back().density << " mass " << r.trajectory.back().mass);
  CHECK_FALSE(r.chosen_meets_threshold);
  CHECK(r.chosen_step == r.trajectory.size() - 1);
  CHECK(r.chosen.density >= r.trajectory[r.chosen_step].density);

  o.threshold = 0.3;
  const PrimResult low = prim(p.x, p.y, p.names, o);
  REQUIRE(low.chosen_meets_threshold);
  CHECK(low.trajectory[low.chosen_step].density >= 0.3);
  for (std::size_t i = low.chosen_step + 1; i < low.trajectory.size(); ++i) CHECK(low.trajectory[i].density < 0.3);
}

TEST_CASE("PRIM says what is wrong with its inputs", "[prim]") {
  const Planted p = planted(50, 1);
  std::vector<bool> none(50, false);
  CHECK_THROWS_WITH(prim(p.x, none, p.names, PrimOptions{}), "no point is of interest (the condition holds nowhere)");
  PrimOptions o;
  o.peel_alpha = 0;
  CHECK_THROWS_AS(prim(p.x, p.y, p.names, o), AnalysisInputError);
  std::vector<bool> short_y(49, true);
  CHECK_THROWS_WITH(prim(p.x, short_y, p.names, PrimOptions{}), "the design has 50 points but there are 49 responses");
}

TEST_CASE("the --where condition parses as NAME OP VALUE", "[prim]") {
  const Condition c = parse_condition(" russia_dependence_on_china>=0.6 ", "russia_dependence_on_china");
  CHECK(c.op == Condition::Op::kGreaterEqual);
  CHECK(c.value == 0.6);
  CHECK(c.holds(0.6));
  CHECK_FALSE(c.holds(0.59));
  CHECK(c.text() == "russia_dependence_on_china >= 0.6");
  CHECK(parse_condition("y < -1e3", "z").op == Condition::Op::kLess);
  CHECK(parse_condition("y <= 2", "").holds(2));
  CHECK(parse_condition("y > 2", "").text() == "y > 2");
  CHECK(evaluate(parse_condition("y > 1", "r"), {0, 1, 2}) == std::vector<bool>{false, false, true});
  CHECK_THROWS_WITH(parse_condition("y == 2", "r"), Catch::Contains("--where takes NAME OP VALUE"));
  CHECK_THROWS_WITH(parse_condition("y 2", "r"), Catch::Contains("got 'y 2'"));
  CHECK_THROWS_WITH(parse_condition("> 2", "r"), Catch::Contains("--where takes NAME OP VALUE"));
  CHECK_THROWS_WITH(parse_condition("y > 2x", "r"), Catch::StartsWith("--where: '2x' is not a number"));
  CHECK_THROWS_WITH(parse_condition("q > 2", "r"), "--where names 'q', but the response is 'r' (or write y)");
}

TEST_CASE("entente analyze prim on CSV files", "[prim][cli]") {
  const fs::path dir = fs::temp_directory_path() / ("entente_prim_test_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const Planted p = planted(2000, 4);
  {
    std::ofstream d(dir / "design.csv"), r(dir / "results.csv"), b(dir / "binary.csv");
    d << "x1,x2,x3,x4,x5\n";
    r << "dependence\n";
    b << "hit\n";
    for (std::size_t i = 0; i < p.x.size(); ++i) {
      for (std::size_t k = 0; k < 5; ++k) d << (k ? "," : "") << format_number(p.x[i][k]);
      d << "\n";
      r << format_number(p.y[i] ? 0.7 + 0.1 * p.x[i][2] : 0.5 * p.x[i][3]) << "\n";
      b << (p.y[i] ? 1 : 0) << "\n";
    }
  }
  const std::string d = "analyze prim --design '" + (dir / "design.csv").string() + "' --results '";
  const std::string results = d + (dir / "results.csv").string() + "'";
  auto ok = run_cli(results + " --where 'dependence > 0.6' --out '" + (dir / "out").string() + "'", dir);
  INFO(ok.err);
  REQUIRE(ok.code == 0);
  CHECK_THAT(ok.out, Catch::Contains("PRIM on dependence > 0.6: "));
  CHECK_THAT(ok.out, Catch::Contains("peeling trajectory ("));
  CHECK_THAT(ok.out, Catch::Contains("chosen box (* above): step "));
  CHECK_THAT(ok.out, Catch::Contains("\nx1  "));
  CHECK_THAT(ok.out, Catch::Contains("\nx2  "));
  for (const char* f : {"prim.csv", "prim.json", "prim.png", "prim.svg"}) CHECK(fs::file_size(dir / "out" / f) > 0);
  const auto j = nlohmann::json::parse(slurp(dir / "out" / "prim.json"));
  CHECK(j["chosen"]["limits"].size() == 2);
  CHECK(j["condition"] == "dependence > 0.6");

  auto binary = run_cli(d + (dir / "binary.csv").string() + "' --format csv", dir);
  REQUIRE(binary.code == 0);
  CHECK(binary.out.rfind("box,step,coverage,density,mass,points,hits,restricted,x1_min,x1_max,", 0) == 0);
  CHECK_THAT(binary.out, Catch::Contains("\nchosen,"));

  auto no_where = run_cli(results, dir);
  CHECK(no_where.code == 2);
  CHECK_THAT(no_where.err, Catch::Contains("prim needs --where \"NAME OP VALUE\" unless the response is 0 or 1"));
  auto bad_where = run_cli(results + " --where 'dependence ~ 3'", dir);
  CHECK(bad_where.code == 2);
  CHECK_THAT(bad_where.err, Catch::Contains("--where takes NAME OP VALUE"));
  auto nowhere = run_cli(results + " --where 'y > 5'", dir);
  CHECK(nowhere.code == 2);
  CHECK_THAT(nowhere.err, Catch::Contains("no point is of interest"));
  auto bootstrap = run_cli(results + " --where 'y > 0.6' --bootstrap 10", dir);
  CHECK(bootstrap.code == 2);
  CHECK_THAT(bootstrap.err, Catch::Contains("--bootstrap belongs to sobol and morris"));
  fs::remove_all(dir);
}
