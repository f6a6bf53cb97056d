// Difference charts (compare): for each outcome and non-reference policy B,
// the paired difference B − A over the years: the mean with its 95%
// confidence band, the 5-95% band of the per-run differences, and zero.
#include <sstream>

#include "analysis/report/chart_style.hpp"
#include "analysis/report/charts.hpp"

namespace entente::analysis::report {

namespace {

std::string reading_note(const OutcomeInfo& o, const std::string& policy) {
  if (o.direction == "lower_is_better") return " Lower is better, so below zero favours " + policy + ".";
  if (o.direction == "higher_is_better") return " Higher is better, so above zero favours " + policy + ".";
  return " Above zero: " + policy + " gives the higher value.";
}

ChartJob difference_chart(const ReportData& data, const Difference& d) {
  const OutcomeInfo& o = *data.outcome(d.outcome);
  ChartJob job;
  job.kind = ChartKind::kDifference;
  job.outcome = d.outcome;
  job.policy = d.policy;
  job.stem = "diff_" + file_stem(d.policy) + "_" + file_stem(d.outcome);
  job.title = o.label + ": " + d.policy + " \u2212 " + d.reference;

  std::ostringstream dat;
  dat << gp_comment(job.title + (o.unit.empty() ? "" : " (" + o.unit + ")") + ", paired over the same runs") << "\n"
      << "# year\tmean\tmedian\tci95_lo\tci95_hi\tp05\tp95\tp_better\n";
  for (std::size_t y = 0; y < data.years.size(); ++y)
    dat << dat_number(data.years[y]) << '\t' << dat_number(d.mean[y]) << '\t' << dat_number(d.median[y]) << '\t'
        << dat_number(d.ci95_lo[y]) << '\t' << dat_number(d.ci95_hi[y]) << '\t' << dat_number(d.p05[y]) << '\t'
        << dat_number(d.p95[y]) << '\t' << dat_number(d.p_better[y]) << '\n';
  job.data = dat.str();

  const std::string file = gp_string(job.stem + ".dat");
  const std::string colour = gp_string(policy_colour(data.policy_index(d.policy)));
  std::ostringstream plot;
  plot << "plot \\\n"
       << "  " << file << " using 1:6:7 with filledcurves fc rgb " << colour
       << " fs transparent solid 0.15 noborder title \"5th-95th percentile of the per-run differences\", \\\n"
       << "  " << file << " using 1:4:5 with filledcurves fc rgb " << colour
       << " fs transparent solid 0.35 noborder title \"95% confidence interval of the mean\", \\\n"
       << "  " << file << " using 1:2 with lines lw 2.5 lc rgb " << colour << " title \"mean difference\", \\\n"
       << "  0 with lines lw 1.2 dt 2 lc rgb \"#555555\" notitle\n";
  const std::string settings = year_axis(data.years) + "set ylabel " +
                               gp_string(o.unit.empty() ? "difference" : "difference, " + o.unit) + "\n";
  job.script = chart_script(job.stem, job.title, settings, plot.str());
  job.caption = "Difference " + d.policy + " \u2212 " + d.reference + " in " + o.label +
                ", run by run on the same futures: the mean difference (line), its 95% confidence interval "
                "(dark band) and the 5th-95th percentile of the per-run differences (light band)." +
                reading_note(o, d.policy);
  return job;
}

}  // namespace

std::vector<ChartJob> difference_chart_jobs(const ReportData& data) {
  std::vector<ChartJob> jobs;
  if (data.kind != ReportKind::kCompare) return jobs;
  for (const auto& d : data.differences) jobs.push_back(difference_chart(data, d));
  return jobs;
}

}  // namespace entente::analysis::report
