#include "analysis/report/rolling_report_html.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <sstream>
#include <vector>

#include "analysis/report/html.hpp"
#include "analysis/report/json_fields.hpp"
#include "analysis/report/report_css.hpp"
#include "entente/version.hpp"
#include "sim/output/formats.hpp"

namespace entente::analysis::report {

namespace {

namespace fs = std::filesystem;

std::string esc(const std::string& s) { return html_escape(s); }

struct LeadRow {
  std::string series;
  int lead = 0;
  std::uint64_t origins = 0, n = 0;
  double coverage_50 = 0, coverage_90 = 0, coverage_90_walk = 0, sharpness = 0;
  double crps_model = 0, crps_persistence = 0, crps_trend = 0, crps_walk = 0;
};

struct OriginRun {
  int origin = 0;
  std::string dir;
  double relative_error = 0;
};

struct RollingData {
  std::string scenario_name, scenario_hash, observed_file;
  std::vector<int> origins;
  int max_lead = 0;
  std::uint64_t runs = 0, seed = 0;
  std::vector<OriginRun> runs_by_origin;
  std::vector<LeadRow> leads;  // by lead, then series ("(all)" last), as written
  Json manifest;
};

RollingData load(const std::string& dir) {
  RollingData d;
  const JsonFile manifest((fs::path(dir) / "manifest.json").string(), kManifestFormat,
                          "expected manifest.json beside rolling.json (entente backtest --origins --out DIR)");
  d.manifest = manifest.root();
  const Json& scenario = manifest.object(manifest.root(), "scenario", "");
  d.scenario_name = manifest.string(scenario, "name", "scenario");
  d.scenario_hash = manifest.string_or(scenario, "hash_sha256", "scenario", "");
  if (const Json* obs = manifest.find(manifest.root(), "observed", ""))
    d.observed_file = manifest.string_or(*obs, "file", "observed", "");
  if (const Json* s = manifest.find(manifest.root(), "settings", "")) {
    if (s->contains("runs")) d.runs = manifest.count(*s, "runs", "settings");
    if (s->contains("seed")) d.seed = manifest.count(*s, "seed", "settings");
  }
  const JsonFile f((fs::path(dir) / "rolling.json").string(), kBacktestRollingFormat, "");
  for (const auto& o : f.array(f.root(), "origins", "")) d.origins.push_back(o.get<int>());
  d.max_lead = static_cast<int>(f.count(f.root(), "max_lead", ""));
  const Json& runs = f.array(f.root(), "runs", "");
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const std::string where = item_path("runs", i);
    OriginRun r;
    r.origin = static_cast<int>(f.number(runs[i], "origin", where));
    r.dir = f.string(runs[i], "dir", where);
    if (r.dir.empty() || r.dir.find("..") != std::string::npos || r.dir.front() == '/')
      f.fail(where + ".dir", "expected a directory inside " + dir + ", got '" + r.dir + "'");
    r.relative_error = f.number(runs[i], "relative_error", where);
    d.runs_by_origin.push_back(r);
  }
  const Json& leads = f.array(f.root(), "leads", "");
  for (std::size_t i = 0; i < leads.size(); ++i) {
    const std::string where = item_path("leads", i);
    const Json& l = leads[i];
    LeadRow r;
    r.series = f.string(l, "series", where);
    r.lead = static_cast<int>(f.count(l, "lead", where));
    r.origins = f.count(l, "origins", where);
    r.n = f.count(l, "n", where);
    r.coverage_50 = f.number(l, "coverage_50", where);
    r.coverage_90 = f.number(l, "coverage_90", where);
    r.coverage_90_walk = f.number(l, "coverage_90_walk", where);
    r.sharpness = f.number(l, "sharpness", where);
    r.crps_model = f.number(l, "crps_model", where);
    r.crps_persistence = f.number(l, "crps_persistence", where);
    r.crps_trend = f.number(l, "crps_trend", where);
    r.crps_walk = f.number(l, "crps_walk", where);
    d.leads.push_back(r);
  }
  return d;
}

// 1 - model / baseline; NaN when the baseline is exact.
double skill(double model, double baseline) { return baseline > 0 ? 1 - model / baseline : std::nan(""); }

std::vector<const LeadRow*> rows_of(const RollingData& d, const std::string& series) {
  std::vector<const LeadRow*> out;
  for (const auto& l : d.leads)
    if (l.series == series) out.push_back(&l);
  std::sort(out.begin(), out.end(), [](const LeadRow* a, const LeadRow* b) { return a->lead < b->lead; });
  return out;
}

std::string num(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.1f", v);
  return b;
}

// Skill against each baseline by lead (pooled rows): three lines on
// [-1, 1] (clipped; 0 = as good as the baseline), inline SVG.
std::string skill_chart(const std::vector<const LeadRow*>& rows) {
  const double w = 560, h = 280, left = 56, right = 150, top = 20, bottom = 44;
  const double pw = w - left - right, ph = h - top - bottom;
  const int max_lead = rows.empty() ? 1 : rows.back()->lead;
  auto x = [&](int lead) { return left + (max_lead <= 1 ? pw / 2 : pw * (lead - 1) / (max_lead - 1)); };
  auto y = [&](double s) { return top + ph * (1 - (std::clamp(s, -1.0, 1.0) + 1) / 2); };
  std::ostringstream s;
  s << "<svg class=\"chart\" viewBox=\"0 0 " << num(w) << " " << num(h)
    << "\" role=\"img\" aria-labelledby=\"skill-title\" xmlns=\"http://www.w3.org/2000/svg\">\n"
    << "<title id=\"skill-title\">CRPS skill of the conditioned forecast against each baseline, by lead time "
       "(pooled over origins and series)</title>\n";
  for (double t : {-1.0, -0.5, 0.0, 0.5, 1.0}) {
    s << "<line x1=\"" << num(left) << "\" x2=\"" << num(left + pw) << "\" y1=\"" << num(y(t)) << "\" y2=\""
      << num(y(t)) << "\" stroke=\"" << (t == 0 ? "#555" : "#ddd") << "\" stroke-width=\"1\"/>\n"
      << "<text x=\"" << num(left - 6) << "\" y=\"" << num(y(t) + 4) << "\" font-size=\"11\" text-anchor=\"end\">"
      << (t > 0 ? "+" : "") << fmt_value(t) << "</text>\n";
  }
  for (const LeadRow* r : rows)
    s << "<text x=\"" << num(x(r->lead)) << "\" y=\"" << num(top + ph + 16) << "\" font-size=\"11\" "
      << "text-anchor=\"middle\">" << r->lead << "</text>\n";
  s << "<text x=\"" << num(left + pw / 2) << "\" y=\"" << num(h - 6) << "\" font-size=\"12\" text-anchor=\"middle\">"
    << "lead (years after the origin)</text>\n"
    << "<text transform=\"translate(14 " << num(top + ph / 2) << ") rotate(-90)\" font-size=\"12\" "
    << "text-anchor=\"middle\">skill: 1 \u2212 CRPS model / baseline</text>\n";
  struct Line {
    const char* name;
    const char* colour;
    const char* dash;
    double LeadRow::*baseline;
  };
  const Line lines[] = {{"persistence", "#1f77b4", "", &LeadRow::crps_persistence},
                        {"trend", "#d62728", "6 3", &LeadRow::crps_trend},
                        {"random walk", "#2ca02c", "2 3", &LeadRow::crps_walk}};
  int k = 0;
  for (const Line& line : lines) {
    std::string points;
    for (const LeadRow* r : rows) {
      const double v = skill(r->crps_model, r->*(line.baseline));
      if (!std::isfinite(v)) continue;
      points += num(x(r->lead)) + "," + num(y(v)) + " ";
      s << "<circle cx=\"" << num(x(r->lead)) << "\" cy=\"" << num(y(v)) << "\" r=\"3.5\" fill=\"" << line.colour
        << "\"><title>lead " << r->lead << ", against " << line.name << ": " << fmt_signed(v) << "</title></circle>\n";
    }
    s << "<polyline fill=\"none\" stroke=\"" << line.colour << "\" stroke-width=\"2\""
      << (*line.dash ? std::string(" stroke-dasharray=\"") + line.dash + "\"" : std::string()) << " points=\""
      << points << "\"/>\n";
    const double ly = top + 14 + 20 * k++;
    s << "<line x1=\"" << num(left + pw + 14) << "\" x2=\"" << num(left + pw + 40) << "\" y1=\"" << num(ly)
      << "\" y2=\"" << num(ly) << "\" stroke=\"" << line.colour << "\" stroke-width=\"2\""
      << (*line.dash ? std::string(" stroke-dasharray=\"") + line.dash + "\"" : std::string()) << "/>\n"
      << "<text x=\"" << num(left + pw + 46) << "\" y=\"" << num(ly + 4) << "\" font-size=\"12\">" << line.name
      << "</text>\n";
  }
  s << "</svg>\n";
  return s.str();
}

void lead_table(std::ostringstream& h, const std::vector<const LeadRow*>& rows, const std::string& caption) {
  h << "<div class=\"table-wrap\">\n<table class=\"numbers\">\n<caption>" << esc(caption)
    << "</caption>\n<thead>\n<tr><th scope=\"col\">lead</th><th scope=\"col\">origins</th><th scope=\"col\">n</th>"
       "<th scope=\"col\">50% coverage</th><th scope=\"col\">90% coverage</th>"
       "<th scope=\"col\">90% coverage, random walk</th><th scope=\"col\">90% width / median</th>"
       "<th scope=\"col\">CRPS model</th><th scope=\"col\">persistence</th><th scope=\"col\">trend</th>"
       "<th scope=\"col\">random walk</th><th scope=\"col\">skill / persistence</th>"
       "<th scope=\"col\">skill / trend</th><th scope=\"col\">skill / walk</th></tr>\n</thead>\n<tbody>\n";
  for (const LeadRow* r : rows) {
    const double crps[] = {r->crps_model, r->crps_persistence, r->crps_trend, r->crps_walk};
    const double best = *std::min_element(std::begin(crps), std::end(crps));
    h << "<tr><td>" << r->lead << "</td><td>" << r->origins << "</td><td>" << r->n << "</td><td>"
      << fmt_value(r->coverage_50) << "</td><td>" << fmt_value(r->coverage_90) << "</td><td>"
      << fmt_value(r->coverage_90_walk) << "</td><td>" << fmt_value(r->sharpness) << "</td>";
    for (double c : crps) h << "<td" << (c == best ? " class=\"best\"" : "") << ">" << fmt_value(c) << "</td>";
    for (double b : {r->crps_persistence, r->crps_trend, r->crps_walk})
      h << "<td>" << fmt_signed(skill(r->crps_model, b)) << "</td>";
    h << "</tr>\n";
  }
  h << "</tbody>\n</table>\n</div>\n";
}

// One sentence per lead from the pooled rows.
void verdict(std::ostringstream& h, const std::vector<const LeadRow*>& pooled) {
  h << "<ul class=\"callout\">\n";
  for (const LeadRow* r : pooled) {
    const double better = std::min(r->crps_persistence, r->crps_trend);
    h << "<li><strong>" << r->lead << (r->lead == 1 ? " year" : " years") << " ahead</strong> (" << r->n
      << " observations from " << r->origins << " origins): 90% intervals covered " << fmt_value(r->coverage_90)
      << " (target \u2265 0.8; standard error about "
      << fmt_value(std::sqrt(0.09 / static_cast<double>(std::max<std::uint64_t>(1, r->n)))) << "), median width "
      << fmt_value(r->sharpness) << " \u00d7 the median";
    if (better > 0)
      h << "; CRPS " << fmt_value(r->crps_model / better) << " \u00d7 the better of persistence and trend"
        << (r->crps_model < better ? " (the model is better)" : " (the model is not better)");
    h << ".</li>\n";
  }
  h << "</ul>\n";
}

}  // namespace

