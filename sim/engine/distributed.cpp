#include "sim/engine/distributed.hpp"

#include <algorithm>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <map>
#include <mutex>

#include "sim/engine/block_runs.hpp"
#include "sim/engine/distributed_wire.hpp"
#include "sim/util/env_hooks.hpp"

#if ENTENTE_WITH_MPI
#include <fcntl.h>
#include <sys/prctl.h>
#include <csignal>
#include <mpi.h>
#include <unistd.h>

#include <chrono>
#include <climits>
#include <condition_variable>
#include <thread>
#endif

namespace entente::distributed {

std::vector<std::string> compute_chunk(std::uint64_t count, int threads, const std::atomic<bool>* stop,
                                       const std::function<bool(std::uint64_t i, std::string& out)>& task) {
  std::vector<std::string> out(static_cast<std::size_t>(count));
  std::vector<char> done(static_cast<std::size_t>(count), 0);
  // No stop for run_in_waves itself: it would drop the whole chunk (one
  // wave); each task polls instead, so the finished units are kept.
  run_in_waves(
      count, threads, count,
      [&](std::uint64_t i) {
        if (stop && stop->load()) return;
        done[static_cast<std::size_t>(i)] = task(i, out[static_cast<std::size_t>(i)]) ? 1 : 0;
      },
      [](std::uint64_t, std::uint64_t) {}, nullptr);
  const auto first_unfinished = std::find(done.begin(), done.end(), 0);
  out.resize(static_cast<std::size_t>(first_unfinished - done.begin()));
  return out;
}

std::vector<std::string> compute_blocks(const std::vector<const CompiledScenario*>& variants,
                                        const EnsembleOptions& opt, std::uint64_t first, std::uint64_t count) {
  const CompiledScenario& sc = *variants.front();
  const std::size_t trace_len = static_cast<std::size_t>(sc.n_steps + 1) * sc.outcomes.size();
  return compute_chunk(count, opt.threads, opt.stop, [&](std::uint64_t i, std::string& out) {
    const std::uint64_t block = first + i;
    RecordedBlock rec(block, variants.size(), trace_len);
    if (!run_block(variants, opt, block, [&](std::uint64_t r, const double* const* traces) { rec.add_run(r, traces); }))
      return false;
    out = rec.serialize();
    return true;
  });
}

std::uint64_t run_ensemble_distributed(const std::vector<const CompiledScenario*>& variants,
                                       const EnsembleOptions& opt, EnsembleReducer& reducer) {
  const CompiledScenario& sc = *variants.front();
  const std::size_t trace_len = static_cast<std::size_t>(sc.n_steps + 1) * sc.outcomes.size();
  WorkPlan plan;
  plan.units = (opt.runs + kBlockRuns - 1) / kBlockRuns;
  // A few blocks per thread of the asking rank.
  plan.chunk = static_cast<std::uint64_t>(std::max(2 * resolve_threads(opt.threads), 2));
  plan.stop = opt.stop;
  std::uint64_t runs_done = 0;
  const std::uint64_t blocks = distribute(
      plan, [&](std::uint64_t first, std::uint64_t count) { return compute_blocks(variants, opt, first, count); },
      [&](std::uint64_t, std::string& bytes) {
        auto acc = replay_block(bytes, reducer, variants.size(), trace_len);
        bytes = std::string();
        reducer.absorb(*acc);
        runs_done = std::min(opt.runs, runs_done + kBlockRuns);
        if (opt.on_progress) opt.on_progress(runs_done);
      });
  return std::min(opt.runs, blocks * kBlockRuns);
}

namespace {

// One rank: chunk by chunk, in order.
[[maybe_unused]] std::uint64_t distribute_locally(const WorkPlan& plan, const ComputeFn& compute,
                                                  const ConsumeFn& consume) {
  const std::uint64_t chunk = std::max<std::uint64_t>(plan.chunk, 1);
  InOrderBuffer buffer;
  for (std::uint64_t first = 0; first < plan.units; first += chunk) {
    if (plan.stop && plan.stop->load()) break;
    buffer.put(first, compute(first, std::min(chunk, plan.units - first)));
    buffer.drain(consume);
  }
  return buffer.next();
}

}  // namespace

#if !ENTENTE_WITH_MPI

bool built_with_mpi() { return false; }
void init(int&, char**&) {}
void finalize() {}
void abort_job(const std::string& message, int code) { throw Error(message, code); }
int rank() { return 0; }
int ranks() { return 1; }
void broadcast(std::string&, int failure) {
  if (failure != 0) throw PeerFailed(failure);
}
std::uint64_t distribute(const WorkPlan& plan, const ComputeFn& compute, const ConsumeFn& consume) {
  return distribute_locally(plan, compute, consume);
}

#else

namespace {

bool g_initialized = false;  // by init(), so finalize() is ours to call
int g_rank = 0, g_size = 1;

// kStopped: like kResult, but the rank was stopped (SIGINT/SIGTERM) inside
// the chunk and sends only the units it finished before; rank 0 stops
// handing out work, as on its own stop.
enum Tag : int { kRequest = 101, kResult = 102, kError = 103, kAssign = 104, kStopped = 105 };
// Requests a worker keeps open (see run_worker).
constexpr int kDepth = 2;

bool launched_by_mpi() {
  if (const char* force = env_hook(EnvHook::kMpi)) return std::string(force) != "0";
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE", "MPI_LOCALNRANKS"})
    if (std::getenv(v)) return true;
  return false;
}

// Open MPI busy-polls inside blocking calls, which takes a core from the
// compute threads; waiting here polls and sleeps instead.
void nap() { std::this_thread::sleep_for(std::chrono::microseconds(50)); }

void send_bytes(const std::string& bytes, int dest, int tag) {
  if (bytes.size() > static_cast<std::size_t>(INT_MAX))
    throw std::runtime_error("distributed: a message over 2 GiB; use more ranks or fewer --threads per rank");
  MPI_Request request;
  MPI_Isend(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, dest, tag, MPI_COMM_WORLD, &request);
  for (int done = 0;;) {
    MPI_Test(&request, &done, MPI_STATUS_IGNORE);
    if (done) return;
    nap();
  }
}

// Receives the message `status` announced (from MPI_Probe / MPI_Iprobe).
std::string recv_bytes(const MPI_Status& status) {
  int n = 0;
  MPI_Get_count(&status, MPI_BYTE, &n);
  std::string bytes(static_cast<std::size_t>(n), '\0');
  MPI_Recv(bytes.data(), n, MPI_BYTE, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  return bytes;
}

std::string recv_from(int source, int tag) {
  MPI_Status status;
  for (int flag = 0;;) {
    MPI_Iprobe(source, tag, MPI_COMM_WORLD, &flag, &status);
    if (flag) return recv_bytes(status);
    nap();
  }
}

std::string chunk_message(std::uint64_t first, std::uint64_t count) {
  ByteWriter w;
  w.u64(first);
  w.u64(count);
  return w.take();
}

// The closing collective of distribute(): every rank learns how many units
// were consumed and whether the work failed.
std::uint64_t finish(std::uint64_t consumed, int failure) {
  std::uint64_t msg[2] = {consumed, static_cast<std::uint64_t>(failure)};
  MPI_Bcast(msg, 2, MPI_UINT64_T, 0, MPI_COMM_WORLD);
  if (g_rank != 0 && msg[1] != 0) throw PeerFailed(static_cast<int>(msg[1]));
  return msg[0];
}

// Fault injection for tests/mpi: ENTENTE_MPI_TEST_DIE=R:N makes rank R kill
// itself (SIGKILL, as a crashed or OOM-killed node would end) when it is
// assigned its N-th chunk (N from 1).
std::uint64_t die_at_chunk() {
  const char* spec = env_hook(EnvHook::kMpiTestDie);
  if (!spec) return 0;
  const std::string s = spec;
  const std::size_t colon = s.find(':');
  if (colon == std::string::npos || std::stoi(s.substr(0, colon)) != g_rank) return 0;
  return std::stoull(s.substr(colon + 1));
}

std::uint64_t run_worker(const WorkPlan& plan, const ComputeFn& compute) {
  const std::uint64_t die_at = die_at_chunk();
  std::uint64_t chunks = 0;
  ByteWriter request;
  request.u64(plan.chunk);
  const std::string request_bytes = request.take();
  // kDepth requests open at all times: the next chunk is already here when
  // one is done, so no round trip to rank 0 is ever waited for.
  for (int i = 0; i < kDepth; ++i) send_bytes(request_bytes, 0, kRequest);
  int open = kDepth;
  while (open > 0) {
    const std::string assign = recv_from(0, kAssign);
    --open;
    ByteReader assign_reader(assign);
    const std::uint64_t first = assign_reader.u64();
    const std::uint64_t count = assign_reader.u64();
    if (count == 0) continue;  // no more work: every later answer says so too
    if (++chunks == die_at) ::raise(SIGKILL);
    std::string reply;
    int tag = kResult;
    try {
      auto results = compute(first, count);
      if (results.size() < count) tag = kStopped;
      ByteWriter w;
      w.u64(first);
      w.u64(results.size());
      for (const auto& r : results) w.str(r);
      reply = w.take();
    } catch (...) {
      ByteWriter w;
      w.u64(first);
      w.str(encode_error(std::current_exception()));
      reply = w.take();
      tag = kError;
    }
    send_bytes(reply, 0, tag);  // also asks for the next chunk
    ++open;
  }
  return finish(0, 0);
}

// Rank 0 runs three threads: this one (the only MPI caller) answers requests
// and receives results; `local` computes chunks like any rank; `consumer`
// hands results on in unit order (absorbing blocks, committing points), so a
// slow consume (a database commit) never keeps the other ranks waiting.
std::uint64_t run_coordinator(const WorkPlan& plan, const ComputeFn& compute, const ConsumeFn& consume) {
  std::mutex mu;
  std::condition_variable cv;  // a result arrived, or no more will
  InOrderBuffer buffer;
  std::uint64_t next = 0;
  bool dispense = true;
  std::map<std::uint64_t, std::string> errors;  // first unit of the failed chunk -> encoded error
  bool local_done = false, arrivals_over = false, consume_failed = false;
  std::string consume_error;

  // Under mu: the next chunk of at most `want` units, or 0 when there is none.
  auto take_chunk = [&](std::uint64_t want, std::uint64_t& first) -> std::uint64_t {
    if (!dispense || next >= plan.units) return 0;
    first = next;
    const std::uint64_t count = std::min(std::max<std::uint64_t>(want, 1), plan.units - next);
    next += count;
    return count;
  };
  auto put = [&](std::uint64_t first, std::vector<std::string> results) {
    {
      std::lock_guard<std::mutex> lock(mu);
      buffer.put(first, std::move(results));
    }
    cv.notify_one();
  };

  std::thread local([&] {
    for (;;) {
      std::uint64_t first = 0, count = 0;
      {
        std::lock_guard<std::mutex> lock(mu);
        count = take_chunk(plan.chunk, first);
      }
      if (count == 0) break;
      try {
        auto results = compute(first, count);
        const bool stopped = results.size() < count;
        put(first, std::move(results));
        if (stopped) {
          std::lock_guard<std::mutex> lock(mu);
          dispense = false;
        }
      } catch (...) {
        const std::string e = encode_error(std::current_exception());
        std::lock_guard<std::mutex> lock(mu);
        errors.emplace(first, e);
        dispense = false;
      }
    }
    std::lock_guard<std::mutex> lock(mu);
    local_done = true;
  });

  std::thread consumer([&] {
    for (;;) {
      std::uint64_t first = 0;
      std::vector<std::string> results;
      {
        std::unique_lock<std::mutex> lock(mu);
        cv.wait(lock, [&] { return buffer.ready() || arrivals_over; });
        if (!buffer.pop_ready(first, results)) return;  // nothing more will come in order
      }
      try {
        for (std::size_t i = 0; i < results.size(); ++i) consume(first + i, results[i]);
      } catch (const std::exception& e) {
        std::lock_guard<std::mutex> lock(mu);
        consume_failed = true;
        consume_error = e.what();
        dispense = false;
        return;
      }
    }
  });

  // Units handed to each rank (ENTENTE_MPI_STATS=1 prints them: the load balance).
  std::vector<std::uint64_t> given(static_cast<std::size_t>(g_size), 0);
  std::vector<std::uint64_t> want(static_cast<std::size_t>(g_size), 1);
  // A worker is done when all kDepth of its open requests were answered "no more".
  std::vector<int> refused(static_cast<std::size_t>(g_size), 0);
  int active = g_size - 1;
  try {
    for (;;) {
      {
        std::lock_guard<std::mutex> lock(mu);
        if (plan.stop && plan.stop->load()) dispense = false;
        if (consume_failed) throw std::runtime_error(consume_error);
        if (active == 0 && local_done) {
          arrivals_over = true;
          break;
        }
      }
      int flag = 0;
      MPI_Status status;
      MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status);
      if (!flag) {
        nap();
        continue;
      }
      const int source = status.MPI_SOURCE;
      const std::string msg = recv_bytes(status);
      ByteReader r(msg);
      if (status.MPI_TAG == kRequest) {
        want[static_cast<std::size_t>(source)] = r.u64();
      } else if (status.MPI_TAG == kResult || status.MPI_TAG == kStopped) {
        const std::uint64_t first = r.u64();
        std::vector<std::string> results(static_cast<std::size_t>(r.u64()));
        for (auto& res : results) res = r.str();
        put(first, std::move(results));
        if (status.MPI_TAG == kStopped) {
          std::lock_guard<std::mutex> lock(mu);
          dispense = false;
        }
      } else if (status.MPI_TAG == kError) {
        const std::uint64_t first = r.u64();
        std::string e = r.str();
        std::lock_guard<std::mutex> lock(mu);
        errors.emplace(first, std::move(e));
        dispense = false;
      } else {
        throw std::runtime_error("distributed: unexpected message tag " + std::to_string(status.MPI_TAG));
      }
      std::uint64_t first = 0, count = 0;
      {
        std::lock_guard<std::mutex> lock(mu);
        count = take_chunk(want[static_cast<std::size_t>(source)], first);
      }
      given[static_cast<std::size_t>(source)] += count;
      send_bytes(chunk_message(first, count), source, kAssign);
      if (count == 0 && ++refused[static_cast<std::size_t>(source)] == kDepth) --active;
    }
  } catch (const std::exception& e) {
    // Consuming failed on rank 0 (e.g. writing the database): the other
    // ranks are waiting for chunks, so end the whole job.
    abort_job(e.what(), kRuntimeFailure);
  }
  cv.notify_one();
  local.join();
  consumer.join();
  if (consume_failed) {
    abort_job(consume_error, kRuntimeFailure);
  }
  const std::uint64_t consumed = buffer.next();
  if (const char* stats = env_hook(EnvHook::kMpiStats); stats && std::string(stats) != "0") {
    given[0] = next;
    for (std::size_t r = 1; r < given.size(); ++r) given[0] -= given[r];
    std::cerr << "entente: units per rank:";
    for (std::size_t r = 0; r < given.size(); ++r) std::cerr << " " << r << ":" << given[r];
    std::cerr << " (" << plan.units << " units, " << consumed << " consumed)\n";
  }
  finish(consumed, errors.empty() ? 0 : 1);
  if (!errors.empty()) rethrow_decoded_error(errors.begin()->second);
  return consumed;
}

}  // namespace

bool built_with_mpi() { return true; }

void init(int& argc, char**& argv) {
  if (!launched_by_mpi()) return;
  int already = 0;
  MPI_Initialized(&already);
  if (already) return;
  int provided = 0;
  // Only the main thread calls MPI; TBB threads and rank 0's compute thread never do.
  MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
  g_initialized = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &g_rank);
  MPI_Comm_size(MPI_COMM_WORLD, &g_size);
  // A rank must not outlive its launcher: when mpirun (or the daemon that
  // started this rank) dies, even by kill -9, the kernel sends SIGTERM,
  // which stops this rank like Ctrl-C (the finished units are kept, nothing
  // more is computed). Checked once after, for a launcher that died before.
  const pid_t launcher = ::getppid();
  ::prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (::getppid() != launcher) ::raise(SIGTERM);
  if (g_rank != 0) {
    // Only rank 0 prints; the others' failures reach it as messages.
    std::cout.flush();
    std::cerr.flush();
    const int null = ::open("/dev/null", O_WRONLY);
    if (null >= 0) {
      ::dup2(null, 1);
      ::dup2(null, 2);
      ::close(null);
    }
  }
}

