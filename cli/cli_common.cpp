#include "cli/cli_common.hpp"

#include <iostream>

#include "sim/engine/run.hpp"
#include "sim/io/diagnostics.hpp"

namespace entente::cli {

po::options_description scenario_options() {
  po::options_description o("Scenario amendments");
  o.add_options()
      ("overlay", po::value<std::vector<std::string>>()->composing()->value_name("FILE"),
       "merge an overlay file (maps merge key by key, other values replace); repeatable, applied in order")
      ("set", po::value<std::vector<std::string>>()->composing()->value_name("PATH=VALUE"),
       "override one value, e.g. --set levers.sanctions_rus.intensity=0.5 or "
       "--set 'uncertainties.x={dist: uniform, min: 0, max: 1}'; repeatable, applied after overlays");
  return o;
}

bool parse_command(const std::vector<std::string>& args, const po::options_description& visible,
                   const std::string& usage, const std::string& examples, po::variables_map& vm,
                   bool takes_file) {
  po::options_description all;
  all.add(visible);
  po::options_description hidden;
  hidden.add_options()("file", po::value<std::string>(), "scenario file");
  all.add(hidden);
  po::positional_options_description pos;
  if (takes_file) pos.add("file", 1);
  try {
    po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError{e.what()};
  }
  if (vm.count("help")) {
    std::cout << usage << "\n\n" << visible << "\n" << examples;
    return false;
  }
  if (takes_file && !vm.count("file")) throw UsageError{"missing the scenario FILE (see --help)"};
  return true;
}

int report_exception() {
  try {
    throw;
  } catch (const ScenarioError& e) {
    for (const auto& d : e.diagnostics()) std::cerr << d.format() << "\n";
    const std::size_t n = e.diagnostics().size();
    std::cerr << n << (n == 1 ? " error" : " errors") << "; nothing was run\n";
    return kBadInput;
  } catch (const UsageError& e) {
    std::cerr << "entente: error: " << e.message << "\n";
    return kBadInput;
  } catch (const RunError& e) {
    std::cerr << "entente: run failed: " << e.what() << "\n";
    return kRuntimeFailure;
  } catch (const std::exception& e) {
    std::cerr << "entente: error: " << e.what() << "\n";
    return kRuntimeFailure;
  }
}

}  // namespace entente::cli
