// AllianceCohesion properties (MODEL.md component 5): with a row-stochastic W
// stances stay in [0, 1]; without shocks they converge to the Friedkin-Johnsen
// fixed point (I - Lambda W)^-1 (I - Lambda) u; cohesion lies in [0, 1] and is
// 1 when all stances agree; exposure to the adversary lowers a stance and past
// the threshold removes the member from the coalition; a threat raises stances,
// more for a higher sensitivity; strategic communications raise cohesion; the
// defence spending lever sets the target members move towards.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "sim/engine/run.hpp"
#include "sim/io/diagnostics.hpp"
#include "support/fixtures.hpp"

using namespace entente;

namespace {

// A four-member alliance (us, de, pl, hu) facing russia and china, no
// TradeSanctions: flows and GDP stay at their start values.
struct AllianceScenario {
  std::string hu_energy = "2";  // what hu imports from russia in energy, USD bn
  std::string params = "{spending_noise_sd: 0}";
  std::string actors =
      "      us: {anchor_1: 0.9, anchor_2: 0.8, susceptibility: 0.3, influence: 3, threat_sensitivity: 0.5}\n"
      "      de: {anchor_1: 0.6, anchor_2: 0.4, susceptibility: 0.6, influence: 1.5}\n"
      "      pl: {anchor_1: 0.8, anchor_2: 0.5, susceptibility: 0.4, influence: 1, threat_sensitivity: 2}\n"
      "      hu: {anchor_1: 0.6, anchor_2: 0.3, susceptibility: 0.2, influence: 0.5, threat_sensitivity: 0.5}\n";
  std::string members = "[us, de, pl, hu]";
  std::string outcomes =
      "  cohesion: {series: cohesion.nato}\n"
      "  china: {series: china_consensus.nato}\n"
      "  coh_russia: {series: cohesion_dimension.nato.russia}\n"
      "  hu_russia: {series: stance.hu.russia}\n"
      "  at_target: {series: members_at_target.nato}\n"
      "  de_milex: {series: milex_share.de}\n";
  std::string extra;

  std::string yaml() const {
    return "entente: 1\nname: alliance\ntime: {start: 2020, end: 2110, step: year}\n"
           "actors:\n"
           "  russia: {kind: state, attributes: {gdp: 1800}}\n"
           "  china: {kind: state, attributes: {gdp: 18000}}\n"
           "  us: {kind: state, attributes: {gdp: 23000, milex_share: 0.035}}\n"
           "  de: {kind: state, attributes: {gdp: 4000, milex_share: 0.013}}\n"
           "  pl: {kind: state, attributes: {gdp: 700, milex_share: 0.022}}\n"
           "  hu: {kind: state, attributes: {gdp: 180, milex_share: 0.015}}\n"
           "  nato: {kind: alliance, members: " + members + ", source: test}\n"
           "dependencies:\n"
           "  - {from: russia, to: hu, channel: energy, value: " + hu_energy + ", unit: USD bn, source: test}\n"
           "  - {from: russia, to: de, channel: energy, value: 40, unit: USD bn, source: test}\n"
           "  - {from: de, to: russia, channel: goods, value: 30, unit: USD bn, source: test}\n"
           "  - {from: de, to: china, channel: goods, value: 100, unit: USD bn, source: test}\n"
           "  - {from: china, to: us, channel: goods, value: 500, unit: USD bn, source: test}\n"
           "models:\n"
           "  - name: AllianceCohesion\n"
           "    roles: {alliance: nato, dimensions: [russia, china]}\n"
           "    parameters: " + params + "\n"
           "    actors:\n" + actors +
           "outcomes:\n" + outcomes + extra;
  }
};

// test::Run with the members' stances.
struct Run : test::Run {
  using test::Run::Run;
  double stance(const char* member, int d) const { return s.stance[id(member) * 2 + static_cast<std::size_t>(d)]; }
};

// Solve A x = b by Gaussian elimination with partial pivoting.
std::vector<double> solve(std::vector<std::vector<double>> A, std::vector<double> b) {
  const std::size_t n = b.size();
  for (std::size_t c = 0; c < n; ++c) {
    std::size_t p = c;
    for (std::size_t r = c + 1; r < n; ++r)
      if (std::fabs(A[r][c]) > std::fabs(A[p][c])) p = r;
    std::swap(A[c], A[p]);
    std::swap(b[c], b[p]);
    for (std::size_t r = c + 1; r < n; ++r) {
      const double f = A[r][c] / A[c][c];
      for (std::size_t k = c; k < n; ++k) A[r][k] -= f * A[c][k];
      b[r] -= f * b[c];
    }
  }
  std::vector<double> x(n);
  for (std::size_t c = n; c-- > 0;) {
    double v = b[c];
    for (std::size_t k = c + 1; k < n; ++k) v -= A[c][k] * x[k];
    x[c] = v / A[c][c];
  }
  return x;
}

}  // namespace

