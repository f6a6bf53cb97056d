#include "analysis/report/report_html.hpp"

#include <cstdio>
#include <sstream>

#include "analysis/report/html.hpp"
#include "analysis/report/html_tables.hpp"
#include "analysis/report/report_css.hpp"
#include "analysis/writers/number_format.hpp"
#include "entente/version.hpp"

namespace entente::analysis::report {

namespace {

// A manifest field as display text; "" when absent.
std::string manifest_text(const Json& m, const std::string& key) {
  auto it = m.find(key);
  if (it == m.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_float()) return format_number(it->get<double>());
  if (it->is_array()) {
    std::string out;
    for (const auto& e : *it) out += (out.empty() ? "" : ", ") + (e.is_string() ? e.get<std::string>() : e.dump());
    return out;
  }
  return it->dump();
}

void fact(std::ostringstream& h, const std::string& name, const std::string& value, const std::string& cls = "") {
  if (value.empty()) return;
  h << "<dt>" << html_escape(name) << "</dt><dd" << (cls.empty() ? "" : " class=\"" + cls + "\"") << ">"
    << html_escape(value) << "</dd>\n";
}

void facts(std::ostringstream& h, const ReportData& data) {
  const Json& m = data.manifest;
  std::string scenario_file;
  if (auto s = m.find("scenario"); s != m.end() && s->is_object()) scenario_file = manifest_text(*s, "file");
  h << "<dl class=\"facts\">\n";
  fact(h, "Scenario hash (SHA-256)", data.hash, "hash");
  fact(h, "Scenario file", scenario_file);
  fact(h, "Command", "entente " + manifest_text(m, "command"));
  if (data.kind == ReportKind::kCompare) {
    std::string ids;
    for (const auto& p : data.policies) ids += (ids.empty() ? "" : ", ") + p.id;
    fact(h, "Policies", ids + " (reference: " + data.reference + ")");
  } else {
    fact(h, "Policy", data.reference);
  }
  fact(h, "Seed", std::to_string(data.seed));
  fact(h, "Runs", std::to_string(data.runs) + (data.kind == ReportKind::kCompare ? " per policy" : ""));
  fact(h, "Threads", manifest_text(m, "threads"));
  fact(h, "Created (UTC)", manifest_text(m, "created_utc"));
  if (auto w = m.find("wall_seconds"); w != m.end() && w->is_number()) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", w->get<double>());
    fact(h, "Wall time (s)", buf);
  } else {
    fact(h, "Wall time (s)", manifest_text(m, "wall_seconds"));
  }
  fact(h, "Overlays", manifest_text(m, "overlays"));
  fact(h, "Settings (--set)", manifest_text(m, "sets"));
  const std::string version = manifest_text(m, "entente_version"), revision = manifest_text(m, "git_revision");
  fact(h, "entente", version + (revision.empty() ? "" : " (git " + revision + ")"));
  fact(h, "Years", fmt_year(data.years.front()) + " to " + fmt_year(data.years.back()));
  h << "</dl>\n";
}

void integrity(std::ostringstream& h, const ReportData& data) {
  if (!data.integrity_problems.empty()) {
    h << "<div class=\"warning\"><strong>These files do not match manifest.json.</strong> The directory mixes "
         "results of different runs, or a file was changed after it was written; do not rely on this report, "
         "rerun into a fresh directory.\n<ul>\n";
    for (const auto& p : data.integrity_problems)
      h << "<li><code>" << html_escape(p.file) << "</code>: " << html_escape(p.problem) << "</li>\n";
    h << "</ul></div>\n";
  } else if (!data.verified_files.empty()) {
    std::string files;
    for (const auto& f : data.verified_files) files += (files.empty() ? "" : ", ") + f;
    h << "<p class=\"note\">Checked against the SHA-256 hashes in manifest.json: " << html_escape(files) << ".</p>\n";
  }
}

void figures(std::ostringstream& h, const std::vector<RenderedChart>& charts, ChartKind kind,
             const std::string& outcome = "") {
  for (const auto& c : charts) {
    if (c.job->kind != kind || (!outcome.empty() && c.job->outcome != outcome)) continue;
    h << "<figure id=\"chart-" << html_escape(c.job->stem) << "\">\n" << c.svg << "\n<figcaption>"
      << html_escape(c.job->caption) << " Files: charts/" << html_escape(c.job->stem) << ".png, .svg, .gp, .dat."
      << "</figcaption>\n</figure>\n";
  }
}

bool has(const std::vector<RenderedChart>& charts, ChartKind kind) {
  for (const auto& c : charts)
    if (c.job->kind == kind) return true;
  return false;
}

}  // namespace

