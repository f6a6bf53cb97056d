#include "analysis/report/summary_html.hpp"

#include <cctype>
#include <sstream>

#include "analysis/report/chart_style.hpp"
#include "analysis/report/html.hpp"

namespace entente::analysis::report {

namespace {

const char* verdict_class(Verdict v) {
  switch (v) {
    case Verdict::kBetter: return "v-better";
    case Verdict::kWorse: return "v-worse";
    case Verdict::kNoPracticalDifference: return "v-none";
    case Verdict::kUnclear: return "v-unclear";
    case Verdict::kHigher: return "v-higher";
    case Verdict::kLower: return "v-lower";
  }
  return "v-unclear";
}

// A mark that carries the verdict without colour (colour-blind readers, print).
const char* verdict_glyph(Verdict v) {
  switch (v) {
    case Verdict::kBetter: return "\u2713";
    case Verdict::kWorse: return "\u2717";
    case Verdict::kNoPracticalDifference: return "=";
    case Verdict::kUnclear: return "?";
    case Verdict::kHigher: return "\u2191";
    case Verdict::kLower: return "\u2193";
  }
  return "?";
}

std::string swatch(const ReportData& data, const std::string& policy) {
  return "<span class=\"swatch\" style=\"background:" + policy_colour(data.policy_index(policy)) +
         "\" aria-hidden=\"true\"></span>";
}

std::string direction_words(const std::string& direction) {
  if (direction == "lower_is_better") return "lower is better";
  if (direction == "higher_is_better") return "higher is better";
  return "no direction";
}

std::string outcome_meta(const OutcomeInfo& o) {
  std::string meta = o.unit.empty() ? "" : o.unit + " \u00b7 ";
  return meta + direction_words(o.direction) + " \u00b7 min effect " + min_effect_text(o);
}

std::string policy_cell(const ReportData& data, const PolicyInfo& p) {
  return "<th class=\"label\" scope=\"row\" title=\"" + html_escape(p.description) + "\">" + swatch(data, p.id) +
         html_escape(p.label) + "</th>";
}

// In the matrix "no practical difference" reads "negligible", one word that
// keeps every row on two lines (the legend spells it out).
std::string glance_verdict_html(Verdict v) {
  if (v != Verdict::kNoPracticalDifference) return verdict_html(v);
  return std::string("<span class=\"verdict v-none\"><span class=\"glyph\" aria-hidden=\"true\">=</span> <span class=\"word\">negligible</span></span>");
}

}  // namespace

std::string html_numbers(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '-' && i + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[i + 1])))
      out += "\u2212";
    else
      out += text[i];
  }
  return html_escape(out);
}

std::string verdict_html(Verdict v) {
  return std::string("<span class=\"verdict ") + verdict_class(v) + "\"><span class=\"glyph\" aria-hidden=\"true\">" +
         verdict_glyph(v) + "</span> <span class=\"word\">" + std::string(verdict_text(v)) + "</span></span>";
}

std::string glance_html(const ReportData& data, const std::vector<ScoreBlock>& blocks) {
  if (blocks.empty() || blocks.front().years.empty()) return "";
  const std::size_t y = blocks.front().years.size() - 1;
  std::ostringstream h;
  h << "<div class=\"table-wrap\">\n<table class=\"glance\">\n<caption>Each policy against "
    << html_escape(data.policy_label(data.reference)) << " in " << fmt_year(blocks.front().years[y])
    << ": verdict and mean difference</caption>\n<thead>\n<tr><th class=\"label\" scope=\"col\">Policy</th>";
  for (const auto& b : blocks)
    h << "<th scope=\"col\" title=\"" << html_escape(outcome_meta(*b.outcome)) << "\">" << html_escape(b.outcome->label)
      << "</th>";
  h << "</tr>\n</thead>\n<tbody>\n";
  for (std::size_t r = 0; r < blocks.front().rows.size(); ++r) {
    const PolicyInfo& p = *blocks.front().rows[r].policy;
    h << "<tr>" << policy_cell(data, p);
    for (const auto& b : blocks) {
      const ScoreCell& c = b.rows[r].cells[y];
      h << "<td class=\"" << verdict_class(c.verdict) << "\" title=\""
        << html_escape(b.outcome->label + ", " + p.label + ": " + difference_text(b, y, c)) << "\">"
        << glance_verdict_html(c.verdict) << "<span class=\"num\">" << html_numbers(mean_text(b, y, c)) << "</span></td>";
    }
    h << "</tr>\n";
  }
  h << "</tbody>\n</table>\n</div>\n";
  return h.str();
}

std::string scorecard_tables_html(const ReportData& data, const std::vector<ScoreBlock>& blocks) {
  std::ostringstream h;
  for (const auto& b : blocks) {
    const OutcomeInfo& o = *b.outcome;
    const bool neutral = o.direction != "lower_is_better" && o.direction != "higher_is_better";
    h << "<div class=\"table-wrap\">\n<table class=\"numbers scorecard stack\" id=\"score-" << html_escape(file_stem(o.id))
      << "\">\n<caption>" << html_escape(o.label) << "<span class=\"meta\">" << html_escape(outcome_meta(o))
      << "</span></caption>\n<thead>\n<tr><th class=\"label\" scope=\"col\" rowspan=\"2\">Policy</th>";
    for (double year : b.years)
      h << "<th scope=\"colgroup\" colspan=\"3\" class=\"group\">" << fmt_year(year) << "</th>";
    h << "</tr>\n<tr>";
    for (std::size_t y = 0; y < b.years.size(); ++y)
      h << "<th scope=\"col\">difference [95% CI]</th><th scope=\"col\">"
        << (neutral ? "runs within min effect" : "runs better / same / worse") << "</th><th scope=\"col\">verdict</th>";
    h << "</tr>\n</thead>\n<tbody>\n";
    for (const auto& row : b.rows) {
      h << "<tr>" << policy_cell(data, *row.policy);
      for (std::size_t y = 0; y < b.years.size(); ++y) {
        const ScoreCell& c = row.cells[y];
        const std::string year = fmt_year(b.years[y]);
        h << "<td data-label=\"" << year << " difference\">" << html_numbers(difference_text(b, y, c))
          << "</td><td data-label=\"" << year << " runs\">" << html_numbers(shares_text(b, y, c)) << "</td><td data-label=\""
          << year << " verdict\">" << verdict_html(c.verdict) << "</td>";
      }
      h << "</tr>\n";
    }
    h << "</tbody>\n</table>\n</div>\n";
  }
  return h.str();
}

}  // namespace entente::analysis::report
