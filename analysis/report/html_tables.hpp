// The report's tables and short text blocks, as HTML fragments.
#pragma once
#include <string>

#include "analysis/report/report_data.hpp"

namespace entente::analysis::report {

// Each policy with its colour, description and source; the reference marked.
std::string policies_html(const ReportData& data);
// Headline outcomes at the report years: median [p05, p95] per policy, then
// for each non-reference policy the mean difference [95% CI] and P(better).
std::string headline_table_html(const ReportData& data);
// "Common random numbers narrowed the 95% interval of ..." or "" when absent.
std::string variance_reduction_html(const ReportData& data);
// Threshold probabilities at the report years, with standard errors; "" when none.
std::string threshold_table_html(const ReportData& data);
// Mean and 90th-percentile regret per policy with ranks; "" when none.
std::string robustness_table_html(const ReportData& data);

}  // namespace entente::analysis::report
