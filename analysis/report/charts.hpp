// The report's charts as gnuplot jobs: one data file and one script per
// chart, each drawing a PNG and an SVG of the same picture.
#pragma once
#include <string>
#include <vector>

#include "analysis/report/report_data.hpp"

namespace entente::analysis::report {

enum class ChartKind { kFan, kProbability, kDifference, kThreshold };

struct ChartJob {
  ChartKind kind = ChartKind::kFan;
  std::string stem;     // file names: <stem>.dat, <stem>.gp, <stem>.png, <stem>.svg
  std::string title;    // also the SVG's accessible name
  std::string caption;  // plain text; the HTML escapes it
  std::string outcome, policy;
  std::string data;    // content of <stem>.dat
  std::string script;  // content of <stem>.gp
};

// One per outcome: median, 50% and 90% bands, one colour per policy.
std::vector<ChartJob> fan_chart_jobs(const ReportData& data);
// Compare only: one per entry of compare.json's "differences".
std::vector<ChartJob> difference_chart_jobs(const ReportData& data);
// Compare only, when thresholds exist: P(by end year) per threshold and policy.
std::vector<ChartJob> threshold_chart_jobs(const ReportData& data);

}  // namespace entente::analysis::report
