#include "analysis/play_web/fork_job.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <regex>

#include "analysis/sqlite/statement.hpp"
#include "sim/output/staged_dir.hpp"
#include "sim/play/records.hpp"
#include "sim/util/error.hpp"

namespace entente::analysis::play_web {

namespace fs = std::filesystem;

std::string forks_dir(const std::string& session) {
  const fs::path p(session);
  return (p.parent_path() / (p.stem().string() + "_forks")).string();
}

std::string fork_dir(const std::string& session, int turn, int branch, std::int64_t seq) {
  return (fs::path(forks_dir(session)) / ("turn" + std::to_string(turn) + "_branch" + std::to_string(branch) + "_seq" +
                                          std::to_string(seq)))
      .string();
}

std::optional<std::string> served_fork_dir(const std::string& session, std::int64_t seq) {
  // Read-only and without the write lock: a running fork holds that.
  sqlite3* db = sqlite::open(session, SQLITE_OPEN_READONLY, 10000);
  std::string kind, payload;
  try {
    sqlite::Statement st(db, "SELECT kind, payload FROM journal WHERE seq = ?");
    st.bind_int(1, seq);
    if (st.step()) {
      kind = st.text(0);
      payload = st.text(1);
    }
  } catch (...) {
    sqlite3_close(db);
    throw;
  }
  sqlite3_close(db);
  if (kind != "fork") return std::nullopt;
  std::string out;
  try {
    out = std::get<play::ForkRecord>(play::decode_payload(play::Action::Kind::kFork, payload, "fork entry")).out;
  } catch (const play::RecordError&) {
    return std::nullopt;  // not a fork this build wrote: nothing to serve
  }
  // Only a folder the server itself names (a CLI fork may have written anywhere).
  static const std::regex name("turn[0-9]+_branch[0-9]+_seq([0-9]+)");
  const fs::path o(out);
  const std::string file = o.filename().string();
  std::smatch m;
  if (o.parent_path().string() != fs::path(forks_dir(session)).string() || !std::regex_match(file, m, name) ||
      m[1].str() != std::to_string(seq))
    return std::nullopt;
  return out;
}

ForkJob::~ForkJob() { stop(); }

bool ForkJob::start(PlayForkRequest req, std::int64_t seq, int turn, const ModelRegistry& registry) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (running_) return false;
  if (thread_.joinable()) thread_.join();  // the last fork, finished
  stop_ = false;
  done_ = 0;
  running_ = true;
  state_ = "running";
  total_ = req.runs;
  turn_ = turn;
  seq_ = seq;
  policy_ = req.policy;
  out_ = req.out;
  message_.clear();
  req.stop = &stop_;
  req.progress = false;
  req.on_progress = [this](std::uint64_t done) { done_ = done; };
  thread_ = std::thread([this, req, &registry] {
    std::string state, message;
    try {
      const PlayForkResult r = play_fork(req, registry);
      if (r.interrupted) {
        state = "stopped";
        message = "stopped after " + std::to_string(r.runs_completed) + " of " + std::to_string(req.runs) +
                  " futures: nothing written, nothing journalled";
      } else {
        state = "done";
        message = r.text;
        done_ = req.runs;
      }
    } catch (const Interrupted&) {
      state = "stopped";
      message = "stopped while writing: nothing written, nothing journalled";
    } catch (const std::exception& e) {
      state = "failed";
      message = e.what();
    }
    std::lock_guard<std::mutex> l(mutex_);
    state_ = state;
    message_ = message;
    running_ = false;
  });
  return true;
}

bool ForkJob::running() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return running_;
}

play::Json ForkJob::status() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return {{"state", state_}, {"done", done_.load()}, {"total", total_}, {"turn", turn_}, {"seq", seq_},
          {"policy", policy_}, {"out", out_}, {"message", message_}};
}

void ForkJob::stop() {
  stop_ = true;
  std::thread t;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    t = std::move(thread_);
  }
  if (t.joinable()) t.join();
}

}  // namespace entente::analysis::play_web
