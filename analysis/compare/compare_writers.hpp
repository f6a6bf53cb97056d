// Writers for a policy comparison: compare.json (read back by the report),
// compare.csv (paired differences) and the terminal tables. Formats:
// docs/outputs.md.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "analysis/compare/paired_comparison.hpp"
#include "sim/scenario/loader.hpp"

namespace entente::analysis {

// What the writers need besides the comparison itself.
struct CompareContext {
  const LoadedScenario* loaded = nullptr;
  std::uint64_t seed = 0;
  std::vector<std::size_t> report_steps;  // steps shown in tables and used for regret
};

// 95% interval half-width of a mean from its standard error.
inline constexpr double kZ95 = 1.959963984540054;

nlohmann::ordered_json compare_json(const PairedComparison& comparison, const CompareContext& context);
// outcome,year,policy,reference,mean,median,ci95_lo,ci95_hi,p05,p95,p_better,paired_ci95_width,independent_ci95_width,runs
std::string compare_csv(const PairedComparison& comparison);
// The terminal report: distributions and differences at the report years,
// threshold probabilities, regret ranking and the effect of common random numbers.
std::string compare_table(const PairedComparison& comparison, const CompareContext& context);

}  // namespace entente::analysis
