#include "sim/engine/distributed_wire.hpp"

#include <exception>

namespace entente::distributed {

RecordedBlock::RecordedBlock(std::uint64_t block, std::size_t variants, std::size_t trace_len)
    : block_(block), variants_(variants), trace_len_(trace_len) {
  runs_.reserve(static_cast<std::size_t>(kBlockRuns));
  values_.reserve(static_cast<std::size_t>(kBlockRuns) * variants * trace_len);
}

void RecordedBlock::add_run(std::uint64_t run, const double* const* traces) {
  runs_.push_back(run);
  for (std::size_t v = 0; v < variants_; ++v) values_.insert(values_.end(), traces[v], traces[v] + trace_len_);
}

std::string RecordedBlock::serialize() const {
  ByteWriter w;
  w.bytes().reserve(32 + runs_.size() * 8 + values_.size() * sizeof(double));
  w.u64(block_);
  w.u64(variants_);
  w.u64(trace_len_);
  w.u64(runs_.size());
  const std::size_t per_run = variants_ * trace_len_;
  for (std::size_t i = 0; i < runs_.size(); ++i) {
    w.u64(runs_[i]);
    w.f64s(values_.data() + i * per_run, per_run);
  }
  return w.take();
}

std::unique_ptr<BlockAccumulator> replay_block(std::string_view bytes, EnsembleReducer& reducer, std::size_t variants,
                                               std::size_t trace_len, std::uint64_t* block) {
  ByteReader r(bytes);
  const std::uint64_t b = r.u64();
  if (r.u64() != variants || r.u64() != trace_len)
    throw std::runtime_error("distributed: a block of a different shape (variants or outcomes) arrived");
  const std::uint64_t n_runs = r.u64();
  if (n_runs > kBlockRuns) throw std::runtime_error("distributed: a block with too many runs arrived");
  std::vector<double> traces(variants * trace_len);
  std::vector<const double*> ptrs(variants);
  for (std::size_t v = 0; v < variants; ++v) ptrs[v] = traces.data() + v * trace_len;
  auto acc = reducer.make_block();
  for (std::uint64_t i = 0; i < n_runs; ++i) {
    const std::uint64_t run = r.u64();
    r.f64s(traces.data(), traces.size());
    acc->add_run(run, ptrs.data());
  }
  if (!r.at_end()) throw std::runtime_error("distributed: trailing bytes after a block");
  if (block) *block = b;
  return acc;
}

void InOrderBuffer::put(std::uint64_t first, std::vector<std::string> results) {
  // A chunk stopped before its first unit finished: nothing to hand on, and
  // the units from `first` on will never be consumed.
  if (results.empty()) return;
  if (first < next_ || pending_.count(first)) throw std::logic_error("distributed: a chunk arrived twice");
  pending_.emplace(first, std::move(results));
}

bool InOrderBuffer::pop_ready(std::uint64_t& first, std::vector<std::string>& results) {
  if (!ready()) return false;
  auto node = pending_.extract(pending_.begin());
  first = node.key();
  results = std::move(node.mapped());
  next_ += results.size();
  return true;
}

std::uint64_t InOrderBuffer::drain(const std::function<void(std::uint64_t, std::string&)>& consume) {
  std::uint64_t n = 0, first = 0;
  std::vector<std::string> results;
  while (pop_ready(first, results)) {
    for (std::size_t i = 0; i < results.size(); ++i) consume(first + i, results[i]);
    n += results.size();
  }
  return n;
}

namespace {
constexpr std::uint64_t kRunErrorKind = 1, kOtherErrorKind = 2;
}

std::string encode_error(const std::exception_ptr& error) {
  ByteWriter w;
  try {
    std::rethrow_exception(error);
  } catch (const RunError& e) {
    w.u64(kRunErrorKind);
    w.u64(e.key().seed);
    w.u64(e.key().design_point);
    w.u64(e.key().run);
    w.str(e.what());
  } catch (const std::exception& e) {
    w.u64(kOtherErrorKind);
    w.str(e.what());
  } catch (...) {
    w.u64(kOtherErrorKind);
    w.str("unknown error");
  }
  return w.take();
}

void rethrow_decoded_error(std::string_view bytes) {
  ByteReader r(bytes);
  if (r.u64() == kRunErrorKind) {
    RunKey key;
    key.seed = r.u64();
    key.design_point = r.u64();
    key.run = r.u64();
    throw RunError(r.str(), key);
  }
  throw std::runtime_error(r.str());
}

}  // namespace entente::distributed
