#include "sim/engine/ensemble.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <exception>
#include <stdexcept>
#include <thread>
#include <vector>

namespace entente {

int resolve_threads(int threads) {
  if (threads > 0) return threads;
  const unsigned hw = std::thread::hardware_concurrency();
  return hw == 0 ? 1 : static_cast<int>(hw);
}

std::uint64_t run_ensemble(const CompiledScenario& sc, const EnsembleOptions& opt, EnsembleReducer& reducer) {
  return run_ensemble(std::vector<const CompiledScenario*>{&sc}, opt, reducer);
}

std::uint64_t run_ensemble(const std::vector<const CompiledScenario*>& variants, const EnsembleOptions& opt,
                           EnsembleReducer& reducer) {
  if (variants.empty()) throw std::invalid_argument("run_ensemble: no scenario");
  const CompiledScenario& sc = *variants.front();
  for (const auto* v : variants)
    if (v->n_steps != sc.n_steps || v->outcomes.size() != sc.outcomes.size())
      throw std::invalid_argument("run_ensemble: variants differ in steps or outcomes");
  const std::size_t n_variants = variants.size();
  const int threads = resolve_threads(opt.threads);
  const std::uint64_t n_blocks = (opt.runs + kBlockRuns - 1) / kBlockRuns;
  // A wave is a few blocks per thread: enough to balance load, small enough
  // that progress and interruption respond quickly and memory stays flat.
  const std::uint64_t wave_blocks = static_cast<std::uint64_t>(std::max(4 * threads, 8));
  const std::size_t trace_len = static_cast<std::size_t>(sc.n_steps + 1) * sc.outcomes.size();

  tbb::task_arena arena(threads);
  std::vector<std::unique_ptr<BlockAccumulator>> wave(static_cast<std::size_t>(wave_blocks));
  std::uint64_t done = 0;
  for (std::uint64_t first = 0; first < n_blocks; first += wave_blocks) {
    if (opt.stop && opt.stop->load()) break;
    const std::uint64_t count = std::min(wave_blocks, n_blocks - first);
    // One slot per block: the error reported is the lowest run's, whatever
    // the scheduling.
    std::vector<std::exception_ptr> errors(static_cast<std::size_t>(count));
    arena.execute([&] {
      tbb::parallel_for(tbb::blocked_range<std::uint64_t>(0, count, 1), [&](const auto& range) {
        RunState state;
        std::vector<double> traces(trace_len * n_variants);
        std::vector<const double*> trace_ptrs(n_variants);
        for (std::size_t v = 0; v < n_variants; ++v) trace_ptrs[v] = traces.data() + v * trace_len;
        for (std::uint64_t b = range.begin(); b != range.end(); ++b) {
          auto acc = reducer.make_block();
          const std::uint64_t block = first + b;
          const std::uint64_t begin = block * kBlockRuns;
          const std::uint64_t end = std::min(opt.runs, begin + kBlockRuns);
          try {
            for (std::uint64_t r = begin; r < end; ++r) {
              for (std::size_t v = 0; v < n_variants; ++v)
                run_trace(*variants[v], {opt.seed, opt.design_point, r}, state, traces.data() + v * trace_len);
              acc->add_run(r, trace_ptrs.data());
            }
          } catch (...) {
            errors[static_cast<std::size_t>(b)] = std::current_exception();
          }
          wave[static_cast<std::size_t>(b)] = std::move(acc);
        }
      });
    });
    for (const auto& e : errors)
      if (e) std::rethrow_exception(e);
    for (std::uint64_t b = 0; b < count; ++b) {
      reducer.absorb(*wave[static_cast<std::size_t>(b)]);
      wave[static_cast<std::size_t>(b)].reset();
      done = std::min(opt.runs, (first + b + 1) * kBlockRuns);
    }
    if (opt.on_progress) opt.on_progress(done);
  }
  return done;
}

}  // namespace entente
