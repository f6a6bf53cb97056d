#include "sim/io/input_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace entente {

namespace {

// Closes the descriptor on every path out.
struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

std::optional<std::string> read_input_file(const std::string& path, std::size_t limit, std::string& error) {
  Fd file{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)};
  if (file.fd < 0) {
    error = std::string("cannot open file: ") + std::strerror(errno);
    return std::nullopt;
  }
  struct stat st {};
  if (::fstat(file.fd, &st) != 0) {
    error = std::string("cannot read file: ") + std::strerror(errno);
    return std::nullopt;
  }
  if (S_ISDIR(st.st_mode)) {
    error = "is a directory, not a file";
    return std::nullopt;
  }
  if (!S_ISREG(st.st_mode)) {
    error = "is not a regular file (a FIFO, device or socket); entente reads only regular files";
    return std::nullopt;
  }
  std::string bytes;
  char buffer[1 << 16];
  while (bytes.size() <= limit) {
    const std::size_t want = std::min(sizeof buffer, limit + 1 - bytes.size());
    const ssize_t got = ::read(file.fd, buffer, want);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      error = std::string("cannot read file: ") + std::strerror(errno);
      return std::nullopt;
    }
    if (got == 0) break;
    bytes.append(buffer, static_cast<std::size_t>(got));
  }
  return bytes;
}

}  // namespace entente