TEST_CASE("without shocks, stances converge to the Friedkin-Johnsen fixed point", "[models][alliance_cohesion]") {
  AllianceScenario a;
  a.params = "{spending_noise_sd: 0, start_equilibrium: 0}";
  Run r(a.yaml());
  const char* ids[4] = {"us", "de", "pl", "hu"};
  const double lambda[4] = {0.3, 0.6, 0.4, 0.2};
  const double influence[4] = {3, 1.5, 1, 0.5};
  const double anchors[2][4] = {{0.9, 0.6, 0.8, 0.6}, {0.8, 0.4, 0.5, 0.3}};
  double total = 0;
  for (double v : influence) total += v;
  // Start at the anchors (start_equilibrium 0).
  for (int d = 0; d < 2; ++d)
    for (int i = 0; i < 4; ++i) CHECK(r.stance(ids[i], d) == Approx(anchors[d][i]).margin(1e-12));

  // One step is exactly x(1) = Lambda W x(0) + (I - Lambda) u with W_ij = influence_j / sum.
  r.steps(1);
  for (int d = 0; d < 2; ++d) {
    double mean = 0;
    for (int j = 0; j < 4; ++j) mean += influence[j] / total * anchors[d][j];
    for (int i = 0; i < 4; ++i)
      CHECK(r.stance(ids[i], d) == Approx(lambda[i] * mean + (1 - lambda[i]) * anchors[d][i]).margin(1e-12));
  }

  r.steps(80);
  for (int d = 0; d < 2; ++d) {
    // (I - Lambda W) x = (I - Lambda) u, solved directly.
    std::vector<std::vector<double>> A(4, std::vector<double>(4));
    std::vector<double> b(4);
    for (int i = 0; i < 4; ++i) {
      for (int j = 0; j < 4; ++j) A[i][j] = (i == j ? 1.0 : 0.0) - lambda[i] * influence[j] / total;
      b[i] = (1 - lambda[i]) * anchors[d][i];
    }
    const auto x = solve(A, b);
    for (int i = 0; i < 4; ++i) CHECK(r.stance(ids[i], d) == Approx(x[i]).margin(1e-9));
  }
}

TEST_CASE("started at equilibrium, stances stay at the fixed point", "[models][alliance_cohesion]") {
  AllianceScenario a;
  Run r(a.yaml());
  std::vector<double> start = r.s.stance;
  r.steps(10);
  for (std::size_t k = 0; k < start.size(); ++k) CHECK(r.s.stance[k] == Approx(start[k]).margin(1e-12));
  // Non-members carry no stance.
  CHECK(r.stance("russia", 0) == 0.0);
  CHECK(r.stance("china", 1) == 0.0);
}

