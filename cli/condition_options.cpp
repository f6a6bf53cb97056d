#include "cli/condition_options.hpp"

#include <iostream>

#include "cli/cli_common.hpp"

namespace entente::cli {

boost::program_options::options_description condition_options() {
  namespace po = boost::program_options;
  po::options_description opts("Conditioning on history");
  opts.add_options()
      ("condition-on", po::value<std::string>()->value_name("CSV"),
       "condition the futures on this observed history (a particle filter up to --origin): run r continues\n"
       "particle r from the origin; observation error from the CSV's sd or low/high, else 20% of the value")
      ("origin", po::value<int>()->value_name("YEAR"),
       "with --condition-on: the last year assimilated (default: the last observed year on the scenario)");
  return opts;
}

std::optional<analysis::ConditionRequest> read_condition_request(const boost::program_options::variables_map& vm,
                                                                 std::uint64_t runs) {
  if (vm.count("origin") && !vm.count("condition-on")) throw UsageError{"--origin needs --condition-on CSV"};
  if (!vm.count("condition-on")) return std::nullopt;
  if (runs < 2) throw UsageError{"--condition-on needs at least 2 runs (the particles)"};
  analysis::ConditionRequest c;
  c.observed = vm["condition-on"].as<std::string>();
  if (vm.count("origin")) c.origin = vm["origin"].as<int>();
  return c;
}

void print_condition_note(const analysis::ConditionedEnsemble& c) {
  for (const auto& note : c.notes) std::cerr << "entente: note: " << note << "\n";
  std::cerr << "entente: conditioned on " << c.observations << " observations up to " << c.origin << "; "
            << analysis::ess_line(c.steps) << "\n";
}

}  // namespace entente::cli
