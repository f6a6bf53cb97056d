#include "analysis/sensitivity/sensitivity_charts.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>

#include "analysis/report/chart_gnuplot.hpp"
#include "analysis/report/chart_style.hpp"
#include "sim/output/atomic_file.hpp"

namespace entente::analysis {

namespace {

using report::dat_number;
using report::dat_string;
using report::gp_string;
using report::policy_colour;

// chart_script() is written for `entente report`; say who drew these.
std::string script(const std::string& stem, const std::string& title, const std::string& settings,
                   const std::string& plot) {
  std::string s = report::chart_script(stem, title, settings, plot);
  const std::string from = "'entente report'", to = "'entente analyze'";
  if (const auto p = s.find(from); p != std::string::npos) s.replace(p, from.size(), to);
  return s;
}

std::string about(const std::string& response) {
  return response.empty() ? std::string("y") : response;
}

// A value for a bar or point; an interval bound falls back to the value.
double or_value(double bound, double value) {
  return std::isfinite(bound) ? bound : value;
}

}  // namespace

report::ChartJob sobol_chart(const SobolResult& r) {
  report::ChartJob job;
  job.stem = "sobol";
  job.title = "Sobol indices of " + about(r.response);
  const std::size_t k = r.names.size();
  std::vector<std::size_t> order(k);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return r.total[a].value > r.total[b].value; });
  std::ostringstream dat;
  dat << "# parameter\tS1\tS1_lo\tS1_hi\tST\tST_lo\tST_hi (by ST, descending)\n";
  double lo = 0, hi = 1;
  for (std::size_t i : order) {
    const Estimate &f = r.first[i], &t = r.total[i];
    dat << dat_string(r.names[i]);
    for (const Estimate* e : {&f, &t}) {
      dat << '\t' << dat_number(e->value) << '\t' << dat_number(or_value(e->lo, e->value)) << '\t'
          << dat_number(or_value(e->hi, e->value));
      lo = std::min(lo, or_value(e->lo, e->value));
      hi = std::max(hi, or_value(e->hi, e->value));
    }
    dat << '\n';
  }
  job.data = dat.str();
  std::ostringstream settings;
  settings << report::errorbar_histogram_settings()
           << "set xtics nomirror scale 0" << (k > 8 ? " rotate by -35 left" : "") << "\n"
           << "set yrange [" << dat_number(std::floor(lo * 10) / 10) << ":" << dat_number(std::ceil(hi * 10) / 10)
           << "]\n"
           << "set ylabel \"share of the variance\"\n";
  const std::string file = gp_string(job.stem + ".dat");
  std::ostringstream plot;
  plot << "plot " << file << " using 2:3:4:xtic(1) lc rgb " << gp_string(policy_colour(0))
       << " title \"first order S1\", \\\n  " << file << " using 5:6:7 lc rgb " << gp_string(policy_colour(1))
       << " title \"total ST\"\n";
  job.script = script(job.stem, job.title, settings.str(), plot.str());
  job.caption = "First-order (S1) and total (ST) Sobol indices per parameter" +
                std::string(r.bootstrap ? " with bootstrap percentile intervals" : "") +
                "; ST - S1 is the share of variance from interactions.";
  return job;
}