TEST_CASE("stances stay in [0, 1] and cohesion in [0, 1] under extreme threats and costs",
          "[models][alliance_cohesion]") {
  AllianceScenario a;
  a.params = "{spending_noise_sd: 0.02, cost_coefficient: 100, threat_coefficient: 2, start_equilibrium: 0}";
  a.hu_energy = "150";  // almost all of hu's GDP
  a.actors =
      "      us: {anchor_1: 1, anchor_2: 1, susceptibility: 1, influence: 1000, threat_sensitivity: 5}\n"
      "      de: {anchor_1: 0, anchor_2: 0, susceptibility: 0, influence: 0}\n"
      "      pl: {anchor_1: 1, anchor_2: 0, susceptibility: 0.9, influence: 1, threat_sensitivity: 5}\n"
      "      hu: {anchor_1: 0, anchor_2: 1, susceptibility: 0.1, influence: 0.5, threat_sensitivity: 0}\n";
  a.extra =
      "levers:\n"
      "  sanctions: {kind: sanctions, owner: nato, target: russia, intensity: 1, source: test}\n"
      "  controls: {kind: export_controls, owner: nato, target: china, intensity: 1, source: test}\n"
      "events:\n"
      "  war: {description: war, hazard: 5, repeatable: true, effects: [{kind: threat, actor: russia, size: 1}, "
      "{kind: threat, actor: china, size: 1}], source: test}\n";
  for (std::uint64_t run = 0; run < 3; ++run) {
    Run r(a.yaml(), "", 1, run);
    for (int t = 0; t < 40; ++t) {
      r.steps(1);
      for (const char* m : {"us", "de", "pl", "hu"}) {
        for (int d = 0; d < 2; ++d) {
          REQUIRE(r.stance(m, d) >= 0.0);
          REQUIRE(r.stance(m, d) <= 1.0);
        }
        const double share = r.s.milex_target_share[r.id(m)];
        REQUIRE(share >= 0.0);
        REQUIRE(share <= 0.1);
      }
      for (const char* o : {"cohesion", "china", "coh_russia", "at_target"}) {
        REQUIRE(std::isfinite(r.out(o)));
        REQUIRE(r.out(o) >= 0.0);
        REQUIRE(r.out(o) <= 1.0);
      }
    }
  }
}

TEST_CASE("cohesion is 1 when all stances agree and falls with their dispersion", "[models][alliance_cohesion]") {
  AllianceScenario same;
  same.actors =
      "      us: {anchor_1: 0.7, anchor_2: 0.4, susceptibility: 0.3, influence: 3}\n"
      "      de: {anchor_1: 0.7, anchor_2: 0.4, susceptibility: 0.6, influence: 1.5}\n"
      "      pl: {anchor_1: 0.7, anchor_2: 0.4, susceptibility: 0.4}\n"
      "      hu: {anchor_1: 0.7, anchor_2: 0.4, susceptibility: 0.2}\n";
  Run r(same.yaml());
  CHECK(r.out("cohesion") == Approx(1.0));
  CHECK(r.out("china") == Approx(1.0));
  CHECK(r.s.cohesion == Approx(1.0));
  r.steps(3);
  CHECK(r.out("coh_russia") == Approx(1.0));

  AllianceScenario apart;
  Run q(apart.yaml());
  q.steps(2);
  // 1 - 2 x the influence-weighted standard deviation of stances, per dimension.
  const char* ids[4] = {"us", "de", "pl", "hu"};
  const double influence[4] = {3, 1.5, 1, 0.5};
  double coh[2];
  for (int d = 0; d < 2; ++d) {
    double mean = 0, var = 0;
    for (int i = 0; i < 4; ++i) mean += influence[i] / 6.0 * q.stance(ids[i], d);
    for (int i = 0; i < 4; ++i) var += influence[i] / 6.0 * std::pow(q.stance(ids[i], d) - mean, 2);
    coh[d] = 1 - 2 * std::sqrt(var);
  }
  CHECK(q.out("coh_russia") == Approx(coh[0]));
  CHECK(q.out("china") == Approx(coh[1]));
  CHECK(q.s.china_consensus == Approx(coh[1]));
  CHECK(q.out("cohesion") == Approx((coh[0] + coh[1]) / 2));
  CHECK(q.out("cohesion") < 1.0);
  CHECK(q.out("cohesion") > 0.0);
}

