#include <catch2/catch.hpp>

#include "sim/util/progress.hpp"

TEST_CASE("the progress line shows share, counts, rate and ETA", "[progress]") {
  CHECK(entente::ProgressBar::render(50, 100, 10.0, "runs", 10) ==
        "runs [#####.....]  50% 50/100  5/s  ETA 00:10");
  CHECK(entente::ProgressBar::render(0, 100, 0.0, "runs", 4) == "runs [....]   0% 0/100  0/s  ETA --:--");
  CHECK(entente::ProgressBar::render(3600, 7200, 1.0, "runs", 2) == "runs [#.]  50% 3600/7200  3600/s  ETA 00:01");
}
