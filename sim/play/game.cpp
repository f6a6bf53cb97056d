#include "sim/play/game.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/engine/ensemble.hpp"
#include "sim/engine/numeric_guard.hpp"
#include "sim/play/headline.hpp"
#include "sim/util/sample_quantile.hpp"
#include "sim/util/suggest.hpp"

namespace entente::play {

namespace {

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

bool valid_team_id(std::string_view id) {
  if (id.empty() || id.size() > 40 || !(id[0] >= 'a' && id[0] <= 'z')) return false;
  return std::all_of(id.begin(), id.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

std::vector<std::string> team_ids(const GameSetup& setup) {
  std::vector<std::string> ids;
  for (const auto& t : setup.teams) ids.push_back(t.id);
  return ids;
}

const char* log_kind(LogEntry::Kind k) {
  switch (k) {
    case LogEntry::Kind::kEvent: return "event";
    case LogEntry::Kind::kInjected: return "injected";
    case LogEntry::Kind::kTrigger: return "trigger";
  }
  return "event";
}

// Steps a copy of `pre` through one turn as future f; writes the outcomes
// of each step into out[k * n_out + o] when out is given.
RunState run_future(const CompiledScenario& sc, const RunState& pre, const RunKey& key, int steps, double* out) {
  RunState s = pre;
  reseed_run(sc, key, s);
  const std::size_t n_out = sc.outcomes.size();
  try {
    for (int k = 0; k < steps; ++k) {
      advance_step(sc, s);
      if (out) record_outcomes(sc, s, key, out + static_cast<std::size_t>(k) * n_out);
    }
  } catch (const ComponentFault& f) {
    throw run_error(key, f.what());
  }
  return s;
}

}  // namespace

void check_setup(const CompiledScenario& sc, const GameSetup& setup) {
  if (setup.teams.empty())
    throw PlayError("a game needs at least one team: --team NAME=LEVER[,LEVER...], e.g. --team blue=" +
                    (sc.levers.empty() ? std::string("LEVER") : sc.levers.front().id));
  const auto levers = sc.lever_ids();
  std::vector<std::pair<std::string, std::string>> owned;  // lever, team
  for (std::size_t i = 0; i < setup.teams.size(); ++i) {
    const Team& t = setup.teams[i];
    if (!valid_team_id(t.id))
      throw PlayError("team name '" + t.id + "' is not valid: lowercase letters, digits and '_', starting with a letter");
    for (std::size_t k = 0; k < i; ++k)
      if (setup.teams[k].id == t.id) throw PlayError("team '" + t.id + "' is declared twice");
    if (t.levers.empty()) throw PlayError("team '" + t.id + "' owns no lever: --team " + t.id + "=LEVER[,LEVER...]");
    for (const auto& l : t.levers) {
      if (!sc.lever_index(l))
        throw PlayError("team '" + t.id + "': unknown lever '" + l + "'" + did_you_mean(l, levers) +
                        "; the scenario's levers: " + join_alternatives(levers));
      for (const auto& [lever, team] : owned)
        if (lever == l)
          throw PlayError("lever '" + l + "' is given to team '" + team + "' and to team '" + t.id +
                          "'; a lever has one owner");
      owned.emplace_back(l, t.id);
    }
  }
  if (setup.turn_steps < 1 || setup.turn_steps > sc.n_steps)
    throw PlayError("--turn-steps must be between 1 and the scenario's " + std::to_string(sc.n_steps) + " steps");
  if (setup.runs_per_turn < 1 || setup.runs_per_turn > kMaxRunsPerTurn)
    throw PlayError("--runs-per-turn must be between 1 and 10^6");
}

Game::Game(const CompiledScenario& scenario, GameSetup setup, const RunState* start)
    : sc_(&scenario), setup_(std::move(setup)) {
  if (setup_.conditioned.has_value() != (start != nullptr))
    throw std::logic_error("Game: a conditioned game starts from its particle, an unconditioned one from RunKey 0");
  TurnState first;
  if (start)
    first.state = *start;
  else
    initialize_run(*sc_, {setup_.seed, 0, 0}, first.state);
  line_.push_back(std::move(first));
}

int Game::n_turns() const {
  return (sc_->n_steps - start_step() + setup_.turn_steps - 1) / setup_.turn_steps;
}

int Game::end_step(int turn) const { return std::min(sc_->n_steps, start_step() + turn * setup_.turn_steps); }

const Team* Game::team(std::string_view id) const {
  for (const auto& t : setup_.teams)
    if (t.id == id) return &t;
  return nullptr;
}

const Team* Game::owner(std::string_view lever) const {
  for (const auto& t : setup_.teams)
    if (std::find(t.levers.begin(), t.levers.end(), lever) != t.levers.end()) return &t;
  return nullptr;
}

std::size_t Game::lever_index(const std::string& id) const {
  const auto l = sc_->lever_index(id);
  if (!l) throw std::logic_error("lever '" + id + "' not in the scenario");
  return *l;
}

double Game::lever_setting(std::size_t l) const {
  for (auto it = pending_.rbegin(); it != pending_.rend(); ++it) {
    if (it->kind != Action::Kind::kMove) continue;
    const auto& set = it->move().set;
    for (auto s = set.rbegin(); s != set.rend(); ++s)
      if (s->lever == sc_->levers[l].id) return s->value;
  }
  const RunState& w = world();
  if (w.lever_override[l] >= 0) return w.lever_override[l];
  const auto next = static_cast<std::size_t>(std::min(w.step + 1, sc_->n_steps));
  return sc_->levers[l].intensity_by_step[next];
}

Action Game::make_new() const {
  return Action::of(NewRecord{setup_, world().year, world().step}, 0, 0);
}

namespace {
std::string game_over_message(const Game& g) {
  return "the game is over: turn " + std::to_string(g.turn()) + " reached the scenario's end (" +
         num(g.world().year) + "); rewind to an earlier turn (entente play rewind S --turn K) or fork one";
}
}  // namespace

Action Game::make_move(const std::string& team_id, const std::vector<LeverSetting>& settings) const {
  const Team* t = team(team_id);
  if (!t)
    throw PlayError("unknown team '" + team_id + "'" + did_you_mean(team_id, team_ids(setup_)) + "; the teams are " +
                    join_alternatives(team_ids(setup_)));
  if (settings.empty()) throw PlayError("a move sets at least one lever: --set LEVER=VALUE");
  if (over()) throw PlayError(game_over_message(*this));
  MoveRecord move;
  for (std::size_t i = 0; i < settings.size(); ++i) {
    const auto& s = settings[i];
    if (std::find(t->levers.begin(), t->levers.end(), s.lever) == t->levers.end()) {
      if (const Team* other = owner(s.lever))
        throw PlayError("team '" + t->id + "' does not own lever '" + s.lever + "' (team '" + other->id +
                        "' does); " + t->id + " owns " + join_alternatives(t->levers));
      if (sc_->lever_index(s.lever))
        throw PlayError("team '" + t->id + "' does not own lever '" + s.lever + "' (no team does); " + t->id +
                        " owns " + join_alternatives(t->levers));
      throw PlayError("unknown lever '" + s.lever + "'" + did_you_mean(s.lever, t->levers) + "; team '" + t->id +
                      "' owns " + join_alternatives(t->levers));
    }
    for (std::size_t k = 0; k < i; ++k)
      if (settings[k].lever == s.lever) throw PlayError("lever '" + s.lever + "' is set twice in one move");
    const CompiledLever& lever = sc_->levers[lever_index(s.lever)];
    if (!std::isfinite(s.value) || s.value < lever.range_min || s.value > lever.range_max)
      throw PlayError(s.lever + "=" + num(s.value) + " is outside the lever's range [" + num(lever.range_min) + ", " +
                      num(lever.range_max) + "]");
    move.set.push_back({s.lever, s.value, lever_setting(lever_index(s.lever))});
  }
  return Action::of(std::move(move), turn() + 1, branch_, t->id);
}

Action Game::make_inject(const std::string& event, const std::string& note) const {
  const auto e = sc_->event_index(event);
  if (!e) {
    const auto ids = sc_->event_ids();
    throw PlayError("unknown event '" + event + "'" + did_you_mean(event, ids) + "; the scenario's events: " +
                    (ids.empty() ? std::string("none") : join_alternatives(ids)));
  }
  if (over()) throw PlayError(game_over_message(*this));
  if (!sc_->events[*e].repeatable) {
    if (world().event_count[*e] > 0)
      throw PlayError("event '" + event + "' has already happened in this game and is not repeatable");
    for (const auto& p : pending_)
      if (p.kind == Action::Kind::kInject && p.inject().event == event)
        throw PlayError("event '" + event + "' is already injected for turn " + std::to_string(turn() + 1) +
                        " and is not repeatable");
  }
  return Action::of(InjectRecord{event, note}, turn() + 1, branch_);
}

void Game::check_turn(int k, const char* what) const {
  if (k < 0 || k > turn())
    throw PlayError(std::string(what) + " --turn " + std::to_string(k) + ": the game has played turns 0 to " +
                    std::to_string(turn()) + " on its current branch");
}

Action Game::make_rewind(int to_turn) const {
  check_turn(to_turn, "rewind");
  return Action::of(RewindRecord{to_turn, turn(), branch_ + 1}, turn(), branch_);
}

RunState Game::prepare(std::size_t skip_action, std::size_t skip_setting) const {
  RunState s = world();
  for (std::size_t i = 0; i < pending_.size(); ++i) {
    const Action& a = pending_[i];
    if (a.kind == Action::Kind::kMove) {
      const auto& set = a.move().set;
      for (std::size_t k = 0; k < set.size(); ++k) {
        if (i == skip_action && k == skip_setting) continue;
        s.lever_override[lever_index(set[k].lever)] = set[k].value;
      }
    } else if (a.kind == Action::Kind::kInject && i != skip_action) {
      inject_event(*sc_, s, *sc_->event_index(a.inject().event));
    }
  }
  return s;
}

Adjudication Game::adjudicate(const AdjudicateOptions& opt) const {
  if (over()) throw PlayError(game_over_message(*this));
  const CompiledScenario& sc = *sc_;
  const int t = turn() + 1;
  const int from = world().step;
  const int steps = end_step(t) - from;
  const std::uint64_t n = opt.runs ? opt.runs : setup_.runs_per_turn;
  if (n < 1 || n > kMaxRunsPerTurn) throw PlayError("--runs-per-turn must be between 1 and 10^6");
  const std::size_t n_out = sc.outcomes.size();
  const std::size_t per_future = static_cast<std::size_t>(steps) * n_out;
  const std::uint64_t point = futures_point(branch_, t);
  const RunState pre = prepared_world();

  Adjudication result;
  std::vector<double> traces(static_cast<std::size_t>(n) * per_future);
  const std::uint64_t done = run_in_waves(
      n, opt.threads, 4096,
      [&](std::uint64_t f) {
        run_future(sc, pre, {setup_.seed, point, f}, steps, traces.data() + static_cast<std::size_t>(f) * per_future);
      },
      [](std::uint64_t, std::uint64_t) {}, opt.stop);
  if (done < n) {
    result.interrupted = true;
    return result;
  }
  auto value = [&](std::uint64_t f, int k, std::size_t o) {
    return traces[static_cast<std::size_t>(f) * per_future + static_cast<std::size_t>(k) * n_out + o];
  };

  // Statistics per outcome at every step of the turn.
  std::vector<std::vector<double>> sorted_end(n_out);
  std::vector<double> median(per_future), scale(per_future);
  std::vector<double> column(static_cast<std::size_t>(n));
  for (int k = 0; k < steps; ++k)
    for (std::size_t o = 0; o < n_out; ++o) {
      for (std::uint64_t f = 0; f < n; ++f) column[static_cast<std::size_t>(f)] = value(f, k, o);
      std::sort(column.begin(), column.end());
      const std::size_t c = static_cast<std::size_t>(k) * n_out + o;
      median[c] = sample_quantile_sorted(column, 0.5);
      scale[c] = sample_quantile_sorted(column, 0.75) - sample_quantile_sorted(column, 0.25);
      if (k == steps - 1) sorted_end[o] = column;
    }

  std::uint64_t chosen = 0;
  if (setup_.mode == Mode::kDraw) {
    Stream draw(StreamKey{setup_.seed, point, 0, StreamPurpose::kAdjudication, stream_id("draw")});
    chosen = std::min(n - 1, static_cast<std::uint64_t>(draw.uniform() * static_cast<double>(n)));
  } else {
    // The future closest to the median path of the headline outcomes: the
    // sum over outcomes and steps of squared distances to the median in
    // interquartile ranges (cells without spread left out); ties: lowest index.
    const auto heads = headline_outcomes(sc);
    double best = std::numeric_limits<double>::infinity();
    for (std::uint64_t f = 0; f < n; ++f) {
      double d = 0;
      for (int k = 0; k < steps; ++k)
        for (std::size_t o : heads) {
          const std::size_t c = static_cast<std::size_t>(k) * n_out + o;
          if (!(scale[c] > 1e-12 * std::max(1.0, std::fabs(median[c])))) continue;
          const double z = (value(f, k, o) - median[c]) / scale[c];
          d += z * z;
        }
      if (d < best) {
        best = d;
        chosen = f;
      }
    }
  }

  const RunKey key{setup_.seed, point, chosen};
  result.state = run_future(sc, pre, key, steps, nullptr);
  const RunState& after = result.state;

  AdjudicationRecord rec;
  rec.futures = n;
  rec.mode = setup_.mode;
  rec.chosen = chosen;
  rec.step = after.step;
  rec.year = after.year;
  for (std::size_t o = 0; o < n_out; ++o) {
    const auto& v = sorted_end[o];
    double sum = 0;
    for (double x : v) sum += x;
    OutcomeDistribution d;
    d.outcome = sc.outcomes[o].spec.id;
    d.before = world().series[sc.outcomes[o].series_slot];
    d.mean = sum / static_cast<double>(v.size());
    d.min = v.front();
    d.p05 = sample_quantile_sorted(v, 0.05);
    d.p25 = sample_quantile_sorted(v, 0.25);
    d.p50 = sample_quantile_sorted(v, 0.5);
    d.p75 = sample_quantile_sorted(v, 0.75);
    d.p95 = sample_quantile_sorted(v, 0.95);
    d.max = v.back();
    d.taken = value(chosen, steps - 1, o);
    rec.distribution.push_back(std::move(d));
  }
  for (int k = 0; k < steps; ++k) {
    PathStep p;
    p.year = sc.years[static_cast<std::size_t>(from + k + 1)];
    for (std::size_t o = 0; o < n_out; ++o) p.values.push_back(value(chosen, k, o));
    rec.path.push_back(std::move(p));
  }
  // A run's log only grows: what this turn added follows the world's entries.
  for (std::size_t i = world().log.size(); i < after.log.size(); ++i) {
    const LogEntry& e = after.log[i];
    const std::string name = e.kind == LogEntry::Kind::kTrigger ? sc.triggers[e.index].label : sc.events[e.index].id;
    rec.events.push_back({sc.years[static_cast<std::size_t>(e.step)], log_kind(e.kind), name});
  }

  // What each input did in the future taken: the same future (same random
  // numbers) without it, one input at a time.
  std::vector<double> without(per_future);
  for (std::size_t i = 0; i < pending_.size(); ++i) {
    const Action& a = pending_[i];
    const std::size_t n_settings = a.kind == Action::Kind::kMove ? a.move().set.size() : 1;
    for (std::size_t k = 0; k < n_settings; ++k) {
      InputEffect entry;
      if (a.kind == Action::Kind::kMove) {
        const MoveSetting& s = a.move().set[k];
        if (s.value == s.previous) continue;
        entry.kind = InputEffect::Kind::kMove;
        entry.team = a.team;
        entry.lever = s.lever;
        entry.from = s.previous;
        entry.to = s.value;
      } else {
        entry.kind = InputEffect::Kind::kInject;
        entry.event = a.inject().event;
      }
      run_future(sc, prepare(i, k), key, steps, without.data());
      for (std::size_t o = 0; o < n_out; ++o)
        entry.effect.push_back(value(chosen, steps - 1, o) - without[static_cast<std::size_t>(steps - 1) * n_out + o]);
      rec.attribution.push_back(std::move(entry));
    }
  }

  result.action = Action::of(std::move(rec), t, branch_);
  return result;
}

void Game::apply(const Action& a, const RunState* state) {
  switch (a.kind) {
    case Action::Kind::kNew:
    case Action::Kind::kFork: return;
    case Action::Kind::kMove:
    case Action::Kind::kInject: pending_.push_back(a); return;
    case Action::Kind::kAdjudicate: {
      if (!state) throw std::logic_error("Game::apply: an adjudication needs its state");
      TurnState next;
      next.turn = a.turn;
      next.state = *state;
      next.adjudication = a.adjudication();
      next.inputs = std::move(pending_);
      pending_.clear();
      line_.push_back(std::move(next));
      return;
    }
    case Action::Kind::kRewind: {
      const RewindRecord& r = a.rewind();
      line_.resize(static_cast<std::size_t>(r.to_turn) + 1);
      pending_.clear();
      branch_ = r.new_branch;
      return;
    }
  }
}

}  // namespace entente::play
