#include "analysis/report/html.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "analysis/report/report_css.hpp"
#include "analysis/writers/number_format.hpp"
#include "entente/version.hpp"

namespace entente::analysis::report {

namespace {

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (std::size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
    s.replace(pos, from.size(), to);
}

// Removes every `open`...`close` span whose text between them satisfies `drop`.
template <class Drop>
void remove_spans(std::string& s, const std::string& open, const std::string& close, Drop drop) {
  std::size_t pos = 0;
  while ((pos = s.find(open, pos)) != std::string::npos) {
    const std::size_t end = s.find(close, pos + open.size());
    if (end == std::string::npos) return;
    if (drop(std::string_view(s).substr(pos + open.size(), end - pos - open.size()))) s.erase(pos, end + close.size() - pos);
    else pos = end + close.size();
  }
}

bool referenced(const std::string& s, const std::string& id) {
  for (const char* tail : {"'", "\"", ")"})
    if (s.find("#" + id + tail) != std::string::npos) return true;
  return false;
}

// gnuplot's SVG carries a fixed preamble of point symbols and filters, a
// group per drawing state and a tooltip "gnuplot_plot_N" per plot: dropping
// what the picture does not use halves a chart's bytes (the report of eight
// policies stays under 2 MB) and leaves no meaningless tooltips.
void slim_gnuplot_svg(std::string& s) {
  remove_spans(s, "<desc>", "</desc>", [](std::string_view) { return true; });
  remove_spans(s, "<title>gnuplot_plot_", "</title>", [](std::string_view) { return true; });
  // Unused definitions, one element a line (a filter spans to </filter>).
  const std::size_t defs = s.find("<defs>"), defs_end = s.find("</defs>");
  if (defs != std::string::npos && defs_end != std::string::npos && defs < defs_end) {
    const std::string body = s.substr(defs + 6, defs_end - defs - 6);
    const std::string rest = s.substr(0, defs) + s.substr(defs_end);
    // Split into definitions: one element a line, a filter up to </filter>.
    struct Def {
      std::string id, text;
      bool keep = false;
    };
    std::vector<Def> items;
    std::istringstream lines(body);
    std::string line;
    bool in_filter = false;
    while (std::getline(lines, line)) {
      if (in_filter) {
        items.back().text += line + "\n";
        in_filter = line.find("</filter>") == std::string::npos;
        continue;
      }
      Def d;
      d.text = line + "\n";
      const std::size_t id = line.find("id='");
      const std::size_t q = id == std::string::npos ? id : line.find('\'', id + 4);
      if (q != std::string::npos) d.id = line.substr(id + 4, q - id - 4);
      d.keep = d.id.empty();
      in_filter = line.find("<filter") != std::string::npos && line.find("</filter>") == std::string::npos;
      items.push_back(std::move(d));
    }
    // A definition is used when the picture or a used definition refers to
    // it: gnuplot's filled circle (gpPt6) is a <use> of its circle (gpPt5).
    std::string used = rest;
    for (bool grew = true; grew;) {
      grew = false;
      for (auto& d : items)
        if (!d.keep && referenced(used, d.id)) {
          d.keep = grew = true;
          used += d.text;
        }
    }
    std::string kept;
    for (const auto& d : items)
      if (d.keep) kept += d.text;
    s = s.substr(0, defs) + (kept.find('<') == std::string::npos ? "" : "<defs>" + kept + "</defs>") +
        s.substr(defs_end + 7);
  }
  // Whitespace between tags, then the groups left empty.
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '>') {
      std::size_t j = i + 1;
      while (j < s.size() && (s[j] == ' ' || s[j] == '\n' || s[j] == '\t' || s[j] == '\r')) ++j;
      if (j < s.size() && s[j] == '<') {
        out += '>';
        i = j - 1;
        continue;
      }
    }
    out += s[i];
  }
  s = std::move(out);
  replace_all(s, " stroke-linecap=\"butt\" stroke-linejoin=\"miter\"", "");
  replace_all(s, "<tspan font-family=\"sans-serif\" >", "<tspan>");
  // The drawing state gnuplot repeats on every group, once as a class (report_css.cpp, g.gp).
  replace_all(s, "<g fill=\"none\" color=\"black\" stroke=\"currentColor\" stroke-width=\"1.00\">", "<g class=\"gp\">");
  replace_all(s, " font-family=\"sans-serif\"", "");
  for (std::size_t before = 0; before != s.size();) {
    before = s.size();
    remove_spans(s, "<g ", "</g>", [](std::string_view inside) {
      const std::size_t close = inside.find('>');
      return close != std::string_view::npos && close + 1 == inside.size() && inside.find('<') == std::string_view::npos;
    });
  }
}