std::string render_report_html(const ReportData& data, const std::vector<RenderedChart>& charts) {
  const bool compare = data.kind == ReportKind::kCompare;
  const std::string thresholds = threshold_table_html(data);
  const std::string robustness = compare ? robustness_table_html(data) : "";
  std::ostringstream h;
  h << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    << "<meta name=\"generator\" content=\"entente " << html_escape(kVersion) << "\">\n"
    << "<title>" << html_escape(data.scenario_name) << (compare ? " \u2014 policy comparison" : " \u2014 run report")
    << "</title>\n<style>" << kReportCss << "</style>\n</head>\n<body>\n<header>\n"
    << "<p class=\"kind\">" << (compare ? "entente \u00b7 policy comparison" : "entente \u00b7 run report") << "</p>\n"
    << "<h1>" << html_escape(data.scenario_name) << "</h1>\n";
  if (!data.description.empty()) h << "<p class=\"description\">" << html_escape(data.description) << "</p>\n";
  facts(h, data);
  integrity(h, data);
  h << "</header>\n<nav class=\"toc\" aria-label=\"Contents\">\n<ol>\n"
    << "<li><a href=\"#policies\">" << (compare ? "Policies" : "Policy") << "</a></li>\n"
    << "<li><a href=\"#headline\">Headline results</a></li>\n";
  if (!thresholds.empty()) h << "<li><a href=\"#thresholds\">Thresholds</a></li>\n";
  if (!robustness.empty()) h << "<li><a href=\"#robustness\">Robustness</a></li>\n";
  h << "<li><a href=\"#charts\">Charts</a></li>\n<li><a href=\"#manifest\">Manifest</a></li>\n</ol>\n</nav>\n<main>\n";

  h << "<section id=\"policies\">\n<h2>" << (compare ? "Policies" : "Policy") << "</h2>\n" << policies_html(data)
    << "</section>\n";
  h << "<section id=\"headline\">\n<h2>Headline results</h2>\n" << headline_table_html(data)
    << variance_reduction_html(data) << "</section>\n";
  if (!thresholds.empty()) h << "<section id=\"thresholds\">\n<h2>Thresholds</h2>\n" << thresholds << "</section>\n";
  if (!robustness.empty())
    h << "<section id=\"robustness\">\n<h2>Robustness</h2>\n" << robustness << "</section>\n";

  h << "<section id=\"charts\">\n<h2>Charts</h2>\n<h3>Outcomes over time</h3>\n";
  figures(h, charts, ChartKind::kFan);
  if (has(charts, ChartKind::kDifference)) {
    h << "<h3>Differences from " << html_escape(data.reference) << "</h3>\n";
    for (const auto& o : data.outcomes) figures(h, charts, ChartKind::kDifference, o.id);
  }
  if (has(charts, ChartKind::kThreshold)) {
    h << "<h3>Threshold probabilities</h3>\n";
    figures(h, charts, ChartKind::kThreshold);
  }
  h << "</section>\n";

  h << "<section id=\"manifest\">\n<h2>Manifest</h2>\n<p>What produced these results: versions, inputs and their "
       "hashes, the fully resolved scenario, seed, runs and threads (docs/outputs.md).</p>\n"
    << "<details>\n<summary>manifest.json</summary>\n<pre>" << html_escape(data.manifest.dump(2)) << "</pre>\n"
    << "</details>\n</section>\n</main>\n"
    << "<footer>Written by <code>entente report</code> from the files of this directory. Rebuild it with "
       "<code>entente report DIR</code>; the charts' PNG and SVG files, gnuplot scripts and data are in "
       "<code>charts/</code>.</footer>\n</body>\n</html>\n";
  return h.str();
}

}  // namespace entente::analysis::report
