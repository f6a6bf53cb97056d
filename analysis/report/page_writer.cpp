#include "analysis/report/page_writer.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "analysis/report/chart_gnuplot.hpp"
#include "analysis/report/html.hpp"
#include "sim/output/atomic_file.hpp"
#include "sim/output/staged_dir.hpp"

namespace entente::analysis::report {

namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read it");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

std::string draw_and_write_page(const std::string& dir, const std::vector<ChartJob>& jobs, const RenderPage& render,
                                const std::atomic<bool>* stop) {
  const std::string gnuplot = find_gnuplot();
  StagedDirectory staged((fs::path(dir) / "charts").string());
  draw_charts(gnuplot, staged.path(), jobs, stop);
  std::vector<RenderedChart> charts;
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    const fs::path svg = fs::path(staged.path()) / (jobs[i].stem + ".svg");
    try {
      charts.push_back({&jobs[i], inline_svg(read_file(svg), "c" + std::to_string(i) + "-", jobs[i].title)});
    } catch (const std::exception& e) {
      throw std::runtime_error(svg.string() + ": " + e.what());
    }
  }
  const std::string html = render(charts);
  throw_if_stopped(stop);
  staged.commit();
  const std::string path = (fs::path(dir) / "report.html").string();
  write_file_atomic(path, html);
  return path;
}

}  // namespace entente::analysis::report
