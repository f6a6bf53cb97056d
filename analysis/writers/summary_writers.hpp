// Writers for an ensemble summary: summary.csv, thresholds.csv, summary.json
// and the terminal table of headline outcomes. Formats: docs/outputs.md.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "analysis/summary/ensemble_summary.hpp"

namespace entente::analysis {

inline constexpr double kReportedQuantiles[] = {0.05, 0.25, 0.5, 0.75, 0.95};

// outcome,year,runs,mean,sd,se,p05,p25,p50,p75,p95,min,max
std::string summary_csv(const EnsembleSummary& summary);
// outcome,threshold,op,value,year,p_at,se_at,p_by,se_by
std::string thresholds_csv(const EnsembleSummary& summary);
nlohmann::ordered_json summary_json(const EnsembleSummary& summary);
// Headline outcomes (all outcomes when none is marked headline) at the start,
// middle and end years: median and 90% interval.
std::string headline_table(const EnsembleSummary& summary);

}  // namespace entente::analysis
