// One block of an ensemble, run by run: the loop that run_ensemble's block
// task (ensemble.cpp) and an MPI rank's chunk (distributed.cpp) share, so
// the runs, their keys and their trace layout cannot drift apart between a
// single process and a job over ranks (their outputs are compared byte for
// byte in tests/mpi).
#pragma once
#include <algorithm>
#include <cstdint>
#include <vector>

#include "sim/engine/ensemble.hpp"

namespace entente {

// Runs block `block` of `opt` for every variant, calling
// add_run(run, traces) with traces[v] the run's trace in `variants[v]`, in
// run order. *opt.stop is polled before every run and, inside run_trace,
// every step: a stop returns false at once and the block is incomplete (the
// caller drops it). AddRun: void(std::uint64_t, const double* const*).
template <typename AddRun>
bool run_block(const std::vector<const CompiledScenario*>& variants, const EnsembleOptions& opt,
               std::uint64_t block, AddRun&& add_run) {
  const std::size_t n_variants = variants.size();
  const CompiledScenario& sc = *variants.front();
  const std::size_t trace_len = static_cast<std::size_t>(sc.n_steps + 1) * sc.outcomes.size();
  RunState state;
  std::vector<double> traces(trace_len * n_variants);
  std::vector<const double*> trace_ptrs(n_variants);
  for (std::size_t v = 0; v < n_variants; ++v) trace_ptrs[v] = traces.data() + v * trace_len;
  const std::uint64_t begin = block * kBlockRuns;
  const std::uint64_t end = std::min(opt.runs, begin + kBlockRuns);
  for (std::uint64_t r = begin; r < end; ++r) {
    if (opt.stop && opt.stop->load()) return false;
    const RunKey key{opt.seed, opt.design_point, r};
    for (std::size_t v = 0; v < n_variants; ++v) {
      double* trace = traces.data() + v * trace_len;
      bool completed;
      if (opt.starts) {
        const std::size_t k = static_cast<std::size_t>(r % opt.starts->size());
        completed = run_trace_from(*variants[v], key, (*opt.starts)[k], (*opt.start_prefixes)[k].data(), state,
                                   trace, opt.stop);
      } else if (opt.start) {
        completed = run_trace_from(*variants[v], key, *opt.start, opt.start_prefix, state, trace, opt.stop);
      } else {
        completed = run_trace(*variants[v], key, state, trace, opt.point, opt.stop);
      }
      if (!completed) return false;
    }
    add_run(r, trace_ptrs.data());
  }
  return true;
}

}  // namespace entente
