#include "sim/engine/ensemble.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <exception>
#include <stdexcept>
#include <thread>
#include <vector>

#include "sim/engine/block_runs.hpp"
#include "sim/engine/distributed.hpp"

// ThreadSanitizer cannot see the synchronization inside Debian's libtbb (it
// is not instrumented) and reports TBB's own fork/join as races. TSan builds
// therefore run each wave on plain std::threads that take task indices from
// an atomic counter: the task bodies, the data they share and the commit
// order are exactly those of the TBB path, and TSan sees every
// synchronization (thread start, join, atomics). tests/sanitizers/README.md.
#if defined(__SANITIZE_THREAD__)
#define ENTENTE_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define ENTENTE_TSAN 1
#endif
#endif

namespace entente {

int resolve_threads(int threads) {
  // TBB never runs more workers than the hardware has; say so in manifests.
  const unsigned hw_raw = std::thread::hardware_concurrency();
  const int hw = hw_raw == 0 ? 1 : static_cast<int>(hw_raw);
  return threads > 0 ? std::min(threads, hw) : hw;
}

std::uint64_t run_in_waves(std::uint64_t n, int threads, std::uint64_t wave,
                           const std::function<void(std::uint64_t)>& task,
                           const std::function<void(std::uint64_t, std::uint64_t)>& commit,
                           const std::atomic<bool>* stop) {
#ifdef ENTENTE_TSAN
  const int workers = resolve_threads(threads);
#else
  tbb::task_arena arena(resolve_threads(threads));
#endif
  std::uint64_t done = 0;
  for (std::uint64_t first = 0; first < n; first += wave) {
    if (stop && stop->load()) break;
    const std::uint64_t count = std::min(wave, n - first);
    // One slot per task: the error reported is the lowest index's, whatever
    // the scheduling.
    std::vector<std::exception_ptr> errors(static_cast<std::size_t>(count));
    auto run_task = [&](std::uint64_t i) {
      if (stop && stop->load()) return;  // interrupted: the wave is dropped below
      try {
        task(first + i);
      } catch (...) {
        errors[static_cast<std::size_t>(i)] = std::current_exception();
      }
    };
#ifdef ENTENTE_TSAN
    std::atomic<std::uint64_t> next{0};
    auto worker = [&] {
      for (std::uint64_t i = next.fetch_add(1); i < count; i = next.fetch_add(1)) run_task(i);
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < workers; ++t) pool.emplace_back(worker);
    worker();
    for (auto& th : pool) th.join();
#else
    arena.execute([&] {
      tbb::parallel_for(tbb::blocked_range<std::uint64_t>(0, count, 1), [&](const auto& range) {
        for (std::uint64_t i = range.begin(); i != range.end(); ++i) run_task(i);
      });
    });
#endif
    // Stopped during the wave: some of its tasks did not run or stopped
    // early, so it is dropped, never committed.
    if (stop && stop->load()) break;
    for (const auto& e : errors)
      if (e) std::rethrow_exception(e);
    commit(first, count);
    done = first + count;
  }
  return done;
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
  if (opt.distribute && distributed::ranks() > 1) return distributed::run_ensemble_distributed(variants, opt, reducer);
  const int threads = resolve_threads(opt.threads);
  const std::uint64_t n_blocks = (opt.runs + kBlockRuns - 1) / kBlockRuns;
  // A wave is a few blocks per thread: enough to balance load, small enough
  // that progress and interruption respond quickly and memory stays flat.
  const std::uint64_t wave_blocks = static_cast<std::uint64_t>(std::max(4 * threads, 8));
  std::vector<std::unique_ptr<BlockAccumulator>> wave(static_cast<std::size_t>(wave_blocks));
  std::uint64_t runs_done = 0;
  auto block_task = [&](std::uint64_t block) {
    auto acc = reducer.make_block();
    // Stopped inside the block: it is dropped with the rest of its wave.
    if (!run_block(variants, opt, block,
                   [&](std::uint64_t r, const double* const* traces) { acc->add_run(r, traces); }))
      return;
    wave[static_cast<std::size_t>(block % wave_blocks)] = std::move(acc);
  };
  auto absorb_wave = [&](std::uint64_t first, std::uint64_t count) {
    for (std::uint64_t b = first; b < first + count; ++b) {
      auto& acc = wave[static_cast<std::size_t>(b % wave_blocks)];
      reducer.absorb(*acc);
      acc.reset();
    }
    runs_done = std::min(opt.runs, (first + count) * kBlockRuns);
    if (opt.on_progress) opt.on_progress(runs_done);
  };
  run_in_waves(n_blocks, threads, wave_blocks, block_task, absorb_wave, opt.stop);
  return runs_done;
}

}  // namespace entente
