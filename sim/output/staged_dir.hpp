// An output directory built out of sight and put in place whole at the end,
// so an interrupted command (Ctrl-C, SIGTERM, a failure) never leaves a
// half-written result under the name the user gave (docs/reliability.md):
//
//   StagedDirectory out("out/base");     // creates out/.base.partial-PID/
//   write files into out.path() ...      // (atomically or not: nobody sees them)
//   out.commit();                        // puts them in place
//   // destroyed without commit(): the staging directory is removed
//
// commit() when DIR does not exist renames the staging directory to DIR: one
// atomic step, DIR is then absent or complete. When DIR exists (a previous
// result, or a directory holding other files such as the observed CSV of a
// backtest) it moves each staged entry into DIR by rename(2): files replace
// their namesakes atomically, a staged subdirectory (charts/) is swapped with
// its namesake whole (renameat2 RENAME_EXCHANGE) and the old one removed, and
// manifest.json goes last, so it is the commit marker; entries DIR holds that
// the new result lacks are left alone. commit() does no computing and is not
// interrupted by SIGINT/SIGTERM (they only set the stop flag); only a kill -9
// or power cut inside its few renames can leave an existing DIR mixed, and
// manifest.json's hashes tell a reader so. A kill -9 before commit() leaves a
// hidden .NAME.partial-PID next to DIR, never anything under DIR; the next
// StagedDirectory for DIR removes it (its process is gone).
#pragma once
#include <atomic>
#include <functional>
#include <stdexcept>
#include <string>
#include "sim/util/error.hpp"

namespace entente {

// Work stopped by SIGINT/SIGTERM (the stop flag) while writing outputs. The
// command line reports it with exit code 130.
class Interrupted : public Error {
 public:
  Interrupted() : Error("interrupted", kInterrupted) {}
};

// Throws Interrupted when *stop is set (stop may be null).
void throw_if_stopped(const std::atomic<bool>* stop);

// Checks before any work that a StagedDirectory for `dir` can be created:
// the name is not empty, DIR is a directory or absent, and the nearest
// existing ancestor of its parent is a directory this process may write.
// Throws std::runtime_error naming the path and the cause ("Read-only file
// system", "Permission denied"), so a command refuses a target it could
// never write before it computes for minutes; a later failure (a full disk)
// is still reported when it happens.
void check_stageable(const std::string& dir);

class StagedDirectory {
 public:
  // Creates the staging directory next to `dir` (and dir's parents), first
  // removing the stages that killed processes left next to it. Throws
  // std::runtime_error naming the path when `dir` exists and is not a
  // directory, or a directory cannot be created.
  explicit StagedDirectory(std::string dir);
  ~StagedDirectory();
  StagedDirectory(const StagedDirectory&) = delete;
  StagedDirectory& operator=(const StagedDirectory&) = delete;

  // Where to write the files (the staging directory).
  const std::string& path() const { return stage_; }
  // The final directory.
  const std::string& target() const { return dir_; }
  // Puts the staged files in place (see above). Throws std::runtime_error.
  void commit();

 private:
  std::string dir_, stage_;
  bool committed_ = false;
};

// The whole sequence: fill(path) writes into a StagedDirectory for `dir`,
// which is committed unless *stop is set by then. Throws Interrupted when
// stopped, also for any failure once a stop was asked for (a Ctrl-C in a
// terminal kills gnuplot too; its death then is a consequence, not an error).
// The test hook phase "writing" comes just before the commit.
void write_staged(const std::string& dir, const std::atomic<bool>* stop,
                  const std::function<void(const std::string& path)>& fill);

// Puts directory `from` in place of `to`: when `to` is a directory, the two
// are swapped atomically (renameat2 RENAME_EXCHANGE; where the file system
// lacks it, `to` is renamed aside first) and the old contents, now under
// `from`, are removed; otherwise `from` is renamed to `to`.
void replace_directory(const std::string& from, const std::string& to);

}  // namespace entente
