// What the calibration report shows, read back from an `entente calibrate
// --out` directory (manifest.json, calibration.csv, points.csv): like the
// backtest report it is drawn from the files, never from the computation, so
// `entente report DIR` redraws it and a failure to draw it loses no result.
// Every field the report uses is checked (ReportInputError otherwise).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "analysis/report/json_fields.hpp"

namespace entente::analysis::report {

struct CalibrationReportParameter {
  std::string name;
  std::string prior;   // the uncertainty as the scenario states it, a YAML flow map ("{dist: uniform, ...}")
  std::string source;  // the uncertainty's source text; may be empty
  double prior_q05 = 0, prior_q50 = 0, prior_q95 = 0;  // of the distribution (calibration.csv)
  double post_q05 = 0, post_q50 = 0, post_q95 = 0, post_min = 0, post_max = 0;
  std::string suggestion;              // calibration.csv "suggested"
  std::vector<double> prior_sample;    // every point's value (points.csv)
  std::vector<double> posterior_sample;  // the accepted points' values
};

struct CalibrationReportSeries {
  std::string series, outcome, label, unit;
  std::uint64_t observations = 0;
  double scale = 0;  // mean |observation|, the distance's divisor
};

struct CalibrationReportData {
  std::string dir;
  Json manifest;
  std::string scenario_name, scenario_hash, observed_file, policy, method;
  std::uint64_t seed = 0, samples = 0, runs_per_point = 0, accepted = 0;
  double start_year = 0, accept = 0;
  int until = 0;
  std::vector<std::string> notes;
  std::vector<CalibrationReportSeries> series;
  std::vector<CalibrationReportParameter> params;
  std::vector<double> distance;           // per point, in point order
  std::vector<double> accepted_distance;  // the accepted points', ascending
};

// Reads DIR/manifest.json (command "calibrate"), DIR/calibration.csv and
// DIR/points.csv. Throws ReportInputError naming the file and field or line.
CalibrationReportData load_calibration_report_data(const std::string& dir);

}  // namespace entente::analysis::report