const char* kDash = "\u2014";
const char* kMinus = "\u2212";

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string fmt_value(double v) {
  if (!std::isfinite(v)) return kDash;
  std::string s = format_short(v);
  if (!s.empty() && s[0] == '-') s = kMinus + s.substr(1);
  return s;
}

std::string fmt_signed(double v) {
  if (!std::isfinite(v)) return kDash;
  const std::string s = fmt_value(v);
  return v > 0 && s != "0" ? "+" + s : s;
}

std::string fmt_percent(double p, int decimals) {
  if (!std::isfinite(p)) return kDash;
  const double pct = 100 * p;
  if (decimals < 0) decimals = (pct > 0 && pct < 1) || (pct > 99 && pct < 100) ? 1 : 0;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f%%", decimals, pct);
  return buf;
}

std::string fmt_year(double year) { return format_number(year); }

std::string inline_svg(const std::string& svg, const std::string& id_prefix, const std::string& title) {
  const std::size_t start = svg.find("<svg");
  const std::size_t end = svg.rfind("</svg>");
  if (start == std::string::npos || end == std::string::npos || end < start)
    throw std::runtime_error("not an SVG document (no <svg> element)");
  std::string s = svg.substr(start, end + 6 - start);
  slim_gnuplot_svg(s);
  for (const char* q : {"\"", "'"}) {
    replace_all(s, std::string(" id=") + q, std::string(" id=") + q + id_prefix);
    replace_all(s, std::string("href=") + q + "#", std::string("href=") + q + "#" + id_prefix);
  }
  replace_all(s, "url(#", "url(#" + id_prefix);
  const std::string gnuplot_title = "<title>Gnuplot</title>";
  const std::size_t t = s.find(gnuplot_title);
  if (t != std::string::npos) s.replace(t, gnuplot_title.size(), "<title>" + html_escape(title) + "</title>");
  s.insert(4, " class=\"chart\" role=\"img\" aria-label=\"" + html_escape(title) + "\"");
  return s;
}

std::string report_page_start(const std::string& title, const std::string& kind, const std::string& heading) {
  return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<meta name=\"generator\" content=\"entente " +
         html_escape(kVersion) + "\">\n<title>" + html_escape(title) + "</title>\n<style>" + kReportCss +
         "</style>\n</head>\n<body>\n<header>\n<p class=\"kind\">" + html_escape(kind) + "</p>\n<h1>" +
         html_escape(heading) + "</h1>\n";
}

std::string html_note_list(const std::vector<std::string>& notes) {
  if (notes.empty()) return "";
  std::string h = "<ul class=\"note\">\n";
  for (const auto& n : notes) h += "<li>" + html_escape(n) + "</li>\n";
  return h + "</ul>\n";
}

std::string html_manifest_details(const std::string& manifest_json) {
  return "</dl>\n<h3 id=\"manifest\">Manifest</h3>\n<details>\n<summary>manifest.json</summary>\n<pre>" +
         html_escape(manifest_json) + "</pre>\n</details>\n";
}

std::string html_fact(const std::string& name, const std::string& value, const std::string& cls) {
  if (value.empty()) return "";
  return "<dt>" + html_escape(name) + "</dt><dd" + (cls.empty() ? "" : " class=\"" + html_escape(cls) + "\"") + ">" +
         html_escape(value) + "</dd>\n";
}

}  // namespace entente::analysis::report
