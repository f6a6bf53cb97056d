// Input files are read without hanging or reading without end (issue 15):
// a FIFO without a writer, /dev/zero and directories are refused at once, and
// a file over the limit is cut while reading.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "sim/io/input_file.hpp"
#include "sim/scenario/loader.hpp"
#include "tests/support/cli_runner.hpp"

using entente::read_input_file;

TEST_CASE("only regular files are read, at most the limit plus one byte", "[loader][security]") {
  const auto dir = entente::test::scratch_dir("input_file");
  std::string error;

  const std::string fifo = (dir / "fifo").string();
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK_FALSE(read_input_file(fifo, 100, error));  // returns at once: no writer is waited for
  CHECK(error == "is not a regular file (a FIFO, device or socket); entente reads only regular files");

  CHECK_FALSE(read_input_file("/dev/zero", 100, error));
  CHECK(error == "is not a regular file (a FIFO, device or socket); entente reads only regular files");

  CHECK_FALSE(read_input_file(dir.string(), 100, error));
  CHECK(error == "is a directory, not a file");

  CHECK_FALSE(read_input_file((dir / "absent").string(), 100, error));
  CHECK(error == "cannot open file: No such file or directory");

  std::ofstream(dir / "big") << std::string(1000, 'x');
  const auto cut = read_input_file((dir / "big").string(), 100, error);
  REQUIRE(cut);
  CHECK(cut->size() == 101);  // enough for the caller to see it is over the limit
  const auto whole = read_input_file((dir / "big").string(), 1000, error);
  REQUIRE(whole);
  CHECK(whole->size() == 1000);
}

TEST_CASE("entente validate on a FIFO or /dev/zero is a located error, exit 2, at once", "[cli][security]") {
  const auto dir = entente::test::scratch_dir("input_fifo");
  const std::string fifo = (dir / "scenario.yaml").string();
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const auto r = entente::test::run_cli("validate " + fifo);
  CHECK(r.code == 2);
  CHECK(r.err.find(fifo + ": error: is not a regular file") != std::string::npos);
  const auto zero = entente::test::run_cli("validate /dev/zero");
  CHECK(zero.code == 2);
  CHECK(zero.err.find("/dev/zero: error: is not a regular file") != std::string::npos);
}
