#include "cli/cli_common.hpp"

#include <cctype>
#include <csignal>
#include <algorithm>
#include <charconv>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "analysis/report/report.hpp"
#include "cli/help_text.hpp"
#include "sim/engine/distributed.hpp"
#include "sim/engine/run.hpp"
#include "sim/io/diagnostics.hpp"
#include "sim/output/staged_dir.hpp"

namespace entente::cli {

po::options_description scenario_options() {
  po::options_description o("Scenario amendments");
  o.add_options()
      ("overlay", po::value<std::vector<std::string>>()->composing()->value_name("FILE"),
       "merge an overlay file (maps merge key by key, other values replace); repeatable, applied in order")
      ("set", po::value<std::vector<std::string>>()->composing()->value_name("PATH=VALUE"),
       "override one value, e.g. --set levers.tariffs_china.intensity=0.5 or "
       "--set 'uncertainties.x={dist: uniform, min: 0, max: 1}'; repeatable, applied after overlays");
  return o;
}

std::pair<std::string, std::vector<std::string>> split_kind(const std::vector<std::string>& args) {
  if (!args.empty() && !args[0].empty() && args[0][0] != '-')
    return {args[0], std::vector<std::string>(args.begin() + 1, args.end())};
  return {"", args};
}

po::options_description output_options(const std::string& out_doc) {
  po::options_description o("Output");
  o.add_options()
      ("out,o", po::value<std::string>()->value_name("DIR"), out_doc.c_str())
      ("format,f", po::value<std::string>()->default_value("table")->value_name("table|csv|json"),
       "what to print on standard output")
      ("no-report", "with --out: skip the charts and report.html")
      ("strict-report", "with --out: exit 1 when the report cannot be drawn (by default a warning: the results "
       "are written first and kept, and 'entente report DIR' draws the report later)")
      ("quiet,q", "no progress bar and no notes; the results are still printed when --format asks for them");
  return o;
}

LoadRequest read_load_request(const po::variables_map& vm) {
  LoadRequest req;
  req.file = vm["file"].as<std::string>();
  if (vm.count("overlay")) req.overlays = vm["overlay"].as<std::vector<std::string>>();
  if (vm.count("set")) req.sets = vm["set"].as<std::vector<std::string>>();
  return req;
}

std::string read_format(const po::variables_map& vm) {
  const std::string format = vm["format"].as<std::string>();
  if (format != "table" && format != "csv" && format != "json")
    throw UsageError{"--format must be table, csv or json, got '" + format + "'"};
  return format;
}

bool prints_results(const po::variables_map& vm) {
  return !vm.count("quiet") || !vm["format"].defaulted();
}

std::vector<double> parse_years(const std::string& text) {
  std::vector<double> years;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = text.find(',', start);
    const std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    double y = 0;
    auto [p, ec] = std::from_chars(item.data(), item.data() + item.size(), y);
    if (item.empty() || ec != std::errc() || p != item.data() + item.size())
      throw UsageError{"--years takes years separated by commas (e.g. 2030,2035), got '" + text + "'"};
    if (std::find(years.begin(), years.end(), y) != years.end())
      throw UsageError{"--years lists " + item + " twice"};
    years.push_back(y);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  std::sort(years.begin(), years.end());
  return years;
}

std::string threads_text(const RunSettings& st) {
  const std::string threads = std::to_string(st.threads) + " threads";
  return st.ranks > 1 ? std::to_string(st.ranks) + " ranks x " + threads : threads;
}

int report_interrupted(std::uint64_t done, std::uint64_t requested) {
  std::cerr << "entente: interrupted after " << done << " of " << requested << " runs; no output written\n";
  return kInterrupted;
}

po::options_description ensemble_options() {
  po::options_description o("Ensemble");
  o.add_options()
      ("runs,n", po::value<std::uint64_t>()->default_value(1000)->value_name("N"), "Monte Carlo runs (1 to 10^9)")
      ("seed,s", po::value<std::uint64_t>()->default_value(1)->value_name("S"),
       "master seed; the same seed gives byte-identical results on any thread count")
      ("threads,t", po::value<int>()->default_value(0)->value_name("T"), "worker threads (0: all cores)");
  return o;
}

void check_ensemble_options(const po::variables_map& vm) {
  const auto runs = vm["runs"].as<std::uint64_t>();
  if (runs < 1 || runs > 1'000'000'000ULL) throw UsageError{"--runs must be between 1 and 10^9"};
  const int threads = vm["threads"].as<int>();
  if (threads < 0 || threads > 1024) throw UsageError{"--threads must be between 0 and 1024"};
}

namespace {
std::atomic<bool> g_stop{false};
extern "C" void on_stop_signal(int) { g_stop.store(true); }
}  // namespace

const std::atomic<bool>* install_stop_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_stop_signal;
  sigemptyset(&sa.sa_mask);
  // Restart interrupted system calls (reads, writes, waitpid for gnuplot):
  // the flag alone carries the request, polled where it is safe to stop.
  sa.sa_flags = SA_RESTART;
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  return &g_stop;
}

int report_interrupted_writing(const std::string& dir, bool dir_existed) {
  std::cerr << "entente: interrupted while writing the results; "
            << (dir_existed ? dir + " was left as it was" : "nothing was written (" + dir + " was not created)") << "\n";
  return kInterrupted;
}

int write_out_dir(const std::string& dir, const std::atomic<bool>* stop,
                  const std::function<void(const std::string& path)>& fill) {
  std::error_code ec;
  const bool existed = std::filesystem::exists(dir, ec);
  try {
    write_staged(dir, stop, fill);
  } catch (const Interrupted&) {
    return report_interrupted_writing(dir, existed);
  }
  return kOk;
}

std::optional<std::string> checked_out_dir(const po::variables_map& vm) {
  if (!vm.count("out")) return std::nullopt;
  const std::string dir = vm["out"].as<std::string>();
  if (dir.empty()) throw UsageError{"--out needs a directory name, got an empty one"};
  try {
    check_stageable(dir);
  } catch (const std::runtime_error& e) {
    throw UsageError{std::string("--out: ") + e.what()};
  }
  return dir;
}

namespace {

// A report that could not be drawn must not leave the previous result's
// report.html and charts/ beside the new results, describing other numbers.
void remove_stale_report(const std::string& dir) {
  std::error_code ec;
  std::filesystem::remove(std::filesystem::path(dir) / "report.html", ec);
  std::filesystem::remove_all(std::filesystem::path(dir) / "charts", ec);
}

}  // namespace

int write_results_dir(const po::variables_map& vm, const std::atomic<bool>* stop,
                      const std::function<void(const std::string& path)>& write_results, std::string& report) {
  if (!vm.count("out")) return kOk;
  const std::string dir = vm["out"].as<std::string>();
  // The results first, whole: nothing that happens to the report (gnuplot
  // missing or failing, a full disk while drawing, a Ctrl-C) takes them back.
  if (write_out_dir(dir, stop, write_results) != kOk) return kInterrupted;
  // --no-charts: backtest's older name for it.
  if (vm.count("no-report") || vm.count("no-charts")) {
    remove_stale_report(dir);
    return kOk;
  }
  try {
    report = analysis::write_report(dir, stop);
    return kOk;
  } catch (const Interrupted&) {
    remove_stale_report(dir);
    std::cerr << "entente: interrupted while drawing the report; the results are in " << dir
              << "/ (draw the report with: entente report " << dir << ")\n";
    return kInterrupted;
  } catch (const std::exception& e) {
    remove_stale_report(dir);
    const bool strict = vm.count("strict-report") > 0;
    std::cerr << "entente: " << (strict ? "error" : "warning") << ": the report was not drawn: " << e.what()
              << "\nentente: the results are in " << dir << "/; draw the report later with: entente report " << dir
              << "\n";
    return strict ? kRuntimeFailure : kOk;
  }
}

std::string resume_command(const std::string& command, const std::vector<std::string>& args) {
  auto quote = [](const std::string& a) {
    if (!a.empty() && a.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%") ==
                          std::string::npos)
      return a;
    std::string q = "'";
    for (char c : a) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
  };
  std::string line = "entente " + command;
  bool has_resume = false;
  for (const auto& a : args) {
    line += " " + quote(a);
    has_resume = has_resume || a == "--resume";
  }
  return has_resume ? line : line + " --resume";
}

bool parse_command(const std::vector<std::string>& args, const po::options_description& visible,
                   const std::string& usage, const std::string& examples, po::variables_map& vm,
                   bool takes_file, const std::string& positional) {
  po::options_description all;
  all.add(visible);
  po::options_description hidden;
  hidden.add_options()("file", po::value<std::string>(), "scenario file");
  all.add(hidden);
  po::positional_options_description pos;
  if (takes_file) pos.add("file", 1);
  // Every numeric option of entente takes a non-negative number, and
  // Boost.Program_options would wrap "-1" into 2^64 - 1 for unsigned ones.
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.rfind("--", 0) != 0 && !(a.size() == 2 && a[0] == '-')) continue;
    const std::size_t eq = a.find('=');
    const std::string value = eq != std::string::npos ? a.substr(eq + 1) : (i + 1 < args.size() ? args[i + 1] : "");
    if (value.size() >= 2 && value[0] == '-' && (std::isdigit(static_cast<unsigned char>(value[1])) || value[1] == '.'))
      throw UsageError{"option " + a.substr(0, eq) + " takes a non-negative number, got " + value};
  }
  try {
    po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError{e.what()};
  }
  if (vm.count("help")) {
    std::ostringstream help;
    help << usage << "\n\n" << visible << "\n" << examples;
    std::cout << fit_help(help.str());
    return false;
  }
  if (takes_file && !vm.count("file")) throw UsageError{"missing the " + positional + " (see --help)"};
  return true;
}

int report_exception() {
  try {
    throw;
  } catch (const ScenarioError& e) {
    for (const auto& d : e.diagnostics()) std::cerr << d.format() << "\n";
    const std::size_t n = e.diagnostics().size();
    std::cerr << n << (n == 1 ? " error" : " errors") << "; nothing was run\n";
    return e.exit_code();
  } catch (const distributed::PeerFailed& e) {
    return e.exit_code();  // rank 0 reports the failure
  } catch (const Interrupted& e) {
    std::cerr << "entente: interrupted\n";
    return e.exit_code();
  } catch (const RunError& e) {
    std::cerr << "entente: run failed: " << e.what() << "\n";
    return e.exit_code();
  } catch (const Error& e) {
    std::cerr << "entente: error: " << e.what() << "\n";
    return e.exit_code();
  } catch (const std::exception& e) {
    std::cerr << "entente: error: " << e.what() << "\n";
    return kRuntimeFailure;
  }
}

}  // namespace entente::cli
