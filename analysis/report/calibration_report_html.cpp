#include "analysis/report/calibration_report_html.hpp"

#include <cmath>
#include <sstream>

#include "analysis/report/html.hpp"
#include "analysis/report/json_fields.hpp"
#include "analysis/writers/number_format.hpp"
#include "sim/util/sample_quantile.hpp"

namespace entente::analysis::report {

namespace {

std::string esc(const std::string& s) { return html_escape(s); }

// The posterior's 90% interval as a share of the prior's: how much the
// history narrowed the parameter (an em dash for a prior of zero width).
double narrowing(const CalibrationReportParameter& p) {
  const double prior = p.prior_q95 - p.prior_q05;
  return prior > 0 ? (p.post_q95 - p.post_q05) / prior : std::nan("");
}

std::uint64_t observations(const CalibrationReportData& d) {
  std::uint64_t n = 0;
  for (const auto& s : d.series) n += s.observations;
  return n;
}

std::string plural(std::uint64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// The answer in one paragraph, then one line per parameter.
void summary(std::ostringstream& h, const CalibrationReportData& d) {
  const double best = d.accepted_distance.empty() ? std::nan("") : d.accepted_distance.front();
  const double worst = d.accepted_distance.empty() ? std::nan("") : d.accepted_distance.back();
  h << "<p class=\"callout\"><strong>" << d.accepted << " of " << d.samples << " prior points kept</strong> "
    << "(acceptance fraction " << fmt_value(d.samples ? static_cast<double>(d.accepted) / static_cast<double>(d.samples) : 0)
    << ", <code>--accept</code> " << fmt_value(d.accept) << "): rejection ABC of " << plural(d.params.size(), "uncertainty", "uncertainties")
    << " of <strong>" << esc(d.scenario_name) << "</strong> against " << plural(observations(d), "observation", "observations")
    << " of " << plural(d.series.size(), "series", "series") << " in <code>" << esc(d.observed_file) << "</code> from "
    << fmt_year(d.start_year) << " to " << d.until << " (<code>--until</code>), " << d.runs_per_point
    << " runs at each of the " << d.samples << " prior draws. The points kept lie at a distance of " << fmt_value(best)
    << " to " << fmt_value(worst) << " from the history (median of all points: "
    << fmt_value(sample_quantile(d.distance, 0.5)) << "; 0.05 reads as typically 5% off).</p>\n<ul>\n";
  for (const auto& p : d.params) {
    h << "<li><code>" << esc(p.name) << "</code>: posterior median " << fmt_value(p.post_q50) << " [5% "
      << fmt_value(p.post_q05) << ", 95% " << fmt_value(p.post_q95) << "] against the prior's " << fmt_value(p.prior_q50)
      << " [" << fmt_value(p.prior_q05) << ", " << fmt_value(p.prior_q95) << "]";
    const double r = narrowing(p);
    if (std::isfinite(r)) h << "; the 90% interval is " << fmt_percent(r) << " of the prior's width";
    h << ".</li>\n";
  }
  h << "</ul>\n";
}

// Each parameter a group of two rows, so the table fits 1366 px: the
// numbers beside the name (the prior as written under it), then the
// suggested distribution, at full precision as the terminal prints it,
// across the numbers' width. The sources (long text) come below the table.
void parameter_table(std::ostringstream& h, const CalibrationReportData& d) {
  h << "<div class=\"table-wrap\">\n<table class=\"numbers\" id=\"parameter-table\">\n<caption>Prior and posterior "
       "by parameter. The prior's quantiles are those of the scenario's distribution (as written under the name), "
       "the posterior's those of the points kept; the suggested distribution is what to write in the scenario "
       "file.</caption>\n<thead>\n"
       "<tr><th scope=\"col\" rowspan=\"2\" class=\"label\">Parameter</th><th scope=\"colgroup\" colspan=\"3\" "
       "class=\"group\">Prior</th><th scope=\"colgroup\" colspan=\"4\" class=\"group\">Posterior</th></tr>\n"
       "<tr><th scope=\"col\">5%</th><th scope=\"col\">50%</th><th scope=\"col\">95%</th><th scope=\"col\">5%</th>"
       "<th scope=\"col\">50%</th><th scope=\"col\">95%</th><th scope=\"col\">90% width / prior's</th></tr>\n"
       "</thead>\n";
  for (const auto& p : d.params) {
    h << "<tbody id=\"param-" << esc(p.name) << "\">\n<tr><th scope=\"rowgroup\" rowspan=\"2\" class=\"label\"><code>"
      << esc(p.name) << "</code>";
    if (!p.prior.empty()) h << "<span class=\"meta\"><code>" << esc(p.prior) << "</code></span>";
    h << "</th><td>" << fmt_value(p.prior_q05) << "</td><td>" << fmt_value(p.prior_q50) << "</td><td>"
      << fmt_value(p.prior_q95) << "</td><td>" << fmt_value(p.post_q05) << "</td><td>" << fmt_value(p.post_q50)
      << "</td><td>" << fmt_value(p.post_q95) << "</td><td>" << fmt_percent(narrowing(p)) << "</td></tr>\n"
      << "<tr><td colspan=\"7\" class=\"wide\">suggested: <code>" << esc(p.suggestion) << "</code></td></tr>\n"
      << "</tbody>\n";
  }
  h << "</table>\n</div>\n";
  bool any = false;
  for (const auto& p : d.params) any = any || !p.source.empty();
  if (!any) return;
  h << "<details id=\"sources\">\n<summary>Where the priors come from (the scenario's sources)</summary>\n"
       "<dl class=\"facts\">\n";
  for (const auto& p : d.params)
    if (!p.source.empty()) h << "<dt><code>" << esc(p.name) << "</code></dt><dd>" << esc(p.source) << "</dd>\n";
  h << "</dl>\n</details>\n";
}

void figures(std::ostringstream& h, const std::vector<RenderedChart>& charts, bool distance) {
  for (const auto& c : charts) {
    if ((c.job->stem == "calibration_distance") != distance) continue;
    h << "<figure id=\"chart-" << esc(c.job->stem) << "\">\n"
      << c.svg << "\n<figcaption>" << esc(c.job->caption) << " Files: charts/" << esc(c.job->stem)
      << ".png, .svg, .gp, .dat.</figcaption>\n</figure>\n";
  }
}

void distance_table(std::ostringstream& h, const CalibrationReportData& d) {
  h << "<div class=\"table-wrap\">\n<table class=\"numbers\" id=\"distance-table\">\n<caption>Distance from the "
       "history</caption>\n<thead>\n<tr><th scope=\"col\" class=\"label\">Points</th><th scope=\"col\">n</th>"
       "<th scope=\"col\">least</th><th scope=\"col\">50%</th><th scope=\"col\">most</th></tr>\n</thead>\n<tbody>\n";
  auto row = [&](const char* name, const std::vector<double>& x) {
    h << "<tr><th scope=\"row\" class=\"label\">" << name << "</th><td>" << x.size() << "</td><td>"
      << fmt_value(sample_quantile(x, 0)) << "</td><td>" << fmt_value(sample_quantile(x, 0.5)) << "</td><td>"
      << fmt_value(sample_quantile(x, 1)) << "</td></tr>\n";
  };
  row("accepted (the posterior sample)", d.accepted_distance);
  row("every prior point", d.distance);
  h << "</tbody>\n</table>\n</div>\n";
}

void series_table(std::ostringstream& h, const CalibrationReportData& d) {
  h << "<div class=\"table-wrap\">\n<table class=\"numbers\" id=\"series-table\">\n<caption>The observed series the "
       "distance uses, up to "
    << d.until << "</caption>\n<thead>\n<tr><th scope=\"col\" class=\"label\">Series</th><th scope=\"col\" "
       "class=\"label\">Outcome</th><th scope=\"col\">Observations</th><th scope=\"col\">Mean |observation| "
       "(the divisor)</th></tr>\n</thead>\n<tbody>\n";
  for (const auto& s : d.series) {
    h << "<tr><th scope=\"row\" class=\"label\">" << esc(s.series) << "</th><td class=\"label\">" << esc(s.label);
    if (s.label != s.outcome) h << "<span class=\"meta\">" << esc(s.outcome) << "</span>";
    h << "</td><td>" << s.observations << "</td><td>" << fmt_value(s.scale) << (s.unit.empty() ? "" : " " + esc(s.unit))
      << "</td></tr>\n";
  }
  h << "</tbody>\n</table>\n</div>\n";
}

}  // namespace

std::string render_calibration_report_html(const CalibrationReportData& d, const std::vector<RenderedChart>& charts) {
  std::ostringstream h;
  h << report_page_start(d.scenario_name + " \u2014 calibration", "entente \u00b7 calibration", d.scenario_name)
    << "<p class=\"description\">Rejection approximate Bayesian computation: " << d.samples
    << " points drawn from the uncertainties' distributions (a Latin hypercube), " << d.runs_per_point
    << " runs at each, and the " << d.accepted << " whose futures lie closest to <code>" << esc(d.observed_file)
    << "</code> up to " << d.until << " kept as the posterior (docs/calibration.md).</p>\n</header>\n<main>\n"
    << "<nav class=\"toc\" aria-label=\"Contents\">\n<ol>\n<li><a href=\"#summary\">Summary</a></li>\n"
       "<li><a href=\"#parameters\">Prior and posterior</a></li>\n<li><a href=\"#charts\">Charts by "
       "parameter</a></li>\n<li><a href=\"#distance\">Distances</a></li>\n<li><a href=\"#series\">Series "
       "used</a></li>\n<li><a href=\"#about\">About this run</a></li>\n</ol>\n</nav>\n";
  h << "<section id=\"summary\">\n<h2>Summary</h2>\n";
  summary(h, d);
  h << "</section>\n<section id=\"parameters\">\n<h2>Prior and posterior</h2>\n";
  parameter_table(h, d);
  h << "<p class=\"note\">The posterior is a sample of " << d.accepted << " points: its 5% and 95% rest on "
    << "few of them and move with the seed; rerun with more <code>--samples</code> before relying on the tails. "
       "The suggested distribution is triangular over the kept points' range with the mode that gives their "
       "mean.</p>\n</section>\n<section id=\"charts\">\n<h2>Charts by parameter</h2>\n";
  figures(h, charts, false);
  h << "</section>\n<section id=\"distance\">\n<h2>Distances</h2>\n";
  figures(h, charts, true);
  distance_table(h, d);
  h << "</section>\n<section id=\"series\">\n<h2>Series used</h2>\n";
  series_table(h, d);
  h << "<p class=\"note\">A point's distance is the mean over these series of the CRPS of its runs at each "
       "observation, divided by the series' mean |observation|, so that series in different units weigh "
       "alike.</p>\n</section>\n";

  h << "<section id=\"about\">\n<h2>About this run</h2>\n";
  h << html_note_list(d.notes);
  h << "<dl class=\"facts\">\n";
  h << html_fact("Scenario hash (SHA-256)", d.scenario_hash);
  h << html_fact("Observed history", d.observed_file);
  h << html_fact("Policy", d.policy.empty() ? "the file's own lever settings" : d.policy);
  h << html_fact("Seed", std::to_string(d.seed));
  h << html_fact("Prior points (--samples)", std::to_string(d.samples));
  h << html_fact("Runs per point", std::to_string(d.runs_per_point));
  h << html_fact("Acceptance fraction (--accept)", format_number(d.accept));
  h << html_fact("Last year used (--until)", std::to_string(d.until));
  h << html_fact("Method", d.method);
  h << html_fact("Created (UTC)", manifest_string(d.manifest, "created_utc"));
  h << html_fact("entente", manifest_string(d.manifest, "entente_version"));
  h << html_manifest_details(d.manifest.dump(2)) << "</section>\n</main>\n"
    << "<footer>Written by <code>entente calibrate</code> from the files of this directory (calibration.csv, "
       "points.csv, manifest.json). Rebuild it with <code>entente report DIR</code>; the charts' PNG and SVG "
       "files, gnuplot scripts and data are in <code>charts/</code>.</footer>\n</body>\n</html>\n";
  return h.str();
}

}  // namespace entente::analysis::report
