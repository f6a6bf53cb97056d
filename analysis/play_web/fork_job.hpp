// The facilitator's "fork into an ensemble" in `entente play serve`: the
// same library call as `entente play fork` (analysis::play_fork: the same
// result set, report.html, journal entry), run on a thread of its own so the
// screens can poll its progress. One fork at a time.
//
// Where it writes is the server's choice, never the request's: next to the
// session, in SESSION_STEM_forks/turnK_branchB_seqN (N: the journal entry the
// fork will be). The output is staged and put in place whole
// (sim/output/staged_dir.hpp), so a stop leaves either the whole result set
// or nothing.
#pragma once
#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "analysis/play/play_session.hpp"

namespace entente::analysis::play_web {

// SESSION's forks folder: "out/game.sqlite" -> "out/game_forks".
std::string forks_dir(const std::string& session);
// The folder of the fork that journal entry `seq` will be.
std::string fork_dir(const std::string& session, int turn, int branch, std::int64_t seq);
// The folder of journal entry `seq` when it is a fork this server (or one
// like it) wrote into forks_dir(session); nullopt otherwise. The path comes
// from the journal, checked against the server's own naming.
std::optional<std::string> served_fork_dir(const std::string& session, std::int64_t seq);

class ForkJob {
 public:
  ForkJob() = default;
  ~ForkJob();  // stops a running fork and waits for it
  ForkJob(const ForkJob&) = delete;
  ForkJob& operator=(const ForkJob&) = delete;

  // Starts request (its out, stop and progress are set here). False when a
  // fork is already running.
  bool start(PlayForkRequest request, std::int64_t seq, int turn, const ModelRegistry& registry);
  bool running() const;
  // {"state": "idle"|"running"|"done"|"stopped"|"failed", "done", "total",
  //  "turn", "seq", "policy", "out", "message"}
  play::Json status() const;
  // Asks a running fork to stop and waits until it has (nothing half-written).
  void stop();

 private:
  mutable std::mutex mutex_;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::atomic<std::uint64_t> done_{0};
  bool running_ = false;
  std::string state_ = "idle";
  std::uint64_t total_ = 0;
  int turn_ = 0;
  std::int64_t seq_ = 0;
  std::string policy_, out_, message_;
};

}  // namespace entente::analysis::play_web
