// The last step every report shares (run and compare, backtest, rolling
// origins, calibration): draw the charts with gnuplot into DIR/charts, staged
// and put in place whole (never a mix of old and half-drawn charts), inline
// each chart's SVG, render the page and write DIR/report.html atomically.
#pragma once
#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "analysis/report/charts.hpp"

namespace entente::analysis::report {

struct RenderedChart {
  const ChartJob* job = nullptr;
  std::string svg;  // ready to inline (html.hpp inline_svg)
};

using RenderPage = std::function<std::string(const std::vector<RenderedChart>&)>;

// Returns the path of report.html. Throws std::runtime_error when gnuplot is
// missing or fails, or a chart's SVG cannot be read (naming the file), and
// Interrupted when *stop is set; DIR/charts and report.html are then as they
// were.
std::string draw_and_write_page(const std::string& dir, const std::vector<ChartJob>& jobs, const RenderPage& render,
                                const std::atomic<bool>* stop);

}  // namespace entente::analysis::report
