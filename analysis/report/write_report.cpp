// write_report(): load, draw, render, write (docs/reports.md).
#include <filesystem>
#include <fstream>
#include <sstream>

#include "analysis/report/backtest_report.hpp"
#include "analysis/report/calibration_report.hpp"
#include "analysis/report/chart_gnuplot.hpp"
#include "analysis/report/charts.hpp"
#include "analysis/report/html.hpp"
#include "analysis/report/json_fields.hpp"
#include "analysis/report/report.hpp"
#include "analysis/report/report_data.hpp"
#include "analysis/report/report_html.hpp"
#include "sim/output/atomic_file.hpp"
#include "sim/output/staged_dir.hpp"
#include "sim/output/formats.hpp"

namespace entente::analysis {

namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

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
  const std::string gnuplot = find_gnuplot();

  std::vector<ChartJob> jobs = fan_chart_jobs(data);
  for (auto&& j : difference_chart_jobs(data)) jobs.push_back(std::move(j));
  for (auto&& j : threshold_chart_jobs(data)) jobs.push_back(std::move(j));
  // Drawn out of sight (gnuplot writes its PNG and SVG files directly), put
  // in place whole: DIR/charts/ is never a mix of old and half-drawn charts.
  StagedDirectory staged((fs::path(dir) / "charts").string());
  const std::string& charts_dir = staged.path();
  draw_charts(gnuplot, charts_dir, jobs, stop);

  std::vector<RenderedChart> charts;
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    const fs::path svg = fs::path(charts_dir) / (jobs[i].stem + ".svg");
    try {
      charts.push_back({&jobs[i], inline_svg(read_file(svg), "c" + std::to_string(i) + "-", jobs[i].title)});
    } catch (const std::exception& e) {
      throw std::runtime_error(svg.string() + ": " + e.what());
    }
  }
  const std::string html = render_report_html(data, charts);
  throw_if_stopped(stop);
  staged.commit();
  const std::string path = (fs::path(dir) / "report.html").string();
  write_file_atomic(path, html);
  return path;
}

}  // namespace entente::analysis
