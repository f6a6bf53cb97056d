// The charts and the HTML report (analysis/report, docs/reports.md): every
// chart drawn as PNG and SVG, a well-formed self-contained report.html that
// escapes its text, clear errors for missing inputs, and `entente report`.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/report/chart_gnuplot.hpp"
#include "analysis/report/chart_style.hpp"
#include "analysis/report/html.hpp"
#include "analysis/report/report.hpp"
#include "support/cli_runner.hpp"

namespace fs = std::filesystem;
using entente::analysis::write_report;

namespace {

using entente::test::slurp;

void spit(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << text;
}

fs::path scratch(const std::string& name) { return entente::test::scratch_dir("report_" + name); }

// A copy of a fixture directory: tests never write into the source tree.
fs::path fixture_copy(const std::string& fixture, const std::string& name) {
  const fs::path dst = scratch(name);
  fs::copy(fs::path(ENTENTE_SOURCE_DIR) / "tests/analysis/fixtures" / fixture, dst, fs::copy_options::recursive);
  return dst;
}

std::string escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '"') out += "&quot;";
    else if (c == '\'') out += "&#39;";
    else out += c;
  }
  return out;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t p = text.find(what); p != std::string::npos; p = text.find(what, p + what.size())) ++n;
  return n;
}

// Tag balance: every element opened is closed, in order; void elements and
// self-closed SVG elements excepted. Also: every '<' in text starts a tag and
// every '&' an entity. Returns "" or what is wrong.
std::string check_well_formed(const std::string& html) {
  static const std::set<std::string> kVoid = {"area", "base", "br",   "col",   "embed", "hr",  "img",
                                              "input", "link", "meta", "source", "track", "wbr"};
  std::vector<std::string> open;
  std::size_t i = 0;
  auto where = [&](std::size_t at) { return " at offset " + std::to_string(at) + ": " + html.substr(at, 60); };
  while (i < html.size()) {
    if (html[i] == '&') {
      static const std::regex entity("^&(#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z]+);");
      if (!std::regex_search(html.substr(i, 12), entity)) return "bare '&'" + where(i);
      ++i;
      continue;
    }
    if (html[i] != '<') {
      ++i;
      continue;
    }
    if (html.compare(i, 4, "<!--") == 0) {
      const std::size_t e = html.find("-->", i);
      if (e == std::string::npos) return "unterminated comment" + where(i);
      i = e + 3;
      continue;
    }
    if (html.compare(i, 2, "<!") == 0 || html.compare(i, 2, "<?") == 0) {
      if (!open.empty() || html.compare(i, 2, "<?") == 0) return "declaration inside the document" + where(i);
      i = html.find('>', i) + 1;
      continue;
    }
    // The end of the tag, outside quoted attribute values.
    std::size_t e = i + 1;
    char quote = 0;
    for (; e < html.size(); ++e) {
      if (quote) {
        if (html[e] == quote) quote = 0;
      } else if (html[e] == '"' || html[e] == '\'') {
        quote = html[e];
      } else if (html[e] == '>') {
        break;
      } else if (html[e] == '<') {
        return "'<' inside a tag" + where(i);
      }
    }
    if (e >= html.size()) return "unterminated tag" + where(i);
    const std::string tag = html.substr(i + 1, e - i - 1);
    const bool closing = !tag.empty() && tag[0] == '/';
    std::size_t n = closing ? 1 : 0;
    std::string name;
    while (n < tag.size() && (std::isalnum(static_cast<unsigned char>(tag[n])) || tag[n] == '-' || tag[n] == ':'))
      name += tag[n++];
    if (name.empty()) return "unescaped '<' in text" + where(i);
    if (closing) {
      if (open.empty()) return "</" + name + "> closes nothing" + where(i);
      if (open.back() != name) return "</" + name + "> closes <" + open.back() + ">" + where(i);
      open.pop_back();
    } else if (tag.back() != '/' && !kVoid.count(name)) {
      open.push_back(name);
      if (name == "style" || name == "script") {  // raw text up to its end tag
        const std::size_t close = html.find("</" + name, e);
        if (close == std::string::npos) return "<" + name + "> never closed";
        e = close - 1;
      }
    }
    i = e + 1;
  }
  if (!open.empty()) return "<" + open.back() + "> never closed (" + std::to_string(open.size()) + " open)";
  return "";
}

