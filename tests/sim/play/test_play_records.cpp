// The typed journal records and their one codec (sim/play/records.hpp):
// each kind reads the text the journal has always held and writes it back
// byte for byte; a missing field, a field of the wrong type and a text that
// is not the record's canonical form are refused with the entry and field
// named.
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <set>

#include "sim/play/journal.hpp"
#include "sim/play/play_scenario.hpp"

namespace entente {
namespace {

using play::Action;
using Kind = play::Action::Kind;

// decode, then encode again: the stored bytes.
std::string round_trip(Kind kind, const std::string& text) {
  const Action a = Action::of(play::decode_payload(kind, text, "journal entry 1"), 1, 0);
  REQUIRE(a.kind == kind);
  return play::payload_text(a);
}

std::string error_of(Kind kind, const std::string& text, const std::string& where) {
  try {
    play::decode_payload(kind, text, where);
  } catch (const play::RecordError& e) {
    return e.what();
  }
  return "no error";
}

// Texts in the form the journal has held since sessions began (format
// version 1): keys in this order, doubles with a fraction or exponent,
// whole numbers without.
const std::string kNew =
    R"({"setup":{"teams":[{"id":"blue","levers":["a_sanctions_b","a_sanctions_c"]},{"id":"red","levers":)"
    R"(["b_sanctions_a"]}],"seed":7,"mode":"draw","runs_per_turn":40,"turn_steps":1},"year":2025.0,"step":0})";
const std::string kConditionedNew =
    R"({"setup":{"teams":[{"id":"blue","levers":["a_sanctions_b"]}],"seed":3,"mode":"median","runs_per_turn":200,)"
    R"("turn_steps":2,"conditioned":{"observed_file":"obs.csv","observed_sha256":"ab12","origin":2027,)"
    R"("observations":4,"particles":500,"map":["gdp_b=gdp_b"],"relative_error":0.05,"ess_threshold":0.5,)"
    R"("discount":1.0,"final_ess":123.4,"history":[1.5,2.0,-0.25]}},"year":2027.0,"step":2})";
const std::string kMove =
    R"({"set":[{"lever":"a_sanctions_b","value":0.9,"previous":0.2},{"lever":"a_sanctions_c","value":0.4,)"
    R"("previous":0.0}]})";
const std::string kInject = R"({"event":"crisis","note":"a \"test\" crisis"})";
const std::string kAdjudicate =
    R"({"futures":40,"mode":"median","chosen":17,"step":3,"year":2028.0,"distribution":[{"outcome":"dep_ab",)"
    R"("before":0.31,"mean":0.3,"min":0.1,"p05":0.12,"p25":0.2,"p50":0.3,"p75":0.4,"p95":0.5,"max":0.6,)"
    R"("taken":0.33},{"outcome":"gdp_b","before":1000.0,"mean":1010.5,"min":900.0,"p05":950.0,"p25":990.0,)"
    R"("p50":1010.0,"p75":1030.0,"p95":1070.0,"max":1100.0,"taken":1005.25}],"path":[{"year":2028.0,)"
    R"("values":[0.33,1005.25]}],"events":[{"year":2028.0,"kind":"injected","name":"crisis"},{"year":2028.0,)"
    R"("kind":"trigger","name":"Escalation"}],"attribution":[{"kind":"move","team":"blue","lever":)"
    R"("a_sanctions_b","from":0.2,"to":0.9,"effect":[-0.01,2.5e-05]},{"kind":"inject","event":"crisis",)"
    R"("effect":[0.0,-50.0]}]})";
const std::string kRewind = R"({"to_turn":1,"from_turn":3,"new_branch":2})";
const std::string kFork = R"({"from_turn":2,"runs":1000,"policy":"pressure","out":"out/fork"})";

