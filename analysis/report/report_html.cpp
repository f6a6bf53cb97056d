#include "analysis/report/report_html.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "analysis/report/chart_style.hpp"
#include "analysis/report/html.hpp"
#include "analysis/report/html_tables.hpp"
#include "analysis/report/report_css.hpp"
#include "analysis/report/scorecard.hpp"
#include "analysis/report/summary_html.hpp"
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

void facts(std::ostringstream& h, const ReportData& data) {
  const Json& m = data.manifest;
  std::string scenario_file;
  if (auto s = m.find("scenario"); s != m.end() && s->is_object()) scenario_file = manifest_text(*s, "file");
  h << "<dl class=\"facts\">\n";
  h << html_fact("Scenario hash (SHA-256)", data.hash, "hash");
  h << html_fact("Scenario file", scenario_file);
  h << html_fact("Command", "entente " + manifest_text(m, "command"));
  if (data.kind == ReportKind::kCompare) {
    std::string ids;
    for (const auto& p : data.policies) ids += (ids.empty() ? "" : ", ") + p.label;
    h << html_fact("Policies", ids + " (reference: " + data.policy_label(data.reference) + ")");
  } else {
    h << html_fact("Policy", data.policy_label(data.reference));
  }
  h << html_fact("Seed", std::to_string(data.seed));
  h << html_fact("Runs", std::to_string(data.runs) + (data.kind == ReportKind::kCompare ? " per policy" : ""));
  h << html_fact("Threads", manifest_text(m, "threads"));
  h << html_fact("Created (UTC)", manifest_text(m, "created_utc"));
  if (auto w = m.find("wall_seconds"); w != m.end() && w->is_number()) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", w->get<double>());
    h << html_fact("Wall time (s)", buf);
  } else {
    h << html_fact("Wall time (s)", manifest_text(m, "wall_seconds"));
  }
  h << html_fact("Overlays", manifest_text(m, "overlays"));
  h << html_fact("Settings (--set)", manifest_text(m, "sets"));
  const std::string version = manifest_text(m, "entente_version"), revision = manifest_text(m, "git_revision");
  h << html_fact("entente", version + (revision.empty() ? "" : " (git " + revision + ")"));
  h << html_fact("Years", fmt_year(data.years.front()) + " to " + fmt_year(data.years.back()));
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

constexpr std::size_t kInlineAllOutcomes = 12;

// Every chart of one outcome together, with a list of links to each
// outcome's group. The headline outcomes' charts are inline; every other
// outcome's are linked to their files in charts/, which keeps the page of a
// large comparison small enough to open and mail (under 2 MB for eight
// policies, docs/reports.md).
void charts_section(std::ostringstream& h, const ReportData& data, const std::vector<RenderedChart>& charts) {
  // A run, or a comparison of few outcomes, inlines every chart.
  std::vector<const OutcomeInfo*> inline_outcomes = data.headline_outcomes();
  if (data.kind == ReportKind::kRun || data.outcomes.size() <= kInlineAllOutcomes) {
    inline_outcomes.clear();
    for (const auto& o : data.outcomes) inline_outcomes.push_back(&o);
  }
  std::vector<const OutcomeInfo*> linked;
  for (const auto& o : data.outcomes)
    if (std::find(inline_outcomes.begin(), inline_outcomes.end(), &o) == inline_outcomes.end()) linked.push_back(&o);
  auto has_chart = [&](const OutcomeInfo* o) {
    for (const auto& c : charts)
      if (c.job->outcome == o->id) return true;
    return false;
  };
  h << "<section id=\"charts\">\n<h2>Charts by outcome</h2>\n<nav class=\"outcomes\" aria-label=\"Outcomes\">\n<ul>\n";
  for (const OutcomeInfo* o : inline_outcomes)
    if (has_chart(o))
      h << "<li><a href=\"#outcome-" << html_escape(file_stem(o->id)) << "\">" << html_escape(o->label) << "</a></li>\n";
  if (!linked.empty()) h << "<li><a href=\"#other-outcomes\">Other outcomes (chart files)</a></li>\n";
  h << "</ul>\n</nav>\n";
  for (const OutcomeInfo* o : inline_outcomes) {
    if (!has_chart(o)) continue;
    h << "<section class=\"outcome\" id=\"outcome-" << html_escape(file_stem(o->id)) << "\">\n<h3>"
      << html_escape(o->label) << "</h3>\n";
    for (ChartKind kind : {ChartKind::kFan, ChartKind::kProbability, ChartKind::kDifference}) figures(h, charts, kind, o->id);
    h << "<p class=\"note\"><a href=\"#charts\">Back to the list of outcomes</a></p>\n</section>\n";
  }
  if (!linked.empty()) {
    h << "<section class=\"outcome\" id=\"other-outcomes\">\n<h3>Other outcomes</h3>\n<p class=\"note\">Their charts "
         "are files in <code>charts/</code> next to this page (SVG to zoom, PNG to paste).</p>\n<ul class=\"chart-links\">\n";
    for (const OutcomeInfo* o : linked) {
      h << "<li>" << html_escape(o->label);
      for (const auto& c : charts) {
        if (c.job->outcome != o->id) continue;
        const std::string what = c.job->kind == ChartKind::kDifference ? "differences"
                                 : c.job->kind == ChartKind::kProbability ? "probability" : "distribution";
        const std::string stem = html_escape(c.job->stem);
        h << " \u00b7 " << what << ": <a href=\"charts/" << stem << ".svg\">SVG</a>, <a href=\"charts/" << stem
          << ".png\">PNG</a>";
      }
      h << "</li>\n";
    }
    h << "</ul>\n</section>\n";
  }
  h << "</section>\n";
}

