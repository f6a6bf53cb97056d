// report.html of a calibration: the answer first (how many prior points the
// history kept and what it says about each parameter: prior against
// posterior 5/50/95% and the suggested distribution, as the terminal prints
// them), then a chart per parameter, the distances, the series used and the
// manifest. One self-contained document like the other reports (inline CSS
// and SVG, no scripts, no remote resources); every string from the files is
// escaped.
#pragma once
#include <string>
#include <vector>

#include "analysis/report/calibration_report_data.hpp"
#include "analysis/report/report_html.hpp"

namespace entente::analysis::report {

std::string render_calibration_report_html(const CalibrationReportData& data, const std::vector<RenderedChart>& charts);

}  // namespace entente::analysis::report
