// Fan charts and probability charts, one chart per outcome.
// - A run: one panel, the median with its 50% (p25-p75) and 90% (p05-p95) bands.
// - A comparison: small multiples, one panel per policy other than the
//   reference, each with that policy's fan over the reference's (grey), so
//   no panel holds more than two fans and no band hides another policy's.
// - An outcome that is 0 or 1 in every run (an event that has happened, a
//   category indicator) has no fan worth drawing: its percentiles are 0 or 1.
//   It is drawn as its probability, the mean, with the 95% Wilson interval.
#include <algorithm>
#include <sstream>

#include "analysis/report/chart_style.hpp"
#include "analysis/report/charts.hpp"
#include "analysis/stats/proportion_interval.hpp"

namespace entente::analysis::report {

namespace {

std::string direction_note(const std::string& direction) {
  if (direction == "lower_is_better") return " Lower is better.";
  if (direction == "higher_is_better") return " Higher is better.";
  return "";
}

// Panels per row and the chart's size for `panels` small multiples.
struct Layout {
  int rows = 1, cols = 1, width = kChartWidth, height = kChartHeight;
};

Layout layout_for(std::size_t panels) {
  Layout l;
  if (panels <= 1) return l;
  l.cols = panels <= 4 ? 2 : 3;
  l.rows = static_cast<int>((panels + static_cast<std::size_t>(l.cols) - 1) / static_cast<std::size_t>(l.cols));
  l.height = 60 + l.rows * 230;
  return l;
}

// One data block per policy (gnuplot `index` = policy index): the fan's
// columns, or for a probability the mean and its Wilson interval in percent.
std::string data_file(const ReportData& data, const OutcomeInfo& o, bool probability) {
  std::ostringstream dat;
  dat << gp_comment(o.label + (o.unit.empty() ? "" : " (" + o.unit + ")") + ": one block per policy (gnuplot index)")
      << "\n";
  for (std::size_t p = 0; p < data.policies.size(); ++p) {
    const Bands& b = data.summaries.at(data.policies[p].id).at(o.id);
    if (p > 0) dat << "\n\n";
    dat << gp_comment("index " + std::to_string(p) + ": policy " + data.policies[p].id) << "\n";
    if (probability) {
      dat << "# year\tpercent\tci95_lo\tci95_hi (Wilson, " << data.runs << " runs)\n";
      for (std::size_t y = 0; y < data.years.size(); ++y) {
        const auto ci = wilson_interval(b.mean[y] * static_cast<double>(data.runs), static_cast<double>(data.runs));
        dat << dat_number(data.years[y]) << '\t' << dat_number(100 * b.mean[y]) << '\t' << dat_number(100 * ci.lo)
            << '\t' << dat_number(100 * ci.hi) << '\n';
      }
    } else {
      dat << "# year\tmean\tp05\tp25\tp50\tp75\tp95\n";
      for (std::size_t y = 0; y < data.years.size(); ++y)
        dat << dat_number(data.years[y]) << '\t' << dat_number(b.mean[y]) << '\t' << dat_number(b.p05[y]) << '\t'
            << dat_number(b.p25[y]) << '\t' << dat_number(b.p50[y]) << '\t' << dat_number(b.p75[y]) << '\t'
            << dat_number(b.p95[y]) << '\n';
    }
  }
  return dat.str();
}

// The plot command of policy `p`'s fan or probability line, in `colour`.
std::string layers(const std::string& file, std::size_t p, const std::string& colour, bool probability,
                   const std::string& name, bool titled = true) {
  const std::string c = gp_string(colour);
  auto title = [&](const std::string& t) { return titled ? "title " + gp_string(t) : std::string("notitle"); };
  std::ostringstream s;
  if (probability) {
    s << file << " index " << p << " using 1:3:4 with filledcurves fc rgb " << c
      << " fs transparent solid 0.22 noborder " << title(name.empty() ? "95% interval" : name + ": 95% interval")
      << ", " << file << " index " << p << " using 1:2 with lines lw 2.2 lc rgb " << c << " "
      << title(name.empty() ? "probability" : name);
  } else {
    s << file << " index " << p << " using 1:3:7 with filledcurves fc rgb " << c
      << " fs transparent solid 0.13 noborder " << title(name.empty() ? "90% of runs" : name + ": 90% of runs") << ", "
      << file << " index " << p << " using 1:4:6 with filledcurves fc rgb " << c
      << " fs transparent solid 0.28 noborder " << title(name.empty() ? "50% of runs" : name + ": 50%") << ", "
      << file << " index " << p << " using 1:5 with lines lw 2.2 lc rgb " << c << " "
      << title(name.empty() ? "median" : name + ": median");
  }
  return s.str();
}

ChartJob outcome_chart(const ReportData& data, const OutcomeInfo& o) {
  const bool probability = o.binary;
  ChartJob job;
  job.kind = probability ? ChartKind::kProbability : ChartKind::kFan;
  job.outcome = o.id;
  job.stem = (probability ? "prob_" : "fan_") + file_stem(o.id);
  job.title = o.label;
  job.data = data_file(data, o, probability);
  const std::string file = gp_string(job.stem + ".dat");
  const std::string ylabel = probability ? "probability, %" : o.unit;

  std::ostringstream plot;
  const std::size_t panels = data.policies.size() <= 1 ? 1 : data.policies.size() - 1;
  const Layout l = layout_for(panels);
  if (panels == 1 && data.policies.size() == 1) {
    plot << "plot " << layers(file, 0, policy_colour(0), probability, data.policies[0].label) << "\n";
  } else {
    plot << "set multiplot layout " << l.rows << "," << l.cols << " title "
         << gp_string(o.label + ": each policy (colour) against " + data.policies[0].label + " (grey)")
         << " noenhanced font \",12\"\n"
         << "set key inside top left vertical Left reverse noenhanced samplen 1.2 spacing 0.9 font \",8\" "
            "opaque box lc rgb \"#dddddd\"\n"
         << "set title font \",10\"\n";
    for (std::size_t p = 1; p < data.policies.size(); ++p) {
      // Only the first panel carries the key, for the panel's policy: the
      // bands mean the same in every panel and the grey is the reference's.
      plot << "set title " << gp_string(data.policies[p].label) << "\n"
           << (p == 1 ? "" : "unset key\n") << "plot "
           << layers(file, 0, kReferenceGrey, probability, "", false) << ", "
           << layers(file, p, policy_colour(p), probability, "", p == 1) << "\n";
    }
    plot << "unset multiplot\n";
  }
  std::string settings = year_axis(data.years) + "set ylabel " + gp_string(ylabel) + "\n";
  if (probability) settings += "set yrange [0:*]\n";
  if (panels > 1) {
    // Narrow panels: a tic every few years, not every year.
    const double span = data.years.back() - data.years.front();
    if (span > 6) settings += "set xtics " + std::to_string(static_cast<int>(data.years.front())) + ", " +
                              std::to_string(span > 20 ? 10 : span > 10 ? 5 : 2) + "\n";
    settings += "unset title\n";
  }
  job.script = chart_script(job.stem, job.title, settings, plot.str(), l.width, l.height);

  const std::string runs = std::to_string(data.runs);
  if (probability)
    job.caption = "Probability that " + o.label + " (0 or 1 in every run): the share of the " + runs +
                  " runs, with its 95% Wilson interval (band)" +
                  (panels > 1 ? ", one panel per policy against " + data.policies[0].label + " in grey." : ".");
  else
    job.caption = "Median (line), 50% (dark band) and 90% (light band) of the " + runs + " runs of " + o.label +
                  (panels > 1 ? ", one panel per policy against " + data.policies[0].label +
                                    " in grey; all policies face the same futures."
                              : ".");
  job.caption += (o.unit.empty() || probability ? "" : " Unit: " + o.unit + ".") + direction_note(o.direction);
  return job;
}

}  // namespace

std::vector<ChartJob> fan_chart_jobs(const ReportData& data) {
  std::vector<ChartJob> jobs;
  for (const auto& o : data.outcomes) jobs.push_back(outcome_chart(data, o));
  return jobs;
}

}  // namespace entente::analysis::report
