// HTML building blocks of the report: escaping, number formats for tables,
// and gnuplot SVG files made fit to sit inline in one HTML document.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace entente::analysis::report {

// Text and attribute values: & < > " ' as entities.
std::string html_escape(std::string_view text);

// Table numbers: 3-4 significant digits; an em dash when not finite.
std::string fmt_value(double v);
// The same with an explicit sign (+0.012, −0.3, 0).
std::string fmt_signed(double v);
// A probability as a percentage: 42%, 99.6% near the ends; `decimals` fixed when >= 0.
std::string fmt_percent(double p, int decimals = -1);
// A year as written in the result files (2035, 2035.25).
std::string fmt_year(double year);

// A gnuplot SVG ready for inlining: the XML prolog and doctype dropped, the
// document's title set to `title`, and every id (and reference to one)
// prefixed with `id_prefix` so that several charts in one page do not clash.
std::string inline_svg(const std::string& svg, const std::string& id_prefix, const std::string& title);

// One entry of a page's "About this run" list: <dt>name</dt><dd>value</dd>,
// both escaped, the <dd> of class `cls` when given; "" when value is empty.
std::string html_fact(const std::string& name, const std::string& value, const std::string& cls = "");

// The notes of a page's "About" section as a list (each escaped); "" when none.
std::string html_note_list(const std::vector<std::string>& notes);
// The end of an "About" section: its facts list closed, then the whole
// manifest (JSON text, escaped) in a collapsed <details> block.
std::string html_manifest_details(const std::string& manifest_json);

// The start of a self-contained report page up to its <h1>: doctype, head
// (charset, viewport, generator, `title` escaped, the report style sheet),
// and the header's kind line and heading (both escaped).
std::string report_page_start(const std::string& title, const std::string& kind, const std::string& heading);

}  // namespace entente::analysis::report