// The question the comparison answers and how to read the verdicts.
void summary_section(std::ostringstream& h, const ReportData& data, const std::vector<ScoreBlock>& blocks) {
  h << "<section id=\"summary\">\n<h2>The answer at a glance</h2>\n"
    << glance_html(data, blocks)
    << "<p class=\"note legend\">" << verdict_html(Verdict::kBetter) << " " << verdict_html(Verdict::kWorse) << " "
    << verdict_html(Verdict::kNoPracticalDifference) << " (<em>negligible</em> in the matrix) "
    << verdict_html(Verdict::kUnclear) << " "
    << verdict_html(Verdict::kHigher) << " " << verdict_html(Verdict::kLower) << "<br>"
    << "Each cell: the mean difference policy \u2212 " << html_escape(data.policy_label(data.reference))
    << " over runs that share their futures, in the outcome's unit. <em>Better</em> or <em>worse</em>: its 95% "
       "confidence interval excludes zero and the mean moves by more than the outcome's <em>min effect</em> (the "
       "smallest change that matters, set in the scenario). <em>No practical difference</em>: the whole interval "
       "lies within \u00b1 min effect. <em>Unclear</em>: neither; more runs would tell. Outcomes without a "
       "direction read <em>higher</em> or <em>lower</em>. Hover a cell for its interval.</p>\n</section>\n";
}

}  // namespace

std::string render_report_html(const ReportData& data, const std::vector<RenderedChart>& charts) {
  const bool compare = data.kind == ReportKind::kCompare;
  const std::vector<ScoreBlock> blocks = build_scorecard(data);
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
  if (!data.description.empty())
    h << "<p class=\"description\">" << (compare ? "<strong>The question.</strong> " : "")
      << html_escape(data.description) << "</p>\n";
  if (compare)
    h << "<p class=\"description setup\">" << data.policies.size() << " policies, each against "
      << html_escape(data.policy_label(data.reference)) << " (the reference), over the same " << data.runs
      << " futures.</p>\n";
  if (!data.integrity_problems.empty()) integrity(h, data);
  h << "</header>\n<main>\n";
  if (compare && !blocks.empty()) summary_section(h, data, blocks);

  h << "<nav class=\"toc\" aria-label=\"Contents\">\n<ol>\n";
  if (compare && !blocks.empty()) h << "<li><a href=\"#summary\">At a glance</a></li>\n";
  h << "<li><a href=\"#policies\">" << (compare ? "Policies" : "Policy") << "</a></li>\n";
  if (compare && !blocks.empty()) h << "<li><a href=\"#scorecard\">Scorecard</a></li>\n";
  h << "<li><a href=\"#headline\">Distributions</a></li>\n";
  if (!thresholds.empty()) h << "<li><a href=\"#thresholds\">Thresholds</a></li>\n";
  if (!robustness.empty()) h << "<li><a href=\"#robustness\">Robustness</a></li>\n";
  h << "<li><a href=\"#charts\">Charts by outcome</a></li>\n<li><a href=\"#about\">About this run</a></li>\n"
    << "</ol>\n</nav>\n";

  h << "<section id=\"policies\">\n<h2>" << (compare ? "Policies" : "Policy") << "</h2>\n" << policies_html(data)
    << "</section>\n";
  if (compare && !blocks.empty())
    h << "<section id=\"scorecard\">\n<h2>Scorecard</h2>\n<p class=\"note\">For each headline outcome and report "
         "year: the mean difference from "
      << html_escape(data.policy_label(data.reference))
      << " with its 95% confidence interval; the share of runs in which the policy is better by more than the min "
         "effect, within it (the same for practical purposes), and worse by more than it (the three add up to "
         "100%); and the verdict. A difference whose whole interval lies within the min effect reads "
         "<em>within \u00b1</em> it.</p>\n"
      << scorecard_tables_html(data, blocks) << variance_reduction_html(data) << "</section>\n";
  h << "<section id=\"headline\">\n<h2>Distributions</h2>\n" << headline_table_html(data)
    << (compare ? "" : variance_reduction_html(data)) << "</section>\n";
  if (!thresholds.empty()) {
    h << "<section id=\"thresholds\">\n<h2>Thresholds</h2>\n" << thresholds;
    figures(h, charts, ChartKind::kThreshold);
    h << "</section>\n";
  }
  if (!robustness.empty())
    h << "<section id=\"robustness\">\n<h2>Robustness</h2>\n" << robustness << "</section>\n";

  charts_section(h, data, charts);

  h << "<section id=\"about\">\n<h2>About this run</h2>\n";
  facts(h, data);
  if (data.integrity_problems.empty()) integrity(h, data);
  h << "<h3 id=\"manifest\">Manifest</h3>\n<p>What produced these results: versions, inputs and their "
       "hashes, the fully resolved scenario, seed, runs and threads (docs/outputs.md).</p>\n"
    << "<details>\n<summary>manifest.json</summary>\n<pre>" << html_escape(data.manifest.dump(2)) << "</pre>\n"
    << "</details>\n</section>\n</main>\n"
    << "<footer>Written by <code>entente report</code> from the files of this directory. Rebuild it with "
       "<code>entente report DIR</code>; the charts' PNG and SVG files, gnuplot scripts and data are in "
       "<code>charts/</code>.</footer>\n</body>\n</html>\n";
  return h.str();
}

}  // namespace entente::analysis::report
