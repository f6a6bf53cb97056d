#include "analysis/report/chart_gnuplot.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "analysis/report/no_spawn.hpp"
#include "sim/io/disk_space.hpp"
#include "sim/output/staged_dir.hpp"

namespace entente::analysis::report {

namespace fs = std::filesystem;

namespace {

void write_text(const fs::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  out.close();
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

bool non_empty_file(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec) && fs::file_size(p, ec) > 0 && !ec;
}

}  // namespace

std::string find_gnuplot() {
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "";
  std::size_t start = 0;
  while (start <= dirs.size()) {
    std::size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    const std::string dir = end > start ? dirs.substr(start, end - start) : ".";
    const std::string candidate = (fs::path(dir) / "gnuplot").string();
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec) && ::access(candidate.c_str(), X_OK) == 0)
      return fs::absolute(candidate, ec).string();
    start = end + 1;
  }
  throw std::runtime_error("gnuplot not found; install the Debian package gnuplot-nox (scripts/install-deps.sh)");
}

void run_gnuplot(const std::string& gnuplot, const std::string& dir, const std::string& script,
                 const std::atomic<bool>* stop) {
  // fork/exec rather than popen: the child's pid is known, so a stop request
  // (SIGINT/SIGTERM to entente alone, or one that came just after a gnuplot
  // started) ends it at once instead of waiting for it.
  std::string arg0 = "gnuplot", arg1 = "--default-settings", arg2 = script;
  char* argv[] = {arg0.data(), arg1.data(), arg2.data(), nullptr};
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("cannot start gnuplot for " + script);
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    throw std::runtime_error("cannot start gnuplot for " + script);
  }
  if (pid == 0) {  // only async-signal-safe calls until exec
    const int null = ::open("/dev/null", O_RDONLY);
    if (::chdir(dir.c_str()) != 0 || null < 0) ::_exit(127);
    ::dup2(null, 0);
    ::dup2(fds[1], 1);
    ::dup2(fds[1], 2);
    confine_no_spawn();  // no shell commands from a chart script (no_spawn.hpp)
    ::execv(gnuplot.c_str(), argv);
    ::_exit(127);
  }
  ::close(fds[1]);
  std::string output;
  char buf[4096];
  bool killed = false;
  for (;;) {
    pollfd p{fds[0], POLLIN, 0};
    const int ready = ::poll(&p, 1, 20);
    if (ready > 0) {
      const ssize_t n = ::read(fds[0], buf, sizeof buf);
      if (n > 0) {
        output.append(buf, static_cast<std::size_t>(n));
        continue;
      }
      if (n == 0 || errno != EINTR) break;  // end of output: gnuplot exited
    }
    if (!killed && stop && stop->load()) {
      ::kill(pid, SIGKILL);
      killed = true;
    }
  }
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  throw_if_stopped(stop);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    while (!output.empty() && (output.back() == '\n' || output.back() == ' ')) output.pop_back();
    throw std::runtime_error("gnuplot failed on " + (fs::path(dir) / script).string() + disk_full_note(dir) +
                             (output.empty() ? std::string(" (no message)") : ":\n" + output));
  }
}

void draw_charts(const std::string& gnuplot, const std::string& dir, const std::vector<ChartJob>& jobs,
                 const std::atomic<bool>* stop) {
  for (const auto& job : jobs) {
    write_text(fs::path(dir) / (job.stem + ".dat"), job.data);
    write_text(fs::path(dir) / (job.stem + ".gp"), job.script);
    std::error_code ec;  // so that a stale picture cannot pass for a new one
    fs::remove(fs::path(dir) / (job.stem + ".png"), ec);
    fs::remove(fs::path(dir) / (job.stem + ".svg"), ec);
  }
  // Each chart is its own gnuplot process; a few run at once.
  std::vector<std::string> errors(jobs.size());
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i = next++; i < jobs.size(); i = next++) {
      if (stop && stop->load()) return;
      try {
        run_gnuplot(gnuplot, dir, jobs[i].stem + ".gp", stop);
        for (const char* ext : {".png", ".svg"})
          if (!non_empty_file(fs::path(dir) / (jobs[i].stem + ext)))
            throw std::runtime_error("gnuplot ran " + (fs::path(dir) / (jobs[i].stem + ".gp")).string() +
                                     " but wrote no " + jobs[i].stem + ext + disk_full_note(dir));
      } catch (const std::exception& e) {
        errors[i] = e.what();
      }
    }
  };
  const unsigned hw = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t workers = std::min<std::size_t>({jobs.size(), hw, 8});
  std::vector<std::thread> threads;
  for (std::size_t t = 1; t < workers; ++t) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();
  throw_if_stopped(stop);
  for (const auto& e : errors)
    if (!e.empty()) throw std::runtime_error(e);
}

}  // namespace entente::analysis::report