void finalize() {
  if (!g_initialized) return;
  int finalized = 0;
  MPI_Finalized(&finalized);
  if (!finalized) MPI_Finalize();
  g_initialized = false;
}

void abort_job(const std::string& message, int code) {
  if (!g_initialized) throw Error(message, code);
  std::cerr << "entente: error: " << message << "\n";
  std::cerr.flush();
  MPI_Abort(MPI_COMM_WORLD, code);
  std::abort();  // MPI_Abort does not return; [[noreturn]] is kept if it did
}

int rank() { return g_rank; }
int ranks() { return g_size; }

void broadcast(std::string& bytes, int failure) {
  if (g_size == 1) {
    if (failure != 0) throw PeerFailed(failure);
    return;
  }
  std::uint64_t head[2] = {static_cast<std::uint64_t>(failure), bytes.size()};
  MPI_Bcast(head, 2, MPI_UINT64_T, 0, MPI_COMM_WORLD);
  if (head[0] != 0) {
    if (g_rank != 0) throw PeerFailed(static_cast<int>(head[0]));
    return;
  }
  if (head[1] > static_cast<std::uint64_t>(INT_MAX)) throw std::runtime_error("distributed: a broadcast over 2 GiB");
  bytes.resize(static_cast<std::size_t>(head[1]));
  MPI_Bcast(bytes.data(), static_cast<int>(head[1]), MPI_BYTE, 0, MPI_COMM_WORLD);
}

std::uint64_t distribute(const WorkPlan& plan, const ComputeFn& compute, const ConsumeFn& consume) {
  if (g_size == 1) return distribute_locally(plan, compute, consume);
  return g_rank == 0 ? run_coordinator(plan, compute, consume) : run_worker(plan, compute);
}

#endif

}  // namespace entente::distributed
