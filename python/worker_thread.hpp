// One long-lived thread that runs one task at a time for its owner, so a
// caller that hands work off the Python main thread many times (a
// model_function called once per design point) does not start a cold thread
// for every call: the worker keeps its stack, its malloc arena and its
// caches between tasks, as a sweep's thread does between points.
//
// The worker never touches Python (no GIL), so its owner may be destroyed
// with or without the GIL held, at interpreter exit included; the destructor
// stops the thread and joins it (it is idle then: every task is waited for
// before its submitter returns). After fork() the child has the object but
// not the thread; the first use in the child abandons the parent's state
// (its mutex may be in any state, its thread is not there to join) and
// starts a thread of its own.
#pragma once
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace entente::python {

class WorkerThread {
 public:
  WorkerThread() = default;
  WorkerThread(const WorkerThread&) = delete;
  WorkerThread& operator=(const WorkerThread&) = delete;
  ~WorkerThread() {
    if (!state_) return;
    if (state_->owner != getpid()) {
      (void)state_.release();  // the parent's: nothing here to stop or join
      return;
    }
    {
      std::lock_guard<std::mutex> lock(state_->m);
      state_->quit = true;
    }
    state_->cv.notify_all();
    state_->thread.join();
  }

  // Starts `task` on the worker (the thread itself on the first call) and
  // returns at once. False, and nothing started, when the worker is still
  // busy with an earlier task (another Python thread calling the same owner):
  // the caller then runs the task elsewhere. Callers are serialized (the
  // GIL): creating the thread on the first call is not guarded.
  bool try_submit(std::function<void()> task) {
    if (state_ && state_->owner != getpid()) (void)state_.release();  // forked: see above
    if (!state_) {
      state_ = std::make_unique<State>();
      State* s = state_.get();
      s->thread = std::thread([s] { loop(*s); });
    }
    {
      std::lock_guard<std::mutex> lock(state_->m);
      if (state_->busy) return false;
      state_->busy = true;
      state_->task = std::move(task);
    }
    state_->cv.notify_all();
    return true;
  }

  // Waits up to `timeout` for the task to finish; true when it has (the
  // task has returned and been destroyed, so what it referenced is free).
  bool wait_for(std::chrono::milliseconds timeout) {
    std::unique_lock<std::mutex> lock(state_->m);
    return state_->cv.wait_for(lock, timeout, [&] { return !state_->busy; });
  }

  void wait() {
    std::unique_lock<std::mutex> lock(state_->m);
    state_->cv.wait(lock, [&] { return !state_->busy; });
  }

 private:
  struct State {
    std::mutex m;
    std::condition_variable cv;  // a task or quit for the worker; idle for the submitter
    std::function<void()> task;
    bool busy = false;
    bool quit = false;
    pid_t owner = getpid();
    std::thread thread;
  };

  static void loop(State& s) {
    std::unique_lock<std::mutex> lock(s.m);
    for (;;) {
      s.cv.wait(lock, [&] { return s.quit || s.task; });
      if (s.quit) return;
      std::function<void()> task = std::move(s.task);
      s.task = nullptr;
      lock.unlock();
      try {
        task();  // the submitter's task catches and keeps its own errors
      } catch (...) {
        // Not reached with run_interruptible's task; an escaped exception
        // would otherwise end the process (std::terminate) instead of one call.
      }
      task = nullptr;
      lock.lock();
      s.busy = false;
      s.cv.notify_all();
    }
  }

  std::unique_ptr<State> state_;
};

}  // namespace entente::python
