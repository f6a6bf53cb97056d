// Confines a child process before it execs a helper program (gnuplot) so that
// the helper cannot start programs of its own.
//
// Why: gnuplot has no switch that turns off `system()`, `!cmd` or `...`
// backquotes, and a chart script holds text from scenario files. Every such
// string is escaped (chart_style.hpp), and this is the second wall: after
// confine_no_spawn() the process may still create threads, but fork, vfork
// and any clone() without CLONE_THREAD fail with EPERM (clone3 with ENOSYS, so
// that the C library falls back to clone, whose flags a filter can read). A
// shell command in a chart script then fails instead of running.
//
// Linux seccomp-BPF on x86-64 and AArch64; elsewhere, or where the kernel
// refuses the filter, it returns false and the escaping stands alone.
// Async-signal-safe: call it between fork() and exec().
#pragma once

namespace entente::analysis::report {

bool confine_no_spawn() noexcept;

}  // namespace entente::analysis::report
