// `entente analyze --design design.csv --results results.csv --column y`:
// an experiment design and the responses at its points, from two CSV files,
// as an AnalysisInput.
//
// design.csv: a header row, then one row per design point. Index columns
// (point, design_point, index, row, id, run, sample, trajectory, block) are
// skipped, and so is a column whose first value is not a number (a label such
// as "A", "AB1"). A column u_NAME (or u:NAME, u.NAME) where NAME is also a
// column holds NAME's unit-cube coordinate; when every parameter has one they
// fill AnalysisInput::u. Every other column is a parameter, in file order.
// results.csv: a header row, then one row per design point in design order;
// the response is the column `column` (or the only non-index column when
// `column` is empty). When both files have the same index column its values
// must agree row by row.
// Both: fields separated by commas, optionally double-quoted; blank lines and
// lines starting with '#' are ignored.
#pragma once
#include <string>

#include "analysis/sweep/analysis_input.hpp"

namespace entente::analysis {

// Throws AnalysisInputError (file:line and what is wrong) for a missing or
// unreadable file, a missing column, a value that is not a number, or row
// counts that disagree.
AnalysisInput read_csv_input(const std::string& design_csv, const std::string& results_csv, const std::string& column,
                             const std::string& design_kind);

}  // namespace entente::analysis
