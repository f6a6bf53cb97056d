// The sweep results database (SQLite through analysis/sqlite/; schema in
// docs/outputs.md). Each wave of finished points is written in one
// transaction, so a killed sweep leaves whole points, never half of one, and
// --resume continues from them. Format version 2 is written; version 1
// (text policy and outcome in every row, every statistic stored) is still
// read for analysis, never written to.
#pragma once
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace entente::analysis {

struct SweepParameterRow {
  std::string name, kind, distribution;  // kind: "uncertainty" or "lever"; distribution as JSON
};

// One point's statistics for a policy, an outcome and a year. Policy and
// outcome are indices (into the sweep's policies and the scenario's outcomes,
// the ids of the database's `policies` and `outcomes` tables): a point has
// hundreds of rows, and two strings each were a large part of its cost.
struct SweepResultRow {
  std::uint64_t point = 0;
  std::uint32_t policy = 0, outcome = 0;
  double year = 0;
  std::uint64_t n = 0;
  double mean = 0, sd = 0, p05 = 0, p25 = 0, p50 = 0, p75 = 0, p95 = 0, min = 0, max = 0;
};

// Why a file that is not entente's sweep database is refused.
inline constexpr const char* kNotSweepDatabase = "not a sweep database written by entente sweep";

// What verify_digests() found: points whose result rows no longer match the
// digest committed with them, and finished points from before digests.
struct DigestCheck {
  std::vector<std::uint64_t> damaged;
  std::size_t checked = 0, undigested = 0;
};

// The statistics a sweep stores per point, policy, outcome and year over the
// point's replicates (the columns of its stats table): mean, sd, p05, p25,
// p50, p75, p95, min, max.
const std::vector<std::string>& point_statistics();

class SweepDatabase {
 public:
  // Opens (creating if needed) the database file. Throws std::runtime_error.
  explicit SweepDatabase(const std::string& path);
  ~SweepDatabase();
  SweepDatabase(const SweepDatabase&) = delete;
  SweepDatabase& operator=(const SweepDatabase&) = delete;

  bool initialized() const;  // has a manifest
  std::string manifest_value(const std::string& key) const;  // "" when absent
  // The format version of the tables (2 for a new file; 1 for a file
  // written by an older entente, which is read but never written).
  int layout_version() const;
  // Writes manifest, parameters, the policy and outcome names (ids in their
  // order) and design in one transaction (a new sweep).
  void initialize(const std::vector<std::pair<std::string, std::string>>& manifest,
                  const std::vector<SweepParameterRow>& parameters, const std::vector<std::string>& policies,
                  const std::vector<std::string>& outcomes, const std::vector<std::vector<double>>& x,
                  const std::vector<std::vector<double>>& u);
  // Before a sweep writes points: write-ahead log with commits that are not
  // flushed to the disk one by one (kill -9 safe; see docs/outputs.md).
  void begin_writing();
  // After the last point: the log folded back into the file and the file
  // back in rollback-journal mode, flushed: one self-contained file.
  void finish_writing();
  std::set<std::uint64_t> finished_points() const;
  // One transaction: the rows of these points and their status.
  void commit_points(const std::vector<std::uint64_t>& points, const std::vector<SweepResultRow>& rows);
  // Appends a line to the session log (timings live here, outside the results).
  void log_session(const std::string& started_utc, const std::string& finished_utc, std::uint64_t points_done,
                   double wall_seconds, int threads);

  // Every finished point's rows against its digest (one read of the results).
  DigestCheck verify_digests() const;
  // Throws std::runtime_error naming the damaged points (the first five).
  void require_intact() const;

  // Reading back (analysis).
  std::vector<std::string> parameter_names() const;
  std::uint64_t point_count() const;
  std::vector<std::vector<double>> design_values(bool unit) const;  // [point][parameter]
  // Mean over replicates per point (NaN for points without a row).
  std::vector<double> point_means(const std::string& policy, const std::string& outcome, double year) const;
  // Any statistic a point stores over its replicates, one of
  // point_statistics() (else std::invalid_argument); NaN where no row.
  std::vector<double> point_values(const std::string& policy, const std::string& outcome, double year,
                                   const std::string& statistic) const;
  // A canonical text dump of the result tables (manifest, parameters, design,
  // points, results), ordered by key: what "identical databases" means.
  std::string canonical_dump() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace entente::analysis
