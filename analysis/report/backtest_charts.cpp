#include "analysis/report/backtest_charts.hpp"

#include <sstream>

#include "analysis/report/chart_style.hpp"
#include "analysis/writers/number_format.hpp"

namespace entente::analysis::report {

namespace {

ChartJob backtest_chart(const BacktestChartSeries& s, double until, std::uint64_t runs) {
  ChartJob job;
  job.kind = ChartKind::kFan;
  job.outcome = s.series;
  job.stem = "backtest_" + file_stem(s.series);
  job.title = s.label == s.series ? s.series : s.label + " (" + s.series + ")";
  std::ostringstream dat;
  dat << gp_comment(job.title + (s.unit.empty() ? "" : " (" + s.unit + ")")) << "\n";
  dat << "# index 0: the model\n# year\tp05\tp25\tp50\tp75\tp95\n";
  for (std::size_t i = 0; i < s.years.size(); ++i)
    dat << dat_number(s.years[i]) << '\t' << dat_number(s.q05[i]) << '\t' << dat_number(s.q25[i]) << '\t'
        << dat_number(s.q50[i]) << '\t' << dat_number(s.q75[i]) << '\t' << dat_number(s.q95[i]) << '\n';
  dat << "\n\n# index 1: observed\n# year\tvalue\n";
  for (const auto& [y, v] : s.observed) dat << dat_number(y) << '\t' << dat_number(v) << '\n';
  job.data = dat.str();

  const std::string file = gp_string(job.stem + ".dat");
  const std::string colour = gp_string(policy_colour(0));
  std::ostringstream plot;
  plot << "plot \\\n"
       << "  " << file << " index 0 using 1:2:6 with filledcurves fc rgb " << colour
       << " fs transparent solid 0.15 noborder title \"model 5th-95th percentile\", \\\n"
       << "  " << file << " index 0 using 1:3:5 with filledcurves fc rgb " << colour
       << " fs transparent solid 0.3 noborder title \"model 25th-75th percentile\", \\\n"
       << "  " << file << " index 0 using 1:4 with lines lw 2.5 lc rgb " << colour << " title \"model median\", \\\n"
       << "  " << file << " index 1 using 1:2 with points pt 7 ps 1.1 lc rgb \"#000000\" title \"observed\"\n";
  std::string settings = year_axis(s.years) + "set ylabel " + gp_string(s.unit) + "\n";
  if (until >= s.years.front() && until <= s.years.back())
    settings += "set arrow from " + format_number(until) + ", graph 0 to " + format_number(until) +
                ", graph 1 nohead dt 2 lw 1.5 lc rgb \"#4d4d4d\"\n" + "set label " +
                gp_string("in sample | forecast") + " at " + format_number(until) +
                ", graph 0.97 center textcolor rgb \"#4d4d4d\"\n";
  job.script = chart_script(job.stem, job.title, settings, plot.str());
  job.caption = "Observed " + s.series + " (points) over the model's median (line), 25th-75th (dark band) and "
                "5th-95th percentile (light band) of " + s.label + " over " + std::to_string(runs) +
                " runs. Years up to " + format_number(until) + " are in sample; later years are the forecast." +
                (s.unit.empty() ? "" : " Unit: " + s.unit + ".");
  return job;
}

}  // namespace

std::vector<ChartJob> backtest_chart_jobs(const std::vector<BacktestChartSeries>& series, double until,
                                          std::uint64_t runs) {
  std::vector<ChartJob> jobs;
  for (const auto& s : series) jobs.push_back(backtest_chart(s, until, runs));
  return jobs;
}

}  // namespace entente::analysis::report
