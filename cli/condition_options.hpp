// --condition-on CSV [--origin YEAR] for the commands whose futures can be
// conditioned on observed history (run, compare; docs/calibration.md,
// "Conditioned futures"), and the note they print.
#pragma once
#include <boost/program_options.hpp>
#include <optional>

#include "analysis/backtest/conditioning.hpp"

namespace entente::cli {

boost::program_options::options_description condition_options();

// nullopt without --condition-on; throws UsageError for --origin alone or
// fewer than 2 runs.
std::optional<analysis::ConditionRequest> read_condition_request(const boost::program_options::variables_map& vm,
                                                                 std::uint64_t runs);

// On stderr: the notes of the match, the observations assimilated and the ESS per year.
void print_condition_note(const analysis::ConditionedEnsemble& conditioned);

}  // namespace entente::cli
