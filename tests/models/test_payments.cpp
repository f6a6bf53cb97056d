// Payments properties (MODEL.md component 3): settlement shares sum to 1 and
// stay in [0, 1]; Bass participants are bounded by the market and monotone
// under constant drivers; without coercion the start shares are the fixed
// point; financial sanctions lower the sanctioner's currency and raise the
// alternative; coercion switches Russia fast while a large non-sanctioned
// holder barely moves.
#include <catch2/catch.hpp>
#include <cmath>

#include "sim/engine/run.hpp"
#include "support/fixtures.hpp"

using namespace entente;

namespace {

// Russia settles 25% in rubles/yuan (issuer china), 46% in dollars, 29% in
// euro/other (history 2020); the rest of the world settles mostly in dollars.
struct PayScenario {
  std::string step = "year";
  std::string params = "{}";
  std::string actors = "{china: {system_participants: 1280, system_market: 2000}, "
                       "russia: {system_participants: 400, system_market: 800}}";
  std::string levers =
      "  us_sanctions_russia: {kind: sanctions, owner: united_states, target: russia, channels: [goods, payments], "
      "intensity: 0.3, baseline_intensity: 0.3, source: test}\n"
      "  eu_sanctions_russia: {kind: sanctions, owner: european_union, target: russia, channels: [goods, payments], "
      "intensity: 0.25, baseline_intensity: 0.25, source: test}\n";
  std::string extra;  // policies etc.
  std::string outcomes =
      "  ru_cn: {series: settlement_share.russia.china}\n"
      "  ru_us: {series: settlement_share.russia.united_states}\n"
      "  ru_eu: {series: settlement_share.russia.european_union}\n"
      "  row_cn: {series: settlement_share.rest_of_world.china}\n"
      "  row_us: {series: settlement_share.rest_of_world.united_states}\n"
      "  cips: {series: payment_system.china}\n"
      "  spfs: {series: payment_system.russia}\n"
      "  spfs_adoption: {series: payment_system_adoption.russia}\n";

  std::string yaml() const {
    auto actor = [](const char* id, const char* kind, const char* gdp) {
      return std::string("  ") + id + ": {kind: " + kind + ", attributes: {gdp: " + gdp + "}}\n";
    };
    auto pay = [](const char* from, const char* to, const char* v) {
      return std::string("  - {from: ") + from + ", to: " + to + ", channel: payments, value: " + v +
             ", unit: percent, source: test}\n";
    };
    return "entente: 1\nname: pay\ntime: {start: 2021, end: 2041, step: " + step + "}\nactors:\n" +
           actor("russia", "state", "1800") + actor("china", "state", "17800") +
           actor("united_states", "state", "23300") + actor("european_union", "bloc", "17200") +
           actor("india", "state", "3150") + actor("rest_of_world", "bloc", "34000") +
           "  west: {kind: alliance, members: [united_states, european_union]}\n"
           "dependencies:\n" +
           pay("china", "russia", "25") + pay("united_states", "russia", "46") + pay("european_union", "russia", "29") +
           pay("united_states", "rest_of_world", "60") + pay("european_union", "rest_of_world", "25") +
           pay("china", "rest_of_world", "3") + pay("india", "rest_of_world", "12") +
           "levers:\n" + levers + "models:\n  - {name: Payments, parameters: " + params + ", actors: " + actors +
           "}\noutcomes:\n" + outcomes + extra;
  }
};

// 2022: US sanctions 0.3 -> 0.9, EU 0.25 -> 0.8 (the shipped scenario's schedule).
const char* k2022Levers =
    "  us_sanctions_russia: {kind: sanctions, owner: united_states, target: russia, channels: [goods, payments], "
    "intensity: 0.3, baseline_intensity: 0.3, schedule: [{year: 2022, intensity: 0.9}], source: test}\n"
    "  eu_sanctions_russia: {kind: sanctions, owner: european_union, target: russia, channels: [goods, payments], "
    "intensity: 0.25, baseline_intensity: 0.25, schedule: [{year: 2022, intensity: 0.8}], source: test}\n";

// test::Run with the payments flows.
struct Run : test::Run {
  using test::Run::Run;
  double pay(const char* issuer, const char* holder) const {
    return s.flow(static_cast<std::size_t>(Channel::kPayments), id(issuer), id(holder));
  }
  double russia_total() const {
    double t = 0;
    for (std::size_t j = 0; j < sc->n_actors; ++j) t += s.flow(static_cast<std::size_t>(Channel::kPayments), j, id("russia"));
    return t;
  }
};

}  // namespace

