#include "sim/output/staged_dir.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <vector>

#include "sim/output/atomic_file.hpp"
#include "sim/util/progress.hpp"

namespace entente {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const std::string& what, const std::string& path, int err) {
  throw std::runtime_error(what + " " + path + ": " + std::strerror(err));
}

}  // namespace

void throw_if_stopped(const std::atomic<bool>* stop) {
  if (stop && stop->load()) throw Interrupted();
}

namespace {

// DIR as the staging protocol sees it: normalised, never a root, "." or "..".
fs::path staged_target(const std::string& dir) {
  if (dir.empty()) throw std::runtime_error("the output directory name is empty");
  fs::path p = fs::path(dir).lexically_normal();
  if (p.has_filename() == false) p = p.parent_path();  // "out/" -> "out"
  if (p.empty() || p.filename() == "." || p.filename() == "..") p = fs::absolute(p).lexically_normal();
  if (!p.has_filename()) p = p.parent_path();
  if (!p.has_filename() || p == p.root_path()) throw std::runtime_error("cannot write results to " + dir);
  std::error_code ec;
  if (fs::exists(p, ec) && !fs::is_directory(p, ec)) throw std::runtime_error(dir + " exists and is not a directory");
  return p;
}

fs::path parent_of(const fs::path& p) { return p.has_parent_path() ? p.parent_path() : fs::path("."); }

// Staging directories of processes that no longer exist (a kill -9, a power
// cut): ".NAME.partial-PID" next to DIR whose PID is not alive. Removed so
// they do not pile up; a live process's stage is never touched.
void remove_stale_stages(const fs::path& parent, const std::string& name) {
  const std::string prefix = "." + name + ".partial-";
  std::error_code ec;
  for (fs::directory_iterator it(parent, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string entry = it->path().filename().string();
    if (entry.rfind(prefix, 0) != 0) continue;
    const std::string digits = entry.substr(prefix.size());
    if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos) continue;
    const pid_t pid = static_cast<pid_t>(std::stol(digits));
    if (pid == ::getpid() || (::kill(pid, 0) != 0 && errno == ESRCH)) {
      std::error_code rm;
      fs::remove_all(it->path(), rm);
    }
  }
}

}  // namespace

void check_stageable(const std::string& dir) {
  const fs::path p = staged_target(dir);
  fs::path existing = parent_of(p);
  std::error_code ec;
  while (!fs::exists(existing, ec) && existing.has_parent_path() && existing != existing.parent_path())
    existing = existing.parent_path();
  if (!fs::exists(existing, ec)) existing = ".";
  if (!fs::is_directory(existing, ec))
    throw std::runtime_error("cannot write " + dir + ": " + existing.string() + " is not a directory");
  if (::access(existing.c_str(), W_OK | X_OK) != 0)
    fail("cannot write " + dir + ":", existing.string(), errno);
}

StagedDirectory::StagedDirectory(std::string dir) {
  const fs::path p = staged_target(dir);
  const fs::path parent = parent_of(p);
  ensure_directory(parent.string());
  remove_stale_stages(parent, p.filename().string());
  stage_ = (parent / ("." + p.filename().string() + ".partial-" + std::to_string(::getpid()))).string();
  if (::mkdir(stage_.c_str(), 0755) != 0) fail("cannot create directory", stage_, errno);
  dir_ = p.string();
}

StagedDirectory::~StagedDirectory() {
  if (committed_) return;
  std::error_code ec;
  fs::remove_all(stage_, ec);
}

void write_staged(const std::string& dir, const std::atomic<bool>* stop,
                  const std::function<void(const std::string& path)>& fill) {
  try {
    StagedDirectory staged(dir);
    fill(staged.path());
    test_phase("writing", stop);
    throw_if_stopped(stop);
    staged.commit();  // renames only: a signal now just sets the flag
  } catch (const Interrupted&) {
    throw;
  } catch (...) {
    if (stop && stop->load()) throw Interrupted();
    throw;
  }
}

void replace_directory(const std::string& from, const std::string& to) {
  std::error_code ec;
  if (!fs::is_directory(to, ec)) {
    if (fs::exists(to, ec) && ::unlink(to.c_str()) != 0) fail("cannot replace", to, errno);
    if (std::rename(from.c_str(), to.c_str()) != 0) fail("cannot write", to, errno);
    return;
  }
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_EXCHANGE) != 0) {
    if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) fail("cannot replace", to, errno);
    // No atomic exchange on this file system: move the old one aside first.
    const std::string aside = from + ".old";
    if (std::rename(to.c_str(), aside.c_str()) != 0) fail("cannot replace", to, errno);
    if (std::rename(from.c_str(), to.c_str()) != 0) {
      const int err = errno;
      std::rename(aside.c_str(), to.c_str());  // put the old one back
      fail("cannot write", to, err);
    }
    if (std::rename(aside.c_str(), from.c_str()) != 0) fs::remove_all(aside, ec);
  }
  fs::remove_all(from, ec);  // the old contents
}

void StagedDirectory::commit() {
  if (committed_) return;
  std::error_code ec;
  const std::string parent = fs::path(dir_).has_parent_path() ? fs::path(dir_).parent_path().string() : ".";
  if (!fs::exists(dir_, ec)) {
    if (std::rename(stage_.c_str(), dir_.c_str()) != 0) fail("cannot write", dir_, errno);
    sync_directory(parent);
    committed_ = true;
    return;
  }
  if (!fs::is_directory(dir_, ec)) throw std::runtime_error(dir_ + " exists and is not a directory");
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(stage_)) names.push_back(e.path().filename().string());
  // manifest.json last: it lists the others' hashes, so it marks the set complete.
  std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
    return std::make_pair(a == "manifest.json", a) < std::make_pair(b == "manifest.json", b);
  });
  for (const auto& name : names) {
    const std::string from = stage_ + "/" + name, to = dir_ + "/" + name;
    if (fs::is_directory(from, ec)) {
      replace_directory(from, to);
    } else {
      if (fs::is_directory(to, ec)) throw std::runtime_error("cannot write " + to + ": a directory is in the way");
      if (std::rename(from.c_str(), to.c_str()) != 0) fail("cannot write", to, errno);
    }
  }
  sync_directory(dir_);
  fs::remove_all(stage_, ec);
  committed_ = true;
}

}  // namespace entente
