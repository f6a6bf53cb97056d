// A design point's result rows as bytes, for a rank to send to rank 0 under
// mpirun (analysis/workflows/sweep_workflow.cpp). Exact: doubles travel as
// their bit patterns, so the database rank 0 writes is the one a single
// process writes.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "analysis/sweep/sweep_db.hpp"

namespace entente::analysis {

std::string encode_point_rows(const std::vector<SweepResultRow>& rows);
// Appends the rows in `bytes` to `out`; throws std::runtime_error on a
// malformed message.
void decode_point_rows(std::string_view bytes, std::vector<SweepResultRow>& out);

}  // namespace entente::analysis
