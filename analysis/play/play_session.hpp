// `entente play ...` as library calls: each opens the session, takes the
// write lock (one transaction per command), rebuilds the game from the
// journal, does its work, appends its entry and commits. Each returns what
// the command prints. Bad input (PlayError, SessionInputError,
// ScenarioError) changes nothing.
#pragma once
#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "analysis/backtest/conditioning.hpp"
#include "analysis/play/session_store.hpp"
#include "sim/scenario/loader.hpp"

namespace entente::analysis {

struct PlayNewRequest {
  LoadRequest load;
  std::string policy;  // the lever settings the game starts from ("" = the file's own)
  std::string session;
  play::GameSetup setup;
  // --condition-on: the game starts at the origin from particle 0 of the
  // ensemble conditioned on the observations (docs/wargaming.md).
  std::optional<ConditionRequest> condition;
  std::uint64_t particles = 2000;
  int threads = 0;
};
std::string play_new(const PlayNewRequest& request, const ModelRegistry& registry);

std::string play_move(const std::string& session, const std::string& team,
                      const std::vector<play::LeverSetting>& settings, const ModelRegistry& registry);
std::string play_inject(const std::string& session, const std::string& event, const std::string& note,
                        const ModelRegistry& registry);

struct PlayAdjudicateResult {
  std::string text;
  bool interrupted = false;
};
PlayAdjudicateResult play_adjudicate(const std::string& session, const play::AdjudicateOptions& options,
                                     const ModelRegistry& registry);

std::string play_status(const std::string& session, const ModelRegistry& registry);
std::string play_log(const std::string& session, const ModelRegistry& registry);
std::string play_rewind(const std::string& session, int turn, const ModelRegistry& registry);
// Throws play::ReplayMismatch (naming the turn) when a state differs.
std::string play_replay(const std::string& session, int threads, const ModelRegistry& registry);

struct PlayForkRequest {
  std::string session;
  std::optional<int> turn;  // default: now (with the moves and injects submitted for the next turn)
  std::uint64_t runs = 1000;
  std::string policy;
  std::string out;
  bool report = true;
  int threads = 0;
  bool progress = false;
  const std::atomic<bool>* stop = nullptr;
  // Called after each wave of futures with the number finished (the
  // browser's progress, analysis/play_web/fork_job.cpp); may be empty.
  std::function<void(std::uint64_t done)> on_progress;
};
struct PlayForkResult {
  std::string text;
  bool interrupted = false;
  std::uint64_t runs_completed = 0;
};
PlayForkResult play_fork(const PlayForkRequest& request, const ModelRegistry& registry);

struct PlayReportRequest {
  std::string session;
  std::string out;
  std::uint64_t baseline_runs = 500;
  int threads = 0;
};
// Writes OUT/report.html (and OUT/charts/); returns its path.
std::string play_report(const PlayReportRequest& request, const ModelRegistry& registry);

// Outcome values of the line's path, step by step up to the end of turn
// `turn`: [step * n_outcomes + o].
std::vector<double> line_path(const play::Game& game, int turn);

// An open session with its game rebuilt (the write lock held).
struct OpenSession {
  std::unique_ptr<SessionStore> store;
  SessionInfo info;
  LoadedScenario loaded;
  std::unique_ptr<CompiledScenario> compiled;
  std::vector<play::JournalRecord> journal;
  std::unique_ptr<play::Game> game;
};
OpenSession open_session(const std::string& path, const ModelRegistry& registry);

// play_fork's checks of a request against the open game (the turn, the
// number of futures, the scenario's end, the policy), without running it;
// returns the turn forked from. Throws play::PlayError. `entente play serve`
// checks a fork with it before starting one in the background.
int check_play_fork(const OpenSession& session, const PlayForkRequest& request);

}  // namespace entente::analysis