// No external resources: no src/href/url() to the network, no scripts or
// stylesheets from elsewhere. The SVG namespace declarations are names, not
// resources; URLs inside the manifest's <pre> are text.
void check_self_contained(const std::string& html) {
  static const std::regex attr(R"re(\b(src|href|xlink:href)\s*=\s*["']([^"']*)["'])re");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), attr); it != std::sregex_iterator(); ++it) {
    const std::string value = (*it)[2].str();
    INFO((*it)[0].str());
    CHECK(value.rfind("http:", 0) == std::string::npos);
    CHECK(value.rfind("https:", 0) == std::string::npos);
    CHECK(value.rfind("//", 0) == std::string::npos);
  }
  for (const char* banned : {"<script", "<link", "<img", "<iframe", "@import", "url(http", "url(//"}) {
    INFO(banned);
    CHECK(html.find(banned) == std::string::npos);
  }
  const std::size_t pre = html.find("<pre>"), pre_end = html.find("</pre>");
  std::string outside = html;
  if (pre != std::string::npos && pre_end != std::string::npos) outside.erase(pre, pre_end - pre);
  static const std::regex url(R"re((.{0,16})https?://)re");
  for (auto it = std::sregex_iterator(outside.begin(), outside.end(), url); it != std::sregex_iterator(); ++it) {
    const std::string before = (*it)[1].str();
    INFO(before);
    CHECK((before.find("xmlns=\"") != std::string::npos || before.find("xmlns:xlink=\"") != std::string::npos));
  }
}

void check_chart_files(const fs::path& charts, const std::string& stem) {
  INFO(stem);
  REQUIRE(fs::exists(charts / (stem + ".png")));
  const std::string png = slurp(charts / (stem + ".png"));
  CHECK(png.rfind("\x89PNG", 0) == 0);
  CHECK(slurp(charts / (stem + ".svg")).find("<svg") != std::string::npos);
  CHECK(fs::exists(charts / (stem + ".gp")));
  CHECK(fs::exists(charts / (stem + ".dat")));
}

struct Result {
  int code = -1;
  std::string out, err;
};

Result run_cli(const std::string& args, const std::string& env = "") {
  static int counter = 0;
  const fs::path dir = scratch("cli_io" + std::to_string(counter++));
  const std::string cmd = env + std::string(ENTENTE_CLI_PATH) + " " + args + " >" + (dir / "out").string() + " 2>" +
                          (dir / "err").string();
  const int status = std::system(cmd.c_str());
  Result r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(dir / "out");
  r.err = slurp(dir / "err");
  return r;
}

const char* kOutcomes[] = {"russia_dependence_on_china", "russia_china_trade", "russia_export_loss"};

}  // namespace

TEST_CASE("the tag checker catches unbalanced and unescaped HTML", "[report]") {
  CHECK(check_well_formed("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body><p>a &amp; b</p>"
                          "<svg><path d='M0,0 L1>'/></svg></body></html>") == "");
  CHECK(check_well_formed("<html><body><p>x</body></html>") != "");
  CHECK(check_well_formed("<p>a < b</p>") != "");
  CHECK(check_well_formed("<p>a & b</p>") != "");
  CHECK(check_well_formed("<div><span></div></span>") != "");
}

