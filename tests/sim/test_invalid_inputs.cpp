// The invalid-input corpus: every tests/invalid/*.yaml is a scenario with one
// mistake (or a few) and, in its header, the exact diagnostics the loader must
// give. tests/invalid/README.md describes the format.
#include <sys/wait.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "models/register_builtin.hpp"
#include "sim/scenario/loader.hpp"

namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMinimumCases = 30;
const char* const kCaseDir = "tests/invalid";

struct InvalidCase {
  std::string path;  // relative to the project root, as the diagnostics name it
  std::vector<std::string> sets, overlays, policies;
  std::vector<std::string> expected;  // full "file:line:column: error: message" lines
  std::string known_bug;              // non-empty: the loader is wrong here; skipped
  std::vector<std::string> problems;  // malformed directives
};

// Paths in the corpus are relative to the project root: run from there, and
// go back to where we were afterwards.
class InProjectRoot {
 public:
  InProjectRoot() : previous_(fs::current_path()) { fs::current_path(ENTENTE_SOURCE_DIR); }
  ~InProjectRoot() {
    std::error_code ec;
    fs::current_path(previous_, ec);
  }
  InProjectRoot(const InProjectRoot&) = delete;
  InProjectRoot& operator=(const InProjectRoot&) = delete;

 private:
  fs::path previous_;
};

std::vector<std::string> case_files() {
  std::vector<std::string> out;
  for (const auto& entry : fs::directory_iterator(kCaseDir))
    if (entry.is_regular_file() && entry.path().extension() == ".yaml")
      out.push_back(entry.path().generic_string());
  std::sort(out.begin(), out.end());
  return out;
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

// "12:5: error: ..." and "error: ..." (no position) are in the case's own file;
// anything else ("--set:1:8: error: ...", an overlay's path) is taken as is.
std::string expand_expectation(const std::string& e, const std::string& file) {
  if (!e.empty() && std::isdigit(static_cast<unsigned char>(e[0]))) return file + ":" + e;
  if (starts_with(e, "error: ")) return file + ": " + e;
  return e;
}

InvalidCase read_case(const std::string& path) {
  InvalidCase c;
  c.path = path;
  std::ifstream in(path);
  std::string line;
  bool after_known_bug = false;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (after_known_bug && !line.empty())
      c.problems.push_back("the '# known-bug:' line must be the last line (deleting it must not move the others)");
    after_known_bug = after_known_bug || starts_with(line, "# known-bug:");
    if (starts_with(line, "# expect: ")) {
      c.expected.push_back(expand_expectation(line.substr(10), path));
    } else if (starts_with(line, "# policy: ")) {
      c.policies.push_back(line.substr(10));
    } else if (starts_with(line, "# known-bug:")) {
      c.known_bug = line.size() > 12 ? line.substr(12) : std::string(" (no description)");
    } else if (starts_with(line, "# args: ")) {
      const std::string arg = line.substr(8);
      const std::size_t space = arg.find(' ');
      const std::string option = arg.substr(0, space);
      const std::string value = space == std::string::npos ? std::string() : arg.substr(space + 1);
      if (option == "--set") c.sets.push_back(value);
      else if (option == "--overlay") c.overlays.push_back(value);
      else c.problems.push_back("unknown option in '# args: " + arg + "' (use --set or --overlay)");
    }
  }
  if (c.expected.empty()) c.problems.push_back("no '# expect:' line");
  return c;
}

std::vector<std::string> formatted(const entente::ScenarioError& e) {
  std::vector<std::string> out;
  for (const auto& d : e.diagnostics()) out.push_back(d.format());
  return out;
}

// What `entente validate` reports: load, compile under the file's own settings,
// then under the case's policies (default: every policy the file defines).
std::vector<std::string> diagnose(const InvalidCase& c) {
  const auto& registry = entente::builtin_registry();
  try {
    entente::LoadRequest request{c.path, c.overlays, c.sets};
    const entente::LoadedScenario loaded = entente::load_scenario(request, registry);
    entente::compile_for_policy(loaded, registry, "");
    const auto policies = c.policies.empty() ? loaded.spec.policy_ids() : c.policies;
    for (const auto& p : policies) entente::compile_for_policy(loaded, registry, p);
  } catch (const entente::ScenarioError& e) {
    return formatted(e);
  } catch (const std::exception& e) {
    return {"(not a ScenarioError) " + std::string(e.what())};
  }
  return {"(accepted: no diagnostics)"};
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

std::string shell_quoted(const std::string& s) {
  std::string out = "'";
  for (char ch : s) {
    if (ch == '\'') out += "'\\''";
    else out += ch;
  }
  return out + "'";
}

}  // namespace

TEST_CASE("invalid inputs give exact diagnostics", "[invalid]") {
  InProjectRoot root;
  const auto files = case_files();
  REQUIRE(files.size() >= kMinimumCases);
  for (const auto& file : files) {
    DYNAMIC_SECTION(file) {
      const InvalidCase c = read_case(file);
      for (const auto& p : c.problems) FAIL_CHECK(file << ": " << p);
      const std::string actual = joined(diagnose(c));
      const std::string expected = joined(c.expected);
      if (!c.known_bug.empty()) {
        if (actual == expected)
          WARN(file << ": the loader now gives the expected diagnostics; delete its last line, the known-bug tag");
        else
          WARN(file << ": skipped, known bug:" << c.known_bug << "\nexpected:\n" << expected << "actual:\n" << actual);
        continue;
      }
      CHECK(actual == expected);
    }
  }
}

TEST_CASE("invalid inputs make entente validate exit with 2", "[invalid][cli]") {
  InProjectRoot root;
  const auto files = case_files();
  REQUIRE(files.size() >= kMinimumCases);
  for (const auto& file : files) {
    const InvalidCase c = read_case(file);
    if (!c.known_bug.empty()) continue;
    std::string cmd = shell_quoted(ENTENTE_CLI_PATH) + " validate " + shell_quoted(file);
    for (const auto& s : c.sets) cmd += " --set " + shell_quoted(s);
    for (const auto& o : c.overlays) cmd += " --overlay " + shell_quoted(o);
    for (const auto& p : c.policies) cmd += " --policy " + shell_quoted(p);
    cmd += " >/dev/null 2>&1";
    const int status = std::system(cmd.c_str());
    INFO(cmd);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 2);
  }
}
