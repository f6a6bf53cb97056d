// Fan charts: for each outcome, every policy's median over the years with its
// 50% (p25-p75) and 90% (p05-p95) bands, overlaid in the policy's colour.
#include <sstream>

#include "analysis/report/chart_style.hpp"
#include "analysis/report/charts.hpp"

namespace entente::analysis::report {

namespace {

std::string direction_note(const std::string& direction) {
  if (direction == "lower_is_better") return " Lower is better.";
  if (direction == "higher_is_better") return " Higher is better.";
  return "";
}

ChartJob fan_chart(const ReportData& data, const OutcomeInfo& o) {
  ChartJob job;
  job.kind = ChartKind::kFan;
  job.outcome = o.id;
  job.stem = "fan_" + file_stem(o.id);
  job.title = o.label;
  const bool single = data.policies.size() == 1;

  std::ostringstream dat;
  dat << gp_comment(o.label + (o.unit.empty() ? "" : " (" + o.unit + ")") + ": one block per policy (gnuplot index)") << "\n";
  for (std::size_t p = 0; p < data.policies.size(); ++p) {
    const Bands& b = data.summaries.at(data.policies[p].id).at(o.id);
    if (p > 0) dat << "\n\n";
    dat << gp_comment("index " + std::to_string(p) + ": policy " + data.policies[p].id) << "\n# year\tmean\tp05\tp25\tp50\tp75\tp95\n";
    for (std::size_t y = 0; y < data.years.size(); ++y)
      dat << dat_number(data.years[y]) << '\t' << dat_number(b.mean[y]) << '\t' << dat_number(b.p05[y]) << '\t'
          << dat_number(b.p25[y]) << '\t' << dat_number(b.p50[y]) << '\t' << dat_number(b.p75[y]) << '\t'
          << dat_number(b.p95[y]) << '\n';
  }
  job.data = dat.str();

  const std::string file = gp_string(job.stem + ".dat");
  std::ostringstream plot;
  plot << "plot \\\n";
  // Bands first, all policies, so that no band hides a median line.
  for (std::size_t p = 0; p < data.policies.size(); ++p) {
    const std::string colour = gp_string(policy_colour(p));
    plot << "  " << file << " index " << p << " using 1:3:7 with filledcurves fc rgb " << colour
         << " fs transparent solid 0.15 noborder " << (single ? "title \"5th-95th percentile\"" : "notitle")
         << ", \\\n"
         << "  " << file << " index " << p << " using 1:4:6 with filledcurves fc rgb " << colour
         << " fs transparent solid 0.3 noborder " << (single ? "title \"25th-75th percentile\"" : "notitle")
         << ", \\\n";
  }
  for (std::size_t p = 0; p < data.policies.size(); ++p) {
    plot << "  " << file << " index " << p << " using 1:5 with lines lw 2.5 lc rgb " << gp_string(policy_colour(p))
         << " title " << gp_string(single ? "median (" + data.policies[p].id + ")" : data.policies[p].id)
         << (p + 1 < data.policies.size() ? ", \\\n" : "\n");
  }
  std::string settings = year_axis(data.years) + "set ylabel " + gp_string(o.unit) + "\n";
  job.script = chart_script(job.stem, job.title, settings, plot.str());

  job.caption = (single ? "Median (line), 25th-75th percentile (dark band) and 5th-95th percentile (light band) of " +
                              o.label + " over " + std::to_string(data.runs) + " runs."
                        : "Median (line), 25th-75th percentile (dark band) and 5th-95th percentile (light band) of " +
                              o.label + " over " + std::to_string(data.runs) +
                              " runs, one colour per policy; all policies face the same futures.") +
                (o.unit.empty() ? "" : " Unit: " + o.unit + ".") + direction_note(o.direction);
  return job;
}

}  // namespace

std::vector<ChartJob> fan_chart_jobs(const ReportData& data) {
  std::vector<ChartJob> jobs;
  for (const auto& o : data.outcomes) jobs.push_back(fan_chart(data, o));
  return jobs;
}

}  // namespace entente::analysis::report
