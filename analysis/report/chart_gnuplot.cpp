#include "analysis/report/chart_gnuplot.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>

namespace entente::analysis::report {

namespace fs = std::filesystem;

namespace {

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

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

void run_gnuplot(const std::string& gnuplot, const std::string& dir, const std::string& script) {
  const std::string cmd = "cd " + shell_quote(dir) + " && " + shell_quote(gnuplot) + " --default-settings " +
                          shell_quote(script) + " 2>&1 </dev/null";
  FILE* pipe = ::popen(cmd.c_str(), "re");
  if (!pipe) throw std::runtime_error("cannot start gnuplot for " + script);
  std::string output;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) output.append(buf, n);
  const int status = ::pclose(pipe);
  if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    while (!output.empty() && (output.back() == '\n' || output.back() == ' ')) output.pop_back();
    throw std::runtime_error("gnuplot failed on " + (fs::path(dir) / script).string() +
                             (output.empty() ? std::string(" (no message)") : ":\n" + output));
  }
}

void draw_charts(const std::string& gnuplot, const std::string& dir, const std::vector<ChartJob>& jobs) {
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
      try {
        run_gnuplot(gnuplot, dir, jobs[i].stem + ".gp");
        for (const char* ext : {".png", ".svg"})
          if (!non_empty_file(fs::path(dir) / (jobs[i].stem + ext)))
            throw std::runtime_error("gnuplot ran " + (fs::path(dir) / (jobs[i].stem + ".gp")).string() +
                                     " but wrote no " + jobs[i].stem + ext);
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
  for (const auto& e : errors)
    if (!e.empty()) throw std::runtime_error(e);
}

}  // namespace entente::analysis::report
