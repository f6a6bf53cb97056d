// The executive summary of a comparison report: the at-a-glance matrix of
// verdicts and the scorecard tables (analysis/report/scorecard.hpp), as
// HTML fragments. Every label is HTML-escaped here.
#pragma once
#include <string>
#include <vector>

#include "analysis/report/report_data.hpp"
#include "analysis/report/scorecard.hpp"

namespace entente::analysis::report {

// Policies as rows, headline outcomes as columns, at the last report year:
// each cell the verdict (mark, word, colour) and the mean difference.
std::string glance_html(const ReportData& data, const std::vector<ScoreBlock>& blocks);
// One table per headline outcome: policies as rows, for each report year the
// difference [95% CI], the shares better / no practical difference / worse, and the verdict.
std::string scorecard_tables_html(const ReportData& data, const std::vector<ScoreBlock>& blocks);
// The verdict as a labelled span: <span class="verdict v-better">✓ better</span>.
std::string verdict_html(Verdict v);
// Number text from the formatters with ASCII '-' before a digit turned into U+2212, escaped.
std::string html_numbers(const std::string& text);

}  // namespace entente::analysis::report
