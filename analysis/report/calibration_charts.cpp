#include "analysis/report/calibration_charts.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include "analysis/report/chart_style.hpp"
#include "analysis/writers/number_format.hpp"

namespace entente::analysis::report {

namespace {

// A vertical line at x across the plot, labelled at its top.
std::string marker(double x, const std::string& colour, const char* dash, const std::string& label, double at) {
  return "set arrow from " + dat_number(x) + ", graph 0 to " + dat_number(x) + ", graph 1 nohead " + dash +
         " lw 1.5 lc rgb " + gp_string(colour) + "\nset label " + gp_string(label) + " at " + dat_number(x) +
         ", graph " + dat_number(at) + " left offset 0.4,0 textcolor rgb " + gp_string(colour) + "\n";
}

ChartJob parameter_chart(const CalibrationReportData& d, const CalibrationReportParameter& p, const std::string& stem) {
  ChartJob job;
  job.kind = ChartKind::kFan;
  job.outcome = p.name;
  job.stem = stem;
  job.title = p.name + ": prior and posterior";
  const auto [lo_it, hi_it] = std::minmax_element(p.prior_sample.begin(), p.prior_sample.end());
  double lo = lo_it == p.prior_sample.end() ? 0 : *lo_it, hi = hi_it == p.prior_sample.end() ? 1 : *hi_it;
  if (!(hi > lo)) {  // one value: a bin around it
    lo -= 0.5;
    hi += 0.5;
  }
  const std::size_t bins = calibration_bins(p.prior_sample.size());
  const double width = (hi - lo) / static_cast<double>(bins);
  auto shares = [&](const std::vector<double>& x) {
    std::vector<double> s(bins, 0.0);
    for (double v : x) {
      const auto b = static_cast<std::size_t>(std::clamp((v - lo) / width, 0.0, static_cast<double>(bins - 1)));
      s[b] += 1.0 / static_cast<double>(x.size());
    }
    return s;
  };
  const std::vector<double> prior = shares(p.prior_sample), post = shares(p.posterior_sample);
  std::ostringstream dat;
  dat << gp_comment(p.name + ": share of each sample per bin (" + std::to_string(bins) + " bins of width " +
                    format_number(width) + ")")
      << "\n# bin centre\tprior (" << p.prior_sample.size() << " points)\tposterior (" << p.posterior_sample.size()
      << " accepted)\n";
  for (std::size_t b = 0; b < bins; ++b)
    dat << dat_number(lo + (static_cast<double>(b) + 0.5) * width) << '\t' << dat_number(prior[b]) << '\t'
        << dat_number(post[b]) << '\n';

  // Above the bars, each sample's 5%-95% as a horizontal bar through its
  // median (the numbers of the table), so the narrowing reads at a glance
  // without labels over the bars.
  double top = std::max(*std::max_element(prior.begin(), prior.end()),
                        post.empty() ? 0.0 : *std::max_element(post.begin(), post.end()));
  if (!(top > 0)) top = 1;
  dat << "\n\n# index 1: prior 5%, 50%, 95% (of the distribution)\n# y\tp50\tp05\tp95\n"
      << dat_number(1.12 * top) << '\t' << dat_number(p.prior_q50) << '\t' << dat_number(p.prior_q05) << '\t'
      << dat_number(p.prior_q95) << "\n\n\n# index 2: posterior 5%, 50%, 95% (of the points kept)\n"
      << "# y\tp50\tp05\tp95\n"
      << dat_number(1.24 * top) << '\t' << dat_number(p.post_q50) << '\t' << dat_number(p.post_q05) << '\t'
      << dat_number(p.post_q95) << '\n';
  job.data = dat.str();

  const double box = 0.42 * width;
  std::ostringstream settings;
  // The x range holds the bins and both intervals.
  const double xlo = std::min({lo, p.prior_q05, p.post_q05}), xhi = std::max({hi, p.prior_q95, p.post_q95});
  settings << "set xrange [" << dat_number(xlo) << ":" << dat_number(xhi) << "]\nset yrange [0:"
           << dat_number(1.34 * top) << "]\nset format x \"%g\"\n"
           << "set xlabel " << gp_string(p.name) << "\nset ylabel " << gp_string("share of the sample") << "\n"
           << "set style fill solid 0.8 noborder\nset boxwidth " << dat_number(box) << " absolute\n"
           << "set errorbars 1.5\n";
  const std::string file = gp_string(stem + ".dat");
  const std::string grey = gp_string(kReferenceGrey), colour = gp_string(policy_colour(1));
  std::ostringstream plot;
  plot << "plot \\\n  " << file << " index 0 using ($1 - " << dat_number(box / 2) << "):2 with boxes lc rgb " << grey
       << " title " << gp_string("prior sample (" + std::to_string(p.prior_sample.size()) + " points)")
       << ", \\\n  " << file << " index 0 using ($1 + " << dat_number(box / 2) << "):3 with boxes lc rgb " << colour
       << " title " << gp_string("posterior (" + std::to_string(p.posterior_sample.size()) + " accepted)")
       << ", \\\n  " << file << " index 1 using 2:1:3:4 with xerrorbars pt 7 ps 1.2 lw 2 lc rgb " << grey
       << " title \"prior 5%, 50%, 95%\", \\\n  " << file
       << " index 2 using 2:1:3:4 with xerrorbars pt 7 ps 1.2 lw 2 lc rgb " << colour
       << " title \"posterior 5%, 50%, 95%\"\n";
  job.script = chart_script(stem, job.title, settings.str(), plot.str());
  job.caption = "The values of " + p.name + " at the " + std::to_string(p.prior_sample.size()) +
                " prior points (grey: a Latin hypercube over the scenario's distribution) and at the " +
                std::to_string(p.posterior_sample.size()) + " points kept (coloured), each as a share of its own "
                "sample on the same bins. Above them, the 5%-95% range of each through its median (the table's "
                "numbers; the prior's from its distribution). A "
                "posterior as wide as the prior means the history up to " + std::to_string(d.until) +
                " says little about this parameter.";
  return job;
}

ChartJob distance_chart(const CalibrationReportData& d) {
  ChartJob job;
  job.kind = ChartKind::kFan;
  job.stem = "calibration_distance";
  job.title = "Distance from the history, every prior point";
  std::vector<double> sorted = d.distance;
  std::sort(sorted.begin(), sorted.end());
  const double n = static_cast<double>(sorted.size());
  std::ostringstream dat;
  dat << "# share of points at most this far\tdistance (mean CRPS / mean |observation|)\taccepted\n";
  for (std::size_t i = 0; i < sorted.size(); ++i)
    dat << dat_number((static_cast<double>(i) + 1) / n) << '\t' << dat_number(sorted[i]) << '\t'
        << (i < d.accepted ? 1 : 0) << '\n';
  job.data = dat.str();
  // A log axis when every distance is positive: a few far points would
  // otherwise flatten the accepted ones onto the floor.
  const bool log = !sorted.empty() && sorted.front() > 0;
  const double cut = sorted.empty() ? 0 : static_cast<double>(d.accepted) / n;
  std::ostringstream settings;
  settings << "set xrange [0:1]\nset xtics 0, 0.1, 1\n" << (log ? "set logscale y\n" : "set yrange [0:*]\n")
           << "set xlabel " << gp_string("share of the prior points, closest first") << "\n"
           << "set ylabel " << gp_string("distance (mean CRPS / mean |observation|)") << "\n"
           << marker(cut, "#4d4d4d", "dt 2", "kept: " + std::to_string(d.accepted) + " of " +
                                                 std::to_string(sorted.size()), 0.95);
  const std::string file = gp_string(job.stem + ".dat");
  std::ostringstream plot;
  plot << "plot \\\n  " << file << " using 1:($3 == 0 ? $2 : NaN) with points pt 7 ps 0.6 lc rgb "
       << gp_string(kReferenceGrey) << " title \"rejected\", \\\n  " << file
       << " using 1:($3 == 1 ? $2 : NaN) with points pt 7 ps 0.8 lc rgb " << gp_string(policy_colour(1))
       << " title \"accepted\"\n";
  job.script = chart_script(job.stem, job.title, settings.str(), plot.str());
  job.caption = "Each prior point's distance from the observations up to " + std::to_string(d.until) +
                " (the mean over series of the CRPS of its " + std::to_string(d.runs_per_point) +
                " runs, divided by the series' mean |observation|: 0.05 reads as typically 5% off), sorted. The " +
                std::to_string(d.accepted) + " closest, left of the dashed line, are the posterior sample." +
                (log ? " The distance axis is logarithmic." : "");
  return job;
}

}  // namespace

std::size_t calibration_bins(std::size_t n) {
  return std::clamp<std::size_t>(static_cast<std::size_t>(std::ceil(std::sqrt(static_cast<double>(n)))), 5, 25);
}

std::vector<ChartJob> calibration_chart_jobs(const CalibrationReportData& data) {
  std::vector<ChartJob> jobs;
  std::set<std::string> stems;
  for (const auto& p : data.params) {
    std::string stem = "calibration_" + file_stem(p.name);
    for (int k = 2; stems.count(stem) || stem == "calibration_distance"; ++k)
      stem = "calibration_" + file_stem(p.name) + "_" + std::to_string(k);
    stems.insert(stem);
    jobs.push_back(parameter_chart(data, p, stem));
  }
  if (!data.distance.empty()) jobs.push_back(distance_chart(data));
  return jobs;
}

}  // namespace entente::analysis::report
