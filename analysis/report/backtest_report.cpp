#include "analysis/report/backtest_report.hpp"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "analysis/report/backtest_charts.hpp"
#include "analysis/report/backtest_report_data.hpp"
#include "analysis/report/backtest_report_html.hpp"
#include "analysis/report/page_writer.hpp"
#include "analysis/report/html.hpp"
#include "analysis/report/json_fields.hpp"
#include "analysis/report/report.hpp"
#include "analysis/report/rolling_report_html.hpp"
#include "sim/output/atomic_file.hpp"
#include "sim/output/staged_dir.hpp"
#include "sim/output/formats.hpp"

namespace entente::analysis {

namespace fs = std::filesystem;

namespace {

std::string one_report(const std::string& dir, const std::atomic<bool>* stop) {
  using namespace report;
  const BacktestReportData data = load_backtest_report_data(dir);
  const std::vector<ChartJob> jobs = backtest_chart_jobs(data);
  return draw_and_write_page(
      dir, jobs, [&](const std::vector<RenderedChart>& charts) { return render_backtest_report_html(data, charts); },
      stop);
}

}  // namespace

std::string write_backtest_report(const std::string& dir, const std::atomic<bool>* stop) {
  const fs::path rolling = fs::path(dir) / "rolling.json";
  if (!fs::exists(rolling)) return one_report(dir, stop);
  // Rolling origins: each origin's directory holds a whole backtest.
  const report::JsonFile f(rolling.string(), kBacktestRollingFormat, "");
  const report::Json& runs = f.array(f.root(), "runs", "");
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const std::string sub = f.string(runs[i], "dir", report::item_path("runs", i));
    if (sub.empty() || sub.find("..") != std::string::npos || sub.front() == '/')
      f.fail(report::item_path("runs", i) + ".dir", "expected a directory inside " + dir + ", got '" + sub + "'");
    one_report((fs::path(dir) / sub).string(), stop);
  }
  // Then the combined page, from rolling.json and manifest.json alone.
  const std::string html = report::render_rolling_report_html(dir);
  throw_if_stopped(stop);
  const std::string path = (fs::path(dir) / "report.html").string();
  write_file_atomic(path, html);
  return path;
}

}  // namespace entente::analysis