TEST_CASE("settlement shares sum to one and stay in [0, 1] under heavy sanctions", "[models][payments]") {
  PayScenario p;
  p.step = "quarter";
  p.params = "{financial_sanctions_effect: -60, secondary_sanctions_effect: -60, adoption_effect: 10, inertia: 0}";
  p.levers =
      "  us_sanctions_russia: {kind: sanctions, owner: united_states, target: russia, channels: [payments], "
      "intensity: 0, schedule: [{year: 2022, intensity: 1.0}], source: test}\n"
      "  west_sanctions_russia: {kind: sanctions, owner: west, target: russia, channels: [payments], "
      "intensity: 0, schedule: [{year: 2023, intensity: 1.0}], source: test}\n"
      "  sec: {kind: secondary_sanctions, owner: united_states, target: russia, intensity: 0, "
      "schedule: [{year: 2022, intensity: 1.0}], source: test}\n"
      "  sec_row: {kind: secondary_sanctions, owner: united_states, target: rest_of_world, intensity: 0, "
      "schedule: [{year: 2022, intensity: 1.0}], source: test}\n";
  Run r(p.yaml());
  for (int k = 0; k < 80; ++k) {
    r.steps(1);
    const double shares[3] = {r.out("ru_cn"), r.out("ru_us"), r.out("ru_eu")};
    double sum = 0;
    for (double c : shares) {
      REQUIRE(std::isfinite(c));
      CHECK(c >= 0.0);
      CHECK(c <= 1.0);
      sum += c;
    }
    CHECK(sum == Approx(1.0).epsilon(1e-12));
    // The holder's total in the payments channel never changes.
    CHECK(r.russia_total() == Approx(100.0).epsilon(1e-12));
    CHECK(r.out("row_cn") + r.out("row_us") <= 1.0 + 1e-12);
    for (double x : r.s.flows) REQUIRE(x >= 0.0);
  }
  // The sanctioners' currencies are all but gone.
  CHECK(r.out("ru_cn") > 0.99);
}

TEST_CASE("Bass participants stay below the market and never fall while drivers are constant", "[models][payments]") {
  for (const char* step : {"year", "quarter"}) {
    for (const char* params : {"{}", "{bass_innovation: 1.0, bass_imitation: 2.0}"}) {
      PayScenario p;
      p.step = step;
      p.params = params;
      p.actors = "{china: {system_participants: 195, system_market: 2000}}";
      Run r(p.yaml());
      const double dt = r.s.dt;
      double last = r.out("cips");
      CHECK(last == Approx(195.0));
      const double pp = std::string(params) == "{}" ? 0.02 : 1.0;
      const double qq = std::string(params) == "{}" ? 0.4 : 2.0;
      r.steps(1);
      // The first step is the Bass increment (p + q N/m)(m - N) dt, capped at m.
      CHECK(r.out("cips") == Approx(std::min(2000.0, 195.0 + (pp + qq * 195.0 / 2000.0) * (2000.0 - 195.0) * dt)));
      for (int k = 0; k < 200; ++k) {
        const double now = r.out("cips");
        CHECK(now >= last);
        CHECK(now <= 2000.0);
        last = now;
        r.steps(1);
        if (r.s.step >= r.sc->n_steps) break;
      }
      CHECK(last > 1900.0);  // approaches m
      CHECK(r.out("spfs") == 0.0);  // russia runs no system here
    }
  }
}

