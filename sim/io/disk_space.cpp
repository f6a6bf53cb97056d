#include "sim/io/disk_space.hpp"

#include <sys/statvfs.h>

namespace entente {

std::string disk_full_note(const std::string& dir, unsigned long long margin_bytes) {
  struct statvfs st {};
  if (::statvfs(dir.empty() ? "." : dir.c_str(), &st) != 0) return "";
  const unsigned long long free_bytes =
      static_cast<unsigned long long>(st.f_bavail) * static_cast<unsigned long long>(st.f_frsize);
  if (free_bytes >= margin_bytes) return "";
  return " (no space left on device: " + (dir.empty() ? std::string(".") : dir) + " has " +
         std::to_string(free_bytes) + " bytes free)";
}

}  // namespace entente
