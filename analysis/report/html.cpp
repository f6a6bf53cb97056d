#include "analysis/report/html.hpp"

#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "analysis/writers/number_format.hpp"

namespace entente::analysis::report {

namespace {

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (std::size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
    s.replace(pos, from.size(), to);
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

}  // namespace entente::analysis::report
