#include "analysis/report/calibration_report.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "analysis/report/calibration_charts.hpp"
#include "analysis/report/calibration_report_data.hpp"
#include "analysis/report/calibration_report_html.hpp"
#include "analysis/report/chart_gnuplot.hpp"
#include "analysis/report/html.hpp"
#include "sim/output/atomic_file.hpp"
#include "sim/output/staged_dir.hpp"

namespace entente::analysis {

namespace fs = std::filesystem;

std::string write_calibration_report(const std::string& dir, const std::atomic<bool>* stop) {
  using namespace report;
  const CalibrationReportData data = load_calibration_report_data(dir);
  const std::string gnuplot = find_gnuplot();
  const std::vector<ChartJob> jobs = calibration_chart_jobs(data);
  // Drawn out of sight and put in place whole, as for the other reports.
  StagedDirectory staged((fs::path(dir) / "charts").string());
  draw_charts(gnuplot, staged.path(), jobs, stop);
  std::vector<RenderedChart> charts;
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    const fs::path svg = fs::path(staged.path()) / (jobs[i].stem + ".svg");
    std::ifstream in(svg, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    try {
      if (!in) throw std::runtime_error("cannot read it");
      charts.push_back({&jobs[i], inline_svg(text.str(), "c" + std::to_string(i) + "-", jobs[i].title)});
    } catch (const std::exception& e) {
      throw std::runtime_error(svg.string() + ": " + e.what());
    }
  }
  const std::string html = render_calibration_report_html(data, charts);
  throw_if_stopped(stop);
  staged.commit();
  const std::string path = (fs::path(dir) / "report.html").string();
  write_file_atomic(path, html);
  return path;
}

}  // namespace entente::analysis
