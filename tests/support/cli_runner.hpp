// Running the entente executable from tests, and the files they need.
#pragma once
#include <filesystem>
#include <string>

namespace entente::test {

struct CliResult {
  int code = -1;  // exit status, -1 when killed by a signal
  std::string out, err;
};

std::string slurp(const std::filesystem::path& path);
// A fresh, empty directory under the system temporary directory, unique to
// this test process: <tmp>/entente_test_<pid>/<name>.
std::filesystem::path scratch_dir(const std::string& name);
// Runs `entente <args>` (args as shell words) with standard output and error
// captured to files, so stderr is never a terminal.
CliResult run_cli(const std::string& args);

}  // namespace entente::test
