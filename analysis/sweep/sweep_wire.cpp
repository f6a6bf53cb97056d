#include "analysis/sweep/sweep_wire.hpp"

#include <stdexcept>

#include "sim/engine/distributed_wire.hpp"

namespace entente::analysis {

std::string encode_point_rows(const std::vector<SweepResultRow>& rows) {
  distributed::ByteWriter w;
  w.u64(rows.size());
  for (const auto& r : rows) {
    w.u64(r.point);
    w.u64(r.policy);
    w.u64(r.outcome);
    w.f64(r.year);
    w.u64(r.n);
    for (double v : {r.mean, r.sd, r.p05, r.p25, r.p50, r.p75, r.p95, r.min, r.max}) w.f64(v);
  }
  return w.take();
}

void decode_point_rows(std::string_view bytes, std::vector<SweepResultRow>& out) {
  distributed::ByteReader r(bytes);
  const std::uint64_t n = r.u64();
  for (std::uint64_t i = 0; i < n; ++i) {
    SweepResultRow row;
    row.point = r.u64();
    row.policy = static_cast<std::uint32_t>(r.u64());
    row.outcome = static_cast<std::uint32_t>(r.u64());
    row.year = r.f64();
    row.n = r.u64();
    for (double* v : {&row.mean, &row.sd, &row.p05, &row.p25, &row.p50, &row.p75, &row.p95, &row.min, &row.max})
      *v = r.f64();
    out.push_back(std::move(row));
  }
  if (!r.at_end()) throw std::runtime_error("sweep: trailing bytes after a point's rows");
}

}  // namespace entente::analysis
