#include "analysis/report/no_spawn.hpp"

#if defined(__linux__) && (defined(__x86_64__) || defined(__aarch64__))
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/sched.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>

#include <cerrno>
#include <cstddef>

namespace entente::analysis::report {

namespace {

#if defined(__x86_64__)
constexpr unsigned kArch = AUDIT_ARCH_X86_64;
#else
constexpr unsigned kArch = AUDIT_ARCH_AARCH64;
#endif

constexpr unsigned kNr = offsetof(struct seccomp_data, nr);
constexpr unsigned kArchOffset = offsetof(struct seccomp_data, arch);
// clone's flags are its first argument on both architectures; the low 32 bits
// (little-endian) hold CLONE_THREAD.
constexpr unsigned kArg0 = offsetof(struct seccomp_data, args);

constexpr sock_filter stmt(unsigned short code, unsigned k) { return {code, 0, 0, k}; }
constexpr sock_filter jump(unsigned short code, unsigned k, unsigned char jt, unsigned char jf) {
  return {code, jt, jf, k};
}

}  // namespace

bool confine_no_spawn() noexcept {
  const unsigned allow = SECCOMP_RET_ALLOW;
  const unsigned deny = SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA);
  const unsigned no_such_call = SECCOMP_RET_ERRNO | (ENOSYS & SECCOMP_RET_DATA);
  // Read top to bottom; jump offsets count the instructions skipped.
  sock_filter program[] = {
      stmt(BPF_LD | BPF_W | BPF_ABS, kArchOffset),
      jump(BPF_JMP | BPF_JEQ | BPF_K, kArch, 1, 0),
      stmt(BPF_RET | BPF_K, deny),  // another ABI: refuse everything
      stmt(BPF_LD | BPF_W | BPF_ABS, kNr),
#if defined(__x86_64__)
      jump(BPF_JMP | BPF_JGE | BPF_K, 0x40000000u, 0, 1),  // x32 system calls
      stmt(BPF_RET | BPF_K, deny),
      jump(BPF_JMP | BPF_JEQ | BPF_K, __NR_fork, 0, 1),
      stmt(BPF_RET | BPF_K, deny),
      jump(BPF_JMP | BPF_JEQ | BPF_K, __NR_vfork, 0, 1),
      stmt(BPF_RET | BPF_K, deny),
#endif
      jump(BPF_JMP | BPF_JEQ | BPF_K, __NR_clone3, 0, 1),
      stmt(BPF_RET | BPF_K, no_such_call),
      jump(BPF_JMP | BPF_JEQ | BPF_K, __NR_clone, 0, 3),
      stmt(BPF_LD | BPF_W | BPF_ABS, kArg0),
      jump(BPF_JMP | BPF_JSET | BPF_K, CLONE_THREAD, 1, 0),
      stmt(BPF_RET | BPF_K, deny),
      stmt(BPF_RET | BPF_K, allow),
  };
  const sock_fprog prog{static_cast<unsigned short>(sizeof program / sizeof program[0]), program};
  if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return false;
  return ::prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) == 0;
}

}  // namespace entente::analysis::report

#else

namespace entente::analysis::report {
bool confine_no_spawn() noexcept { return false; }
}  // namespace entente::analysis::report

#endif
