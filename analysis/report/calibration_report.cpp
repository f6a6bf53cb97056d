#include "analysis/report/calibration_report.hpp"

#include <filesystem>

#include "analysis/report/calibration_charts.hpp"
#include "analysis/report/calibration_report_data.hpp"
#include "analysis/report/calibration_report_html.hpp"
#include "analysis/report/page_writer.hpp"

namespace entente::analysis {

namespace fs = std::filesystem;

std::string write_calibration_report(const std::string& dir, const std::atomic<bool>* stop) {
  using namespace report;
  const CalibrationReportData data = load_calibration_report_data(dir);
  const std::vector<ChartJob> jobs = calibration_chart_jobs(data);
  return draw_and_write_page(
      dir, jobs, [&](const std::vector<RenderedChart>& charts) { return render_calibration_report_html(data, charts); },
      stop);
}

}  // namespace entente::analysis
