// Alignment (MODEL.md component 4): the continuous alignment index of a pair
// (Russia-China) pulled towards a logistic target driven by Western pressure,
// complementarity, asymmetry and third-country competition; categories with
// cut points and an absorbing formal alliance; swing actors choosing sides by
// landscape theory (Axelrod & Bennett 1993). See docs/models/alignment.md.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/model/model.hpp"

namespace entente {

ModelInfo alignment_info();

// Category of an alignment index a: 1 marriage of convenience (a < c1),
// 2 strategic partnership (c1 <= a < c2), 3 quasi-alliance (c2 <= a < c3),
// 4 formal alliance (a >= c3). Cut points out of order are sorted first.
int alignment_category(double a, double cut_partnership, double cut_quasi_alliance, double cut_alliance);

// Landscape theory (Axelrod & Bennett 1993) on n actors with two sides.
// size[i] >= 0 (0: not in the landscape), propensity[i * n + j] = p_ij
// (symmetric for the energy to be a potential), side[i] in {0, 1}.
//
// Frustration of actor i if it stood on side `candidate`:
//   F_i(candidate) = sum_{j != i} size_j p_ij [side_j != candidate]
double landscape_frustration(const std::vector<double>& size, const std::vector<double>& propensity,
                             const std::vector<std::uint8_t>& side, std::size_t i, std::uint8_t candidate);

// Energy E = sum_{i<j} size_i size_j p_ij [side_i != side_j].
double landscape_energy(const std::vector<double>& size, const std::vector<double>& propensity,
                        const std::vector<std::uint8_t>& side);

// One sweep of deterministic best responses (switching sharpness -> infinity)
// in index order: each movable actor moves to the other side when that
// lowers its frustration by more than switching_cost (>= 0). With symmetric
// propensities every move lowers the energy by size_i times the gain.
// Returns whether any actor moved.
bool landscape_best_response(const std::vector<double>& size, const std::vector<double>& propensity,
                             std::vector<std::uint8_t>& side, const std::vector<std::uint8_t>& movable,
                             double switching_cost = 0.0);

}  // namespace entente
