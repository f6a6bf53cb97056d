#include "analysis/play/play_session.hpp"

#include "analysis/play/dashboard.hpp"
#include "analysis/writers/number_format.hpp"
#include "entente/version.hpp"
#include "sim/io/diagnostics.hpp"
#include "sim/io/node_json.hpp"
#include "sim/output/manifest.hpp"
#include "sim/play/journal.hpp"
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
  play::GameSetup setup = req.setup;
  play::check_setup(*compiled, setup);
  std::optional<RunState> start;
  std::string conditioned_note;
  if (req.condition) {
    if (req.particles < 2 || req.particles > 1'000'000)
      throw play::PlayError("--particles must be between 2 and 10^6");
    ConditionedEnsemble c = condition_ensemble(*compiled, *req.condition, setup.seed, req.particles, req.threads, nullptr);
    if (c.states.empty() || c.paths.empty()) throw std::runtime_error("the particle filter returned no particles");
    start = std::move(c.states.front());
    play::ConditionedStart cs;
    cs.observed_file = c.observed_file;
    cs.observed_sha256 = c.observed_sha256;
    cs.origin = c.origin;
    cs.observations = c.observations;
    cs.particles = req.particles;
    cs.map = req.condition->map;
    cs.relative_error = req.condition->relative_error;
    cs.ess_threshold = req.condition->ess_threshold;
    cs.discount = req.condition->discount;
    cs.final_ess = c.steps.empty() ? 0 : c.steps.back().ess;
    cs.history = std::move(c.paths.front());
    setup.conditioned = std::move(cs);
    for (const auto& n : c.notes) conditioned_note += "note: " + n + "\n";
    conditioned_note += "conditioned on " + std::to_string(c.observations) + " observations of " + c.observed_file +
                        " up to " + std::to_string(c.origin) + " (" + std::to_string(req.particles) +
                        " particles); the game starts in " + std::to_string(c.origin) + " from particle 0\n" +
                        ess_line(c.steps) + "\n";
  }
  play::Game game(*compiled, setup, start ? &*start : nullptr);
  SessionInfo info;
  info.scenario_file = req.load.file;
  info.scenario_hash = loaded.scenario_hash;
  info.scenario_text = node_to_json(*loaded.resolved).dump();
  info.policy = req.policy;
  info.entente_version = kVersion;
  info.git_revision = kGitRevision;
  info.created_utc = utc_timestamp();
  info.setup = setup;
  // The session must reopen to the same scenario: check before writing it.
  if (load_scenario_text(info.scenario_text, info.scenario_file, registry).scenario_hash != loaded.scenario_hash)
    throw std::runtime_error(req.load.file + ": the resolved scenario does not read back to the same hash");
  SessionStore::create(req.session, info, game.make_new(), play::encode_state(game.world()));
  return "new game in " + req.session + "\n" + conditioned_note + "\n" + render_status(game, req.session);
}

std::string play_move(const std::string& session, const std::string& team,
                      const std::vector<play::LeverSetting>& settings, const ModelRegistry& registry) {
  OpenSession s = open_session(session, registry);
  const Action a = s.game->make_move(team, settings);
  s.store->append(a, nullptr);
  s.store->commit();
  s.game->apply(a);
  std::string out = "turn " + std::to_string(a.turn) + ", team " + team + ":";
  for (const auto& x : a.move().set)
    out += " " + x.lever + " " + format_number(x.previous) + " -> " + format_number(x.value) + ";";
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

namespace {

// A conditioned game's turn 0, recomputed: the same filter on the same
// observations (checked by their SHA-256) from the session's seed.
std::optional<RunState> recompute_conditioned_start(const OpenSession& s, int threads) {
  const auto& c = s.info.setup.conditioned;
  if (!c) return std::nullopt;
  ConditionRequest req;
  req.observed = c->observed_file;
  req.origin = c->origin;
  req.map = c->map;
  req.relative_error = c->relative_error;
  req.ess_threshold = c->ess_threshold;
  req.discount = c->discount;
  const auto mismatch = [&](const std::string& why) {
    return play::ReplayMismatch("replay: turn 0 is conditioned on " + c->observed_file + " (sha256 " +
                                    c->observed_sha256 + "), " + why +
                                    "; a replay needs the observations the game started from",
                                0, s.journal.empty() ? 0 : s.journal.front().seq);
  };
  ConditionedEnsemble e;
  try {
    e = condition_ensemble(*s.compiled, req, s.info.setup.seed, c->particles, threads, nullptr);
  } catch (const ScenarioError& err) {
    throw mismatch("which can no longer be read (" +
                   (err.diagnostics().empty() ? std::string("unreadable") : err.diagnostics().front().format()) + ")");
  }
  if (e.observed_sha256 != c->observed_sha256) throw mismatch("which now reads sha256 " + e.observed_sha256);
  if (e.states.empty()) throw mismatch("but the filter returned no particles");
  return std::move(e.states.front());
}

}  // namespace

std::string play_replay(const std::string& session, int threads, const ModelRegistry& registry) {
  OpenSession s = open_session(session, registry);
  const std::optional<RunState> start = recompute_conditioned_start(s, threads);
  const play::ReplaySummary r =
      play::replay_game(*s.compiled, s.info.setup, s.journal, threads, start ? &*start : nullptr);
  return "replay: " + std::to_string(r.entries) + " journal entries, " + std::to_string(r.states_checked) +
         " states recomputed (turn 0 and every adjudication, abandoned branches included), all identical byte for "
         "byte; now at turn " + std::to_string(r.game.turn()) + " on branch " + std::to_string(r.game.branch()) + "\n";
}

}  // namespace entente::analysis