TEST_CASE("exposure to the adversary lowers a stance and past the threshold removes the member from the coalition",
          "[models][alliance_cohesion]") {
  const std::string levers =
      "levers:\n"
      "  sanctions: {kind: sanctions, owner: nato, target: russia, intensity: 0, schedule: [{year: 2021, intensity: "
      "1}], participation: 0.5, source: test}\n"
      "  us_own: {kind: sanctions, owner: us, target: russia, intensity: 1, source: test}\n"
      "  china_controls: {kind: export_controls, owner: nato, target: china, intensity: 0.5, participation: 0.4, "
      "source: test}\n";
  const std::string outcomes = "  share: {series: coalition_share.sanctions}\n  hu: {series: stance.hu.russia}\n";
  AllianceScenario low, high;
  low.extra = high.extra = levers;
  low.outcomes = high.outcomes = outcomes;
  low.hu_energy = "2";
  high.hu_energy = "15";  // 8% of hu's GDP
  Run a(low.yaml()), b(high.yaml());
  // Before the sanctions (start year, intensity 0) nobody bears a cost: same stances.
  CHECK(a.out("hu") == Approx(b.out("hu")));
  CHECK(a.out("share") == Approx(1.0));
  CHECK(b.out("share") == Approx(1.0));
  a.steps(30);
  b.steps(30);
  CHECK(b.out("hu") < a.out("hu"));
  CHECK(a.out("hu") >= 0.5);
  CHECK(b.out("hu") < 0.5);
  CHECK(a.out("share") == Approx(1.0));
  CHECK(b.out("share") == Approx(0.75));  // hu, one member of four, drops out
  const std::size_t n = b.sc->n_actors;
  const std::size_t l_sanctions = *b.sc->lever_index("sanctions");
  const std::size_t l_own = *b.sc->lever_index("us_own");
  const std::size_t l_china = *b.sc->lever_index("china_controls");
  CHECK(b.s.participates[l_sanctions * n + b.id("hu")] == 0);
  CHECK(b.s.participates[l_sanctions * n + b.id("de")] == 1);
  // A lever the alliance does not own is left as it is.
  CHECK(b.s.participates[l_own * n + b.id("us")] == 1);
  // The China lever uses its own threshold on the China dimension: hu (0.3 anchor) stays out, de in.
  CHECK(b.stance("hu", 1) < 0.4);
  CHECK(b.s.participates[l_china * n + b.id("hu")] == 0);
  CHECK(b.stance("de", 1) >= 0.4);
  CHECK(b.s.participates[l_china * n + b.id("de")] == 1);
}

TEST_CASE("a threat event raises stances, more for a higher threat sensitivity", "[models][alliance_cohesion]") {
  const std::string events =
      "events:\n"
      "  invasion: {description: aggression, hazard: 0, effects: [{kind: threat, actor: russia, size: 0.5}], "
      "source: test}\n";
  AllianceScenario base, sensitive;
  base.extra = sensitive.extra = events;
  sensitive.actors =
      "      us: {anchor_1: 0.9, anchor_2: 0.8, susceptibility: 0.3, influence: 3, threat_sensitivity: 0.5}\n"
      "      de: {anchor_1: 0.6, anchor_2: 0.4, susceptibility: 0.6, influence: 1.5}\n"
      "      pl: {anchor_1: 0.8, anchor_2: 0.5, susceptibility: 0.4, influence: 1, threat_sensitivity: 4}\n"
      "      hu: {anchor_1: 0.6, anchor_2: 0.3, susceptibility: 0.2, influence: 0.5, threat_sensitivity: 0.5}\n";
  Run quiet(base.yaml()), hit(base.yaml()), hit_sensitive(sensitive.yaml());
  const std::size_t e = *hit.sc->event_index("invasion");
  inject_event(*hit.sc, hit.s, e);
  inject_event(*hit_sensitive.sc, hit_sensitive.s, e);
  quiet.steps(1);
  hit.steps(1);
  hit_sensitive.steps(1);
  for (const char* m : {"us", "de", "pl", "hu"}) {
    CHECK(hit.stance(m, 0) > quiet.stance(m, 0));
    // The spillover raises the China dimension less.
    CHECK(hit.stance(m, 1) - quiet.stance(m, 1) > 0.0);
    CHECK(hit.stance(m, 1) - quiet.stance(m, 1) < hit.stance(m, 0) - quiet.stance(m, 0));
  }
  // Within one run, pl (sensitivity 2) moves more than de (1) despite a lower susceptibility.
  CHECK(hit.stance("pl", 0) - quiet.stance("pl", 0) > hit.stance("de", 0) - quiet.stance("de", 0));
  // The same member with a higher sensitivity moves more.
  CHECK(hit_sensitive.stance("pl", 0) > hit.stance("pl", 0));
  // The threat decays with its half-life (3 years by default) after acting.
  CHECK(hit.s.threat[hit.id("russia")] == Approx(0.5 * std::pow(0.5, 1.0 / 3.0)));
  hit.steps(40);
  quiet.steps(40);
  CHECK(hit.stance("pl", 0) == Approx(quiet.stance("pl", 0)).margin(1e-3));
}