std::string render_rolling_report_html(const std::string& dir) {
  const RollingData d = load(dir);
  std::string origins;
  for (int o : d.origins) origins += (origins.empty() ? "" : ", ") + std::to_string(o);
  const auto pooled = rows_of(d, "(all)");
  std::vector<std::string> series;
  for (const auto& l : d.leads)
    if (l.series != "(all)" && std::find(series.begin(), series.end(), l.series) == series.end())
      series.push_back(l.series);

  std::ostringstream h;
  h << report_page_start(d.scenario_name + " \u2014 rolling-origin backtest",
                         "entente \u00b7 backtest from rolling origins", d.scenario_name)
    << "<p class=\"description\">Conditioned on the observations up to each origin ("
    << esc(origins) << ") by a particle filter, then scored on the years after it"
    << (d.observed_file.empty() ? std::string() : " against <code>" + esc(d.observed_file) + "</code>")
    << ", up to " << d.max_lead << " years ahead; the scores of the same lead time are pooled over the origins. "
       "The baselines never see a year after their origin: persistence of the last observation, the trend of the "
       "last observations and a random walk with drift.</p>\n</header>\n<main>\n"
    << "<nav class=\"toc\" aria-label=\"Contents\">\n<ol>\n<li><a href=\"#lead\">By lead time</a></li>\n"
    << "<li><a href=\"#series\">By series</a></li>\n<li><a href=\"#origins\">Each origin</a></li>\n"
    << "<li><a href=\"#about\">About</a></li>\n</ol>\n</nav>\n";

  h << "<section id=\"lead\">\n<h2>By lead time, all series</h2>\n";
  verdict(h, pooled);
  h << "<figure>\n" << skill_chart(pooled)
    << "<figcaption>Skill of the conditioned forecast's CRPS against each baseline (above 0: better than it), by "
       "years after the origin, pooled over origins and series (each series' CRPS divided by its mean absolute "
       "in-sample observation).</figcaption>\n</figure>\n";
  lead_table(h, pooled, "All series, pooled (CRPS divided by each series' scale, unitless)");
  h << "</section>\n<section id=\"series\">\n<h2>By series</h2>\n";
  for (const auto& s : series) {
    h << "<details>\n<summary>" << esc(s) << "</summary>\n";
    lead_table(h, rows_of(d, s), s + " (CRPS in the series' unit)");
    h << "</details>\n";
  }
  h << "</section>\n<section id=\"origins\">\n<h2>Each origin</h2>\n<p>Every origin is a whole backtest with its "
       "fan charts, PIT histogram and particle filter:</p>\n<ul>\n";
  for (const auto& r : d.runs_by_origin)
    h << "<li><a href=\"" << esc(r.dir) << "/report.html\">" << r.origin << "</a> (observation error R = "
      << fmt_value(r.relative_error) << ")</li>\n";
  h << "</ul>\n</section>\n<section id=\"about\">\n<h2>About</h2>\n<dl class=\"facts\">\n";
  h << html_fact("Scenario hash (SHA-256)", d.scenario_hash);
  h << html_fact("Observed history", d.observed_file);
  h << html_fact("Origins", origins);
  if (d.runs) h << html_fact("Particles", std::to_string(d.runs));
  if (d.seed) h << html_fact("Seed", std::to_string(d.seed));
  h << "</dl>\n<details>\n<summary>manifest.json</summary>\n<pre>" << esc(d.manifest.dump(2))
    << "</pre>\n</details>\n</section>\n</main>\n<footer>Written by <code>entente backtest --origins</code> from "
       "rolling.json and manifest.json. Rebuild it with <code>entente report DIR</code>.</footer>\n</body>\n"
       "</html>\n";
  return h.str();
}

}  // namespace entente::analysis::report
