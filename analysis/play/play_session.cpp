#include "analysis/play/play_session.hpp"

#include "analysis/play/dashboard.hpp"
#include "analysis/writers/number_format.hpp"
#include "entente/version.hpp"
#include "sim/output/manifest.hpp"
#include "sim/output/node_json.hpp"
#include "sim/play/state_codec.hpp"
#include "sim/util/progress.hpp"

namespace entente::analysis {

using play::Action;

OpenSession open_session(const std::string& path, const ModelRegistry& registry) {
  OpenSession s;
  s.store = std::make_unique<SessionStore>(path);
  s.store->begin();
  s.info = s.store->info();
  s.loaded = load_scenario_text(s.info.scenario_text, s.info.scenario_file, registry);
  if (s.loaded.scenario_hash != s.info.scenario_hash)
    throw std::runtime_error(path + ": the stored scenario does not reproduce its hash (" + s.info.scenario_hash +
                             "); was the session written by another version of entente?");
  s.compiled = compile_for_policy(s.loaded, registry, s.info.policy);
  s.journal = s.store->journal();
  s.game = std::make_unique<play::Game>(play::restore_game(*s.compiled, s.info.setup, s.journal));
  return s;
}

std::string play_new(const PlayNewRequest& req, const ModelRegistry& registry) {
  LoadedScenario loaded = load_scenario(req.load, registry);
  auto compiled = compile_for_policy(loaded, registry, req.policy);
  play::check_setup(*compiled, req.setup);
  play::Game game(*compiled, req.setup);
  SessionInfo info;
  info.scenario_file = req.load.file;
  info.scenario_hash = loaded.scenario_hash;
  info.scenario_text = node_to_json(*loaded.resolved).dump();
  info.policy = req.policy;
  info.entente_version = kVersion;
  info.git_revision = kGitRevision;
  info.created_utc = utc_timestamp();
  info.setup = req.setup;
  // The session must reopen to the same scenario: check before writing it.
  if (load_scenario_text(info.scenario_text, info.scenario_file, registry).scenario_hash != loaded.scenario_hash)
    throw std::runtime_error(req.load.file + ": the resolved scenario does not read back to the same hash");
  SessionStore::create(req.session, info, game.make_new(), play::encode_state(game.world()));
  return "new game in " + req.session + "\n\n" + render_status(game, req.session);
}

std::string play_move(const std::string& session, const std::string& team,
                      const std::vector<play::LeverSetting>& settings, const ModelRegistry& registry) {
  OpenSession s = open_session(session, registry);
  const Action a = s.game->make_move(team, settings);
  s.store->append(a, nullptr);
  s.store->commit();
  s.game->apply(a);
  std::string out = "turn " + std::to_string(a.turn) + ", team " + team + ":";
  for (const auto& x : a.payload.at("set"))
    out += " " + x.at("lever").get<std::string>() + " " + format_number(x.at("previous").get<double>()) + " -> " +
           format_number(x.at("value").get<double>()) + ";";
  out.back() = '\n';
  return out;
}

std::string play_inject(const std::string& session, const std::string& event, const std::string& note,
                        const ModelRegistry& registry) {
  OpenSession s = open_session(session, registry);
  const Action a = s.game->make_inject(event, note);
  s.store->append(a, nullptr);
  s.store->commit();
  const auto& ev = s.compiled->spec.events[*s.compiled->event_index(event)];
  return "turn " + std::to_string(a.turn) + ": " + event + " will be injected at the start of the turn" +
         (ev.description.empty() ? "" : " (" + ev.description + ")") + "\n";
}

PlayAdjudicateResult play_adjudicate(const std::string& session, const play::AdjudicateOptions& options,
                                     const ModelRegistry& registry) {
  OpenSession s = open_session(session, registry);
  play::Adjudication adj = s.game->adjudicate(options);
  if (adj.interrupted) return {"", true};  // ~SessionStore rolls back and unlocks
  const std::string state = play::encode_state(adj.state);
  s.store->append(adj.action, &state);
  test_phase("committing", options.stop);
  // The last point where a stop is taken: after COMMIT the turn is played.
  if (options.stop && options.stop->load()) return {"", true};
  s.store->commit();
  s.game->apply(adj.action, &adj.state);
  return {render_adjudication(*s.game), false};
}

std::string play_status(const std::string& session, const ModelRegistry& registry) {
  OpenSession s = open_session(session, registry);
  return render_status(*s.game, session);
}

std::string play_log(const std::string& session, const ModelRegistry& registry) {
  OpenSession s = open_session(session, registry);
  return render_log(*s.game, s.journal, s.store->created_times());
}

std::string play_rewind(const std::string& session, int turn, const ModelRegistry& registry) {
  OpenSession s = open_session(session, registry);
  const Action a = s.game->make_rewind(turn);
  s.store->append(a, nullptr);
  s.store->commit();
  s.game->apply(a);
  return "rewound to turn " + std::to_string(turn) + " (" + format_number(s.game->world().year) + "); branch " +
         std::to_string(s.game->branch()) + " starts here. The abandoned turns stay in the journal (entente play log).\n\n" +
         render_status(*s.game, session);
}

std::string play_replay(const std::string& session, int threads, const ModelRegistry& registry) {
  OpenSession s = open_session(session, registry);
  const play::ReplaySummary r = play::replay_game(*s.compiled, s.info.setup, s.journal, threads);
  return "replay: " + std::to_string(r.entries) + " journal entries, " + std::to_string(r.states_checked) +
         " states recomputed (turn 0 and every adjudication, abandoned branches included), all identical byte for "
         "byte; now at turn " + std::to_string(r.game.turn()) + " on branch " + std::to_string(r.game.branch()) + "\n";
}

}  // namespace entente::analysis
