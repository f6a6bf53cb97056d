#include "analysis/design/rank_correlation.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

#include "sim/util/normal_quantile.hpp"

namespace entente::analysis {

namespace {

constexpr double kPi = 3.14159265358979323846;

// Order of the points by one column (ties by point index: deterministic).
std::vector<std::size_t> order_by(const Matrix& rows, std::size_t col) {
  std::vector<std::size_t> idx(rows.size());
  std::iota(idx.begin(), idx.end(), std::size_t{0});
  std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return rows[a][col] < rows[b][col]; });
  return idx;
}

Matrix pearson(const Matrix& rows) {
  const std::size_t n = rows.size(), k = rows.empty() ? 0 : rows[0].size();
  std::vector<double> mean(k, 0.0), sd(k, 0.0);
  for (const auto& r : rows)
    for (std::size_t j = 0; j < k; ++j) mean[j] += r[j];
  for (auto& m : mean) m /= static_cast<double>(n);
  Matrix c(k, std::vector<double>(k, 0.0));
  for (const auto& r : rows)
    for (std::size_t a = 0; a < k; ++a)
      for (std::size_t b = a; b < k; ++b) c[a][b] += (r[a] - mean[a]) * (r[b] - mean[b]);
  for (std::size_t j = 0; j < k; ++j) sd[j] = std::sqrt(c[j][j]);
  for (std::size_t a = 0; a < k; ++a) {
    for (std::size_t b = a; b < k; ++b) {
      const double den = sd[a] * sd[b];
      c[a][b] = a == b ? 1.0 : (den > 0 ? c[a][b] / den : 0.0);
      c[b][a] = c[a][b];
    }
  }
  return c;
}

void check_target(const Matrix& t, std::size_t k) {
  if (t.size() != k) throw std::invalid_argument("the target correlation matrix must be " + std::to_string(k) + " x " + std::to_string(k));
  for (std::size_t a = 0; a < k; ++a) {
    if (t[a].size() != k) throw std::invalid_argument("the target correlation matrix must be square");
    if (std::fabs(t[a][a] - 1.0) > 1e-12) throw std::invalid_argument("the target correlation matrix needs 1 on its diagonal");
    for (std::size_t b = 0; b < k; ++b) {
      if (!std::isfinite(t[a][b]) || t[a][b] < -1.0 || t[a][b] > 1.0)
        throw std::invalid_argument("target correlations must lie in [-1, 1]");
      if (std::fabs(t[a][b] - t[b][a]) > 1e-12) throw std::invalid_argument("the target correlation matrix must be symmetric");
    }
  }
  if (!cholesky(t)) throw std::invalid_argument("the target correlation matrix is not positive definite");
}

}  // namespace

std::optional<Matrix> cholesky(const Matrix& m, std::size_t* failed_row) {
  const std::size_t k = m.size();
  Matrix l(k, std::vector<double>(k, 0.0));
  for (std::size_t i = 0; i < k; ++i) {
    for (std::size_t j = 0; j <= i; ++j) {
      double s = m[i][j];
      for (std::size_t p = 0; p < j; ++p) s -= l[i][p] * l[j][p];
      if (i == j) {
        if (!(s > 1e-10)) {
          if (failed_row) *failed_row = i;
          return std::nullopt;
        }
        l[i][i] = std::sqrt(s);
      } else {
        l[i][j] = s / l[j][j];
      }
    }
  }
  return l;
}

Matrix spearman_correlation(const Matrix& rows) {
  const std::size_t n = rows.size(), k = rows.empty() ? 0 : rows[0].size();
  Matrix ranks(n, std::vector<double>(k));
  for (std::size_t j = 0; j < k; ++j) {
    const auto idx = order_by(rows, j);
    for (std::size_t a = 0; a < n;) {
      std::size_t b = a;
      while (b + 1 < n && rows[idx[b + 1]][j] == rows[idx[a]][j]) ++b;
      const double avg = 0.5 * static_cast<double>(a + b);  // average rank of a tie group
      for (std::size_t i = a; i <= b; ++i) ranks[idx[i]][j] = avg;
      a = b + 1;
    }
  }
  return pearson(ranks);
}

void apply_rank_correlation(Design& design, const Matrix& target_correlation) {
  if (design.kind != "lhs" && design.kind != "mc")
    throw std::invalid_argument("rank correlations apply to lhs and mc designs only; reordering the columns of a " +
                                design.kind + " design would break its structure");
  const std::size_t n = design.rows(), k = design.dimension();
  check_target(target_correlation, k);
  if (k < 2) return;
  if (n <= k)
    throw std::invalid_argument("rank correlations need more points than parameters (" + std::to_string(n) +
                                " points, " + std::to_string(k) + " parameters)");

  // Scores: the van der Waerden score of each value's rank in its column.
  Matrix scores(n, std::vector<double>(k));
  for (std::size_t j = 0; j < k; ++j) {
    const auto idx = order_by(design.u, j);
    for (std::size_t r = 0; r < n; ++r)
      scores[idx[r]][j] = standard_normal_quantile(static_cast<double>(r + 1) / static_cast<double>(n + 1));
  }
  // Normal scores with Pearson correlation rho have Spearman correlation
  // (6/pi) asin(rho/2); aim the scores at rho = 2 sin(pi s / 6) to land on s.
  Matrix aim = target_correlation;
  for (std::size_t a = 0; a < k; ++a)
    for (std::size_t b = 0; b < k; ++b)
      if (a != b) aim[a][b] = 2.0 * std::sin(kPi * target_correlation[a][b] / 6.0);
  auto p = cholesky(aim);
  if (!p) p = cholesky(target_correlation);  // the adjusted matrix lost definiteness: aim at the target itself
  const auto q = cholesky(pearson(scores));
  if (!q)
    throw std::invalid_argument("the design's columns are too strongly dependent for rank correlation (use more points)");

  // T = S Q^-T P^T, row by row: y = Q^-1 s (forward substitution), t = P y.
  Matrix t(n, std::vector<double>(k));
  std::vector<double> y(k);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t a = 0; a < k; ++a) {
      double v = scores[i][a];
      for (std::size_t b = 0; b < a; ++b) v -= (*q)[a][b] * y[b];
      y[a] = v / (*q)[a][a];
    }
    for (std::size_t a = 0; a < k; ++a) {
      double v = 0;
      for (std::size_t b = 0; b <= a; ++b) v += (*p)[a][b] * y[b];
      t[i][a] = v;
    }
  }
  // Give each column the rank order of its transformed scores.
  for (std::size_t j = 0; j < k; ++j) {
    const auto by_value = order_by(design.u, j);
    const auto by_target = order_by(t, j);
    std::vector<double> su(n), sx(n);
    for (std::size_t r = 0; r < n; ++r) {
      su[r] = design.u[by_value[r]][j];
      sx[r] = design.x[by_value[r]][j];
    }
    for (std::size_t r = 0; r < n; ++r) {
      design.u[by_target[r]][j] = su[r];
      design.x[by_target[r]][j] = sx[r];
    }
  }
}

}  // namespace entente::analysis