TEST_CASE("write_report on a compare directory: every chart, a well-formed self-contained report", "[report]") {
  const fs::path dir = fixture_copy("compare_dir", "compare");
  const std::string path = write_report(dir.string());
  CHECK(fs::path(path) == dir / "report.html");
  REQUIRE(fs::exists(path));

  std::vector<std::string> stems;
  for (const char* o : kOutcomes) stems.push_back(std::string("fan_") + o);
  for (const char* o : kOutcomes) stems.push_back(std::string("diff_") + o);  // every policy in one chart
  stems.push_back("thresholds");
  for (const auto& s : stems) check_chart_files(dir / "charts", s);

  const std::string html = slurp(path);
  INFO(check_well_formed(html));
  CHECK(check_well_formed(html).empty());
  check_self_contained(html);
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(count(html, "<svg") == stems.size());
  CHECK(html.find("<?xml") == std::string::npos);
  for (const auto& s : stems) CHECK(html.find("id=\"chart-" + s + "\"") != std::string::npos);
  // Several inline SVGs, no clashing ids.
  CHECK(count(html, "id=\"c0-gnuplot_canvas\"") == 1);
  CHECK(html.find("id=\"gnuplot_canvas\"") == std::string::npos);

  const auto compare = nlohmann::json::parse(slurp(dir / "compare.json"));
  CHECK(html.find(compare["scenario"]["hash_sha256"].get<std::string>()) != std::string::npos);
  CHECK(html.find(escaped(compare["scenario"]["description"].get<std::string>())) != std::string::npos);
  for (const auto& p : compare["policies"]) {
    INFO(p["id"]);
    CHECK(html.find(escaped(p["description"].get<std::string>())) != std::string::npos);
  }
  // The description with markup is shown as text, never as markup.
  CHECK(html.find("&lt;b&gt;&amp; investment screening&lt;/b&gt;") != std::string::npos);
  CHECK(html.find("<b>&") == std::string::npos);
  CHECK(html.find("<b>") == std::string::npos);

  CHECK(html.find("Common random numbers narrowed the 95% interval of Russia&#39;s dependence on China in 2035") !=
        std::string::npos);
  CHECK(html.find("reference</span>") != std::string::npos);
  CHECK(html.find("runs better / same / worse") != std::string::npos);
  CHECK(html.find("90th-percentile regret") != std::string::npos);
  CHECK(html.find("dependence &gt;= 0.4") != std::string::npos);
  CHECK(html.find("<details>") != std::string::npos);
  CHECK(html.find("&quot;command&quot;: &quot;compare&quot;") != std::string::npos);
  CHECK(html.find("@media print") != std::string::npos);
  CHECK(html.find("Checked against the SHA-256 hashes in manifest.json: compare.json") != std::string::npos);

  // Rebuilding is idempotent and leaves no temporary file behind.
  CHECK(write_report(dir.string()) == path);
  for (const auto& e : fs::directory_iterator(dir)) CHECK(e.path().filename().string().find(".tmp.") == std::string::npos);
}

TEST_CASE("write_report on a run directory: fan charts, headline table and thresholds", "[report]") {
  const fs::path dir = fixture_copy("run_dir", "run");
  const std::string path = write_report(dir.string());
  REQUIRE(fs::exists(path));
  const auto summary = nlohmann::json::parse(slurp(dir / "summary.json"));
  std::size_t charts = 0;
  for (const auto& o : summary["outcomes"]) {
    check_chart_files(dir / "charts", "fan_" + o["id"].get<std::string>());
    ++charts;
  }
  CHECK(!fs::exists(dir / "charts" / "thresholds.png"));
  const std::string html = slurp(path);
  INFO(check_well_formed(html));
  CHECK(check_well_formed(html).empty());
  check_self_contained(html);
  CHECK(count(html, "<svg") == charts);
  const auto manifest = nlohmann::json::parse(slurp(dir / "manifest.json"));
  CHECK(html.find(manifest["scenario"]["hash_sha256"].get<std::string>()) != std::string::npos);
  CHECK(html.find(escaped(manifest["resolved_scenario"]["description"].get<std::string>())) != std::string::npos);
  const std::string policy = manifest["policy"].get<std::string>();
  CHECK(html.find(escaped(manifest["resolved_scenario"]["policies"][policy]["description"].get<std::string>())) !=
        std::string::npos);
  for (const char* year : {"<th scope=\"col\">2021</th>", "<th scope=\"col\">2028</th>", "<th scope=\"col\">2035</th>"})
    CHECK(html.find(year) != std::string::npos);
  CHECK(html.find("dependence &gt;= 0.5 (China the majority partner)") != std::string::npos);
  CHECK(html.find("P(by the year)") != std::string::npos);
  CHECK(html.find("Checked against the SHA-256 hashes") != std::string::npos);
}

