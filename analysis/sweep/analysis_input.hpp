// What `entente analyze` works on, whichever the source (a sweep database or
// a design CSV with a results CSV): the design matrix in design order and one
// response per design point.
#pragma once
#include <string>
#include <vector>

namespace entente::analysis {

struct AnalysisInput {
  std::string design_kind;             // "sobol", "morris", "lhs", "grid", "mc" ("" when unknown)
  std::vector<std::string> names;      // parameter names, one per column
  std::vector<std::vector<double>> x;  // x[point][parameter], values in the parameters' own units
  std::vector<std::vector<double>> u;  // the same points in the unit cube (empty when unknown)
  std::vector<double> y;               // the response at each point
  bool second_order = false;           // a Sobol design that includes the B_A^i blocks
  int morris_levels = 0;               // Morris grid levels (0 when not a Morris design)
  std::string response;                // what y is, for tables: "russia_dependence_on_china 2035 (baseline)"
};

// Reads a sweep database for one outcome, year and policy (mean over the
// replicates of each point); with `versus`, the response is the difference
// policy - versus at each point (the sweep ran both on the same replicates).
// Throws std::runtime_error naming the database, the outcome, year or policy
// that is missing, or the points not finished.
// `statistic` is what each point contributes (one of point_statistics():
// the mean over its replicates by default, or their sd, a percentile, min,
// max); with `versus` it is the difference of the two policies' statistics.
AnalysisInput read_sweep_for_analysis(const std::string& db, const std::string& outcome, double year,
                                      const std::string& policy, const std::string& versus = "",
                                      const std::string& statistic = "mean");

}  // namespace entente::analysis