TEST_CASE("CIPS calibration: 195 participants in 2015 reach about 1,400 by 2022", "[models][payments]") {
  PayScenario p;
  p.actors = "{china: {system_participants: 195, system_market: 2000}}";
  Run r(p.yaml());
  r.steps(7);  // seven years, as 2015 -> 2022
  CHECK(r.out("cips") > 1250.0);
  CHECK(r.out("cips") < 1550.0);
}

TEST_CASE("without coercion the start shares are the fixed point", "[models][payments]") {
  SECTION("no payment systems: the shares never move") {
    PayScenario p;
    p.actors = "{}";
    Run r(p.yaml());
    r.steps(20);
    CHECK(r.out("ru_cn") == Approx(0.25).epsilon(1e-12));
    CHECK(r.out("ru_us") == Approx(0.46).epsilon(1e-12));
    CHECK(r.out("row_cn") == Approx(0.03).epsilon(1e-12));
    CHECK(r.pay("china", "russia") == Approx(25.0).epsilon(1e-12));
  }
  SECTION("growing systems without coercion: slow drift only") {
    PayScenario p;
    Run r(p.yaml());
    double last = r.out("ru_cn");
    for (int k = 0; k < 10; ++k) {
      r.steps(1);
      CHECK(r.out("ru_cn") - last < 0.01);  // under one point a year
      last = r.out("ru_cn");
    }
    CHECK(r.out("ru_cn") > 0.25);  // CIPS growth favours the yuan a little
    CHECK(r.out("ru_cn") < 0.30);
    CHECK(std::abs(r.out("row_cn") - 0.03) < 0.01);
  }
}

TEST_CASE("financial sanctions lower the sanctioner's currency share and raise the alternative", "[models][payments]") {
  PayScenario p;
  p.actors = "{}";
  p.levers =
      "  us_sanctions_russia: {kind: sanctions, owner: united_states, target: russia, channels: [goods, payments], "
      "intensity: 0.3, baseline_intensity: 0.3, source: test}\n"
      "  us_trade_only: {kind: sanctions, owner: united_states, target: russia, intensity: 0, source: test}\n";
  p.extra =
      "policies:\n"
      "  on: {description: sanctions raised, levers: {us_sanctions_russia: {intensity: 0.8}}}\n"
      "  lifted: {description: sanctions lifted, levers: {us_sanctions_russia: {intensity: 0.0}}}\n"
      "  trade: {description: sanctions without payments, levers: {us_trade_only: {intensity: 1.0}}}\n";
  Run base(p.yaml()), on(p.yaml(), "on"), lifted(p.yaml(), "lifted"), trade(p.yaml(), "trade");
  for (Run* r : {&base, &on, &lifted, &trade}) r->steps(3);
  CHECK(on.out("ru_us") < base.out("ru_us"));
  CHECK(on.out("ru_cn") > base.out("ru_cn"));
  CHECK(on.out("ru_eu") > base.out("ru_eu"));  // the non-sanctioner's currency gains too
  // Lifting sanctions in force at the start year works the other way.
  CHECK(lifted.out("ru_us") > base.out("ru_us"));
  CHECK(lifted.out("ru_cn") < base.out("ru_cn"));
  // A sanctions lever that does not cover payments leaves the shares alone.
  CHECK(trade.out("ru_us") == Approx(base.out("ru_us")).epsilon(1e-12));
  // Other holders are untouched.
  CHECK(on.out("row_us") == Approx(base.out("row_us")).epsilon(1e-12));
  // With the default inertia and effect: u_us - u_cn falls by
  // 17 * 0.5 * (1 - 0.9^3) after three steps.
  const double shift = 17.0 * 0.5 * (1.0 - std::pow(0.9, 3));
  CHECK(std::log(on.out("ru_us") / on.out("ru_cn")) == Approx(std::log(46.0 / 25.0) - shift).epsilon(1e-9));
}

