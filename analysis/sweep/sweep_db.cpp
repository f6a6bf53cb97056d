#include "analysis/sweep/sweep_db.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <map>
#include <sstream>
#include <stdexcept>
#include <tuple>

#include "analysis/sqlite/statement.hpp"
#include "analysis/writers/number_format.hpp"
#include "sim/util/sha256.hpp"

namespace entente::analysis {

namespace {

// Format version 2 (docs/outputs.md, "The sweep database"). A point's rows
// are most of the file, so they are compact: integer ids for policy and
// outcome, no per-row n (the manifest's replicates), keyed by an integer id
// in (point, policy, outcome, year) order: point x rows_per_point (manifest)
// + the row's place in its point, so a wave's rows append to the table
// (a composite key cost two searches of the key per row, a third of a
// point's database time), and with one replicate only the
// mean (sd is 0 and every quantile is the value itself; the view `results`
// gives them back, so queries of version 1 still run).
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS manifest (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS parameters (idx INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,
                                       distribution TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS design (point INTEGER NOT NULL, param INTEGER NOT NULL, value REAL NOT NULL,
                                   unit_value REAL NOT NULL, PRIMARY KEY (point, param)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS points (point INTEGER PRIMARY KEY, status TEXT NOT NULL, digest TEXT);
CREATE TABLE IF NOT EXISTS policies (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS outcomes (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS stats (id INTEGER PRIMARY KEY, point INTEGER NOT NULL, policy INTEGER NOT NULL,
                                  outcome INTEGER NOT NULL, year NUMERIC NOT NULL, mean REAL, sd REAL, p05 REAL,
                                  p25 REAL, p50 REAL, p75 REAL, p95 REAL, min REAL, max REAL);
CREATE TABLE IF NOT EXISTS sessions (id INTEGER PRIMARY KEY AUTOINCREMENT, started_utc TEXT, finished_utc TEXT,
                                     points_done INTEGER, wall_seconds REAL, threads INTEGER);
CREATE VIEW IF NOT EXISTS results AS
  SELECT s.point AS point, p.name AS policy, o.name AS outcome, s.year AS year, r.n AS n, s.mean AS mean,
         CASE WHEN r.n = 1 THEN 0.0 ELSE s.sd END AS sd,
         CASE WHEN r.n = 1 THEN s.mean ELSE s.p05 END AS p05, CASE WHEN r.n = 1 THEN s.mean ELSE s.p25 END AS p25,
         CASE WHEN r.n = 1 THEN s.mean ELSE s.p50 END AS p50, CASE WHEN r.n = 1 THEN s.mean ELSE s.p75 END AS p75,
         CASE WHEN r.n = 1 THEN s.mean ELSE s.p95 END AS p95, CASE WHEN r.n = 1 THEN s.mean ELSE s.min END AS min,
         CASE WHEN r.n = 1 THEN s.mean ELSE s.max END AS max
  FROM stats s JOIN policies p ON p.id = s.policy JOIN outcomes o ON o.id = s.outcome,
       (SELECT CAST(value AS INTEGER) AS n FROM manifest WHERE key = 'replicates') r;
)sql";

// Format version 1, as an older entente created it (read, never created).
constexpr const char* kSchemaV1Digest = "ALTER TABLE points ADD COLUMN digest TEXT";

// What either version creates: a database holding anything else is another program's.
constexpr const char* kSchemaObjects[] = {"manifest", "parameters", "design",   "points",   "results",
                                          "sessions", "design_wide", "policies", "outcomes", "stats"};

std::string foreign_objects_query() {
  std::string q = "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name NOT IN (";
  for (const char* name : kSchemaObjects) q += std::string(q.back() == '(' ? "'" : ", '") + name + "'";
  return q + ")";
}

using sqlite::Statement;

// A point's digest in format version 1 (docs/outputs.md, "Sweep
// databases"): SHA-256 over its result rows in key order (policy, outcome,
// year), each field as its exact bits: text as is, integers in decimal, reals
// as the hex of their 8 bytes (NULL, SQLite's NaN, as "N"). Only checked: a
// version 1 file is never written to.
class PointDigestV1 {
 public:
  void text(const std::string& t) { buf_ += t + '\x1f'; }
  void integer(std::int64_t v) { buf_ += std::to_string(v) + '\x1f'; }
  void real(double v) {
    if (std::isnan(v)) {
      buf_ += "N\x1f";
      return;
    }
    std::uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(bits));
    buf_ += std::string(hex) + '\x1f';
  }
  void end_row() { buf_ += '\n'; }
  std::string hex() const { return sha256_hex(buf_); }

 private:
  std::string buf_;
};

// A point's digest in format version 2: SHA-256 over the sweep's names key
// (below), then the point's `stats` rows in key order, each as bytes: policy
// and outcome ids (4 bytes each, little-endian), the year's 8 bytes, then each
// statistic column as 'N' (NULL) or 'R' and its 8 bytes. Binary, where
// version 1 printed every value as hex text: the text and printf were most of
// a point's digest cost. Zero is hashed as +0 (SQLite stores a real -0 as the
// integer 0 and reads it back as +0).
class PointDigest {
 public:
  explicit PointDigest(const std::string& names_key) : buf_(names_key) {}
  void id(std::uint32_t v) {
    for (int i = 0; i < 4; ++i) buf_ += static_cast<char>((v >> (8 * i)) & 0xff);
  }
  void real(double v) {
    if (v == 0) v = 0.0;
    std::uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    for (int i = 0; i < 8; ++i) buf_ += static_cast<char>((bits >> (8 * i)) & 0xff);
  }
  void stat(double v) {
    if (std::isnan(v)) {
      buf_ += 'N';
      return;
    }
    buf_ += 'R';
    real(v);
  }
  void null() { buf_ += 'N'; }
  std::string hex() const { return sha256_hex(buf_); }

 private:
  std::string buf_;
};

// With one replicate only the mean is stored (the view derives the rest).
bool stores_spread(const SweepResultRow& r) { return r.n > 1; }

std::string digest_of_rows(const std::string& names_key, std::vector<const SweepResultRow*> rows) {
  auto key_less = [](const SweepResultRow* a, const SweepResultRow* b) {
    return std::tie(a->policy, a->outcome, a->year) < std::tie(b->policy, b->outcome, b->year);
  };
  if (!std::is_sorted(rows.begin(), rows.end(), key_less)) std::sort(rows.begin(), rows.end(), key_less);
  PointDigest d(names_key);
  for (const SweepResultRow* r : rows) {
    d.id(r->policy);
    d.id(r->outcome);
    d.real(r->year);
    d.stat(r->mean);
    if (stores_spread(*r)) {
      for (double v : {r->sd, r->p05, r->p25, r->p50, r->p75, r->p95, r->min, r->max}) d.stat(v);
    } else {
      for (int i = 0; i < 8; ++i) d.null();
    }
  }
  return d.hex();
}

}  // namespace

struct SweepDatabase::Impl {
  sqlite3* db = nullptr;
  std::string path;
  int layout = 2;
  std::string names_key;  // "" until computed (version 2)
  std::int64_t per_point = 0;  // 0 until read

  std::int64_t rows_per_point() {
    if (per_point > 0) return per_point;
    Statement st(db, "SELECT value FROM manifest WHERE key = 'rows_per_point'");
    if (st.step()) per_point = std::stoll(st.text(0));
    if (per_point <= 0) throw std::runtime_error(path + ": no rows_per_point in the manifest");
    return per_point;
  }

  void exec(const char* sql) { sqlite::exec(db, path, sql); }

  // What the rows of every point depend on besides their own values: the
  // names behind the ids and the replicates the view derives from. A
  // renamed outcome changes what every row means, so it is in every digest.
  const std::string& key() {
    if (!names_key.empty()) return names_key;
    std::string buf = "entente-sweep-2\n";
    for (const char* table : {"policies", "outcomes"}) {
      buf += std::string(table) + '\n';
      Statement st(db, (std::string("SELECT id, name FROM ") + table + " ORDER BY id").c_str());
      while (st.step()) buf += std::to_string(st.integer(0)) + '\x1f' + st.text(1) + '\n';
    }
    Statement r(db, "SELECT value FROM manifest WHERE key = 'replicates'");
    buf += "replicates\x1f" + (r.step() ? r.text(0) : std::string()) + '\n';
    names_key = sha256_hex(buf);
    return names_key;
  }
};

SweepDatabase::SweepDatabase(const std::string& path) : impl_(std::make_unique<Impl>()) {
  impl_->path = path;
  // One thread at a time uses a connection (the sweep commits waves one by
  // one), so SQLite's own per-call mutex is not needed (it was 2% of a sweep).
  impl_->db = sqlite::open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, 5000);
  auto close = [&] {  // the destructor does not run for a constructor that throws
    sqlite3_close(impl_->db);
    impl_->db = nullptr;
  };
  bool foreign = false;
  try {
    // Full synchronous commits until a sweep calls begin_writing(); the
    // rollback journal undoes a half-written transaction.
    impl_->exec("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;");
    // Another program's database is refused before anything is added to it.
    {
      Statement other(impl_->db, foreign_objects_query().c_str());
      other.step();
      foreign = other.integer(0) > 0;
    }
    // A file of format version 1 has `results` as a table (version 2: a
    // view over `stats`). It is read as it is; nothing of version 2 is added.
    if (!foreign) {
      Statement v1(impl_->db, "SELECT count(*) FROM sqlite_master WHERE name = 'results' AND type = 'table'");
      v1.step();
      impl_->layout = v1.integer(0) > 0 ? 1 : 2;
    }
    // One transaction, so a kill leaves either no tables or all of them.
    if (!foreign && impl_->layout == 2) {
      // A new file is a sweep's (readers refuse a missing or empty one): the
      // write-ahead log from its first transaction spares the schema's and
      // the design's commits their flushes (a kill before the design is
      // committed resumes from point 0 anyway).
      bool fresh = false;
      {
        Statement objects(impl_->db, "SELECT count(*) FROM sqlite_master");
        objects.step();
        fresh = objects.integer(0) == 0;
      }  // finalized: a statement open is a transaction open, and WAL cannot start inside one
      if (fresh) impl_->exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
      impl_->exec("BEGIN IMMEDIATE");
      impl_->exec(kSchema);
      impl_->exec("COMMIT");
    } else if (!foreign) {
      // A version 1 file from before the digests: the column is added, its
      // finished points stay without one (verify_digests counts them).
      Statement cols(impl_->db, "SELECT count(*) FROM pragma_table_info('points') WHERE name = 'digest'");
      cols.step();
      if (cols.integer(0) == 0) impl_->exec(kSchemaV1Digest);
    }
  } catch (const std::exception& e) {
    close();
    throw std::runtime_error(std::string(e.what()) + " (is it a SQLite database written by entente sweep?)");
  }
  if (foreign) {
    close();
    throw std::runtime_error(kNotSweepDatabase);
  }
}

SweepDatabase::~SweepDatabase() {
  if (impl_ && impl_->db) sqlite3_close(impl_->db);
}

bool SweepDatabase::initialized() const {
  Statement st(impl_->db, "SELECT count(*) FROM manifest");
  st.step();
  return st.integer(0) > 0;
}

std::string SweepDatabase::manifest_value(const std::string& key) const {
  Statement st(impl_->db, "SELECT value FROM manifest WHERE key = ?");
  st.bind(1, key);
  return st.step() ? st.text(0) : "";
}

int SweepDatabase::layout_version() const { return impl_->layout; }

void SweepDatabase::begin_writing() {
  if (impl_->layout != 2) throw std::runtime_error(impl_->path + ": a version 1 sweep database is not written to");
  // A commit appends the wave to the log and returns; the log is flushed to
  // the disk at each checkpoint (SQLite's, every 1,000 pages, and
  // finish_writing's). kill -9 cannot lose a committed wave (the kernel holds
  // its pages); a power cut can lose the waves since the last checkpoint,
  // never corrupt the file, and --resume recomputes them identically.
  impl_->exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
}

void SweepDatabase::finish_writing() {
  // Back to one file (no -wal, -shm beside it), flushed: a copied or
  // read-only database needs nothing else.
  // Best effort: every point is committed already, so a reader holding the
  // file open (which keeps it in WAL mode) must not fail the sweep; the file
  // then stays a valid WAL database and the next writer's close folds it in.
  try {
    impl_->exec("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL;");
  } catch (const std::runtime_error&) {
  }
}

void SweepDatabase::initialize(const std::vector<std::pair<std::string, std::string>>& manifest,
                               const std::vector<SweepParameterRow>& parameters,
                               const std::vector<std::string>& policies, const std::vector<std::string>& outcomes,
                               const std::vector<std::vector<double>>& x, const std::vector<std::vector<double>>& u) {
  if (impl_->layout != 2) throw std::runtime_error(impl_->path + ": a version 1 sweep database is not written to");
  impl_->names_key.clear();
  impl_->per_point = 0;
  impl_->exec("BEGIN IMMEDIATE");
  try {
    Statement m(impl_->db, "INSERT INTO manifest (key, value) VALUES (?, ?)");
    for (const auto& [k, v] : manifest) {
      m.bind(1, k);
      m.bind(2, v);
      m.run();
    }
    Statement p(impl_->db, "INSERT INTO parameters (idx, name, kind, distribution) VALUES (?, ?, ?, ?)");
    for (std::size_t i = 0; i < parameters.size(); ++i) {
      p.bind_int(1, static_cast<std::int64_t>(i));
      p.bind(2, parameters[i].name);
      p.bind(3, parameters[i].kind);
      p.bind(4, parameters[i].distribution);
      p.run();
    }
    for (const auto& [table, names] : {std::pair{"policies", &policies}, std::pair{"outcomes", &outcomes}}) {
      Statement n(impl_->db, (std::string("INSERT INTO ") + table + " (id, name) VALUES (?, ?)").c_str());
      for (std::size_t i = 0; i < names->size(); ++i) {
        n.bind_int(1, static_cast<std::int64_t>(i));
        n.bind(2, (*names)[i]);
        n.run();
      }
    }
    // One column per parameter, named as the parameter (a quoted identifier:
    // `levers.tariffs_china` has a dot), for queries and spreadsheets.
    std::string wide = "DROP VIEW IF EXISTS design_wide; CREATE VIEW design_wide AS SELECT point";
    for (std::size_t i = 0; i < parameters.size(); ++i) {
      std::string quoted = "\"";
      for (char c : parameters[i].name) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
      wide += ", MAX(CASE WHEN param = " + std::to_string(i) + " THEN value END) AS " + quoted + "\"";
    }
    impl_->exec((wide + " FROM design GROUP BY point").c_str());
    Statement d(impl_->db, "INSERT INTO design (point, param, value, unit_value) VALUES (?, ?, ?, ?)");
    Statement s(impl_->db, "INSERT INTO points (point, status) VALUES (?, 'pending')");
    for (std::size_t pt = 0; pt < x.size(); ++pt) {
      for (std::size_t i = 0; i < x[pt].size(); ++i) {
        d.bind_int(1, static_cast<std::int64_t>(pt));
        d.bind_int(2, static_cast<std::int64_t>(i));
        d.bind(3, x[pt][i]);
        d.bind(4, u[pt][i]);
        d.run();
      }
      s.bind_int(1, static_cast<std::int64_t>(pt));
      s.run();
    }
    impl_->exec("COMMIT");
  } catch (...) {
    sqlite::rollback(impl_->db);  // keeps the cause (a full disk), not "no transaction is active"
    throw;
  }
}

std::set<std::uint64_t> SweepDatabase::finished_points() const {
  std::set<std::uint64_t> out;
  Statement st(impl_->db, "SELECT point FROM points WHERE status = 'done'");
  while (st.step()) out.insert(static_cast<std::uint64_t>(st.integer(0)));
  return out;
}

void SweepDatabase::commit_points(const std::vector<std::uint64_t>& points, const std::vector<SweepResultRow>& rows) {
  if (impl_->layout != 2) throw std::runtime_error(impl_->path + ": a version 1 sweep database is not written to");
  const std::string& names_key = impl_->key();
  impl_->exec("BEGIN IMMEDIATE");
  try {
    Statement r(impl_->db,
                "INSERT INTO stats (id, point, policy, outcome, year, mean, sd, p05, p25, p50, p75, p95, min, max) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    const std::int64_t per_point = impl_->rows_per_point();
    std::uint64_t current = 0;
    std::int64_t place = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const auto& row = rows[i];
      if (i == 0 || row.point != current) {
        current = row.point;
        place = 0;
      }
      // A point's rows are contiguous and in key order (summarize_point).
      if (place >= per_point || (place > 0 && !(std::tie(rows[i - 1].policy, rows[i - 1].outcome, rows[i - 1].year) <
                                                std::tie(row.policy, row.outcome, row.year))))
        throw std::logic_error("sweep: a point's rows are not " + std::to_string(per_point) + " rows in key order");
      r.bind_int(1, static_cast<std::int64_t>(row.point) * per_point + place++);
      r.bind_int(2, static_cast<std::int64_t>(row.point));
      r.bind_int(3, row.policy);
      r.bind_int(4, row.outcome);
      r.bind(5, row.year);
      r.bind(6, row.mean);
      if (stores_spread(row)) {  // otherwise NULL (run() clears the bindings)
        const double v[] = {row.sd, row.p05, row.p25, row.p50, row.p75, row.p95, row.min, row.max};
        for (int k = 0; k < 8; ++k) r.bind(7 + k, v[k]);
      }
      r.run();
    }
    std::map<std::uint64_t, std::vector<const SweepResultRow*>> by_point;
    for (const auto& row : rows) by_point[row.point].push_back(&row);
    Statement s(impl_->db, "UPDATE points SET status = 'done', digest = ? WHERE point = ?");
    for (std::uint64_t p : points) {
      s.bind(1, digest_of_rows(names_key, by_point[p]));
      s.bind_int(2, static_cast<std::int64_t>(p));
      s.run();
    }
    impl_->exec("COMMIT");
  } catch (...) {
    sqlite::rollback(impl_->db);  // keeps the cause (a full disk), not "no transaction is active"
    throw;
  }
}

void SweepDatabase::log_session(const std::string& started, const std::string& finished, std::uint64_t points_done,
                                double wall_seconds, int threads) {
  Statement st(impl_->db,
               "INSERT INTO sessions (started_utc, finished_utc, points_done, wall_seconds, threads) "
               "VALUES (?, ?, ?, ?, ?)");
  st.bind(1, started);
  st.bind(2, finished);
  st.bind_int(3, static_cast<std::int64_t>(points_done));
  st.bind(4, wall_seconds);
  st.bind_int(5, threads);
  st.run();
}

std::vector<std::string> SweepDatabase::parameter_names() const {
  std::vector<std::string> out;
  Statement st(impl_->db, "SELECT name FROM parameters ORDER BY idx");
  while (st.step()) out.push_back(st.text(0));
  return out;
}

std::uint64_t SweepDatabase::point_count() const {
  Statement st(impl_->db, "SELECT count(*) FROM points");
  st.step();
  return static_cast<std::uint64_t>(st.integer(0));
}

std::vector<std::vector<double>> SweepDatabase::design_values(bool unit) const {
  const std::size_t k = parameter_names().size();
  std::vector<std::vector<double>> out(point_count(), std::vector<double>(k, 0.0));
  Statement st(impl_->db, unit ? "SELECT point, param, unit_value FROM design" : "SELECT point, param, value FROM design");
  while (st.step())
    out.at(static_cast<std::size_t>(st.integer(0))).at(static_cast<std::size_t>(st.integer(1))) = st.real(2);
  return out;
}

const std::vector<std::string>& point_statistics() {
  static const std::vector<std::string> names = {"mean", "sd", "p05", "p25", "p50", "p75", "p95", "min", "max"};
  return names;
}

std::vector<double> SweepDatabase::point_means(const std::string& policy, const std::string& outcome,
                                               double year) const {
  return point_values(policy, outcome, year, "mean");
}

std::vector<double> SweepDatabase::point_values(const std::string& policy, const std::string& outcome, double year,
                                                const std::string& statistic) const {
  // The column name goes into the SQL text: only one of the fixed names may.
  const auto& names = point_statistics();
  if (std::find(names.begin(), names.end(), statistic) == names.end())
    throw std::invalid_argument("no statistic '" + statistic + "' in a sweep database");
  std::vector<double> out(point_count(), std::numeric_limits<double>::quiet_NaN());
  // Version 1's table and version 2's view have the same columns; version 2
  // is read from its own table by id, without the view's joins.
  const std::string sql =
      impl_->layout == 1
          ? "SELECT point, " + statistic + " FROM results WHERE policy = ? AND outcome = ? AND abs(year - ?) < 1e-9"
          : "SELECT point, " + statistic +
                " FROM stats WHERE policy = (SELECT id FROM policies WHERE name = ?) AND "
                "outcome = (SELECT id FROM outcomes WHERE name = ?) AND abs(year - ?) < 1e-9";
  Statement st(impl_->db, sql.c_str());
  st.bind(1, policy);
  st.bind(2, outcome);
  st.bind(3, year);
  while (st.step()) out.at(static_cast<std::size_t>(st.integer(0))) = st.is_null(1) ? std::nan("") : st.real(1);
  return out;
}

DigestCheck SweepDatabase::verify_digests() const {
  DigestCheck out;
  std::map<std::int64_t, std::string> stored;
  {
    Statement st(impl_->db, "SELECT point, digest FROM points WHERE status = 'done' ORDER BY point");
    while (st.step()) {
      if (st.is_null(1))
        ++out.undigested;
      else
        stored[st.integer(0)] = st.text(1);
    }
  }
  std::set<std::int64_t> seen;
  auto check = [&](std::int64_t point, const std::string& digest) {
    seen.insert(point);
    const auto it = stored.find(point);
    if (it != stored.end() && it->second != digest) out.damaged.push_back(static_cast<std::uint64_t>(point));
  };
  std::string empty_digest;  // a finished point with no rows at all
  if (impl_->layout == 1) {
    Statement st(impl_->db,
                 "SELECT point, policy, outcome, year, n, mean, sd, p05, p25, p50, p75, p95, min, max FROM results "
                 "ORDER BY point, policy, outcome, year");
    std::int64_t current = -1;
    PointDigestV1 d;
    while (st.step()) {
      const std::int64_t point = st.integer(0);
      if (point != current) {
        if (current >= 0) check(current, d.hex());
        d = PointDigestV1{};
        current = point;
      }
      d.text(st.text(1));
      d.text(st.text(2));
      d.real(st.real(3));
      d.integer(st.integer(4));
      for (int c = 5; c < 14; ++c) d.real(st.is_null(c) ? std::nan("") : st.real(c));
      d.end_row();
    }
    if (current >= 0) check(current, d.hex());
    empty_digest = PointDigestV1{}.hex();
  } else {
    const std::string& key = impl_->key();
    Statement st(impl_->db,
                 "SELECT point, policy, outcome, year, mean, sd, p05, p25, p50, p75, p95, min, max FROM stats "
                 "ORDER BY id");
    std::int64_t current = -1;
    PointDigest d(key);
    while (st.step()) {
      const std::int64_t point = st.integer(0);
      if (point != current) {
        if (current >= 0) check(current, d.hex());
        d = PointDigest(key);
        current = point;
      }
      d.id(static_cast<std::uint32_t>(st.integer(1)));
      d.id(static_cast<std::uint32_t>(st.integer(2)));
      d.real(st.real(3));
      for (int c = 4; c < 13; ++c) {
        if (st.is_null(c)) d.null();
        else d.stat(st.real(c));
      }
    }
    if (current >= 0) check(current, d.hex());
    empty_digest = PointDigest(key).hex();
  }
  // A finished point whose rows are all gone does not match either.
  for (const auto& [point, digest] : stored)
    if (!seen.count(point) && digest != empty_digest) out.damaged.push_back(static_cast<std::uint64_t>(point));
  std::sort(out.damaged.begin(), out.damaged.end());
  out.checked = stored.size();
  return out;
}

void SweepDatabase::require_intact() const {
  const DigestCheck c = verify_digests();
  if (c.damaged.empty()) return;
  std::string list;
  for (std::size_t i = 0; i < c.damaged.size() && i < 5; ++i) list += (i ? ", " : "") + std::to_string(c.damaged[i]);
  if (c.damaged.size() > 5) list += ", ...";
  throw std::runtime_error(impl_->path + ": damaged: the results of " + std::to_string(c.damaged.size()) + " of " +
                           std::to_string(c.checked) + " finished points (" + list +
                           ") no longer match the digests written with them; nothing was read or written. "
                           "Run the sweep again into a new --db (the same seed gives the same design)");
}

std::string SweepDatabase::canonical_dump() const {
  std::ostringstream out;
  auto dump = [&](const char* title, const char* sql, int columns) {
    out << "[" << title << "]\n";
    Statement st(impl_->db, sql);
    while (st.step()) {
      for (int c = 0; c < columns; ++c) {
        if (c) out << '|';
        if (st.is_null(c)) out << "NULL";
        else out << st.text(c);
      }
      out << '\n';
    }
  };
  dump("manifest", "SELECT key, value FROM manifest ORDER BY key", 2);
  dump("parameters", "SELECT idx, name, kind, distribution FROM parameters ORDER BY idx", 4);
  dump("design", "SELECT point, param, quote(value), quote(unit_value) FROM design ORDER BY point, param", 4);
  dump("points", "SELECT point, status, digest FROM points ORDER BY point", 3);
  if (impl_->layout == 1) {
    dump("results",
         "SELECT point, policy, outcome, quote(year), n, quote(mean), quote(sd), quote(p05), quote(p25), quote(p50), "
         "quote(p75), quote(p95), quote(min), quote(max) FROM results ORDER BY point, policy, outcome, year",
         14);
  } else {
    dump("policies", "SELECT id, name FROM policies ORDER BY id", 2);
    dump("outcomes", "SELECT id, name FROM outcomes ORDER BY id", 2);
    dump("stats",
         "SELECT id, point, policy, outcome, quote(year), quote(mean), quote(sd), quote(p05), quote(p25), quote(p50), "
         "quote(p75), quote(p95), quote(min), quote(max) FROM stats ORDER BY id",
         14);
  }
  return out.str();
}

}  // namespace entente::analysis
