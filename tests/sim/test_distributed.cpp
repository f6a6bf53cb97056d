// The pieces of the MPI distribution that need no MPI: the wire format is
// exact (every double bit for bit), a serialized block replayed into a
// reducer and absorbed in block order gives the single-process summary (for
// run and compare reducers, whatever order the blocks arrive in), results
// are handed on in unit order, errors keep their run key, and sweep rows
// survive the trip. tests/mpi/ runs the same commands under mpirun.
#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>

#include "analysis/compare/compare_writers.hpp"
#include "analysis/compare/paired_comparison.hpp"
#include "analysis/summary/ensemble_summary.hpp"
#include "analysis/sweep/sweep_wire.hpp"
#include "analysis/writers/summary_writers.hpp"
#include "sim/engine/distributed.hpp"
#include "sim/engine/distributed_wire.hpp"
#include "sim/engine/ensemble.hpp"
#include "support/fixtures.hpp"

using namespace entente;
using namespace entente::distributed;

namespace {

const LoadedScenario& default_scenario() {
  static const LoadedScenario loaded =
      load_scenario({test::source_path("scenarios/sino_russia_2035.yaml"), {}, {}}, builtin_registry());
  return loaded;
}

std::uint64_t bits(double x) {
  std::uint64_t b;
  std::memcpy(&b, &x, sizeof b);
  return b;
}

std::string summary_bytes(const analysis::EnsembleSummary& s) {
  return analysis::summary_csv(s) + analysis::thresholds_csv(s) + analysis::summary_json(s).dump();
}

// Blocks computed in chunks of `chunk`, delivered in a shuffled chunk order
// (as ranks would send them), put back in order and absorbed by `reducer`.
void absorb_shuffled(const std::vector<const CompiledScenario*>& variants, const EnsembleOptions& opt,
                     EnsembleReducer& reducer, std::uint64_t chunk, std::uint64_t shuffle_seed) {
  const CompiledScenario& sc = *variants.front();
  const std::size_t trace_len = static_cast<std::size_t>(sc.n_steps + 1) * sc.outcomes.size();
  const std::uint64_t n_blocks = (opt.runs + kBlockRuns - 1) / kBlockRuns;
  std::vector<std::uint64_t> firsts;
  for (std::uint64_t f = 0; f < n_blocks; f += chunk) firsts.push_back(f);
  std::mt19937_64 rng(shuffle_seed);
  std::shuffle(firsts.begin(), firsts.end(), rng);
  InOrderBuffer buffer;
  std::uint64_t absorbed = 0;
  for (std::uint64_t f : firsts) {
    buffer.put(f, compute_blocks(variants, opt, f, std::min(chunk, n_blocks - f)));
    buffer.drain([&](std::uint64_t unit, std::string& bytes) {
      std::uint64_t block = 0;
      auto acc = replay_block(bytes, reducer, variants.size(), trace_len, &block);
      CHECK(block == unit);
      reducer.absorb(*acc);
      ++absorbed;
    });
  }
  CHECK(absorbed == n_blocks);
}

}  // namespace

TEST_CASE("the wire keeps every double bit for bit, integers and strings", "[distributed][wire]") {
  const std::vector<double> values = {0.0,
                                      -0.0,
                                      1.0 / 3.0,
                                      -2.5e-310,  // subnormal
                                      std::numeric_limits<double>::denorm_min(),
                                      std::numeric_limits<double>::max(),
                                      std::numeric_limits<double>::lowest(),
                                      std::numeric_limits<double>::infinity(),
                                      -std::numeric_limits<double>::infinity(),
                                      std::numeric_limits<double>::quiet_NaN(),
                                      std::nextafter(1.0, 2.0)};
  ByteWriter w;
  w.u64(0xFFFFFFFFFFFFFFFFull);
  w.str("");
  w.str(std::string("with\0nul", 8));
  for (double v : values) w.f64(v);
  w.f64s(values.data(), values.size());
  const std::string bytes = w.take();
  ByteReader r(bytes);
  CHECK(r.u64() == 0xFFFFFFFFFFFFFFFFull);
  CHECK(r.str().empty());
  CHECK(r.str() == std::string("with\0nul", 8));
  for (double v : values) CHECK(bits(r.f64()) == bits(v));
  std::vector<double> back(values.size());
  r.f64s(back.data(), back.size());
  for (std::size_t i = 0; i < values.size(); ++i) CHECK(bits(back[i]) == bits(values[i]));
  CHECK(r.at_end());
  // A truncated message is an error, not a read past the end.
  ByteReader cut(std::string_view(bytes).substr(0, bytes.size() - 3));
  cut.u64();
  cut.str();
  cut.str();
  for (std::size_t i = 0; i < values.size(); ++i) cut.f64();
  std::vector<double> rest(values.size());
  CHECK_THROWS_AS(cut.f64s(rest.data(), rest.size()), std::runtime_error);
}

