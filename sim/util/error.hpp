// The one exception base of entente's libraries and the process exit codes.
// Every error a command can end with derives from Error and carries the exit
// code it ends the process with; cli/cli_common.cpp (report_exception) prints
// and maps them in one place. Library code never calls exit(): it throws.
#pragma once
#include <stdexcept>
#include <string>

namespace entente {

// The exit codes of the entente command (docs/reliability.md).
enum ExitCode : int { kOk = 0, kRuntimeFailure = 1, kBadInput = 2, kInterrupted = 130 };

class Error : public std::runtime_error {
 public:
  Error(const std::string& message, int exit_code) : std::runtime_error(message), exit_code_(exit_code) {}
  int exit_code() const noexcept { return exit_code_; }

 private:
  int exit_code_;
};

// Bad input the user can fix (a file, a value, an option): exit code 2.
class InputError : public Error {
 public:
  explicit InputError(const std::string& message) : Error(message, kBadInput) {}
};

// A failure of the work itself (a run, a store, a file system): exit code 1.
class RuntimeFailure : public Error {
 public:
  explicit RuntimeFailure(const std::string& message) : Error(message, kRuntimeFailure) {}
};

}  // namespace entente