TEST_CASE("an alliance lever acts through its participating members only", "[models][payments]") {
  // The alliance lever puts the US and the EU on the sanctioning side;
  // participates (AllianceCohesion's gate) decides who applies it.
  PayScenario p;
  p.actors = "{}";
  p.levers =
      "  west_fin: {kind: sanctions, owner: west, target: russia, channels: [payments], intensity: 0, "
      "schedule: [{year: 2022, intensity: 1.0}], source: test}\n";
  Run both(p.yaml()), us_only(p.yaml());
  // The EU stays out of the lever (as if its stance fell below the threshold).
  const std::size_t n = us_only.sc->n_actors;
  us_only.s.participates[0 * n + us_only.id("european_union")] = 0;
  both.steps(2);
  us_only.steps(2);
  CHECK(both.out("ru_us") < 0.46);
  CHECK(both.out("ru_eu") < 0.29);
  CHECK(both.out("ru_cn") > 0.25);
  // The log-odds of the two participants move together.
  CHECK(std::log(both.out("ru_us") / both.out("ru_eu")) == Approx(std::log(46.0 / 29.0)).epsilon(1e-9));
  // Without the EU, the euro gains like the yuan.
  CHECK(us_only.out("ru_eu") > 0.29);
  CHECK(std::log(us_only.out("ru_eu") / us_only.out("ru_cn")) == Approx(std::log(29.0 / 25.0)).epsilon(1e-9));
  CHECK(us_only.out("ru_us") < both.out("ru_us"));  // the euro now takes part of what the dollar loses
}

TEST_CASE("secondary sanctions shift the target away from the sender side", "[models][payments]") {
  PayScenario p;
  p.actors = "{}";
  p.levers += "  sec: {kind: secondary_sanctions, owner: united_states, target: russia, intensity: 0, source: test}\n"
              "  sec_goods: {kind: secondary_sanctions, owner: united_states, target: russia, channels: [goods], "
              "intensity: 0, source: test}\n";
  p.extra =
      "policies:\n"
      "  secondary: {description: secondary sanctions, levers: {sec: {intensity: 1.0}}}\n"
      "  goods_only: {description: no payments channel, levers: {sec_goods: {intensity: 1.0}}}\n";
  Run base(p.yaml()), sec(p.yaml(), "secondary"), goods(p.yaml(), "goods_only");
  for (Run* r : {&base, &sec, &goods}) r->steps(3);
  CHECK(sec.out("ru_us") < base.out("ru_us"));
  // The EU sanctions Russia itself, so it is on the sender side.
  CHECK(sec.out("ru_eu") < base.out("ru_eu"));
  CHECK(sec.out("ru_cn") > base.out("ru_cn"));
  CHECK(goods.out("ru_cn") == Approx(base.out("ru_cn")).epsilon(1e-12));
}

