// What travels between MPI ranks (sim/engine/distributed.cpp), kept free of
// MPI so it is tested in every build:
//
//  - ByteWriter / ByteReader: a flat little format of 64-bit integers,
//    doubles by their bit pattern (exact: NaN payloads, -0.0 and subnormals
//    survive) and length-prefixed strings. Ranks of one job run the same
//    binary on the same architecture, so the host byte order is the order.
//  - A finished block of runs, serialized as the runs it would have fed to a
//    BlockAccumulator (every variant's trace, bit for bit, in run order).
//    Rank 0 replays them into reducer.make_block() and absorbs that block in
//    block order, so the reduction performs exactly the same floating-point
//    operations in the same order as a single process: results are
//    byte-identical by construction, for every reducer, with no
//    reducer-specific wire code (docs/architecture.md, "MPI").
//  - InOrderBuffer: results arrive from ranks in any order; they are handed
//    on strictly in unit order.
#pragma once
#include <cstdint>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "sim/engine/ensemble.hpp"

namespace entente::distributed {

class ByteWriter {
 public:
  void u64(std::uint64_t v) { raw(&v, sizeof v); }
  void f64(double v) { raw(&v, sizeof v); }  // the bit pattern
  void f64s(const double* v, std::size_t n) { raw(v, n * sizeof(double)); }
  void str(std::string_view s) {
    u64(s.size());
    raw(s.data(), s.size());
  }
  std::string& bytes() { return out_; }
  std::string take() { return std::move(out_); }

 private:
  void raw(const void* p, std::size_t n) { out_.append(static_cast<const char*>(p), n); }
  std::string out_;
};

// Throws std::runtime_error when the bytes end early (a truncated message).
class ByteReader {
 public:
  explicit ByteReader(std::string_view in) : in_(in) {}
  std::uint64_t u64() {
    std::uint64_t v;
    raw(&v, sizeof v);
    return v;
  }
  double f64() {
    double v;
    raw(&v, sizeof v);
    return v;
  }
  void f64s(double* v, std::size_t n) { raw(v, n * sizeof(double)); }
  std::string str() {
    const std::uint64_t n = u64();
    need(n);
    std::string s(in_.substr(pos_, static_cast<std::size_t>(n)));
    pos_ += static_cast<std::size_t>(n);
    return s;
  }
  bool at_end() const { return pos_ == in_.size(); }

 private:
  void need(std::uint64_t n) const {
    if (n > in_.size() - pos_) throw std::runtime_error("distributed: truncated message");
  }
  void raw(void* p, std::size_t n) {
    need(n);
    std::memcpy(p, in_.data() + pos_, n);
    pos_ += n;
  }
  std::string_view in_;
  std::size_t pos_ = 0;
};

// A BlockAccumulator that keeps what it is fed, to be sent to rank 0.
class RecordedBlock final : public BlockAccumulator {
 public:
  RecordedBlock(std::uint64_t block, std::size_t variants, std::size_t trace_len);
  void add_run(std::uint64_t run, const double* const* traces) override;
  // block, variants, trace length, run count, then per run its index and
  // every variant's trace.
  std::string serialize() const;

 private:
  std::uint64_t block_;
  std::size_t variants_, trace_len_;
  std::vector<std::uint64_t> runs_;
  std::vector<double> values_;
};

// Feeds a serialized block's runs, in their order, to a fresh
// reducer.make_block() and returns that accumulator (ready to absorb).
// Throws std::runtime_error on a malformed message or one whose shape does
// not match (variants, trace length).
std::unique_ptr<BlockAccumulator> replay_block(std::string_view bytes, EnsembleReducer& reducer,
                                               std::size_t variants, std::size_t trace_len,
                                               std::uint64_t* block = nullptr);

// Results of units [first, first + count) arrive in any order; take() hands
// out the next units in order as soon as they are all there.
class InOrderBuffer {
 public:
  // A chunk's results from unit `first` on; a stopped chunk may hold fewer
  // than were asked for, or none (then nothing is kept).
  void put(std::uint64_t first, std::vector<std::string> results);
  // The next chunk in order, when it is there: its first unit and results
  // (the buffer moves past it).
  bool pop_ready(std::uint64_t& first, std::vector<std::string>& results);
  // Calls consume(unit, bytes) for every unit that is next in order; returns
  // how many it consumed.
  std::uint64_t drain(const std::function<void(std::uint64_t unit, std::string& bytes)>& consume);
  std::uint64_t next() const { return next_; }
  bool ready() const { return !pending_.empty() && pending_.begin()->first == next_; }
  std::size_t pending_chunks() const { return pending_.size(); }

 private:
  std::map<std::uint64_t, std::vector<std::string>> pending_;  // by first unit
  std::uint64_t next_ = 0;
};

// A run error as bytes (its key and message) and back, so a worker's failing
// run is reported by rank 0 exactly as a single process reports it.
std::string encode_error(const std::exception_ptr& error);
[[noreturn]] void rethrow_decoded_error(std::string_view bytes);

}  // namespace entente::distributed
