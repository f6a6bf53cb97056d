#include "analysis/play_web/web_view.hpp"

#include "analysis/play/dashboard.hpp"
#include "analysis/play_web/turn_chart_svg.hpp"

namespace entente::analysis::play_web {

namespace {

using play::Action;
using play::Json;

// Shared by every role: where the game stands and what has happened.
Json situation(const OpenSession& s) {
  const play::Game& g = *s.game;
  const CompiledScenario& sc = g.scenario();
  Json j;
  j["scenario"] = sc.spec.name;
  j["turn"] = g.turn();
  j["n_turns"] = g.n_turns();
  j["year"] = g.world().year;
  j["branch"] = g.branch();
  j["over"] = g.over();
  j["state_text"] = render_state(g);
  Json charts = Json::array();
  for (std::size_t o : headline_outcomes(sc)) charts.push_back(turn_chart_svg(g, o));
  j["charts"] = charts;
  // The events of the futures taken, turn by turn (injected ones included,
  // without the facilitator's note).
  Json events = Json::array();
  for (const auto& ts : g.line()) {
    if (!ts.adjudication) continue;
    for (const auto& e : ts.adjudication->events)
      events.push_back({{"turn", ts.turn}, {"year", e.year}, {"kind", e.kind}, {"name", e.name}});
  }
  j["events"] = events;
  return j;
}

Json lever_json(const play::Game& g, const std::string& id) {
  const CompiledScenario& sc = g.scenario();
  const std::size_t l = *sc.lever_index(id);
  std::string by = g.world().lever_override[l] >= 0 ? "held" : "schedule";
  for (const auto& p : g.pending())
    if (p.kind == Action::Kind::kMove)
      for (const auto& x : p.move().set)
        if (x.lever == id) by = "move, pending";
  return {{"id", id},
          {"min", sc.levers[l].range_min},
          {"max", sc.levers[l].range_max},
          {"setting", g.lever_setting(l)},
          {"set_by", by}};
}

// The move as the journal spells it (its "set" is the stored record's).
Json move_json(const Action& a) { return {{"team", a.team}, {"set", play::payload_to_json(a).at("set")}}; }

}  // namespace

Json facilitator_view(const OpenSession& s) {
  const play::Game& g = *s.game;
  const CompiledScenario& sc = g.scenario();
  Json j = situation(s);
  j["role"] = "facilitator";
  Json teams = Json::array();
  for (const auto& t : g.setup().teams) {
    Json levers = Json::array();
    for (const auto& l : t.levers) levers.push_back(lever_json(g, l));
    teams.push_back({{"id", t.id}, {"levers", levers}});
  }
  j["teams"] = teams;
  Json pending = Json::array();
  for (const auto& a : g.pending()) {
    if (a.kind == Action::Kind::kMove) pending.push_back({{"kind", "move"}, {"move", move_json(a)}});
    else pending.push_back({{"kind", "inject"}, {"event", a.inject().event}, {"note", a.inject().note}});
  }
  j["pending"] = pending;
  Json events = Json::array();
  for (std::size_t e = 0; e < sc.spec.events.size(); ++e)
    events.push_back({{"id", sc.spec.events[e].id}, {"description", sc.spec.events[e].description}});
  j["scenario_events"] = events;
  j["policies"] = s.loaded.spec.policy_ids();  // what a fork may put on top
  j["dashboard_text"] = render_adjudication(g);
  j["log_text"] = render_log(g, s.journal, s.store->created_times());
  return j;
}

Json team_view(const OpenSession& s, const std::string& team) {
  const play::Game& g = *s.game;
  Json j = situation(s);
  j["role"] = "team";
  j["team"] = team;
  Json levers = Json::array();
  for (const auto& l : g.team(team)->levers) levers.push_back(lever_json(g, l));
  j["levers"] = levers;
  // Only this team's own pending moves: the others' stay secret until adjudicated.
  Json mine = Json::array();
  for (const auto& a : g.pending())
    if (a.kind == Action::Kind::kMove && a.team == team) mine.push_back(move_json(a));
  j["my_pending"] = mine;
  return j;
}

std::string safe_json_text(const Json& json) {
  const std::string raw = json.dump();
  std::string out;
  out.reserve(raw.size() + 64);
  for (char c : raw) {
    if (c == '<') out += "\\u003c";
    else if (c == '>') out += "\\u003e";
    else if (c == '&') out += "\\u0026";
    else out += c;
  }
  return out;
}

}  // namespace entente::analysis::play_web
