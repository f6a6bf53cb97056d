#include "analysis/play_web/turn_chart_svg.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "analysis/report/html.hpp"
#include "analysis/writers/number_format.hpp"

namespace entente::analysis::play_web {

namespace {

constexpr double kWidth = 360, kHeight = 170;
constexpr double kLeft = 52, kRight = 12, kTop = 22, kBottom = 24;

std::string num(double v) {
  std::ostringstream s;
  s.precision(1);
  s << std::fixed << v;
  return s.str();
}

}  // namespace

std::string turn_chart_svg(const play::Game& game, std::size_t outcome) {
  using report::html_escape;
  const CompiledScenario& sc = game.scenario();
  const CompiledOutcome& oc = sc.outcomes[outcome];
  std::string title = oc.spec.label.empty() ? oc.spec.id : oc.spec.label;
  if (!oc.spec.unit.empty()) title += " (" + oc.spec.unit + ")";

  struct Point {
    double year, taken;
    bool has_spread = false;
    double p05 = 0, p25 = 0, p75 = 0, p95 = 0;
  };
  std::vector<Point> pts;
  double lo = INFINITY, hi = -INFINITY;
  for (const auto& ts : game.line()) {
    Point p{ts.state.year, ts.state.series[oc.series_slot]};
    if (ts.adjudication) {
      const play::OutcomeDistribution& d = ts.adjudication->distribution.at(outcome);
      p.has_spread = true;
      p.p05 = d.p05;
      p.p25 = d.p25;
      p.p75 = d.p75;
      p.p95 = d.p95;
      lo = std::min({lo, p.p05, p.taken});
      hi = std::max({hi, p.p95, p.taken});
    }
    if (std::isfinite(p.taken)) {
      lo = std::min(lo, p.taken);
      hi = std::max(hi, p.taken);
    }
    pts.push_back(p);
  }
  if (!(hi > lo)) {  // a flat or single value: give the axis some height
    const double pad = std::isfinite(lo) && lo != 0 ? std::fabs(lo) * 0.05 : 1;
    lo = (std::isfinite(lo) ? lo : 0) - pad;
    hi = (std::isfinite(hi) ? hi : 0) + pad;
  }
  const double y0 = sc.years.front(), y1 = sc.years.back();
  auto x = [&](double year) { return kLeft + (year - y0) / std::max(1e-9, y1 - y0) * (kWidth - kLeft - kRight); };
  auto y = [&](double v) { return kTop + (hi - v) / (hi - lo) * (kHeight - kTop - kBottom); };

  std::ostringstream s;
  s << "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " << kWidth << " " << kHeight
    << "\" role=\"img\" aria-label=\"" << html_escape(title) << "\">";
  s << "<title>" << html_escape(title) << "</title>";
  s << "<text x=\"4\" y=\"14\" font-size=\"12\" fill=\"#222\">" << html_escape(title) << "</text>";
  s << "<rect x=\"" << kLeft << "\" y=\"" << kTop << "\" width=\"" << kWidth - kLeft - kRight << "\" height=\""
    << kHeight - kTop - kBottom << "\" fill=\"none\" stroke=\"#bbb\"/>";
  s << "<text x=\"" << kLeft - 4 << "\" y=\"" << kTop + 4 << "\" font-size=\"10\" text-anchor=\"end\">"
    << html_escape(format_short(hi)) << "</text>";
  s << "<text x=\"" << kLeft - 4 << "\" y=\"" << kHeight - kBottom << "\" font-size=\"10\" text-anchor=\"end\">"
    << html_escape(format_short(lo)) << "</text>";
  s << "<text x=\"" << kLeft << "\" y=\"" << kHeight - 8 << "\" font-size=\"10\">" << html_escape(format_number(y0))
    << "</text>";
  s << "<text x=\"" << kWidth - kRight << "\" y=\"" << kHeight - 8 << "\" font-size=\"10\" text-anchor=\"end\">"
    << html_escape(format_number(y1)) << "</text>";
  for (const auto& p : pts) {
    if (!p.has_spread) continue;
    const double cx = x(p.year);
    s << "<line x1=\"" << num(cx) << "\" x2=\"" << num(cx) << "\" y1=\"" << num(y(p.p95)) << "\" y2=\""
      << num(y(p.p05)) << "\" stroke=\"#7a9cc6\"/>";
    s << "<rect x=\"" << num(cx - 4) << "\" y=\"" << num(y(p.p75)) << "\" width=\"8\" height=\""
      << num(std::max(0.5, y(p.p25) - y(p.p75))) << "\" fill=\"#c6d7ec\" stroke=\"#7a9cc6\"/>";
  }
  s << "<polyline fill=\"none\" stroke=\"#b03a2e\" stroke-width=\"2\" points=\"";
  for (const auto& p : pts)
    if (std::isfinite(p.taken)) s << num(x(p.year)) << "," << num(y(p.taken)) << " ";
  s << "\"/>";
  s << "</svg>";
  return s.str();
}

}  // namespace entente::analysis::play_web