TEST_CASE("play records: each kind reads the stored text and writes it back byte for byte", "[play][records]") {
  CHECK(round_trip(Kind::kNew, kNew) == kNew);
  CHECK(round_trip(Kind::kNew, kConditionedNew) == kConditionedNew);
  CHECK(round_trip(Kind::kMove, kMove) == kMove);
  CHECK(round_trip(Kind::kInject, kInject) == kInject);
  CHECK(round_trip(Kind::kAdjudicate, kAdjudicate) == kAdjudicate);
  CHECK(round_trip(Kind::kRewind, kRewind) == kRewind);
  CHECK(round_trip(Kind::kFork, kFork) == kFork);
}

TEST_CASE("play records: payloads written before the typed records read and write back byte for byte",
          "[play][records]") {
  std::ifstream in(std::string(ENTENTE_SOURCE_DIR) + "/tests/sim/play/fixtures/journal_v1.tsv");
  REQUIRE(in);
  std::set<std::string> kinds;
  int conditioned = 0, lines = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const auto tab = line.find('\t');
    REQUIRE(tab != std::string::npos);
    const auto kind = play::parse_kind(line.substr(0, tab));
    REQUIRE(kind);
    const std::string text = line.substr(tab + 1);
    INFO(line.substr(0, tab));
    CHECK(round_trip(*kind, text) == text);
    kinds.insert(line.substr(0, tab));
    if (*kind == Kind::kNew &&
        std::get<play::NewRecord>(play::decode_payload(*kind, text, "e")).setup.conditioned.has_value())
      ++conditioned;
    ++lines;
  }
  CHECK(lines == 7);
  CHECK(kinds.size() == 6);  // every kind
  CHECK(conditioned == 1);
}

TEST_CASE("play records: the typed fields hold what the text says", "[play][records]") {
  const auto n = std::get<play::NewRecord>(play::decode_payload(Kind::kNew, kConditionedNew, "e"));
  CHECK(n.setup.mode == play::Mode::kMedian);
  CHECK(n.setup.turn_steps == 2);
  REQUIRE(n.setup.conditioned);
  CHECK(n.setup.conditioned->origin == 2027);
  CHECK(n.setup.conditioned->history == std::vector<double>{1.5, 2.0, -0.25});
  CHECK(n.year == 2027.0);
  const auto m = std::get<play::MoveRecord>(play::decode_payload(Kind::kMove, kMove, "e"));
  REQUIRE(m.set.size() == 2);
  CHECK(m.set[1].lever == "a_sanctions_c");
  CHECK(m.set[0].previous == 0.2);
  const auto j = std::get<play::AdjudicationRecord>(play::decode_payload(Kind::kAdjudicate, kAdjudicate, "e"));
  CHECK(j.futures == 40);
  CHECK(j.chosen == 17);
  CHECK(j.mode == play::Mode::kMedian);
  CHECK(j.distribution.at(1).taken == 1005.25);
  CHECK(j.path.at(0).values == std::vector<double>{0.33, 1005.25});
  CHECK(j.events.at(1).kind == "trigger");
  REQUIRE(j.attribution.size() == 2);
  CHECK(j.attribution[0].kind == play::InputEffect::Kind::kMove);
  CHECK(j.attribution[0].to == 0.9);
  CHECK(j.attribution[1].kind == play::InputEffect::Kind::kInject);
  CHECK(j.attribution[1].effect == std::vector<double>{0.0, -50.0});
  const auto w = std::get<play::RewindRecord>(play::decode_payload(Kind::kRewind, kRewind, "e"));
  CHECK(w.to_turn == 1);
  CHECK(w.new_branch == 2);
  const auto f = std::get<play::ForkRecord>(play::decode_payload(Kind::kFork, kFork, "e"));
  CHECK(f.runs == 1000);
  CHECK(f.policy == "pressure");
}

