// A game session on disk: one SQLite file (format `entente-play-session`
// version 1, docs/outputs.md) holding the scenario, the game setup and the
// append-only journal with each turn's state. The only play code that
// includes sqlite3. Every command is one transaction: begin() takes the
// write lock (BEGIN IMMEDIATE), commit() makes the command's entries durable
// at once; a process killed in between leaves the session as it was.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/play/journal.hpp"
#include "sim/util/error.hpp"
#include "sim/output/formats.hpp"

namespace entente::analysis {

struct SessionInfo {
  std::string scenario_file;   // as named at `play new`
  std::string scenario_hash;   // sha256 of the resolved scenario (as in manifests)
  std::string scenario_text;   // the resolved scenario as JSON (overlays and --set applied)
  std::string policy;          // the policy the game starts from ("" = the file's settings)
  std::string entente_version, git_revision, created_utc;
  play::GameSetup setup;
};

// A session file that is missing, not a session, or of another format
// version: bad input (exit 2).
class SessionInputError : public InputError {
 public:
  using InputError::InputError;
};

class SessionStore {
 public:
  // Writes a new session file with its first journal entry ('new' and the
  // turn-0 state). Atomic: built under a temporary name, then renamed.
  // Throws SessionInputError when `path` exists.
  static void create(const std::string& path, const SessionInfo& info, const play::Action& first,
                     const std::string& state);

  // Opens an existing session; throws SessionInputError.
  explicit SessionStore(const std::string& path);
  ~SessionStore();
  SessionStore(const SessionStore&) = delete;
  SessionStore& operator=(const SessionStore&) = delete;

  const std::string& path() const;
  // BEGIN IMMEDIATE: the write lock, held until commit() or destruction
  // (which rolls back). Read-only commands use it too, for a consistent view.
  void begin();
  void commit();

  SessionInfo info() const;
  std::vector<play::JournalRecord> journal() const;
  std::vector<std::string> created_times() const;  // per journal entry, in order
  // Appends an entry (and the state after it for 'adjudicate'); returns its seq.
  std::int64_t append(const play::Action& action, const std::string* state);

  // Every table in key order without the clock times: equal for two sessions
  // played with the same commands.
  std::string canonical_dump() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace entente::analysis
