#include <catch2/catch.hpp>

#include "sim/util/progress.hpp"

TEST_CASE("the progress line shows share, counts, rate and ETA", "[progress]") {
  CHECK(entente::ProgressBar::render(50, 100, 10.0, "runs", 10) ==
        "runs [#####.....]  50% 50/100  5/s  ETA 00:10");
  CHECK(entente::ProgressBar::render(0, 100, 0.0, "runs", 4) == "runs [....]   0% 0/100  0/s  ETA --:--");
  CHECK(entente::ProgressBar::render(3600, 7200, 1.0, "runs", 2) == "runs [#.]  50% 3600/7200  3600/s  ETA 00:01");
}

TEST_CASE("the progress line fits the terminal's columns", "[progress]") {
  using entente::ProgressBar;
  // Short counts: the full 30-character bar.
  CHECK(ProgressBar::render_fitted(50, 100, 10.0, "runs", 80) == ProgressBar::render(50, 100, 10.0, "runs", 30));
  // The longest label and counts of entente (compare of many policies, 10^9 runs) within 79 characters.
  const std::string wide = ProgressBar::render_fitted(999'999'999, 1'000'000'000, 3.0, "runs x 12 policies", 80);
  CHECK(wide.size() <= 79);
  CHECK(wide.find("[#") != std::string::npos);
  CHECK(wide.find("ETA 00:00") != std::string::npos);
  // A narrow terminal: no bar at all, then the line cut.
  CHECK(ProgressBar::render_fitted(50, 100, 10.0, "runs", 36) == ProgressBar::render(50, 100, 10.0, "runs", 0));
  CHECK(ProgressBar::render_fitted(50, 100, 10.0, "runs", 20).size() == 19);
}