TEST_CASE("sanctions speed up payment systems, secondary sanctions shrink them, partnerships spread them",
          "[models][payments]") {
  PayScenario p;
  p.actors = "{china: {system_participants: 1280, system_market: 2000}, "
             "russia: {system_participants: 400, system_market: 800}}";
  p.levers =
      "  us_fin: {kind: sanctions, owner: united_states, target: russia, channels: [payments], intensity: 0, "
      "source: test}\n"
      "  sec: {kind: secondary_sanctions, owner: united_states, target: russia, intensity: 0, source: test}\n"
      "  cn_ru: {kind: partnership, owner: china, target: russia, intensity: 0, source: test}\n";
  p.extra =
      "policies:\n"
      "  fin: {description: financial sanctions, levers: {us_fin: {intensity: 1.0}}}\n"
      "  sec: {description: secondary sanctions, levers: {sec: {intensity: 1.0}}}\n"
      "  partners: {description: partnership, levers: {cn_ru: {intensity: 1.0}}}\n";
  Run base(p.yaml()), fin(p.yaml(), "fin"), sec(p.yaml(), "sec"), partners(p.yaml(), "partners");
  for (Run* r : {&base, &fin, &sec, &partners}) r->steps(2);
  // Financial sanctions on Russia raise p for SPFS (target) and for CIPS (a non-sender).
  CHECK(fin.out("spfs") > base.out("spfs"));
  CHECK(fin.out("cips") > base.out("cips"));
  // The push on the target's own system is stronger than the spillover.
  CHECK(fin.out("spfs") / base.out("spfs") > fin.out("cips") / base.out("cips"));
  // Secondary sanctions lower m: fewer participants, never above the smaller market.
  CHECK(sec.out("spfs") < base.out("spfs"));
  CHECK(sec.out("cips") < base.out("cips"));
  CHECK(sec.out("spfs") <= 800.0 * std::exp(-0.5) + 1e-9);
  CHECK(sec.out("spfs_adoption") <= 1.0);
  // Partnerships raise q for both parties' systems.
  CHECK(partners.out("spfs") > base.out("spfs"));
  CHECK(partners.out("cips") > base.out("cips"));
  // A larger CIPS network raises the yuan's share in Russia's settlements.
  CHECK(partners.out("ru_cn") > base.out("ru_cn"));
}

TEST_CASE("2022-style sanctions switch Russia fast while a large non-sanctioned holder barely moves",
          "[models][payments]") {
  PayScenario p;
  p.levers = k2022Levers;
  Run r(p.yaml());
  r.steps(3);  // 2022-2024
  // Rubles and yuan from 25% to well above it within three years
  // (Russian officials reported most Russia-China trade in them by 2023).
  CHECK(r.out("ru_cn") > 0.6);
  CHECK(r.out("ru_us") < 0.3);
  // The rest of the world's yuan share barely moves (only CIPS growth).
  CHECK(std::abs(r.out("row_cn") - 0.03) < 0.005);
  CHECK(std::abs(r.out("row_us") - 0.60) < 0.01);
}

TEST_CASE("payment series need known non-alliance actors and the right arity", "[models][payments]") {
  PayScenario p;
  p.outcomes = "  x: {series: settlement_share.russia.chna}\n";
  REQUIRE_THROWS_WITH(test::compile_text(p.yaml()), Catch::Contains("unknown actor 'chna'"));
  p.outcomes = "  x: {series: settlement_share.russia}\n";
  REQUIRE_THROWS_WITH(test::compile_text(p.yaml()), Catch::Contains("two actor ids"));
  p.outcomes = "  x: {series: payment_system.west}\n";
  REQUIRE_THROWS_WITH(test::compile_text(p.yaml()), Catch::Contains("alliance"));
  p.outcomes = "  x: {series: settlement_share.russia.russia}\n";
  REQUIRE_THROWS_WITH(test::compile_text(p.yaml()), Catch::Contains("two different actors"));
}

namespace {

// The 2022 sanctions with a third currency (india: no coalition) holding 3%
// of Russia's settlements, euros 26%.
PayScenario third_currency_scenario() {
  PayScenario p;
  p.levers = k2022Levers;
  p.actors = "{china: {system_participants: 1280, system_market: 3000, secondary_exposure: 0.8}, "
             "india: {secondary_exposure: 0.2}}";
  return p;
}

std::string with_third_currency(std::string yaml) {
  const std::string eu = "  - {from: european_union, to: russia, channel: payments, value: 29";
  const auto at = yaml.find(eu);
  yaml.replace(at, eu.size(),
               "  - {from: india, to: russia, channel: payments, value: 3, unit: percent, source: test}\n"
               "  - {from: european_union, to: russia, channel: payments, value: 26");
  return yaml;
}

}  // namespace