TEST_CASE("strategic communications raise cohesion", "[models][alliance_cohesion]") {
  AllianceScenario a;
  a.hu_energy = "15";
  a.extra =
      "levers:\n"
      "  sanctions: {kind: sanctions, owner: nato, target: russia, intensity: 0, schedule: [{year: 2021, intensity: "
      "1}], source: test}\n"
      "  stratcom: {kind: strategic_communications, owner: nato, target: russia, intensity: 0, source: test}\n"
      "policies:\n"
      "  on: {description: strategic communications, levers: {stratcom: {intensity: 1}}}\n";
  Run off(a.yaml()), on(a.yaml(), "on");
  off.steps(20);
  on.steps(20);
  CHECK(on.out("coh_russia") > off.out("coh_russia"));
  CHECK(on.out("cohesion") > off.out("cohesion"));
  // It acts on its target's dimension only.
  CHECK(on.out("china") == Approx(off.out("china")));
  // Less adversary influence: the exposed member's hard line suffers less.
  CHECK(on.out("hu_russia") > off.out("hu_russia"));
}

TEST_CASE("the defence spending lever sets the target members move towards", "[models][alliance_cohesion]") {
  AllianceScenario a;
  a.params = "{spending_noise_sd: 0, target_compliance: 1, spending_adjustment: 0.5}";
  a.extra =
      "levers:\n"
      "  pledge: {kind: defence_spending, owner: nato, target: russia, intensity: 0, source: test}\n"
      "policies:\n"
      "  two_percent: {description: 2% pledge, levers: {pledge: {intensity: 0.5714285714285714}}}\n";
  Run none(a.yaml()), pledge(a.yaml(), "two_percent");
  // Start: us (3.5%) and pl (2.2%) of four are at 2%.
  CHECK(none.out("at_target") == Approx(0.5));
  CHECK(none.out("de_milex") == Approx(0.013));
  none.steps(30);
  pledge.steps(30);
  CHECK(none.out("de_milex") == Approx(0.013));
  CHECK(none.out("at_target") == Approx(0.5));
  // Full compliance: de and hu close the gap to 2%; us stays above it.
  CHECK(pledge.out("de_milex") == Approx(0.02).margin(1e-6));
  CHECK(pledge.s.milex_target_share[pledge.id("hu")] == Approx(0.02).margin(1e-6));
  // us is above the target: no floor, its spending is the arms race's.
  CHECK(pledge.s.milex_target_share[pledge.id("us")] == 0.0);
  CHECK(pledge.s.milex_target_share[pledge.id("russia")] == 0.0);
  // Half-way after one step: 0.013 + 0.5 (0.02 - 0.013).
  Run one(a.yaml(), "two_percent");
  one.steps(1);
  CHECK(one.out("de_milex") == Approx(0.0165));
}

TEST_CASE("a policy never shifts the component's random draws", "[models][alliance_cohesion]") {
  AllianceScenario a;
  a.params = "{spending_noise_sd: 0.005}";
  a.extra =
      "levers:\n"
      "  pledge: {kind: defence_spending, owner: nato, target: russia, intensity: 0, source: test}\n"
      "  sanctions: {kind: sanctions, owner: nato, target: russia, intensity: 0, source: test}\n"
      "policies:\n"
      "  busy: {description: everything on, levers: {pledge: {intensity: 1}, sanctions: {intensity: 1}}}\n";
  Run quiet(a.yaml()), busy(a.yaml(), "busy");
  quiet.steps(12);
  busy.steps(12);
  REQUIRE(quiet.s.model_streams.size() == 1);
  CHECK(quiet.s.model_streams[0].state() == busy.s.model_streams[0].state());
  CHECK(quiet.out("de_milex") != busy.out("de_milex"));
}

