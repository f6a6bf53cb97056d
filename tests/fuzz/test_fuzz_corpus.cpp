// Replays the fuzz corpora (tests/fuzz/corpus/<target>/) through the same
// per-input checks the libFuzzer targets run (fuzz/input_checks.hpp), in the
// normal build: every input the fuzzers found, crashes included once fixed,
// stays a regression test without clang or sanitizers.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "fuzz/input_checks.hpp"
#include "support/fixtures.hpp"

namespace fs = std::filesystem;
using entente::fuzz::Verdict;

namespace {

std::vector<fs::path> corpus_files(const std::string& target) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(entente::test::source_path("tests/fuzz/corpus/" + target)))
    if (e.is_regular_file()) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::string read_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const std::uint8_t* bytes_of(const std::string& s) {
  return reinterpret_cast<const std::uint8_t*>(s.data());
}

// Runs one target's corpus; returns how many inputs loaded, so a test can
// tell a corpus that exercises the whole pipeline from one that is all errors.
template <typename Check>
std::size_t replay(const std::string& target, Check check) {
  const auto files = corpus_files(target);
  // A lost or emptied directory must not pass silently.
  REQUIRE(files.size() >= 20);
  std::size_t loaded = 0;
  for (const auto& f : files) {
    const std::string bytes = read_bytes(f);
    INFO("tests/fuzz/corpus/" << target << "/" << f.filename().string());
    Verdict v = Verdict::kRejected;
    try {
      v = check(bytes);
    } catch (const std::exception& e) {
      FAIL("contract broken: " << e.what());
    }
    if (v == Verdict::kLoaded) ++loaded;
  }
  return loaded;
}

}  // namespace

TEST_CASE("fuzz corpus of the scenario target loads or is rejected with diagnostics", "[fuzz]") {
  const std::size_t loaded = replay(
      "scenario", [](const std::string& b) { return entente::fuzz::check_scenario_bytes(bytes_of(b), b.size()); });
  CHECK(loaded >= 1);
}

TEST_CASE("fuzz corpus of the set target loads or is rejected with diagnostics", "[fuzz]") {
  const std::string& base = entente::fuzz::set_base_text();
  const std::size_t loaded = replay("set", [&](const std::string& b) {
    return entente::fuzz::check_set_bytes(base, entente::fuzz::kSetBaseName, bytes_of(b), b.size());
  });
  CHECK(loaded >= 1);
}

TEST_CASE("fuzz checks tell a valid scenario from a rejected one", "[fuzz]") {
  const std::string& base = entente::fuzz::set_base_text();
  CHECK(entente::fuzz::check_scenario_bytes(bytes_of(base), base.size()) == Verdict::kLoaded);
  const std::string broken = "entente: 1\nname: [\n";
  CHECK(entente::fuzz::check_scenario_bytes(bytes_of(broken), broken.size()) == Verdict::kRejected);
  const std::string good_set = "levers.sanctions_russia.intensity=0.3";
  CHECK(entente::fuzz::check_set_bytes(base, "b.yaml", bytes_of(good_set), good_set.size()) == Verdict::kLoaded);
  const std::string bad_set = "levers.sanctions_russia.intensity=2";
  CHECK(entente::fuzz::check_set_bytes(base, "b.yaml", bytes_of(bad_set), bad_set.size()) == Verdict::kRejected);
}

TEST_CASE("fuzz set inputs split into at most four non-empty lines", "[fuzz]") {
  using entente::fuzz::split_set_arguments;
  CHECK(split_set_arguments("") == std::vector<std::string>{});
  CHECK(split_set_arguments("a=1\n\nb=2\n") == std::vector<std::string>{"a=1", "b=2"});
  CHECK(split_set_arguments("1\n2\n3\n4\n5") == std::vector<std::string>{"1", "2", "3", "4"});
}
