// Morris (1991) elementary-effects trajectories on a p-level grid, built as
// B* = (J x* + delta/2 ((2B - J) D* + J)) P* (Morris 1991; Campolongo et al.
// 2007): a random base point, a random direction per coordinate and a random
// order in which the coordinates move. Positions are grid indices 0..p-1
// (integers) so every point lies exactly on the grid.
#include <stdexcept>
#include <string>

#include "analysis/design/design.hpp"
#include "analysis/design/design_random.hpp"

namespace entente::analysis {

Design make_morris(const std::vector<DesignParameter>& params, std::size_t trajectories, int levels,
                   std::uint64_t seed) {
  check_design_parameters(params);
  if (levels < 2 || levels > 1000 || levels % 2 != 0)
    throw std::invalid_argument("Morris levels must be an even number from 2 to 1000 (4 is usual), got " +
                                std::to_string(levels));
  const std::size_t k = params.size();
  if (trajectories < 1 || trajectories > kMaxDesignRows / (k + 1))
    throw std::invalid_argument("a Morris design of " + std::to_string(k) + " parameters takes 1 to " +
                                std::to_string(kMaxDesignRows / (k + 1)) + " trajectories, got " +
                                std::to_string(trajectories));
  const std::size_t p = static_cast<std::size_t>(levels);
  const std::size_t jump = p / 2;  // delta in grid steps: delta * (p-1) = p/2
  const double last = static_cast<double>(p - 1);
  Design d;
  d.kind = "morris";
  d.base_samples = trajectories;
  d.levels = levels;
  d.seed = seed;
  d.u.reserve(trajectories * (k + 1));
  for (std::size_t t = 0; t < trajectories; ++t) {
    // Trajectory t draws from (seed, t, 0, kDesign, "morris"): k base levels,
    // k directions, then the order of the moves.
    Stream s = design_stream(seed, t, "morris");
    std::vector<std::size_t> level(k);
    for (auto& l : level) l = uniform_index(s, jump);  // base x* in {0, ..., 1 - delta}
    std::vector<bool> up(k);
    for (std::size_t j = 0; j < k; ++j) up[j] = (s.next_u64() >> 63) == 0;
    for (std::size_t j = 0; j < k; ++j)
      if (!up[j]) level[j] += jump;  // moving down: start at x* + delta
    const auto order = random_permutation(s, k);
    auto emit = [&] {
      std::vector<double> row(k);
      for (std::size_t j = 0; j < k; ++j) row[j] = static_cast<double>(level[j]) / last;
      d.u.push_back(std::move(row));
    };
    emit();
    for (std::size_t m = 0; m < k; ++m) {
      const std::size_t j = order[m];
      if (up[j]) level[j] += jump;
      else level[j] -= jump;
      emit();
    }
  }
  map_design_values(d, params);
  return d;
}

}  // namespace entente::analysis
