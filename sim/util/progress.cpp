#include "sim/util/progress.hpp"
#include "sim/util/env_hooks.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>

namespace entente {

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

int stderr_columns() {
  winsize ws{};
  if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return std::min<int>(80, ws.ws_col);
  return 80;
}

void test_phase(const char* name, const std::atomic<bool>* stop) {
  const char* phases = env_hook(EnvHook::kTestPhases);
  const char* pause = env_hook(EnvHook::kTestPauseAt);
  const bool here = pause && std::strcmp(pause, name) == 0;
  if (!here && !(phases && std::strcmp(phases, "1") == 0)) return;
  // One write(2) per line: unbuffered, whole, whatever else writes to stderr.
  const std::string line = std::string("entente: ") + (here ? "paused at " : "phase ") + name + "\n";
  [[maybe_unused]] const ssize_t n = ::write(STDERR_FILENO, line.data(), line.size());
  if (!here) return;
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!(stop && stop->load()) && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
}

ProgressBar::ProgressBar(std::uint64_t total, std::string label, bool enabled)
    : total_(total), label_(std::move(label)), enabled_(enabled && total > 0) {
  start_ = last_draw_ = std::chrono::steady_clock::now();
}

ProgressBar::~ProgressBar() { finish(); }

namespace {
std::string format_duration(double s) {
  char buf[32];
  if (!std::isfinite(s) || s < 0) return "--:--";
  const auto total = static_cast<long long>(s + 0.5);
  if (total >= 3600) std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", total / 3600, (total / 60) % 60, total % 60);
  else std::snprintf(buf, sizeof buf, "%02lld:%02lld", total / 60, total % 60);
  return buf;
}
}  // namespace

std::string ProgressBar::render(std::uint64_t done, std::uint64_t total, double elapsed, const std::string& label,
                                int width) {
  const double frac = total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 1.0;
  const int filled = static_cast<int>(frac * width);
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.append(static_cast<std::size_t>(width - filled), '.');
  const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0.0;
  const double eta = rate > 0 ? static_cast<double>(total - done) / rate : -1.0;
  char buf[256];
  std::snprintf(buf, sizeof buf, "%s [%s] %3.0f%% %llu/%llu  %.0f/s  ETA %s", label.c_str(), bar.c_str(),
                100.0 * frac, static_cast<unsigned long long>(done), static_cast<unsigned long long>(total), rate,
                format_duration(eta).c_str());
  return buf;
}

std::string ProgressBar::render_fitted(std::uint64_t done, std::uint64_t total, double elapsed,
                                       const std::string& label, int columns) {
  const int budget = std::max(1, columns - 1);
  const int without_bar = static_cast<int>(render(done, total, elapsed, label, 0).size());
  const int width = std::clamp(budget - without_bar, 0, 30);
  std::string line = render(done, total, elapsed, label, width);
  if (static_cast<int>(line.size()) > budget) line.resize(static_cast<std::size_t>(budget));
  return line;
}

void ProgressBar::update(std::uint64_t done) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  if (elapsed < 1.0) return;
  if (drawn_ && std::chrono::duration<double>(now - last_draw_).count() < 0.1 && done < total_) return;
  last_draw_ = now;
  std::fprintf(stderr, "\r%s\033[K", render_fitted(done, total_, elapsed, label_, stderr_columns()).c_str());
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressBar::finish() {
  if (drawn_) {
    std::fprintf(stderr, "\r\033[K");
    std::fflush(stderr);
    drawn_ = false;
  }
}

}  // namespace entente
