// report.html: one self-contained HTML5 document (inline CSS, inline SVG
// charts, no scripts, no external resources).
#pragma once
#include <string>
#include <vector>

#include "analysis/report/charts.hpp"
#include "analysis/report/page_writer.hpp"
#include "analysis/report/report_data.hpp"

namespace entente::analysis::report {

std::string render_report_html(const ReportData& data, const std::vector<RenderedChart>& charts);

}  // namespace entente::analysis::report
