// Calibration charts (entente calibrate, drawn into the report): for each
// calibrated parameter, the histogram of the prior sample (every Latin
// hypercube point) beside that of the posterior (the accepted points), as
// shares of their sample on the same bins, with the posterior's 5/50/95%
// and the prior's median as vertical lines; and the distance of every prior
// point, sorted, with the acceptance cut. Same look as the other charts.
#pragma once
#include <cstddef>
#include <vector>

#include "analysis/report/calibration_report_data.hpp"
#include "analysis/report/charts.hpp"

namespace entente::analysis::report {

// The number of histogram bins for a prior sample of n points: the square
// root rule, clamped to 5..25 (enough to show a shape at --samples 40, no
// more bars than a 900 px chart shows apart at 4096).
std::size_t calibration_bins(std::size_t n);

// One chart per parameter (stem "calibration_<name>"), then the distances
// (stem "calibration_distance").
std::vector<ChartJob> calibration_chart_jobs(const CalibrationReportData& data);

}  // namespace entente::analysis::report
