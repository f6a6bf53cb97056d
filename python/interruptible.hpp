// Runs engine work off the Python main thread with the GIL released, so a
// notebook stays responsive and the engine keeps all its threads, while the
// main thread wakes every 50 ms (GIL held briefly) to let Python run its
// signal handlers (Ctrl-C raises KeyboardInterrupt there) and to report
// progress. On an exception from a handler the engine's stop flag is set,
// the work is joined (it polls the flag between runs, so within a second)
// and the exception propagates; nothing of the stopped work is returned.
#pragma once
#include <pybind11/pybind11.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

namespace entente::python {

namespace py = pybind11;

// `work(stop, done)` computes the result; it must poll `stop` and may store
// its progress in `done`. `progress` (None or a callable taking the count
// done) is called on the main thread with the GIL held.
template <typename Work>
auto run_interruptible(Work&& work, const py::object& progress) {
  using Result = decltype(work(std::declval<const std::atomic<bool>&>(), std::declval<std::atomic<std::uint64_t>&>()));
  std::atomic<bool> stop{false};
  std::atomic<std::uint64_t> done{0};
  std::optional<Result> result;
  std::exception_ptr error;
  std::mutex m;
  std::condition_variable cv;
  bool finished = false;
  std::thread worker;
  {
    py::gil_scoped_release release;
    worker = std::thread([&] {
      try {
        result.emplace(work(stop, done));
      } catch (...) {
        error = std::current_exception();
      }
      std::lock_guard<std::mutex> lock(m);
      finished = true;
      cv.notify_all();
    });
  }
  auto stop_and_join = [&] {
    stop = true;
    py::gil_scoped_release release;
    worker.join();
  };
  std::uint64_t reported = 0;
  for (;;) {
    bool over = false;
    {
      py::gil_scoped_release release;
      std::unique_lock<std::mutex> lock(m);
      over = cv.wait_for(lock, std::chrono::milliseconds(50), [&] { return finished; });
    }
    if (over) break;
    if (PyErr_CheckSignals() != 0) {
      py::error_already_set raised;  // takes the pending KeyboardInterrupt
      stop_and_join();
      throw raised;
    }
    const std::uint64_t now = done.load();
    if (!progress.is_none() && now != reported) {
      try {
        progress(now);
      } catch (...) {
        stop_and_join();
        throw;
      }
      reported = now;
    }
  }
  {
    py::gil_scoped_release release;
    worker.join();
  }
  if (error) std::rethrow_exception(error);
  if (!progress.is_none() && done.load() != reported) progress(done.load());
  return std::move(*result);
}

}  // namespace entente::python