TEST_CASE("rubles and yuan level off below 1 while a third currency stays outside every coalition",
          "[models][payments]") {
  PayScenario p = third_currency_scenario();
  p.params = "{adoption_effect: 0}";  // CIPS growth would raise the yuan's attractor on top
  Run r(with_third_currency(p.yaml()));
  r.steps(20);  // to 2041
  // The long-run share is 25 / (25 + 3) = 0.893 when the dollar and euro are
  // gone: the third currency is untouched by the sanctions.
  CHECK(r.out("ru_cn") == Approx(25.0 / 28.0).margin(0.01));
  CHECK(r.out("ru_cn") < 0.95);
  CHECK(r.out("ru_us") < 1e-3);
}

TEST_CASE("a blocked currency is abandoned faster than a chosen drift", "[models][payments]") {
  PayScenario p = third_currency_scenario();
  Run slow(with_third_currency(p.yaml()));
  p.params = "{blocked_inertia: 0.6}";
  Run fast(with_third_currency(p.yaml()));
  slow.steps(2);
  fast.steps(2);  // 2022-2023
  CHECK(fast.out("ru_cn") > slow.out("ru_cn") + 0.05);
  // With rho_b 0.6 rubles and yuan pass 80% by 2023, as reported.
  CHECK(fast.out("ru_cn") > 0.8);
  CHECK(fast.out("ru_cn") < 25.0 / 28.0);
}

TEST_CASE("secondary-sanctions frictions lower the ruble+yuan share, more the more exposed the banks",
          "[models][payments]") {
  PayScenario p = third_currency_scenario();
  p.params = "{blocked_inertia: 0.6, secondary_friction_effect: -1.5}";
  p.levers += "  sec: {kind: secondary_sanctions, owner: united_states, target: russia, intensity: 0, source: test}\n";
  p.extra = "policies:\n  secondary: {description: secondary sanctions, levers: {sec: {intensity: 0.9}}}\n";
  Run base(with_third_currency(p.yaml())), sec(with_third_currency(p.yaml()), "secondary");
  PayScenario q = p;
  q.params = "{blocked_inertia: 0.6, secondary_friction_effect: 0}";
  Run no_friction(with_third_currency(q.yaml()), "secondary");
  for (Run* r : {&base, &sec, &no_friction}) r->steps(10);
  // The friction shifts settlements from yuan (exposure 0.8) towards the third
  // currency (exposure 0.2): about exp(-1.5 * 0.9 * 0.6) in the odds.
  CHECK(sec.out("ru_cn") < base.out("ru_cn") - 0.03);
  CHECK(sec.out("ru_cn") > 0.6);
  // Without the friction, secondary sanctions lower rubles and yuan only
  // through the smaller CIPS market; the friction adds to that.
  CHECK(sec.out("ru_cn") < no_friction.out("ru_cn") - 0.02);
}

TEST_CASE("a payment push raises the pusher's currency in the target's settlements and grows its system",
          "[models][payments]") {
  PayScenario p;
  p.levers += "  push: {kind: payment_push, owner: china, target: russia, intensity: 0, effect: 1.5, source: test}\n";
  p.extra = "policies:\n  pushed: {description: t, levers: {push: {intensity: 1}}}\n";
  Run calm(p.yaml()), pushed(p.yaml(), "pushed");
  calm.steps(5);
  pushed.steps(5);
  CHECK(pushed.out("ru_cn") > calm.out("ru_cn"));
  CHECK(pushed.out("ru_us") < calm.out("ru_us"));
  CHECK(pushed.out("cips") > calm.out("cips"));
  CHECK(pushed.out("spfs") == Approx(calm.out("spfs")));  // Russia's own system: not the pusher's
  // Other holders gain only through CIPS's growth (adoption_effect), far less.
  CHECK(pushed.out("row_cn") - calm.out("row_cn") < 0.1 * (pushed.out("ru_cn") - calm.out("ru_cn")));
}