TEST_CASE("write_report names the missing or invalid file and the format version it reads", "[report]") {
  auto message = [](const fs::path& dir) {
    try {
      write_report(dir.string());
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  {
    const fs::path dir = fixture_copy("compare_dir", "no_compare_json");
    fs::remove(dir / "compare.json");
    const std::string m = message(dir);
    CHECK_THAT(m, Catch::Contains("compare.json: missing"));
    CHECK_THAT(m, Catch::Contains("format_version 1"));
    CHECK_THROWS_AS(write_report(dir.string()), entente::analysis::ReportInputError);
  }
  {
    const fs::path dir = fixture_copy("run_dir", "no_summary_json");
    fs::remove(dir / "summary.json");
    CHECK_THAT(message(dir), Catch::Contains("summary.json: missing"));
  }
  {
    const fs::path dir = scratch("empty");
    CHECK_THAT(message(dir), Catch::Contains("manifest.json: missing"));
    CHECK(message(dir / "nope").find("not a directory") != std::string::npos);
  }
  {
    const fs::path dir = fixture_copy("compare_dir", "version2");
    auto j = nlohmann::ordered_json::parse(slurp(dir / "compare.json"));
    j["format_version"] = 2;
    spit(dir / "compare.json", j.dump());
    const std::string m = message(dir);
    CHECK_THAT(m, Catch::Contains("compare.json: format_version: is 2"));
    CHECK_THAT(m, Catch::Contains("entente-compare format_version 1"));
  }
  {
    const fs::path dir = fixture_copy("compare_dir", "short_array");
    auto j = nlohmann::ordered_json::parse(slurp(dir / "compare.json"));
    j["differences"][1]["ci95_lo"].erase(0);
    spit(dir / "compare.json", j.dump());
    CHECK_THAT(message(dir), Catch::Contains("compare.json: differences[1].ci95_lo: has 14 values, expected 15"));
  }
  {
    const fs::path dir = fixture_copy("run_dir", "not_json");
    spit(dir / "summary.json", "{\"format\": ");
    CHECK_THAT(message(dir), Catch::Contains("summary.json: not valid JSON"));
  }
}

TEST_CASE("a report of files that no longer match the manifest says so", "[report]") {
  const fs::path dir = fixture_copy("run_dir", "tampered");
  spit(dir / "summary.csv", slurp(dir / "summary.csv") + "\n");
  const std::string html = slurp(write_report(dir.string()));
  CHECK(html.find("These files do not match manifest.json") != std::string::npos);
  CHECK(html.find("<code>summary.csv</code>") != std::string::npos);
}

TEST_CASE("without gnuplot on PATH, write_report says what to install", "[report]") {
  const fs::path dir = fixture_copy("run_dir", "no_gnuplot");
  const char* old = std::getenv("PATH");
  const std::string saved = old ? old : "";
  ::setenv("PATH", dir.string().c_str(), 1);
  std::string message = "no error";
  try {
    write_report(dir.string());
  } catch (const std::runtime_error& e) {
    message = e.what();
  }
  ::setenv("PATH", saved.c_str(), 1);
  CHECK(message == "gnuplot not found; install the Debian package gnuplot-nox (scripts/install-deps.sh)");
  CHECK(!fs::exists(dir / "report.html"));
}

TEST_CASE("a failing gnuplot script fails with gnuplot's own message", "[report]") {
  using namespace entente::analysis::report;
  const fs::path dir = scratch("bad_script");
  spit(dir / "bad.gp", "set terminal pngcairo\nset output 'bad.png'\nplot 'no_such_file.dat' using 1:2\n");
  std::string message = "no error";
  try {
    run_gnuplot(find_gnuplot(), dir.string(), "bad.gp");
  } catch (const std::runtime_error& e) {
    message = e.what();
  }
  CHECK_THAT(message, Catch::Contains("gnuplot failed on"));
  CHECK_THAT(message, Catch::Contains("bad.gp"));
  CHECK_THAT(message, Catch::Contains("no_such_file.dat"));
}

TEST_CASE("HTML escaping and SVG inlining", "[report]") {
  using namespace entente::analysis::report;
  CHECK(html_escape("<b>& \"q\" 'a'") == "&lt;b&gt;&amp; &quot;q&quot; &#39;a&#39;");
  const std::string svg =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n<svg viewBox=\"0 0 9 5\" xmlns=\"http://www.w3.org/2000/svg\">"
      "<title>Gnuplot</title><defs><path id='gpPt0' d='M0,0'/></defs><g id=\"gnuplot_canvas\">"
      "<use xlink:href='#gpPt0'/><rect filter='url(#textbox)'/></g></svg>\n";
  const std::string s = inline_svg(svg, "c7-", "A & B");
  CHECK(s.rfind("<svg class=\"chart\" role=\"img\" aria-label=\"A &amp; B\"", 0) == 0);
  CHECK(s.find("<?xml") == std::string::npos);
  CHECK(s.find("DOCTYPE") == std::string::npos);
  CHECK(s.find("<title>A &amp; B</title>") != std::string::npos);
  CHECK(s.find("id='c7-gpPt0'") != std::string::npos);
  CHECK(s.find("id=\"c7-gnuplot_canvas\"") != std::string::npos);
  CHECK(s.find("href='#c7-gpPt0'") != std::string::npos);
  CHECK(s.find("url(#c7-textbox)") != std::string::npos);
  CHECK(s.substr(s.size() - 6) == "</svg>");
  CHECK(fmt_signed(0.5) == "+0.500");
  CHECK(fmt_signed(-2) == "\u22122.00");
  CHECK(fmt_percent(0.423) == "42%");
  CHECK(fmt_percent(0.996) == "99.6%");
}

TEST_CASE("SVG slimming keeps a point symbol that a used symbol refers to", "[report]") {
  using namespace entente::analysis::report;
  // gnuplot's filled circle (pt 7, gpPt6) is a <use> of its circle gpPt5;
  // dropping gpPt5 as unreferenced by the picture left every filled point
  // of a chart (the backtest's observations) invisible in the page.
  const std::string svg =
      "<svg viewBox=\"0 0 9 5\">\n<defs>\n"
      "\t<circle id='gpPt5' stroke-width='0.222' cx='0' cy='0' r='1'/>\n"
      "\t<use xlink:href='#gpPt5' id='gpPt6' fill='currentColor' stroke='none'/>\n"
      "\t<path id='gpPt9' d='M0,0'/>\n"
      "\t<filter id='textbox' filterUnits='objectBoundingBox' x='0' y='0' height='1' width='1'>\n"
      "\t  <feFlood flood-color='white' flood-opacity='1' result='bgnd'/>\n"
      "\t</filter>\n"
      "</defs>\n<g><use xlink:href='#gpPt6' transform='translate(1,1)'/></g></svg>\n";
  const std::string s = inline_svg(svg, "c1-", "t");
  CHECK(s.find("id='c1-gpPt6'") != std::string::npos);
  CHECK(s.find("id='c1-gpPt5'") != std::string::npos);
  CHECK(s.find("gpPt9") == std::string::npos);
  CHECK(s.find("textbox") == std::string::npos);
  CHECK(s.find("feFlood") == std::string::npos);
}

TEST_CASE("entente report DIR prints the report's path and exits 2 on a directory without results", "[report][cli]") {
  const fs::path dir = fixture_copy("compare_dir", "cli");
  const auto ok = run_cli("report " + dir.string());
  INFO(ok.err);
  CHECK(ok.code == 0);
  CHECK(ok.out == (dir / "report.html").string() + "\n");
  CHECK(fs::exists(dir / "report.html"));

  const auto empty = run_cli("report " + scratch("cli_empty").string());
  CHECK(empty.code == 2);
  CHECK_THAT(empty.err, Catch::Contains("manifest.json: missing"));
  CHECK(empty.out.empty());

  // A gnuplot that fails: exit 1, with its message.
  const fs::path bin = scratch("fake_gnuplot");
  spit(bin / "gnuplot", "#!/bin/sh\necho 'fake gnuplot: cannot draw' >&2\nexit 1\n");
  fs::permissions(bin / "gnuplot", fs::perms::owner_all);
  const auto failed = run_cli("report " + dir.string(), "PATH=" + bin.string() + ":/usr/bin:/bin ");
  CHECK(failed.code == 1);
  CHECK_THAT(failed.err, Catch::Contains("fake gnuplot: cannot draw"));

  CHECK(run_cli("report").code == 2);
  const auto help = run_cli("report --help");
  CHECK(help.code == 0);
  CHECK_THAT(help.out, Catch::Contains("report.html"));
}

TEST_CASE("every label is escaped in the HTML and quoted in the gnuplot scripts", "[report][security]") {
  const fs::path dir = fixture_copy("compare_dir", "hostile_labels");
  const std::string hostile = "<script>alert(`id`)</script> \"q\" 'a' & `rm -rf x`";
  auto compare = nlohmann::ordered_json::parse(slurp(dir / "compare.json"));
  compare["policies"][1]["label"] = hostile;
  compare["outcomes"][0]["label"] = hostile + " outcome";
  compare["outcomes"][0]["min_effect"] = 0.01;
  spit(dir / "compare.json", compare.dump(2));
  const std::string html = slurp(write_report(dir.string()));
  INFO(check_well_formed(html));
  CHECK(check_well_formed(html).empty());
  CHECK(html.find("<script") == std::string::npos);
  // Attributes (title="...") hold it escaped: a raw quote would end them.
  CHECK(html.find("title=\"" + escaped(hostile)) != std::string::npos);
  CHECK(html.find(escaped(hostile)) != std::string::npos);
  CHECK(html.find(escaped(hostile + " outcome")) != std::string::npos);
  // In the scripts the label is a single-quoted gnuplot string (no `...` runs there).
  bool found = false;
  for (const auto& e : fs::directory_iterator(dir / "charts")) {
    if (e.path().extension() != ".gp") continue;
    const std::string gp = slurp(e.path());
    for (std::size_t p = gp.find("alert("); p != std::string::npos; p = gp.find("alert(", p + 1)) {
      found = true;
      INFO(e.path().filename().string());
      const std::size_t line = gp.rfind('\n', p) + 1;
      const std::string text = gp.substr(line, gp.find('\n', p) - line);
      if (text.rfind("# ", 0) == 0) continue;  // a one-line comment
      const std::string quoted = entente::analysis::report::gp_string(hostile);
      CHECK(text.find(quoted.substr(0, quoted.size() - 1)) != std::string::npos);  // opened, ' doubled
    }
  }
  CHECK(found);
}

TEST_CASE("the report of the eight policies of the shipped scenario stays under 2 MB", "[report][size]") {
  const fs::path out = scratch("eight_policies");
  fs::remove_all(out);
  const auto r = run_cli("compare " + std::string(ENTENTE_SOURCE_DIR) +
                         "/scenarios/sino_russia_2035.yaml --runs 20 --seed 1 --quiet --out " + out.string());
  INFO(r.err);
  REQUIRE(r.code == 0);
  const std::string html = slurp(out / "report.html");
  CHECK(html.size() < 2'000'000);
  CHECK(html.find("<title>gnuplot_plot_") == std::string::npos);  // no meaningless tooltips
  // The summary comes first: the verdict matrix before any chart.
  const std::size_t glance = html.find("<table class=\"glance\">");
  REQUIRE(glance != std::string::npos);
  CHECK(glance < html.find("<svg"));
  for (const char* label : {"Live with the partnership", "Understand, shape, prepare, persevere", "Maximum pressure"})
    CHECK(html.find(label) < html.find("<svg"));
  CHECK(html.find("understand_shape_prepare_persevere</th>") == std::string::npos);
}
