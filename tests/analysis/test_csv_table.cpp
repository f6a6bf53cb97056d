// CsvTable reads back the CSV files entente writes (csv_field's RFC 4180
// quoting) for the calibration report: quoted commas, quotes and line breaks
// stay inside one field, and a bad record names its file and line.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "analysis/report/csv_table.hpp"
#include "analysis/report/report.hpp"
#include "analysis/writers/csv_field.hpp"
#include "support/cli_runner.hpp"

namespace fs = std::filesystem;
using entente::analysis::ReportInputError;
using entente::analysis::report::CsvTable;

TEST_CASE("CsvTable reads csv_field's quoting back and names the line of a bad record", "[report][csv]") {
  const fs::path dir = entente::test::scratch_dir("csv_table");
  const std::string tricky = "{dist: triangular, min: 0.1,\nmode: \"0.2\"}";
  {
    std::ofstream out(dir / "a.csv", std::ios::binary);
    out << "name,x,text\r\n"
        << "g,0.5," << entente::analysis::csv_field(tricky) << "\r\n"
        << "h,-2e-3,plain\n";
  }
  const CsvTable t((dir / "a.csv").string(), "hint");
  REQUIRE(t.rows() == 2);
  CHECK(t.text(0, t.column("text")) == tricky);
  CHECK(t.number(0, t.column("x")) == 0.5);
  CHECK(t.number(1, t.column("x")) == -0.002);
  CHECK(t.text(1, 2) == "plain");
  CHECK_THROWS_WITH(t.column("y"), Catch::Contains("a.csv:1: no column 'y'"));
  // Row 1 starts on line 4: the quoted line break of row 0 counts.
  CHECK_THROWS_WITH(t.number(1, t.column("text")), Catch::Contains("a.csv:4: text: expected a finite number, got 'plain'"));

  std::ofstream(dir / "b.csv") << "a,b\n1,2\n3\n";
  CHECK_THROWS_AS(CsvTable((dir / "b.csv").string(), "hint"), ReportInputError);
  CHECK_THROWS_WITH(CsvTable((dir / "b.csv").string(), "hint"), Catch::Contains("b.csv:3: 1 fields, but the header has 2"));
  std::ofstream(dir / "c.csv") << "a,b\n1,\"open\n";
  CHECK_THROWS_WITH(CsvTable((dir / "c.csv").string(), "hint"), Catch::Contains("c.csv:2: a quoted field is not closed"));
  std::ofstream(dir / "d.csv") << "a\nnan\n";
  CHECK_THROWS_WITH(CsvTable((dir / "d.csv").string(), "hint").number(0, 0), Catch::Contains("expected a finite number"));
  CHECK_THROWS_WITH(CsvTable((dir / "none.csv").string(), "the hint"), Catch::Contains("none.csv: missing; the hint"));
}
