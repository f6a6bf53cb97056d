// Every file format entente writes, with its version, declared once. Writers
// stamp "format" and "format_version" from these rows and readers refuse
// another name or version with a message naming both (JsonFile in
// analysis/report/json_fields.hpp, sweep_reader.cpp, session_store.cpp).
// Raise a version when a reader of the old one would misread the new one
// (a field removed, renamed or given another meaning), and say so in
// docs/outputs.md; adding a field keeps the version.
#pragma once

namespace entente {

struct FileFormat {
  const char* name;  // the "format" value
  int version;       // the "format_version" value
};

inline constexpr FileFormat kManifestFormat{"entente-manifest", 1};           // manifest.json
inline constexpr FileFormat kSummaryFormat{"entente-summary", 1};             // summary.json (run)
inline constexpr FileFormat kCompareFormat{"entente-compare", 1};             // compare.json
inline constexpr FileFormat kBacktestFormat{"entente-backtest", 2};           // backtest.json
inline constexpr FileFormat kBacktestRollingFormat{"entente-backtest-rolling", 1};  // rolling.json
inline constexpr FileFormat kDescribeFormat{"entente-describe", 1};           // describe --format json
// Sweep database, manifest table. Version 2: compact `stats` with id tables
// and a `results` view (version 1's `results` table is still read).
inline constexpr FileFormat kSweepFormat{"entente-sweep", 2};
inline constexpr FileFormat kPlaySessionFormat{"entente-play-session", 1};    // play session file
// The "calibration" section of a calibrate manifest (no file of its own).
inline constexpr int kCalibrationSectionVersion = 1;

}  // namespace entente
