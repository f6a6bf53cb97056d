// Rank correlation between design columns: Iman & Conover (1982).
//
// The method reorders each column of an lhs or mc design (the values stay the
// same, only their pairing changes) so that the Spearman rank correlations
// approach a target matrix: build van der Waerden scores from the columns'
// own ranks, transform them to the target correlation through Cholesky
// factors (correcting for the scores' sample correlation), and give each
// column the rank order of its transformed scores. Deterministic: no random
// numbers are drawn.
#pragma once
#include <cstddef>
#include <optional>
#include <vector>

#include "analysis/design/design.hpp"

namespace entente::analysis {

using Matrix = std::vector<std::vector<double>>;

// Reorders the rows of each column of `design` (u and x together) so that
// the Spearman rank correlation matrix approximates `target` (k x k,
// symmetric, unit diagonal, positive definite). Throws std::invalid_argument
// for a design that is not "lhs" or "mc" (reordering would break a grid,
// Sobol' or Morris layout), for too few points (n <= k), or for a target
// that is not a valid positive-definite correlation matrix.
void apply_rank_correlation(Design& design, const Matrix& target_correlation);

// Spearman rank correlation matrix of the columns of rows[point][column]
// (ties get their average rank).
Matrix spearman_correlation(const Matrix& rows);

// Lower-triangular L with L L^T = m, or nullopt when m is not positive
// definite (a pivot below 1e-10). Also reports the failing row.
std::optional<Matrix> cholesky(const Matrix& m, std::size_t* failed_row = nullptr);

}  // namespace entente::analysis
