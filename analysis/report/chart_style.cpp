#include "analysis/report/chart_style.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "analysis/writers/number_format.hpp"

namespace entente::analysis::report {

const std::string& policy_colour(std::size_t index) {
  // Okabe & Ito (2008), "Color Universal Design"; yellow last, it is faint on white.
  static const std::vector<std::string> palette = {"#0072B2", "#E69F00", "#009E73", "#D55E00",
                                                   "#CC79A7", "#56B4E9", "#000000", "#F0E442"};
  return palette[index % palette.size()];
}

namespace {

// One line of text safe in any gnuplot context: control characters (a
// newline would end a comment or a command) become spaces.
std::string one_line(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    out += (u < 0x20 || u == 0x7f) ? ' ' : c;
  }
  return out;
}

// Single quotes, because gnuplot runs `...` inside double-quoted strings as a
// shell command and expands nothing inside single quotes but '' (one quote).
std::string single_quoted(const std::string& line) {
  std::string out = "'";
  for (char c : line) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

}  // namespace

std::string gp_string(const std::string& text) { return single_quoted(one_line(text)); }

std::string gp_multiline(const std::string& text) {
  std::string out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t nl = text.find('\n', start);
    out += gp_string(text.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
    if (nl == std::string::npos) return out;
    out += ".\"\\n\".";
    start = nl + 1;
  }
}

std::string gp_comment(const std::string& text) { return "# " + one_line(text); }

std::string dat_string(const std::string& text) {
  std::string out = one_line(text);
  std::replace(out.begin(), out.end(), '"', '\'');
  return "\"" + out + "\"";
}

std::string dat_number(double v) { return std::isfinite(v) ? format_number(v) : std::string("NaN"); }

std::string file_stem(const std::string& text) {
  std::string out;
  for (char c : text) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    out += ok ? c : '_';
  }
  return out.empty() ? std::string("_") : out;
}

std::string year_axis(const std::vector<double>& years) {
  std::ostringstream s;
  const double first = years.front(), last = years.back();
  if (last > first) s << "set xrange [" << format_number(first) << ":" << format_number(last) << "]\n";
  const double span = last - first;
  const int step = span <= 16 ? 1 : span <= 32 ? 2 : span <= 80 ? 5 : 0;
  if (step > 0) s << "set xtics " << format_number(std::ceil(first)) << ", " << step << "\n";
  s << "set format x \"%.0f\"\n";
  return s.str();
}

std::string chart_script(const std::string& stem, const std::string& title, const std::string& settings,
                         const std::string& plot) {
  return chart_script(stem, title, settings, plot, kChartWidth, kChartHeight);
}

std::string chart_script(const std::string& stem, const std::string& title, const std::string& settings,
                         const std::string& plot, int width, int height) {
  std::ostringstream s;
  s << gp_comment(title) << "\n"
    << "# Drawn by 'entente report' from " << stem << ".dat. To redraw it by hand, run\n"
    << "#   gnuplot " << stem << ".gp\n"
    << "# in this folder; it writes " << stem << ".png and " << stem << ".svg.\n"
    << "reset session\n"
    << "set encoding utf8\n"
    << "set border 3 lw 1 lc rgb \"#4d4d4d\"\n"
    << "set tics nomirror out scale 0.6 textcolor rgb \"#333333\"\n"
    << "set style line 100 lt 1 lw 1 lc rgb \"#e6e6e6\"\n"
    << "set grid back xtics ytics ls 100, ls 100\n"
    // The key above the plot: below it, it shared the bottom margin with the x labels.
    << "set key outside top center horizontal reverse Left noenhanced samplen 2.5 spacing 1.2 width 2 "
       "textcolor rgb \"#333333\"\n"
    << "set title " << gp_string(title) << " noenhanced font \",13\" textcolor rgb \"#1a1a1a\"\n"
    << "set xlabel noenhanced textcolor rgb \"#333333\"\n"
    << "set ylabel noenhanced textcolor rgb \"#333333\"\n"
    << settings << "\n"
    << "set terminal pngcairo size " << width << "," << height
    << " noenhanced font \"sans-serif,10\" background rgb \"white\"\n"
    << "set output " << gp_string(stem + ".png") << "\n"
    << plot << "\n"
    << "set terminal svg size " << width << "," << height
    << " dynamic noenhanced font \"sans-serif,11\" background rgb \"white\"\n"
    << "set output " << gp_string(stem + ".svg") << "\n"
    << plot << "\n"
    << "set output\n";
  return s.str();
}

std::string errorbar_histogram_settings() {
  return "set style data histograms\n"
         "set style histogram errorbars gap 1.5 lw 1.2\n"
         "set style fill solid 0.85 noborder\n"
         "set boxwidth 0.9 relative\n"
         "set errorbars lc rgb \"#222222\" lw 1.2\n"
         "set grid noxtics ytics\n";
}

}  // namespace entente::analysis::report
