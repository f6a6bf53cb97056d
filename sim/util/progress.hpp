// A progress bar with rate and ETA on stderr. It shows only when stderr is a
// terminal and the work has taken more than a second, so piped output and
// quick runs stay clean.
#pragma once
#include <chrono>
#include <cstdint>
#include <string>

namespace entente {

class ProgressBar {
 public:
  ProgressBar(std::uint64_t total, std::string label, bool enabled);
  ~ProgressBar();
  void update(std::uint64_t done);
  // Clear the line (called automatically on destruction).
  void finish();

  // The line update() would draw (exposed for tests).
  static std::string render(std::uint64_t done, std::uint64_t total, double elapsed_seconds,
                            const std::string& label, int width);

 private:
  std::uint64_t total_;
  std::string label_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

// True when stderr is a terminal.
bool stderr_is_terminal();

}  // namespace entente