TEST_CASE("serialized blocks replayed in block order give the single-process summary", "[distributed][determinism]") {
  auto sc = compile_for_policy(default_scenario(), builtin_registry(), "");
  EnsembleOptions opt;
  opt.seed = 42;
  opt.runs = 1000;  // 16 blocks, the last one partial
  opt.threads = 2;
  analysis::EnsembleSummary direct(*sc);
  REQUIRE(run_ensemble(*sc, opt, direct) == 1000);
  const std::string expected = summary_bytes(direct);
  for (std::uint64_t chunk : {1, 3, 16}) {
    INFO("chunk " << chunk);
    analysis::EnsembleSummary replayed(*sc);
    absorb_shuffled({sc.get()}, opt, replayed, chunk, chunk * 7 + 1);
    CHECK(replayed.grid().runs() == 1000);
    CHECK(summary_bytes(replayed) == expected);
  }
  // On one rank the distributed entry point is the same computation.
  analysis::EnsembleSummary one_rank(*sc);
  REQUIRE(ranks() == 1);
  CHECK(run_ensemble_distributed({sc.get()}, opt, one_rank) == 1000);
  CHECK(summary_bytes(one_rank) == expected);
}

TEST_CASE("a paired comparison replayed from serialized blocks is byte-identical", "[distributed][determinism][compare]") {
  auto a = compile_for_policy(default_scenario(), builtin_registry(), "baseline");
  auto b = compile_for_policy(default_scenario(), builtin_registry(), "maximum_pressure");
  const std::vector<const CompiledScenario*> variants = {a.get(), b.get()};
  const std::vector<std::size_t> steps = {static_cast<std::size_t>(a->n_steps)};
  EnsembleOptions opt;
  opt.seed = 5;
  opt.runs = 300;
  opt.threads = 1;
  analysis::PairedComparison direct(variants, steps);
  REQUIRE(run_ensemble(variants, opt, direct) == 300);
  analysis::PairedComparison replayed(variants, steps);
  absorb_shuffled(variants, opt, replayed, 2, 99);
  analysis::CompareContext ctx;
  ctx.loaded = &default_scenario();
  ctx.seed = 5;
  ctx.report_steps = steps;
  CHECK(analysis::compare_csv(replayed) == analysis::compare_csv(direct));
  CHECK(analysis::compare_json(replayed, ctx).dump() == analysis::compare_json(direct, ctx).dump());
}

TEST_CASE("a block of another shape is refused", "[distributed][wire]") {
  RecordedBlock rec(3, 1, 4);
  const double trace[4] = {1, 2, 3, 4};
  const double* ptrs[1] = {trace};
  rec.add_run(192, ptrs);
  const std::string bytes = rec.serialize();
  auto sc = compile_for_policy(default_scenario(), builtin_registry(), "");
  analysis::EnsembleSummary s(*sc);
  CHECK_THROWS_AS(replay_block(bytes, s, 1, 5), std::runtime_error);
  CHECK_THROWS_AS(replay_block(bytes, s, 2, 4), std::runtime_error);
  CHECK_THROWS_AS(replay_block(std::string_view(bytes).substr(0, bytes.size() - 1), s, 1, 4), std::runtime_error);
}

TEST_CASE("the in-order buffer hands out units in order whatever the arrival order", "[distributed]") {
  InOrderBuffer buffer;
  std::vector<std::uint64_t> seen;
  auto consume = [&](std::uint64_t unit, std::string& bytes) {
    CHECK(bytes == "u" + std::to_string(unit));
    seen.push_back(unit);
  };
  auto chunk = [](std::uint64_t first, std::uint64_t count) {
    std::vector<std::string> v;
    for (std::uint64_t i = first; i < first + count; ++i) v.push_back("u" + std::to_string(i));
    return v;
  };
  buffer.put(5, chunk(5, 2));
  CHECK(buffer.drain(consume) == 0);
  buffer.put(2, chunk(2, 3));
  CHECK(buffer.drain(consume) == 0);
  buffer.put(0, chunk(0, 2));
  CHECK(buffer.drain(consume) == 7);
  CHECK(buffer.next() == 7);
  CHECK(seen == std::vector<std::uint64_t>{0, 1, 2, 3, 4, 5, 6});
  CHECK_THROWS_AS(buffer.put(3, chunk(3, 1)), std::logic_error);  // already consumed
  // A chunk stopped before its first unit finished holds nothing: ignored.
  buffer.put(9, {});
  CHECK(buffer.pending_chunks() == 0);
  // A stopped chunk's finished prefix is consumed; the gap after it is never
  // crossed (units 8 and later stay unconsumed: rank 0 commits in order).
  buffer.put(7, chunk(7, 1));
  buffer.put(9, chunk(9, 1));
  CHECK(buffer.drain(consume) == 1);
  CHECK(buffer.next() == 8);
}

