// One writer per sweep database. SQLite's own locks serialise transactions,
// not sweeps: two `entente sweep --db F` at once would both write the design
// (the second failing on "UNIQUE constraint failed") or compute the same
// points twice. A SweepLock is an exclusive flock(2) on the database file,
// taken without waiting and held for the whole sweep; the kernel releases it
// when the process dies, so a kill -9 never leaves a stale lock.
//
// Declare it before the SweepDatabase it guards so that it is released after
// the database closes: closing any descriptor of a file drops the process's
// POSIX locks on it, which SQLite relies on while the connection is open.
#pragma once
#include <string>

namespace entente::analysis {

class SweepLock {
 public:
  // Throws std::runtime_error "<path>: another entente sweep is writing to this
  // database ..." when another process holds it; "<path>: <errno text>" when
  // the file cannot be opened. Creates the file (empty) if absent.
  explicit SweepLock(const std::string& path);
  ~SweepLock();
  SweepLock(const SweepLock&) = delete;
  SweepLock& operator=(const SweepLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace entente::analysis
