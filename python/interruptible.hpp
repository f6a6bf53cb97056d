// Runs engine work off the Python main thread with the GIL released, so a
// notebook stays responsive and the engine keeps all its threads, while the
// main thread wakes every 50 ms (GIL held briefly) to let Python run its
// signal handlers (Ctrl-C raises KeyboardInterrupt there) and to report
// progress. On an exception from a handler the engine's stop flag is set,
// the work is waited for (it polls the flag between runs, so within a
// second) and the exception propagates; nothing of the stopped work is
// returned.
#pragma once
#include <pybind11/pybind11.h>

#include <atomic>
#include <chrono>
#include <exception>
#include <optional>

#include "python/worker_thread.hpp"

namespace entente::python {

namespace py = pybind11;

// `work(stop, done)` computes the result; it must poll `stop` and may store
// its progress in `done`. `progress` (None or a callable taking the count
// done) is called on the main thread with the GIL held. The work runs on
// `worker` (a model_function's persistent thread), or on a thread of its own
// when `worker` is null or busy with another Python thread's call.
template <typename Work>
auto run_interruptible(Work&& work, const py::object& progress, WorkerThread* worker = nullptr) {
  using Result = decltype(work(std::declval<const std::atomic<bool>&>(), std::declval<std::atomic<std::uint64_t>&>()));
  std::atomic<bool> stop{false};
  std::atomic<std::uint64_t> done{0};
  std::optional<Result> result;
  std::exception_ptr error;
  // Only the worker writes result and error, before it reports the task
  // finished (under its mutex); this thread reads them after.
  auto task = [&] {
    try {
      result.emplace(work(stop, done));
    } catch (...) {
      error = std::current_exception();
    }
  };
  // Submitted with the GIL held: it serializes the Python threads that may
  // call the same model_function (try_submit's first call creates the
  // thread, unguarded), and submitting takes microseconds.
  std::optional<WorkerThread> own;  // destroyed (joined) before this returns
  if (worker == nullptr || !worker->try_submit(task)) {
    worker = &own.emplace();
    worker->try_submit(task);  // a fresh worker is never busy
  }
  auto stop_and_wait = [&] {
    stop = true;
    py::gil_scoped_release release;
    worker->wait();
  };
  std::uint64_t reported = 0;
  for (;;) {
    bool over = false;
    {
      py::gil_scoped_release release;
      over = worker->wait_for(std::chrono::milliseconds(50));
    }
    if (over) break;
    if (PyErr_CheckSignals() != 0) {
      py::error_already_set raised;  // takes the pending KeyboardInterrupt
      stop_and_wait();
      throw raised;
    }
    const std::uint64_t now = done.load();
    if (!progress.is_none() && now != reported) {
      try {
        progress(now);
      } catch (...) {
        stop_and_wait();
        throw;
      }
      reported = now;
    }
  }
  if (error) std::rethrow_exception(error);
  if (!progress.is_none() && done.load() != reported) progress(done.load());
  return std::move(*result);
}

}  // namespace entente::python
