// Difference charts (compare): one chart per outcome with every policy's
// paired difference from the reference over the years, the mean as a line
// with its 95% confidence band, over a grey band of ±min_effect (the zone of
// "no practical difference", docs/reports.md) and the zero line. Outcomes
// that are 0 or 1 in every run are drawn in percentage points.
#include <sstream>

#include "analysis/report/chart_style.hpp"
#include "analysis/report/charts.hpp"
#include "analysis/writers/number_format.hpp"

namespace entente::analysis::report {

namespace {

std::string reading_note(const OutcomeInfo& o) {
  if (o.direction == "lower_is_better") return " Lower is better: below the band favours the policy.";
  if (o.direction == "higher_is_better") return " Higher is better: above the band favours the policy.";
  return " The outcome has no direction: above zero, the policy gives the higher value.";
}

ChartJob difference_chart(const ReportData& data, const OutcomeInfo& o, const std::vector<const Difference*>& diffs) {
  const double scale = o.binary ? 100 : 1;  // probabilities in percentage points
  const double m = o.min_effect_or_zero() * scale;
  ChartJob job;
  job.kind = ChartKind::kDifference;
  job.outcome = o.id;
  job.stem = "diff_" + file_stem(o.id);
  job.title = o.label + ": difference from " + data.policy_label(data.reference);

  std::ostringstream dat;
  dat << gp_comment(job.title + (o.binary ? " (percentage points)" : o.unit.empty() ? "" : " (" + o.unit + ")") +
                    ", paired over the same runs; one block per policy (gnuplot index)")
      << "\n";
  for (std::size_t k = 0; k < diffs.size(); ++k) {
    const Difference& d = *diffs[k];
    if (k > 0) dat << "\n\n";
    dat << gp_comment("index " + std::to_string(k) + ": policy " + d.policy) << "\n"
        << "# year\tmean\tci95_lo\tci95_hi\n";
    for (std::size_t y = 0; y < data.years.size(); ++y)
      dat << dat_number(data.years[y]) << '\t' << dat_number(scale * d.mean[y]) << '\t'
          << dat_number(scale * d.ci95_lo[y]) << '\t' << dat_number(scale * d.ci95_hi[y]) << '\n';
  }
  job.data = dat.str();

  const std::string file = gp_string(job.stem + ".dat");
  std::ostringstream plot;
  plot << "plot \\\n";
  if (m > 0)
    plot << "  " << gp_string("+") << " using 1:(" << format_number(-m) << "):(" << format_number(m)
         << ") with filledcurves fc rgb \"#9a9a9a\" fs transparent solid 0.18 noborder title "
         << gp_string("no practical difference (\u00b1" + format_number(o.min_effect_or_zero() * scale) + ")")
         << ", \\\n";
  for (std::size_t k = 0; k < diffs.size(); ++k) {
    const std::string colour = gp_string(policy_colour(data.policy_index(diffs[k]->policy)));
    plot << "  " << file << " index " << k << " using 1:3:4 with filledcurves fc rgb " << colour
         << " fs transparent solid 0.25 noborder notitle, \\\n"
         << "  " << file << " index " << k << " using 1:2 with lines lw 2 lc rgb " << colour << " title "
         << gp_string(data.policy_label(diffs[k]->policy)) << ", \\\n";
  }
  plot << "  0 with lines lw 1.2 dt 2 lc rgb \"#555555\" notitle\n";
  std::string settings = year_axis(data.years) + "set samples 2\n" + "set ylabel " +
                         gp_string(o.binary ? "difference, percentage points"
                                   : o.unit.empty() ? "difference" : "difference, " + o.unit) +
                         "\n";
  if (m > 0) settings += "set xrange [" + format_number(data.years.front()) + ":" + format_number(data.years.back()) + "]\n";
  job.script = chart_script(job.stem, job.title, settings, plot.str());
  job.caption = "Each policy minus " + data.policy_label(data.reference) + " in " + o.label +
                ", run by run on the same futures: the mean difference (line) and its 95% confidence interval "
                "(band of the same colour)" +
                (m > 0 ? "; the grey band is \u00b1 the outcome's min effect, where a difference does not matter."
                       : ".") +
                reading_note(o);
  return job;
}

}  // namespace

std::vector<ChartJob> difference_chart_jobs(const ReportData& data) {
  std::vector<ChartJob> jobs;
  if (data.kind != ReportKind::kCompare) return jobs;
  for (const auto& o : data.outcomes) {
    std::vector<const Difference*> diffs;
    for (const auto& d : data.differences)
      if (d.outcome == o.id && d.reference == data.reference) diffs.push_back(&d);
    if (!diffs.empty()) jobs.push_back(difference_chart(data, o, diffs));
  }
  return jobs;
}

}  // namespace entente::analysis::report
