#include "analysis/sweep/sweep_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace entente::analysis {

SweepLock::SweepLock(const std::string& path) {
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw std::runtime_error(path + ": " + std::strerror(errno));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    ::close(fd_);
    fd_ = -1;
    if (err == EWOULDBLOCK)
      throw std::runtime_error(path + ": another entente sweep is writing to this database now; wait for it to "
                                      "finish (then --resume adds nothing it has not done), or use another --db");
    throw std::runtime_error(path + ": cannot lock (" + std::strerror(err) + ")");
  }
}

SweepLock::~SweepLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

}  // namespace entente::analysis
