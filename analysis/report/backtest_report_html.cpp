#include "analysis/report/backtest_report_html.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "analysis/report/html.hpp"
#include "analysis/report/json_fields.hpp"
#include "analysis/report/report_css.hpp"
#include "analysis/writers/number_format.hpp"
#include "entente/version.hpp"

namespace entente::analysis::report {

namespace {

std::string esc(const std::string& s) { return html_escape(s); }

std::string series_name(const BacktestReportSeries& s) {
  return s.label == s.series ? esc(s.series)
                             : esc(s.label) + "<span class=\"meta\">" + esc(s.series) + "</span>";
}

const BacktestReportSeries* find_series(const BacktestReportData& d, const std::string& name) {
  for (const auto& s : d.series)
    if (s.series == name) return &s;
  return nullptr;
}

// The CRPS cells of the model and the three baselines, the smallest marked.
std::string crps_cells(const BacktestScoreLine& s) {
  const double v[] = {s.crps_model, s.crps_persistence, s.crps_trend, s.crps_walk};
  const double best = *std::min_element(std::begin(v), std::end(v));
  std::string out;
  for (double x : v) out += std::string("<td") + (x == best ? " class=\"best\"" : "") + ">" + fmt_value(x) + "</td>";
  return out;
}

// CRPS of the model over the better of persistence and trend (the issue's
// target: at most 0.8); an em dash when both baselines are exact.
double ratio_to_better(const BacktestScoreLine& s) {
  const double better = std::min(s.crps_persistence, s.crps_trend);
  return better > 0 ? s.crps_model / better : std::nan("");
}

std::string score_cells(const BacktestScoreLine& s) {
  return "<td>" + std::to_string(s.n) + "</td><td>" + fmt_value(s.coverage_50) + "</td><td>" +
         fmt_value(s.coverage_90) + "</td><td>" + fmt_value(s.coverage_90_walk) + "</td><td>" +
         fmt_value(s.sharpness) + "</td>" + crps_cells(s) + "<td>" + fmt_value(ratio_to_better(s)) + "</td>";
}

const char* kScoreHead =
    "<th scope=\"col\">n</th><th scope=\"col\">50% coverage</th><th scope=\"col\">90% coverage</th>"
    "<th scope=\"col\">90% coverage, random walk</th><th scope=\"col\">90% width / median</th>"
    "<th scope=\"col\">CRPS model</th><th scope=\"col\">persistence</th><th scope=\"col\">trend</th>"
    "<th scope=\"col\">random walk</th><th scope=\"col\">model / better of persistence, trend</th>";

std::string sample_name(bool in, const BacktestReportData& d) {
  return in ? "in sample, one step ahead (to " + std::to_string(d.origin) + ")"
            : "out of sample (after " + std::to_string(d.origin) + ")";
}

void score_table(std::ostringstream& h, const BacktestReportData& d) {
  h << "<div class=\"table-wrap\">\n<table class=\"numbers\" id=\"score-table\">\n<caption>Scores by series and "
       "sample. The CRPS is in the series' unit; the pooled rows divide each series' CRPS by its mean absolute "
       "in-sample observation (unitless). The smallest CRPS of a row is marked.</caption>\n<thead>\n<tr>"
       "<th class=\"label\" scope=\"col\">Series</th><th class=\"label\" scope=\"col\">Sample</th>"
    << kScoreHead << "</tr>\n</thead>\n<tbody>\n";
  for (const auto& s : d.series) {
    h << "<tr><th class=\"label\" scope=\"row\">" << series_name(s) << "</th><td class=\"label\">"
      << esc(sample_name(true, d)) << "</td>" << score_cells(s.in_sample) << "</tr>\n";
    if (s.out_of_sample)
      h << "<tr><th class=\"label\" scope=\"row\">" << series_name(s) << "</th><td class=\"label\">"
        << esc(sample_name(false, d)) << "</td>" << score_cells(*s.out_of_sample) << "</tr>\n";
  }
  h << "</tbody>\n<tbody>\n<tr><th class=\"label\" scope=\"row\">All series (pooled)</th><td class=\"label\">"
    << esc(sample_name(true, d)) << "</td>" << score_cells(d.overall) << "</tr>\n";
  if (d.overall_out_of_sample)
    h << "<tr><th class=\"label\" scope=\"row\">All series (pooled)</th><td class=\"label\">"
      << esc(sample_name(false, d)) << "</td>" << score_cells(*d.overall_out_of_sample) << "</tr>\n";
  h << "</tbody>\n</table>\n</div>\n";
}

void lead_table(std::ostringstream& h, const BacktestReportData& d) {
  if (d.leads.empty()) return;
  h << "<div class=\"table-wrap\">\n<table class=\"numbers\" id=\"lead-table\">\n<caption>Out-of-sample scores by "
       "lead time (years after the origin "
    << d.origin << "): the pooled row of each lead first, then each series.</caption>\n<thead>\n<tr>"
       "<th class=\"label\" scope=\"col\">Lead</th><th class=\"label\" scope=\"col\">Series</th>"
    << kScoreHead << "</tr>\n</thead>\n";
  int lead = -1;
  auto row = [&](const BacktestLeadLine& l, bool pooled) {
    const BacktestReportSeries* s = pooled ? nullptr : find_series(d, l.series);
    h << "<tr><th class=\"label\" scope=\"row\">" << l.lead << (l.lead == 1 ? " year" : " years") << "</th>"
      << "<td class=\"label\">" << (pooled ? std::string("All series (pooled)") : s ? series_name(*s) : esc(l.series))
      << "</td>" << score_cells(l.scores) << "</tr>\n";
  };
  for (const auto& l : d.leads) {
    if (l.lead == lead) continue;
    lead = l.lead;
    h << "<tbody>\n";
    for (const auto& p : d.leads)
      if (p.lead == lead && p.series == "(all)") row(p, true);
    for (const auto& p : d.leads)
      if (p.lead == lead && p.series != "(all)") row(p, false);
    h << "</tbody>\n";
  }
  h << "</table>\n</div>\n";
}

// The answer in one paragraph: the pooled out-of-sample scores against the
// targets of docs/calibration.md (90% coverage at least 0.8, width at most
// 0.7 x the median, CRPS at most 0.8 x the better naive forecast).
void verdict(std::ostringstream& h, const BacktestReportData& d) {
  h << "<p class=\"callout\">";
  if (!d.overall_out_of_sample) {
    h << "No observation lies after the origin " << d.origin
      << ": only the in-sample (one step ahead) scores below exist.</p>\n";
    return;
  }
  const BacktestScoreLine& o = *d.overall_out_of_sample;
  const double r = ratio_to_better(o);
  h << "<strong>Out of sample</strong> (" << o.n << " observations after " << d.origin << ", " << d.series.size()
    << " series pooled): the 90% intervals covered " << fmt_value(o.coverage_90) << " of the observations (target "
    << "\u2265 0.8), with a median width of " << fmt_value(o.sharpness) << " \u00d7 the median (target \u2264 0.7); "
    << "the model's CRPS is " << fmt_value(o.crps_model) << " against " << fmt_value(o.crps_persistence)
    << " for persistence, " << fmt_value(o.crps_trend) << " for the trend and " << fmt_value(o.crps_walk)
    << " for the random walk";
  if (std::isfinite(r)) h << ", " << fmt_value(r) << " \u00d7 the better of persistence and trend (target \u2264 0.8)";
  h << ". Coverage over few observations is noisy: its standard error is about "
    << fmt_value(std::sqrt(0.09 / static_cast<double>(std::max<std::uint64_t>(1, o.n)))) << " here.</p>\n";
}

void figures(std::ostringstream& h, const std::vector<RenderedChart>& charts, const std::string& stem_prefix) {
  for (const auto& c : charts) {
    if (c.job->stem.rfind(stem_prefix, 0) != 0) continue;
    if (stem_prefix == "backtest_" && c.job->stem == "backtest_pit") continue;
    h << "<figure id=\"chart-" << esc(c.job->stem) << "\">\n"
      << c.svg << "\n<figcaption>" << esc(c.job->caption) << " Files: charts/" << esc(c.job->stem)
      << ".png, .svg, .gp, .dat.</figcaption>\n</figure>\n";
  }
}

void pit_table(std::ostringstream& h, const BacktestReportData& d) {
  const std::size_t bins = d.overall.pit_histogram.size();
  if (bins == 0) return;
  h << "<div class=\"table-wrap\">\n<table class=\"numbers\" id=\"pit-table\">\n<caption>PIT histogram, all series: "
       "observations per bin.</caption>\n<thead>\n<tr><th class=\"label\" scope=\"col\">Sample</th>";
  for (std::size_t b = 0; b < bins; ++b)
    h << "<th scope=\"col\">" << fmt_value(static_cast<double>(b) / static_cast<double>(bins)) << "\u2013"
      << fmt_value(static_cast<double>(b + 1) / static_cast<double>(bins)) << "</th>";
  h << "</tr>\n</thead>\n<tbody>\n";
  auto row = [&](const std::string& name, const std::vector<double>& hist) {
    h << "<tr><th class=\"label\" scope=\"row\">" << esc(name) << "</th>";
    for (std::size_t b = 0; b < bins; ++b) h << "<td>" << (b < hist.size() ? fmt_value(hist[b]) : "") << "</td>";
    h << "</tr>\n";
  };
  row("in sample", d.overall.pit_histogram);
  if (d.overall_out_of_sample) row("out of sample", d.overall_out_of_sample->pit_histogram);
  h << "</tbody>\n</table>\n</div>\n";
}

void filter_section(std::ostringstream& h, const BacktestReportData& d) {
  h << "<section id=\"filter\">\n<h2>" << (d.conditioned ? "The particle filter" : "Open loop") << "</h2>\n";
  if (!d.conditioned) {
    h << "<p>The ensemble ran open loop from the scenario's start (<code>--until</code>): nothing was conditioned "
         "on the observations.</p>\n</section>\n";
    return;
  }
  h << "<p>" << d.runs << " particles conditioned on the observations up to " << d.origin
    << " (docs/calibration.md, \u201cConditioning on history\u201d). Observation error where the file states "
       "none: "
    << fmt_value(d.relative_error) << " \u00d7 |value|";
  if (!d.error_grid.empty()) {
    h << ", chosen by <code>--obs-error auto</code> from the in-sample 90% coverage of each candidate (";
    for (std::size_t i = 0; i < d.error_grid.size(); ++i)
      h << (i ? ", " : "") << fmt_value(d.error_grid[i].first) << ": " << fmt_value(d.error_grid[i].second);
    h << ")";
  }
  h << ".";
  if (!d.series_error.empty()) {
    h << " Per series (<code>--obs-error per-series</code>, from the in-sample one-step residuals): ";
    for (std::size_t i = 0; i < d.series_error.size(); ++i)
      h << (i ? ", " : "") << "<code>" << esc(d.series_error[i].first) << "</code> " << fmt_value(d.series_error[i].second);
    h << ".";
  }
  h << "</p>\n";
  if (!d.filter.empty()) {
    double lowest = d.filter.front().ess;
    std::size_t resampled = 0;
    for (const auto& f : d.filter) {
      lowest = std::min(lowest, f.ess);
      resampled += f.resampled ? 1 : 0;
    }
    h << "<details>\n<summary>Effective sample size per year (lowest " << fmt_value(lowest) << "; resampled in "
      << resampled << " of " << d.filter.size() << " years)</summary>\n<div class=\"table-wrap\">\n"
      << "<table class=\"numbers\" id=\"filter-table\">\n<thead>\n<tr><th scope=\"col\">Year</th>"
         "<th scope=\"col\">Observations</th><th scope=\"col\">ESS</th><th scope=\"col\">Resampled</th></tr>\n"
         "</thead>\n<tbody>\n";
    for (const auto& f : d.filter)
      h << "<tr><td>" << fmt_year(f.year) << "</td><td>" << f.observations << "</td><td>" << fmt_value(f.ess)
        << "</td><td>" << (f.resampled ? "yes" : "") << "</td></tr>\n";
    h << "</tbody>\n</table>\n</div>\n</details>\n";
  }
  h << "</section>\n";
}

}  // namespace

std::string render_backtest_report_html(const BacktestReportData& d, const std::vector<RenderedChart>& charts) {
  std::ostringstream h;
  h << report_page_start(d.scenario_name + " \u2014 backtest", "entente \u00b7 backtest", d.scenario_name)
    << "<p class=\"description\">"
    << (d.conditioned ? "Conditioned on the observations up to " : "Open loop; in sample up to ") << d.origin
    << (d.conditioned ? " by a particle filter of " : ", ") << d.runs << (d.conditioned ? " particles" : " runs")
    << ", then scored against <code>" << esc(d.observed_file)
    << "</code> and against three baselines that never see a year after the origin: persistence of the last "
       "observation, the trend of the last "
    << d.trend_window << " observations and a random walk with drift.</p>\n</header>\n<main>\n";
  h << "<nav class=\"toc\" aria-label=\"Contents\">\n<ol>\n<li><a href=\"#scores\">Scores</a></li>\n";
  if (!d.leads.empty()) h << "<li><a href=\"#leads\">By lead time</a></li>\n";
  h << "<li><a href=\"#charts\">Fan charts by series</a></li>\n<li><a href=\"#pit\">PIT histogram</a></li>\n"
    << "<li><a href=\"#filter\">" << (d.conditioned ? "The particle filter" : "Open loop") << "</a></li>\n"
    << "<li><a href=\"#about\">About this backtest</a></li>\n</ol>\n</nav>\n";

  h << "<section id=\"scores\">\n<h2>Scores</h2>\n";
  verdict(h, d);
  score_table(h, d);
  h << "<p class=\"note\">Coverage: the share of observations inside the model's central 50% and 90% intervals "
       "(and the random walk's 90% interval). Width: the median over observations of the 90% interval's width "
       "divided by |median|. CRPS: the continuous ranked probability score, lower is better (for persistence and "
       "trend, point forecasts, their absolute error). In sample, every year is scored with the model's "
       "distribution before that year was assimilated and with baselines built from the years before it.</p>\n"
    << "</section>\n";
  if (!d.leads.empty()) {
    h << "<section id=\"leads\">\n<h2>By lead time</h2>\n";
    lead_table(h, d);
    h << "</section>\n";
  }
  h << "<section id=\"charts\">\n<h2>Fan charts by series</h2>\n";
  figures(h, charts, "backtest_");
  h << "</section>\n<section id=\"pit\">\n<h2>PIT histogram</h2>\n";
  figures(h, charts, "backtest_pit");
  pit_table(h, d);
  h << "</section>\n";
  filter_section(h, d);

  h << "<section id=\"about\">\n<h2>About this backtest</h2>\n";
  h << html_note_list(d.notes);
  h << "<dl class=\"facts\">\n";
  h << html_fact("Scenario hash (SHA-256)", d.scenario_hash);
  h << html_fact("Observed history", d.observed_file);
  h << html_fact("Policy", d.policy.empty() ? "the file's own lever settings" : d.policy);
  h << html_fact("Seed", std::to_string(d.seed));
  h << html_fact(d.conditioned ? "Particles" : "Runs", std::to_string(d.runs));
  h << html_fact("Origin", std::to_string(d.origin));
  h << html_fact("Scored leads", d.max_lead > 0 ? "1 to " + std::to_string(d.max_lead) : "all");
  h << html_fact("Created (UTC)", manifest_string(d.manifest, "created_utc"));
  h << html_fact("entente", manifest_string(d.manifest, "entente_version"));
  h << html_manifest_details(d.manifest.dump(2)) << "</section>\n</main>\n"
    << "<footer>Written by <code>entente backtest</code> from the files of this directory (backtest.json, "
       "manifest.json). Rebuild it with <code>entente report DIR</code>; the charts' PNG and SVG files, gnuplot "
       "scripts and data are in <code>charts/</code>.</footer>\n</body>\n</html>\n";
  return h.str();
}

}  // namespace entente::analysis::report
