// PRIM, the Patient Rule Induction Method (Friedman & Fisher 1999) for
// scenario discovery, as in the EMA Workbench (Kwakkel 2017).
//
// Points x (n × k) with a flag "of interest" each. The box starts as the
// range of the data. Peeling: for every dimension and side, a candidate box
// cuts off the peel_alpha share of the box's points with the lowest (highest)
// values of that dimension (at least one point; tied values go together; the
// new limit lies half-way between the last point cut and the first kept).
// Candidates that would leave less than mass_min of all points are dropped;
// the best by EMA's default objective "lenient1", (density_new - density_old)
// / (points removed), is taken (ties: the one restricting fewer dimensions,
// then dimension order, lower side first), and peeling stops when no
// candidate raises the density. Every box on the way is the peeling
// trajectory.
// The chosen box is the last box of the trajectory whose density reaches
// `threshold`, else the densest. It is then pasted: for each restricted
// limit, the paste_alpha share (at least one) of the nearest points outside
// it that satisfy the other limits is added back; the paste giving the
// highest density is taken while density does not fall.
// coverage = hits in box / hits in all; density = hits in box / points in
// box; mass = points in box / all points.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace entente::analysis {

struct PrimOptions {
  double peel_alpha = 0.05;
  double paste_alpha = 0.05;
  double mass_min = 0.05;
  double threshold = 0.8;
};

struct PrimBox {
  std::vector<double> lower, upper;  // inclusive limits, one per parameter
  std::size_t points = 0, hits = 0;
  double coverage = 0, density = 0, mass = 0;
  std::size_t restricted = 0;  // dimensions whose limits differ from the data's range
};

struct PrimResult {
  std::vector<std::string> names;
  std::string condition;  // what "of interest" means, for tables
  std::string response;
  std::size_t n = 0, interesting = 0;
  PrimOptions options;
  std::vector<double> data_lower, data_upper;  // the initial box
  std::vector<PrimBox> trajectory;             // trajectory[0] is the initial box
  std::size_t chosen_step = 0;                 // index into the trajectory
  bool chosen_meets_threshold = false;
  std::size_t pastes = 0;
  PrimBox chosen;  // trajectory[chosen_step] after pasting

  bool restricted(const PrimBox& box, std::size_t dim) const;
  bool lower_restricted(const PrimBox& box, std::size_t dim) const { return box.lower[dim] > data_lower[dim]; }
  bool upper_restricted(const PrimBox& box, std::size_t dim) const { return box.upper[dim] < data_upper[dim]; }
};

// Throws AnalysisInputError when the inputs disagree in size, a value is not
// finite, no point is of interest, or an option is out of range.
PrimResult prim(const std::vector<std::vector<double>>& x, const std::vector<bool>& interesting,
                const std::vector<std::string>& names, const PrimOptions& options);

}  // namespace entente::analysis
