// write_report(): load, draw, render, write (docs/reports.md).
#include <filesystem>

#include "analysis/report/backtest_report.hpp"
#include "analysis/report/calibration_report.hpp"
#include "analysis/report/charts.hpp"
#include "analysis/report/json_fields.hpp"
#include "analysis/report/page_writer.hpp"
#include "analysis/report/report.hpp"
#include "analysis/report/report_data.hpp"
#include "analysis/report/report_html.hpp"
#include "sim/output/formats.hpp"

namespace entente::analysis {

namespace fs = std::filesystem;

std::string write_report(const std::string& dir, const std::atomic<bool>* stop) {
  using namespace report;
  // A backtest or calibration directory has its own report (backtest_report.hpp,
  // calibration_report.hpp).
  if (std::error_code ec; fs::is_regular_file(fs::path(dir) / "manifest.json", ec)) {
    const JsonFile manifest((fs::path(dir) / "manifest.json").string(), kManifestFormat, "");
    if (const Json* command = manifest.find(manifest.root(), "command", "");
        command && command->is_string()) {
      if (command->get<std::string>() == "backtest") return write_backtest_report(dir, stop);
      if (command->get<std::string>() == "calibrate") return write_calibration_report(dir, stop);
    }
  }
  const ReportData data = load_report_data(dir);
  std::vector<ChartJob> jobs = fan_chart_jobs(data);
  for (auto&& j : difference_chart_jobs(data)) jobs.push_back(std::move(j));
  for (auto&& j : threshold_chart_jobs(data)) jobs.push_back(std::move(j));
  return draw_and_write_page(
      dir, jobs, [&](const std::vector<RenderedChart>& charts) { return render_report_html(data, charts); }, stop);
}

}  // namespace entente::analysis
