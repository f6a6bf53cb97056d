// Shared pieces of the entente command line: exit codes, option groups used
// by several commands, and uniform error reporting.
#pragma once
#include <atomic>
#include <boost/program_options.hpp>
#include <cstdint>
#include <functional>
#include <utility>

#include "sim/output/manifest.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/util/error.hpp"
#include <optional>
#include <string>
#include <vector>

namespace entente::cli {

namespace po = boost::program_options;

// The exit codes are entente::ExitCode (sim/util/error.hpp), named here too
// for main.cpp, which is outside the namespace.
using entente::kBadInput;
using entente::kInterrupted;
using entente::kOk;
using entente::kRuntimeFailure;

// A usage problem (bad option, missing argument): exit code 2.
struct UsageError : InputError {
  using InputError::InputError;
};

// --overlay, --set: how a scenario file is amended on the command line.
po::options_description scenario_options();

// `entente design KIND ...`, `entente analyze KIND ...`: the leading word
// (empty when the first argument is an option) and the arguments after it.
std::pair<std::string, std::vector<std::string>> split_kind(const std::vector<std::string>& args);

// --out, --format, --no-report, --quiet: what run and compare print and write.
po::options_description output_options(const std::string& out_doc);

// The scenario FILE with its --overlay and --set amendments.
LoadRequest read_load_request(const po::variables_map& vm);

// --format table|csv|json (run and compare); throws UsageError.
std::string read_format(const po::variables_map& vm);

// Whether run and compare print their results on standard output: always,
// except under --quiet without an explicit --format. --quiet silences the
// progress bar and the chatter (notes, "written to", the run's header line),
// never the output asked for: `run --quiet --format csv > f` fills f.
bool prints_results(const po::variables_map& vm);

// "2030,2035" -> {2030, 2035}, sorted; malformed items and repeats are a UsageError.
std::vector<double> parse_years(const std::string& text);

// The message and exit code of an ensemble stopped by a signal.
int report_interrupted(std::uint64_t done, std::uint64_t requested);

// "2 threads", or "3 ranks x 2 threads" under mpirun: what computed a result.
std::string threads_text(const RunSettings& settings);

// --runs, --seed, --threads: how an ensemble is run (run and compare).
po::options_description ensemble_options();
// Checks the values of ensemble_options(); throws UsageError.
void check_ensemble_options(const po::variables_map& vm);

// SIGINT and SIGTERM set the returned flag; long work polls it and stops
// (docs/reliability.md, "Interruption"). A second signal changes nothing.
const std::atomic<bool>* install_stop_handlers();

// The --out DIR of run and compare (write_staged, sim/output/staged_dir.hpp):
// fill(path) writes the result set and the report into a staging directory
// next to DIR, which is put in place only when complete and not interrupted.
// Returns kOk, or prints what was kept and returns kInterrupted when a
// signal stopped it (fill throws Interrupted, or *stop is set after it).
int write_out_dir(const std::string& dir, const std::atomic<bool>* stop,
                  const std::function<void(const std::string& path)>& fill);

// The --out DIR of a command, checked before any computing: an empty name, a
// file in the way or a directory it may not write (read-only, no permission)
// is a UsageError (exit 2) naming the cause. nullopt without --out.
std::optional<std::string> checked_out_dir(const po::variables_map& vm);

// The --out DIR of run and compare (output_options): write_results(path)
// writes the result set through write_out_dir, and then, unless --no-report,
// report.html is drawn into DIR. The results land first and stay: a report
// that fails (no gnuplot, a full disk) is a warning naming the cause and the
// `entente report DIR` that redraws it, exit 0, or with --strict-report an
// error, kRuntimeFailure. A previous result's report.html and charts/ are
// removed when the new results have none. `report` is set to the report's
// path when one is written. Without --out it writes nothing and returns kOk.
int write_results_dir(const po::variables_map& vm, const std::atomic<bool>* stop,
                      const std::function<void(const std::string& path)>& write_results, std::string& report);

// The message and exit code of a command stopped by a signal while writing DIR.
int report_interrupted_writing(const std::string& dir, bool dir_existed);

// `entente sweep ...` as a shell command line with --resume added: what
// continues an interrupted sweep.
std::string resume_command(const std::string& command, const std::vector<std::string>& args);

// Parse `args` against `visible` options plus one positional argument,
// stored as vm["file"] and named `positional` when missing; prints --help
// (with `usage` and `examples`) and returns false when asked for it.
bool parse_command(const std::vector<std::string>& args, const po::options_description& visible,
                   const std::string& usage, const std::string& examples, po::variables_map& vm,
                   bool takes_file = true, const std::string& positional = "scenario FILE");

// The one place an exception becomes a message and an exit code: every
// diagnostic of a ScenarioError, nothing for PeerFailed (rank 0 reports),
// the message of any other entente::Error with its exit_code(), and exit
// code 1 for any other exception.
int report_exception();

int cmd_validate(const std::vector<std::string>& args);
int cmd_describe(const std::vector<std::string>& args);
int cmd_run(const std::vector<std::string>& args);
int cmd_models(const std::vector<std::string>& args);
int cmd_compare(const std::vector<std::string>& args);
int cmd_report(const std::vector<std::string>& args);
int cmd_design(const std::vector<std::string>& args);
int cmd_sweep(const std::vector<std::string>& args);
int cmd_analyze(const std::vector<std::string>& args);
int cmd_play(const std::vector<std::string>& args);
int cmd_backtest(const std::vector<std::string>& args);
int cmd_calibrate(const std::vector<std::string>& args);

}  // namespace entente::cli