TEST_CASE("play records: every entry a game writes reads back to its stored text", "[play][records]") {
  auto sc = test::compile_text(test::play_scenario_yaml());
  const auto setup = test::play_setup();
  play::Game g(*sc, setup);
  std::vector<Action> written = {g.make_new()};
  auto apply = [&](const Action& a) {
    written.push_back(a);
    g.apply(a);
  };
  apply(g.make_move("blue", {{"a_sanctions_b", 0.6}, {"a_sanctions_c", 0.25}}));
  apply(g.make_inject("dispute", "a note"));
  play::Adjudication adj = g.adjudicate({});
  REQUIRE_FALSE(adj.interrupted);
  written.push_back(adj.action);
  g.apply(adj.action, &adj.state);
  apply(g.make_rewind(0));
  written.push_back(Action::of(play::ForkRecord{0, 100, "", ""}, g.turn(), g.branch()));
  for (const Action& a : written) {
    const std::string text = play::payload_text(a);
    INFO(text);
    CHECK(round_trip(a.kind, text) == text);
  }
  // The adjudication's attribution: one per changed setting, one per inject.
  CHECK(adj.action.adjudication().attribution.size() == 3);
}

TEST_CASE("play records: a non-finite number is stored as null and reads back as NaN", "[play][records]") {
  const std::string text = R"({"set":[{"lever":"x","value":null,"previous":0.5}]})";
  const auto m = std::get<play::MoveRecord>(play::decode_payload(Kind::kMove, text, "e"));
  CHECK(std::isnan(m.set[0].value));
  CHECK(round_trip(Kind::kMove, text) == text);
}

TEST_CASE("play records: a missing field is named with its entry and path", "[play][records]") {
  CHECK(error_of(Kind::kMove, R"({"set":[{"lever":"a","value":0.5}]})", "journal entry 7 (move)") ==
        "journal entry 7 (move): field 'set[0].previous' missing");
  CHECK(error_of(Kind::kInject, R"({"event":"crisis"})", "journal entry 4 (inject)") ==
        "journal entry 4 (inject): field 'note' missing");
  CHECK(error_of(Kind::kRewind, R"({"to_turn":1,"from_turn":3})", "journal entry 9 (rewind)") ==
        "journal entry 9 (rewind): field 'new_branch' missing");
  CHECK(error_of(Kind::kFork, R"({"from_turn":1,"runs":5,"policy":""})", "journal entry 9 (fork)") ==
        "journal entry 9 (fork): field 'out' missing");
  CHECK(error_of(Kind::kNew, R"({"setup":{"teams":[{"id":"blue"}]},"year":2025.0,"step":0})",
                 "journal entry 1 (new)") == "journal entry 1 (new): field 'setup.teams[0].levers' missing");
  std::string no_taken = kAdjudicate;
  no_taken.replace(no_taken.find(R"(,"taken":1005.25)"), std::string(R"(,"taken":1005.25)").size(), "");
  CHECK(error_of(Kind::kAdjudicate, no_taken, "journal entry 5 (adjudicate)") ==
        "journal entry 5 (adjudicate): field 'distribution[1].taken' missing");
}