TEST_CASE("output series name the alliance, its members, its dimensions and its levers",
          "[models][alliance_cohesion]") {
  auto error_of = [](const std::string& outcomes, const std::string& extra = "") {
    AllianceScenario a;
    a.outcomes = outcomes;
    a.extra = extra;
    try {
      test::compile_text(a.yaml());
    } catch (const ScenarioError& e) {
      std::string all;
      for (const auto& d : e.diagnostics()) all += d.message + "\n";
      return all;
    }
    return std::string();
  };
  CHECK(error_of("  x: {series: stance.russia.china}\n").find("not a member") != std::string::npos);
  CHECK(error_of("  x: {series: stance.de.india}\n").find("not a dimension") != std::string::npos);
  CHECK(error_of("  x: {series: stance.de.us}\n").find("not a dimension") != std::string::npos);
  CHECK(error_of("  x: {series: cohesion.us}\n").find("takes the alliance") != std::string::npos);
  CHECK(error_of("  x: {series: milex_share.china}\n").find("not a member") != std::string::npos);
  CHECK(error_of("  x: {series: coalition_share.us_own}\n",
                 "levers:\n  us_own: {kind: sanctions, owner: us, target: russia, intensity: 1, source: test}\n")
            .find("not owned by the alliance") != std::string::npos);
  CHECK(error_of("  x: {series: coalition_share.nothing}\n").find("unknown lever") != std::string::npos);
  CHECK(error_of("  x: {series: stance.de.russia}\n  y: {series: cohesion_dimension.nato.china}\n").empty());
}

TEST_CASE("a common threat raises the mean stance and, with the rally effect, cohesion", "[models][alliance_cohesion]") {
  // Threats of 0, 0.6 and 1 on Russia (the 2022 experiment): with
  // threat_rally > 0 the Russia-dimension cohesion rises with the threat;
  // with it off (the component default) it does not, since the hawks, the
  // most sensitive members, move most.
  auto cohesion_after = [](double size, const char* rally) {
    AllianceScenario a;
    a.params = std::string("{spending_noise_sd: 0, threat_rally: ") + rally + "}";
    a.extra = "events:\n  invasion: {description: aggression, hazard: 0, effects: [{kind: threat, actor: russia, size: " +
              std::to_string(size) + "}], source: test}\n";
    Run r(a.yaml());
    if (size > 0) inject_event(*r.sc, r.s, *r.sc->event_index("invasion"));
    r.steps(1);
    double mean = 0;
    for (const char* m : {"us", "de", "pl", "hu"}) mean += r.stance(m, 0);
    return std::pair{r.out("coh_russia"), mean / 4};
  };
  const auto [k0, m0] = cohesion_after(0, "1.5");
  const auto [k6, m6] = cohesion_after(0.6, "1.5");
  const auto [k1, m1] = cohesion_after(1.0, "1.5");
  CHECK(m6 > m0);
  CHECK(m1 > m6);
  CHECK(k6 > k0 + 0.005);
  CHECK(k1 > k6);
  const auto [off0, moff0] = cohesion_after(0, "0");
  const auto [off1, moff1] = cohesion_after(1.0, "0");
  CHECK(moff1 > moff0);
  CHECK(off1 < k1);
}

TEST_CASE("export controls cost a member only the sales they restrict, sanctions all its trade",
          "[models][alliance_cohesion]") {
  // de's only tie with china is 100 of goods sales. Controls on technology
  // restrict none of it: no cost. Controls on goods restrict all of it: the
  // same cost as broad sanctions, which weigh the whole relationship.
  auto de_on_china = [](const std::string& lever) {
    AllianceScenario sc;
    sc.outcomes += "  de_china: {series: stance.de.china}\n";
    if (!lever.empty()) sc.extra = "levers:\n  l: {" + lever + ", owner: de, target: china, intensity: 1, source: test}\n";
    Run r(sc.yaml());
    r.steps(20);
    return r.out("de_china");
  };
  const double none = de_on_china("");
  const double tech = de_on_china("kind: export_controls");
  const double goods = de_on_china("kind: export_controls, channels: [goods]");
  const double sanctions = de_on_china("kind: sanctions");
  CHECK(tech == Approx(none).epsilon(1e-12));
  CHECK(sanctions < none - 0.01);
  CHECK(goods == Approx(sanctions).epsilon(1e-9));
  // Screening weighs credit both ways, of which de has none with china.
  CHECK(de_on_china("kind: investment_screening") == Approx(none).epsilon(1e-12));
}
