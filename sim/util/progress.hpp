// A progress bar with rate and ETA on stderr. It shows only when stderr is a
// terminal and the work has taken more than a second, so piped output and
// quick runs stay clean.
#pragma once
#include <atomic>
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
  // The line with the widest bar (at most 30 characters) that keeps it
  // within `columns` - 1 characters (the cursor's column stays free); when
  // even an empty bar does not fit, the line is cut. Exposed for tests.
  static std::string render_fitted(std::uint64_t done, std::uint64_t total, double elapsed_seconds,
                                   const std::string& label, int columns);

 private:
  std::uint64_t total_;
  std::string label_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

// True when stderr is a terminal.
bool stderr_is_terminal();

// The width of the terminal on stderr, or 80 when it is not a terminal or
// does not say; at most 80, so a line drawn for it fits any usual terminal.
int stderr_columns();

// Test hooks for the interruption tests (tests/cli/test_interrupt.cpp),
// inert unless their environment variable is set. Commands call
// test_phase("computing" | "running" | "writing" | "committing", stop) when
// they reach that phase: computing once the signal handlers are installed,
// running (entente run) once the scenario is loaded and compiled, writing
// once the result files are staged, committing (play adjudicate) before
// COMMIT (docs/reliability.md):
//   ENTENTE_TEST_PHASES=1       prints "entente: phase NAME" on stderr, so a
//                               test knows the signal handlers are in place
//                               and what the command is doing;
//   ENTENTE_TEST_PAUSE_AT=NAME  at phase NAME also prints "entente: paused at
//                               NAME" and waits until *stop is set (at most
//                               60 s), so a test can signal it exactly there.
void test_phase(const char* name, const std::atomic<bool>* stop);

}  // namespace entente
