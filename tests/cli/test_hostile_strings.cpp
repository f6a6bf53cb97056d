// Hostile strings end to end (issue 15, class 1): every free-text field of
// the shipped scenario (labels, one-line descriptions, units, sources,
// assumptions, actor names) is replaced by a payload that tries to break out
// of a gnuplot string or comment, a shell, HTML and CSV. The comparison is
// drawn with the real gnuplot; no payload command may run, HTML and SVG hold
// the payload escaped only, and every CSV still parses to whole records.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/cli_runner.hpp"

namespace fs = std::filesystem;
using entente::test::run_cli;
using entente::test::slurp;

namespace {

// Each attack names a file that exists afterwards only if a command ran.
std::string payload(const fs::path& dir, int field) {
  const std::string pwn = (dir / "pwned").string();
  return "F" + std::to_string(field) + " '); system('touch " + pwn + "1'); # `touch " + pwn + "2` $(touch " + pwn +
         "3) \" ' <script>alert(1)</script> <img src=x onerror=alert(2)> &amp; a,b;\"c\"";
}

// YAML single-quoted: ' doubled, nothing else is special.
std::string yaml_single(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

// The scenario with every one-line free-text value replaced; returns how many.
int write_hostile_scenario(const fs::path& src, const fs::path& dst, const fs::path& dir) {
  std::istringstream in(slurp(src));
  std::ofstream out(dst);
  // Actors' display names (four spaces in): the top-level `name:` and the
  // models' `- name:` are identifiers.
  const std::regex indented_name(R"(^(    )(name): (.*)$)");
  const std::regex text_field(R"(^(\s*(?:- )?)(label|description|unit|source|assumption): (.*)$)");
  int n = 0;
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    const bool matched = std::regex_match(line, m, text_field) || std::regex_match(line, m, indented_name);
    const std::string value = matched ? m[3].str() : "";
    // Block scalars (> or |) and flow maps keep their form.
    if (matched && !value.empty() && value[0] != '>' && value[0] != '|' && value[0] != '{' && value[0] != '[') {
      out << m[1].str() << m[2].str() << ": " << yaml_single(payload(dir, ++n)) << "\n";
    } else {
      out << line << "\n";
    }
  }
  return n;
}

// RFC 4180: the number of fields of each record, or -1 for a broken quote.
std::vector<int> csv_record_widths(const std::string& text) {
  std::vector<int> widths;
  int fields = 1;
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    any = true;
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"')
          ++i;
        else
          quoted = false;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      ++fields;
    } else if (c == '\n') {
      widths.push_back(fields);
      fields = 1;
      any = false;
    }
  }
  if (quoted) widths.push_back(-1);
  else if (any) widths.push_back(fields);
  return widths;
}

}  // namespace

TEST_CASE("hostile strings in every text field run nothing and reach HTML, SVG and CSV escaped",
          "[cli][security][report]") {
  const fs::path dir = entente::test::scratch_dir("hostile_strings");
  const fs::path scenario = dir / "hostile.yaml";
  const int fields =
      write_hostile_scenario(fs::path(ENTENTE_SOURCE_DIR) / "scenarios/sino_russia_2035.yaml", scenario, dir);
  REQUIRE(fields > 100);  // labels, units, sources, actor names... all of them

  const fs::path out = dir / "cmp";
  const auto r = run_cli("compare " + scenario.string() + " --runs 16 --seed 1 --quiet --strict-report --out " +
                         out.string());
  INFO(r.err);
  REQUIRE(r.code == 0);

  for (int k = 1; k <= 3; ++k) CHECK_FALSE(fs::exists(dir / ("pwned" + std::to_string(k))));

  std::size_t html_files = 0, svg_files = 0, csv_files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(out)) {
    if (!entry.is_regular_file()) continue;
    const std::string ext = entry.path().extension().string();
    const std::string text = slurp(entry.path());
    INFO(entry.path().string());
    if (ext == ".html" || ext == ".svg") {
      (ext == ".html" ? html_files : svg_files) += 1;
      CHECK(text.find("<script>alert(1)") == std::string::npos);
      CHECK(text.find("<img src=x") == std::string::npos);
    }
    if (ext == ".csv") {
      ++csv_files;
      const auto widths = csv_record_widths(text);
      REQUIRE_FALSE(widths.empty());
      for (int w : widths) CHECK(w == widths.front());
    }
  }
  CHECK(html_files >= 1);
  CHECK(svg_files >= 1);
  CHECK(csv_files >= 1);
  // The payload is there, escaped: a label the report shows.
  const std::string html = slurp(out / "report.html");
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
}

TEST_CASE("a line break or control character in a text field is a located error", "[cli][security]") {
  const fs::path dir = entente::test::scratch_dir("hostile_control");
  const std::string text = slurp(fs::path(ENTENTE_SOURCE_DIR) / "scenarios/sino_russia_2035.yaml");
  const std::size_t at = text.find("    name: Russia\n");
  REQUIRE(at != std::string::npos);
  for (const std::string& bad : {std::string("\"Rus\\nsia\""), std::string("\"Rus\\u001bsia\"")}) {
    const fs::path f = dir / "bad.yaml";
    std::ofstream(f) << text.substr(0, at) << "    name: " << bad << "\n" << text.substr(at + 17);
    const auto r = run_cli("validate " + f.string());
    INFO(r.err);
    CHECK(r.code == 2);
    CHECK(r.err.find(f.string() + ":") == 0);
    CHECK(r.err.find(": error: ") != std::string::npos);
  }
}