report::ChartJob morris_chart(const MorrisResult& r) {
  report::ChartJob job;
  job.stem = "morris";
  job.title = "Morris screening of " + about(r.response);
  std::ostringstream dat;
  dat << "# parameter\tmu_star\tsigma\tmu_star_lo\tmu_star_hi\n";
  for (const auto& e : r.effects)
    dat << dat_string(e.name) << '\t' << dat_number(e.mu_star.value) << '\t' << dat_number(e.sigma) << '\t'
        << dat_number(or_value(e.mu_star.lo, e.mu_star.value)) << '\t'
        << dat_number(or_value(e.mu_star.hi, e.mu_star.value)) << '\n';
  job.data = dat.str();
  std::ostringstream settings;
  settings << "set xlabel \"μ* (mean absolute elementary effect)\"\n"
           << "set ylabel \"σ (standard deviation of the elementary effects)\"\n"
           << "set xrange [0:*]\nset yrange [0:*]\nset offsets 0, graph 0.12, graph 0.08, 0\n"
           << "set samples 2\n";
  const std::string file = gp_string(job.stem + ".dat");
  std::ostringstream plot;
  plot << "plot " << file << " using 2:3:4:5 with xerrorbars pt 7 ps 1.3 lc rgb " << gp_string(policy_colour(0))
       << " title " << gp_string(r.bootstrap ? "parameter (μ* with interval)" : "parameter") << ", \\\n  " << file
       << " using 2:3:1 with labels left offset 0.8,0.6 textcolor rgb \"#333333\" notitle, \\\n"
       << "  x with lines dt 2 lc rgb \"#999999\" title \"σ = μ*\"\n";
  job.script = script(job.stem, job.title, settings.str(), plot.str());
  job.caption =
      "Each parameter's mean absolute elementary effect (μ*, influence) against the standard deviation of "
      "its effects (σ, interactions and non-linearity); points above the dashed line have σ > μ*.";
  return job;
}

report::ChartJob prim_chart(const PrimResult& r) {
  report::ChartJob job;
  job.stem = "prim";
  job.title = "PRIM peeling trajectory: " + (r.condition.empty() ? about(r.response) : r.condition);
  std::size_t max_restricted = 0;
  for (const auto& b : r.trajectory) max_restricted = std::max(max_restricted, b.restricted);
  max_restricted = std::max(max_restricted, r.chosen.restricted);
  std::ostringstream dat;
  dat << "# step\tcoverage\tdensity\trestricted\tmass (index 0: peeling trajectory; index 1: chosen box after "
         "pasting)\n";
  for (std::size_t s = 0; s < r.trajectory.size(); ++s) {
    const auto& b = r.trajectory[s];
    dat << s << '\t' << dat_number(b.coverage) << '\t' << dat_number(b.density) << '\t' << b.restricted << '\t'
        << dat_number(b.mass) << '\n';
  }
  dat << "\n\n"
      << r.chosen_step << '\t' << dat_number(r.chosen.coverage) << '\t' << dat_number(r.chosen.density) << '\t'
      << r.chosen.restricted << '\t' << dat_number(r.chosen.mass) << '\n';
  job.data = dat.str();
  std::ostringstream settings;
  settings << "set xlabel \"coverage (share of the points of interest inside the box)\"\n"
           << "set ylabel \"density (share of the box's points that are of interest)\"\n"
           << "set xrange [0:1.02]\nset yrange [0:1.02]\n"
           << "set cblabel \"restricted dimensions\"\n"
           << "set cbrange [-0.5:" << dat_number(static_cast<double>(max_restricted) + 0.5) << "]\n"
           << "set cbtics 1\n"
           << "set palette maxcolors " << max_restricted + 1 << "\n"
           << "set palette defined (";
  for (std::size_t i = 0; i <= max_restricted; ++i)
    settings << (i ? ", " : "") << i << " " << gp_string(policy_colour(i)) << ", " << i + 1 << " "
             << gp_string(policy_colour(i));
  settings << ")\n";
  const std::string file = gp_string(job.stem + ".dat");
  std::ostringstream plot;
  plot << "plot " << file << " index 0 using 2:3 with lines lw 1 lc rgb \"#bbbbbb\" notitle, \\\n  " << file
       << " index 0 using 2:3:4 with points pt 7 ps 1.1 lc palette title \"peeled box\", \\\n  " << file
       << " index 1 using 2:3 with points pt 6 ps 2.6 lw 2 lc rgb \"#000000\" title "
       << gp_string("chosen box after pasting (step " + std::to_string(r.chosen_step) + ")") << "\n";
  job.script = script(job.stem, job.title, settings.str(), plot.str());
  job.caption =
      "The trade-off between coverage and density along the peeling trajectory, coloured by the number "
      "of restricted dimensions; the ring marks the chosen box after pasting.";
  return job;
}

void draw_sensitivity_charts(const std::string& dir, const std::vector<report::ChartJob>& jobs) {
  const std::string gnuplot = report::find_gnuplot();
  ensure_directory(dir);
  report::draw_charts(gnuplot, dir, jobs);
}

}  // namespace entente::analysis