TEST_CASE("play records: a field of the wrong type is named with what it is and what was expected",
          "[play][records]") {
  CHECK(error_of(Kind::kInject, R"({"event":3,"note":""})", "journal entry 4 (inject)") ==
        "journal entry 4 (inject): field 'event' is a whole number, expected a string");
  CHECK(error_of(Kind::kMove, R"({"set":[{"lever":"a","value":"high","previous":0.5}]})", "journal entry 7 (move)") ==
        "journal entry 7 (move): field 'set[0].value' is a string, expected a number");
  CHECK(error_of(Kind::kMove, R"({"set":{"lever":"a"}})", "journal entry 7 (move)") ==
        "journal entry 7 (move): field 'set' is an object, expected an array");
  CHECK(error_of(Kind::kMove, R"({"set":[3]})", "journal entry 7 (move)") ==
        "journal entry 7 (move): field 'set[0]' is a whole number, expected an object");
  CHECK(error_of(Kind::kRewind, R"({"to_turn":1.5,"from_turn":3,"new_branch":1})", "journal entry 9 (rewind)") ==
        "journal entry 9 (rewind): field 'to_turn' is a number with a fraction, expected a whole number");
  CHECK(error_of(Kind::kFork, R"({"from_turn":1,"runs":-5,"policy":"","out":""})", "journal entry 9 (fork)") ==
        "journal entry 9 (fork): field 'runs' is -5, expected a whole number >= 0");
  std::string bad_mode = kAdjudicate;
  bad_mode.replace(bad_mode.find("\"median\""), 8, "\"mean\"");
  CHECK(error_of(Kind::kAdjudicate, bad_mode, "journal entry 5 (adjudicate)") ==
        "journal entry 5 (adjudicate): field 'mode' is 'mean', expected 'draw' or 'median'");
  std::string bad_value = kAdjudicate;
  bad_value.replace(bad_value.find("[0.33,1005.25]"), 14, "[0.33,true]");
  CHECK(error_of(Kind::kAdjudicate, bad_value, "journal entry 5 (adjudicate)") ==
        "journal entry 5 (adjudicate): field 'path[0].values[1]' is true or false, expected a number");
  std::string bad_kind = kAdjudicate;
  bad_kind.replace(bad_kind.find(R"("kind":"inject")"), 15, R"("kind":"shock")");
  CHECK(error_of(Kind::kAdjudicate, bad_kind, "journal entry 5 (adjudicate)") ==
        "journal entry 5 (adjudicate): field 'attribution[1].kind' is 'shock', expected 'move' or 'inject'");
  std::string bad_history = kConditionedNew;
  bad_history.replace(bad_history.find("-0.25"), 5, "\"x\"");
  CHECK(error_of(Kind::kNew, bad_history, "journal entry 1 (new)") ==
        "journal entry 1 (new): field 'setup.conditioned.history[2]' is a string, expected a number");
  CHECK(error_of(Kind::kRewind, "[1, 3, 2]", "journal entry 9 (rewind)") ==
        "journal entry 9 (rewind): the payload is an array, expected an object");
  CHECK(error_of(Kind::kRewind, "{\"to_turn\":", "journal entry 9 (rewind)").rfind(
            "journal entry 9 (rewind): the payload is not JSON (", 0) == 0);
}

TEST_CASE("play records: a text that is not the record's canonical form is refused, not rewritten",
          "[play][records]") {
  const std::string refusal = "the payload is not a rewind record of entente-play-session format version 1";
  // A key this build does not know.
  const std::string extra = R"({"to_turn":1,"from_turn":3,"new_branch":2,"note":"x"})";
  CHECK(error_of(Kind::kRewind, extra, "journal entry 9 (rewind)") ==
        "journal entry 9 (rewind): " + refusal +
            " (it differs from that record's canonical text at byte 41); this entente reads only that form and "
            "leaves the session as it is");
  // Another key order, and a whole number where the journal holds a double.
  CHECK(error_of(Kind::kRewind, R"({"from_turn":3,"to_turn":1,"new_branch":2})", "e").find(refusal) !=
        std::string::npos);
  CHECK(error_of(Kind::kMove, R"({"set":[{"lever":"a","value":1,"previous":0.5}]})", "e")
            .find("the payload is not a move record of entente-play-session format version 1 (it differs from that "
                  "record's canonical text at byte 30)") != std::string::npos);
}

TEST_CASE("play records: the setup is read with its own location", "[play][records]") {
  CHECK_THROWS_WITH(play::setup_from_json(play::Json::parse(R"({"teams":[],"seed":"7"})"), "game.sqlite: session setup"),
                    "game.sqlite: session setup: field 'seed' is a string, expected a whole number >= 0");
  const auto s = test::play_setup();
  CHECK(play::setup_to_json(play::setup_from_json(play::setup_to_json(s))).dump() == play::setup_to_json(s).dump());
}

}  // namespace
}  // namespace entente