TEST_CASE("a stopped chunk keeps the prefix of units finished before the stop", "[distributed]") {
  std::atomic<bool> stop{false};
  // Unit 5 is cut short by the stop; units after it see the flag and do not start.
  const auto out = compute_chunk(10, 1, &stop, [&](std::uint64_t i, std::string& result) {
    if (i == 5) {
      stop = true;
      return false;
    }
    result = "unit " + std::to_string(i);
    return true;
  });
  REQUIRE(out.size() == 5);
  CHECK(out.front() == "unit 0");
  CHECK(out.back() == "unit 4");
  stop = false;
  CHECK(compute_chunk(4, 2, &stop, [](std::uint64_t, std::string& r) { r = "x"; return true; }).size() == 4);
}

TEST_CASE("distribute on one rank consumes every unit in order and stops when asked", "[distributed]") {
  REQUIRE(ranks() == 1);
  WorkPlan plan;
  plan.units = 10;
  plan.chunk = 3;
  std::vector<std::uint64_t> seen;
  auto compute = [](std::uint64_t first, std::uint64_t count) {
    return std::vector<std::string>(static_cast<std::size_t>(count), std::to_string(first));
  };
  CHECK(distribute(plan, compute, [&](std::uint64_t u, std::string&) { seen.push_back(u); }) == 10);
  CHECK(seen.size() == 10);
  CHECK(std::is_sorted(seen.begin(), seen.end()));
  std::atomic<bool> stop{true};
  plan.stop = &stop;
  CHECK(distribute(plan, compute, [](std::uint64_t, std::string&) {}) == 0);
}

TEST_CASE("a run error crosses the wire with its key and message", "[distributed][wire]") {
  const std::string bytes = encode_error(std::make_exception_ptr(RunError("outcome x is NaN", {7, 3, 1234})));
  try {
    rethrow_decoded_error(bytes);
    FAIL("no exception");
  } catch (const RunError& e) {
    CHECK(std::string(e.what()) == "outcome x is NaN");
    CHECK(e.key().seed == 7);
    CHECK(e.key().design_point == 3);
    CHECK(e.key().run == 1234);
  }
  const std::string other = encode_error(std::make_exception_ptr(std::runtime_error("disk full")));
  CHECK_THROWS_WITH(rethrow_decoded_error(other), "disk full");
}

TEST_CASE("sweep point rows survive the wire exactly", "[distributed][wire][sweep]") {
  std::vector<analysis::SweepResultRow> rows(3);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto& r = rows[i];
    r.point = 40 + i;
    r.policy = i == 2 ? 0 : 3;
    r.outcome = 4000000000u - static_cast<std::uint32_t>(i);
    r.year = 2021.25 + static_cast<double>(i);
    r.n = 16;
    r.mean = 1.0 / 7.0;
    r.sd = std::numeric_limits<double>::quiet_NaN();
    r.p05 = -0.0;
    r.p25 = 2.5e-310;
    r.p50 = 0.5;
    r.p75 = std::nextafter(0.75, 1.0);
    r.p95 = 1e300;
    r.min = -1e-300;
    r.max = 3.0;
  }
  std::vector<analysis::SweepResultRow> back;
  analysis::decode_point_rows(analysis::encode_point_rows(rows), back);
  REQUIRE(back.size() == rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto &a = rows[i], &b = back[i];
    CHECK(a.point == b.point);
    CHECK(a.policy == b.policy);
    CHECK(a.outcome == b.outcome);
    CHECK(a.n == b.n);
    for (auto m : {&analysis::SweepResultRow::year, &analysis::SweepResultRow::mean, &analysis::SweepResultRow::sd,
                   &analysis::SweepResultRow::p05, &analysis::SweepResultRow::p25, &analysis::SweepResultRow::p50,
                   &analysis::SweepResultRow::p75, &analysis::SweepResultRow::p95, &analysis::SweepResultRow::min,
                   &analysis::SweepResultRow::max})
      CHECK(bits(a.*m) == bits(b.*m));
  }
}
