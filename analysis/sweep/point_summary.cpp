#include "analysis/sweep/point_summary.hpp"

#include <algorithm>
#include <cmath>

namespace entente::analysis {

namespace {

// The lower-rank quantile x_(floor(q (n - 1))), the definition the sketches use.
double lower_quantile(const std::vector<double>& sorted, double q) {
  const auto idx = static_cast<std::size_t>(std::floor(q * static_cast<double>(sorted.size() - 1)));
  return sorted[idx];
}

}  // namespace

std::size_t conditioned_particle(std::uint64_t replicate, std::uint64_t replicates, std::size_t particles) {
  const auto n = static_cast<std::uint64_t>(particles);
  if (replicates > n) return static_cast<std::size_t>(replicate % n);
  // floor((r + 1/2) N / R) in integers.
  return static_cast<std::size_t>(((2 * replicate + 1) * n) / (2 * replicates));
}

std::vector<SweepResultRow> summarize_point(const PointJob& job, std::uint64_t point, const PointOverrides& overrides) {
  const CompiledScenario& first = *job.variants.front();
  const std::size_t n_out = first.outcomes.size();
  const std::size_t trace_len = static_cast<std::size_t>(first.n_steps + 1) * n_out;
  const std::size_t n_rep = static_cast<std::size_t>(job.replicates);
  // values[((v * n_out + o) * n_steps_reported + s) * n_rep + r]
  const std::size_t n_s = job.report_steps.size();
  std::vector<double> values(job.variants.size() * n_out * n_s * n_rep);
  std::vector<double> trace(trace_len);
  RunState state;
  for (std::size_t r = 0; r < n_rep; ++r) {
    // Stopped: the caller drops this point (run_in_waves drops its wave).
    if (job.stop && job.stop->load()) return {};
    for (std::size_t v = 0; v < job.variants.size(); ++v) {
      try {
        // ...and within the run, per step (a stop returns no rows).
        bool completed;
        if (job.starts) {
          const std::size_t p = conditioned_particle(r, job.replicates, job.starts->size());
          // The past is the particle's; the design's levers act from the origin on.
          RunState start = (*job.starts)[p];
          for (const auto& [lever, value] : overrides.levers) start.lever_override[lever] = value;
          completed = run_trace_from(*job.variants[v], {job.seed, 0, r}, start, (*job.start_prefixes)[p].data(),
                                     state, trace.data(), job.stop);
        } else {
          completed = run_trace(*job.variants[v], {job.seed, 0, r}, state, trace.data(), &overrides, job.stop);
        }
        if (!completed) return {};
      } catch (const RunError& e) {
        // The run key keeps design point 0 (common random numbers across
        // points), so say which point's values made the run fail.
        throw RunError("sweep point " + std::to_string(point) + ": " + e.what(), e.key());
      }
      for (std::size_t o = 0; o < n_out; ++o)
        for (std::size_t s = 0; s < n_s; ++s)
          values[((v * n_out + o) * n_s + s) * n_rep + r] = trace[job.report_steps[s] * n_out + o];
    }
  }
  std::vector<SweepResultRow> rows;
  std::vector<double> sorted(n_rep);
  for (std::size_t v = 0; v < job.variants.size(); ++v) {
    for (std::size_t o = 0; o < n_out; ++o) {
      for (std::size_t s = 0; s < n_s; ++s) {
        const double* x = &values[((v * n_out + o) * n_s + s) * n_rep];
        double mean = 0;
        for (std::size_t r = 0; r < n_rep; ++r) mean += x[r];
        mean /= static_cast<double>(n_rep);
        double ss = 0;
        for (std::size_t r = 0; r < n_rep; ++r) ss += (x[r] - mean) * (x[r] - mean);
        std::copy(x, x + n_rep, sorted.begin());
        std::sort(sorted.begin(), sorted.end());
        SweepResultRow row;
        row.point = point;
        row.policy = static_cast<std::uint32_t>(v);
        row.outcome = static_cast<std::uint32_t>(o);
        row.year = first.years[job.report_steps[s]];
        row.n = n_rep;
        row.mean = mean;
        row.sd = n_rep > 1 ? std::sqrt(ss / static_cast<double>(n_rep - 1)) : 0.0;
        row.p05 = lower_quantile(sorted, 0.05);
        row.p25 = lower_quantile(sorted, 0.25);
        row.p50 = lower_quantile(sorted, 0.5);
        row.p75 = lower_quantile(sorted, 0.75);
        row.p95 = lower_quantile(sorted, 0.95);
        row.min = sorted.front();
        row.max = sorted.back();
        rows.push_back(std::move(row));
      }
    }
  }
  return rows;
}

}  // namespace entente::analysis
