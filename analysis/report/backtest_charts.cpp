#include "analysis/report/backtest_charts.hpp"

#include <set>
#include <sstream>

#include "analysis/report/chart_style.hpp"
#include "analysis/writers/number_format.hpp"

namespace entente::analysis::report {

namespace {

void band_block(std::ostringstream& dat, const std::vector<BacktestBand>& bands) {
  dat << "# year\tp05\tp25\tp50\tp75\tp95\n";
  for (const auto& b : bands)
    dat << dat_number(b.year) << '\t' << dat_number(b.q05) << '\t' << dat_number(b.q25) << '\t' << dat_number(b.q50)
        << '\t' << dat_number(b.q75) << '\t' << dat_number(b.q95) << '\n';
}

std::string series_title(const BacktestReportSeries& s) {
  return s.label == s.series ? s.series : s.label + " (" + s.series + ")";
}

ChartJob fan_chart(const BacktestReportData& d, const BacktestReportSeries& s, const std::string& stem) {
  ChartJob job;
  job.kind = ChartKind::kFan;
  job.outcome = s.series;
  job.stem = stem;
  job.title = series_title(s);
  const bool open = d.conditioned && !s.open_loop.empty();
  std::vector<BacktestObservation> in, out;
  for (const auto& o : s.observations) (o.in_sample ? in : out).push_back(o);

  // Blocks: 0 the model (conditioned when the backtest is), 1 the open loop
  // (or a copy of block 0), 2 observations in sample, 3 out of sample. A
  // plot clause is written only for a block with points.
  std::ostringstream dat;
  dat << gp_comment(job.title + (s.outcome_unit.empty() ? "" : " (" + s.outcome_unit + ")")) << "\n";
  dat << gp_comment(d.conditioned ? "index 0: conditioned on the observations up to the origin"
                                  : "index 0: the model (open loop)")
      << "\n";
  band_block(dat, s.bands);
  dat << "\n\n" << gp_comment("index 1: open loop (the same runs before conditioning)") << "\n";
  band_block(dat, open ? s.open_loop : s.bands);
  dat << "\n\n# index 2: observed, in sample\n# year\tvalue\n";
  for (const auto& o : in) dat << dat_number(o.year) << '\t' << dat_number(o.value) << '\n';
  if (in.empty()) dat << "NaN\tNaN\n";
  dat << "\n\n# index 3: observed, out of sample\n# year\tvalue\n";
  for (const auto& o : out) dat << dat_number(o.year) << '\t' << dat_number(o.value) << '\n';
  if (out.empty()) dat << "NaN\tNaN\n";
  job.data = dat.str();

  const std::string file = gp_string(stem + ".dat");
  const std::string colour = gp_string(policy_colour(0)), grey = gp_string(kReferenceGrey);
  std::vector<std::string> clauses;
  if (open) {
    clauses.push_back(file + " index 1 using 1:2:6 with filledcurves fc rgb " + grey +
                      " fs transparent solid 0.12 noborder title \"open loop 5th-95th\"");
    clauses.push_back(file + " index 1 using 1:4 with lines lw 1.5 dt 2 lc rgb " + grey +
                      " title \"open-loop median\"");
  }
  const std::string model = d.conditioned ? "conditioned" : "model";
  clauses.push_back(file + " index 0 using 1:2:6 with filledcurves fc rgb " + colour +
                    " fs transparent solid 0.18 noborder title \"" + model + " 5th-95th\"");
  clauses.push_back(file + " index 0 using 1:3:5 with filledcurves fc rgb " + colour +
                    " fs transparent solid 0.32 noborder title \"" + model + " 25th-75th\"");
  clauses.push_back(file + " index 0 using 1:4 with lines lw 2.5 lc rgb " + colour + " title \"" + model +
                    " median\"");
  if (!in.empty())
    clauses.push_back(file + " index 2 using 1:2 with points pt 7 ps 1.1 lc rgb \"#000000\" title \"observed\"");
  if (!out.empty())
    clauses.push_back(file + " index 3 using 1:2 with points pt 6 ps 1.4 lw 2 lc rgb \"#000000\" title "
                             "\"observed after the origin\"");
  std::ostringstream plot;
  plot << "plot \\\n";
  for (std::size_t i = 0; i < clauses.size(); ++i) plot << "  " << clauses[i] << (i + 1 < clauses.size() ? ", \\\n" : "\n");

  std::vector<double> years;
  for (const auto& b : s.bands) years.push_back(b.year);
  std::string settings = year_axis(years) + "set ylabel " + gp_string(s.outcome_unit) + "\n";
  if (d.origin >= years.front() && d.origin <= years.back())
    settings += "set arrow from " + format_number(d.origin) + ", graph 0 to " + format_number(d.origin) +
                ", graph 1 nohead dt 2 lw 1.5 lc rgb \"#4d4d4d\"\n" + "set label " +
                gp_string("origin " + std::to_string(d.origin)) + " at " + format_number(d.origin) +
                ", graph 0.97 right offset -0.5,0 textcolor rgb \"#4d4d4d\"\n";
  job.script = chart_script(stem, job.title, settings, plot.str());
  std::string caption = "Observed " + s.series + " (filled points up to the origin " + std::to_string(d.origin) +
                        ", open circles after it) over ";
  if (d.conditioned)
    caption += "the forecast conditioned on the observations up to the origin (coloured: median, 25th-75th and "
               "5th-95th percentile of what will be observed, the particles plus their observation error)" +
               std::string(open ? " and the open-loop ensemble of the same " + std::to_string(d.runs) +
                                      " runs before the filter weighted them (grey: median dashed, 5th-95th band)"
                                : "") +
               ".";
  else
    caption += "the open-loop ensemble of " + std::to_string(d.runs) + " runs (median, 25th-75th, 5th-95th).";
  if (!s.outcome_unit.empty()) caption += " Unit: " + s.outcome_unit + ".";
  job.caption = caption;
  return job;
}

ChartJob pit_chart(const BacktestReportData& d) {
  ChartJob job;
  job.kind = ChartKind::kFan;
  job.stem = "backtest_pit";
  job.title = "PIT histogram, all series";
  const auto& in = d.overall.pit_histogram;
  const std::vector<double>* out = d.overall_out_of_sample ? &d.overall_out_of_sample->pit_histogram : nullptr;
  auto share = [](const std::vector<double>& h, std::size_t b) {
    double n = 0;
    for (double c : h) n += c;
    return n > 0 && b < h.size() ? h[b] / n : 0.0;
  };
  const std::size_t bins = in.size();
  std::ostringstream dat;
  dat << "# bin centre\tshare in sample\tshare out of sample (" << bins << " bins of the PIT)\n";
  for (std::size_t b = 0; b < bins; ++b)
    dat << dat_number((static_cast<double>(b) + 0.5) / static_cast<double>(bins)) << '\t' << dat_number(share(in, b))
        << '\t' << dat_number(out ? share(*out, b) : 0.0) << '\n';
  job.data = dat.str();
  const double w = 0.4 / static_cast<double>(bins);
  std::ostringstream settings;
  settings << "set xrange [0:1]\nset yrange [0:*]\nset xtics 0, 0.1, 1\n"
           << "set xlabel " << gp_string("PIT: the model's P(X < observed)") << "\n"
           << "set ylabel " << gp_string("share of observations") << "\n"
           << "set style fill solid 0.8 noborder\nset boxwidth " << dat_number(w) << " absolute\n"
           << "set arrow from 0, " << dat_number(1.0 / static_cast<double>(bins)) << " to 1, "
           << dat_number(1.0 / static_cast<double>(bins)) << " nohead dt 2 lw 1.5 lc rgb \"#4d4d4d\"\n";
  const std::string file = gp_string(job.stem + ".dat");
  std::ostringstream plot;
  plot << "plot \\\n  " << file << " using ($1 - " << dat_number(w / 2) << "):2 with boxes lc rgb "
       << gp_string(policy_colour(0)) << " title \"in sample (n = " << d.overall.n << ")\"";
  if (out)
    plot << ", \\\n  " << file << " using ($1 + " << dat_number(w / 2) << "):3 with boxes lc rgb "
         << gp_string(policy_colour(1)) << " title \"out of sample (n = " << d.overall_out_of_sample->n << ")\"";
  plot << "\n";
  job.script = chart_script(job.stem, job.title, settings.str(), plot.str());
  job.caption = "Where each observation fell in the model's distribution (its PIT), pooled over the series: a "
                "calibrated forecast gives bars near the dashed line (an equal share per bin); a U shape means "
                "intervals too narrow, a hump too wide, a slope a bias.";
  return job;
}

}  // namespace

std::vector<ChartJob> backtest_chart_jobs(const BacktestReportData& data) {
  std::vector<ChartJob> jobs;
  std::set<std::string> stems;
  for (const auto& s : data.series) {
    // Series whose names differ only in characters a file name cannot hold
    // get a numbered stem rather than one chart overwriting the other.
    std::string stem = "backtest_" + file_stem(s.series);
    for (int k = 2; stems.count(stem) || stem == "backtest_pit"; ++k) stem = "backtest_" + file_stem(s.series) + "_" + std::to_string(k);
    stems.insert(stem);
    jobs.push_back(fan_chart(data, s, stem));
  }
  if (!data.overall.pit_histogram.empty() && data.overall.n > 0) jobs.push_back(pit_chart(data));
  return jobs;
}

}  // namespace entente::analysis::report
