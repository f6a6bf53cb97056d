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

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS manifest (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS parameters (idx INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,
                                       distribution TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS design (point INTEGER NOT NULL, param INTEGER NOT NULL, value REAL NOT NULL,
                                   unit_value REAL NOT NULL, PRIMARY KEY (point, param));
CREATE TABLE IF NOT EXISTS points (point INTEGER PRIMARY KEY, status TEXT NOT NULL, digest TEXT);
CREATE TABLE IF NOT EXISTS results (point INTEGER NOT NULL, policy TEXT NOT NULL, outcome TEXT NOT NULL,
                                    year REAL NOT NULL, n INTEGER NOT NULL, mean REAL, sd REAL, p05 REAL, p25 REAL,
                                    p50 REAL, p75 REAL, p95 REAL, min REAL, max REAL,
                                    PRIMARY KEY (point, policy, outcome, year));
CREATE TABLE IF NOT EXISTS sessions (id INTEGER PRIMARY KEY AUTOINCREMENT, started_utc TEXT, finished_utc TEXT,
                                     points_done INTEGER, wall_seconds REAL, threads INTEGER);
CREATE VIEW IF NOT EXISTS design_wide AS SELECT point, group_concat(value, ',') AS x FROM
  (SELECT point, value FROM design ORDER BY point, param) GROUP BY point;
)sql";

// What kSchema creates: a database holding anything else is another program's.
constexpr const char* kSchemaObjects[] = {"manifest", "parameters", "design",     "points",
                                          "results",  "sessions",   "design_wide"};

std::string foreign_objects_query() {
  std::string q = "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name NOT IN (";
  for (const char* name : kSchemaObjects) q += std::string(q.back() == '(' ? "'" : ", '") + name + "'";
  return q + ")";
}

using sqlite::Statement;

// A point's digest (docs/outputs.md, "Sweep databases"): SHA-256 over its
// result rows in key order (policy, outcome, year), each field as its exact
// bits: text as is, integers in decimal, reals as the hex of their 8 bytes
// (SQLite stores them bit for bit; NULL, SQLite's NaN, as "N"). So a value
// changed by one bit after it was committed no longer matches.
class PointDigest {
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

std::string digest_of_rows(std::vector<const SweepResultRow*> rows) {
  std::sort(rows.begin(), rows.end(), [](const SweepResultRow* a, const SweepResultRow* b) {
    return std::tie(a->policy, a->outcome, a->year) < std::tie(b->policy, b->outcome, b->year);
  });
  PointDigest d;
  for (const SweepResultRow* r : rows) {
    d.text(r->policy);
    d.text(r->outcome);
    d.real(r->year);
    d.integer(static_cast<std::int64_t>(r->n));
    for (double v : {r->mean, r->sd, r->p05, r->p25, r->p50, r->p75, r->p95, r->min, r->max}) d.real(v);
    d.end_row();
  }
  return d.hex();
}

}  // namespace

struct SweepDatabase::Impl {
  sqlite3* db = nullptr;
  std::string path;

  void exec(const char* sql) { sqlite::exec(db, path, sql); }
};

SweepDatabase::SweepDatabase(const std::string& path) : impl_(std::make_unique<Impl>()) {
  impl_->path = path;
  impl_->db = sqlite::open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, 5000);
  auto close = [&] {  // the destructor does not run for a constructor that throws
    sqlite3_close(impl_->db);
    impl_->db = nullptr;
  };
  bool foreign = false;
  try {
    // Full synchronous commits: a committed point survives a kill -9 or a
    // power cut; the rollback journal undoes a half-written transaction.
    impl_->exec("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;");
    // Another program's database is refused before anything is added to it.
    {
      Statement other(impl_->db, foreign_objects_query().c_str());
      other.step();
      foreign = other.integer(0) > 0;
    }
    // One transaction, so a kill leaves either no tables or all of them.
    if (!foreign) {
      impl_->exec("BEGIN IMMEDIATE");
      impl_->exec(kSchema);
      // A database from before the digests: the column is added, its
      // finished points stay without one (verify_digests counts them).
      bool has_digest = false;
      {
        Statement cols(impl_->db, "SELECT count(*) FROM pragma_table_info('points') WHERE name = 'digest'");
        cols.step();
        has_digest = cols.integer(0) > 0;
      }
      if (!has_digest) impl_->exec("ALTER TABLE points ADD COLUMN digest TEXT");
      impl_->exec("COMMIT");
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

void SweepDatabase::initialize(const std::vector<std::pair<std::string, std::string>>& manifest,
                               const std::vector<SweepParameterRow>& parameters,
                               const std::vector<std::vector<double>>& x, const std::vector<std::vector<double>>& u) {
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
  impl_->exec("BEGIN IMMEDIATE");
  try {
    Statement r(impl_->db,
                "INSERT INTO results (point, policy, outcome, year, n, mean, sd, p05, p25, p50, p75, p95, min, max) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const auto& row : rows) {
      r.bind_int(1, static_cast<std::int64_t>(row.point));
      r.bind(2, row.policy);
      r.bind(3, row.outcome);
      r.bind(4, row.year);
      r.bind_int(5, static_cast<std::int64_t>(row.n));
      const double v[] = {row.mean, row.sd, row.p05, row.p25, row.p50, row.p75, row.p95, row.min, row.max};
      for (int i = 0; i < 9; ++i) r.bind(6 + i, v[i]);
      r.run();
    }
    std::map<std::uint64_t, std::vector<const SweepResultRow*>> by_point;
    for (const auto& row : rows) by_point[row.point].push_back(&row);
    Statement s(impl_->db, "UPDATE points SET status = 'done', digest = ? WHERE point = ?");
    for (std::uint64_t p : points) {
      s.bind(1, digest_of_rows(by_point[p]));
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

std::vector<double> SweepDatabase::point_means(const std::string& policy, const std::string& outcome,
                                               double year) const {
  std::vector<double> out(point_count(), std::numeric_limits<double>::quiet_NaN());
  Statement st(impl_->db,
               "SELECT point, mean FROM results WHERE policy = ? AND outcome = ? AND abs(year - ?) < 1e-9");
  st.bind(1, policy);
  st.bind(2, outcome);
  st.bind(3, year);
  while (st.step()) out.at(static_cast<std::size_t>(st.integer(0))) = st.real(1);
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
  Statement st(impl_->db,
               "SELECT point, policy, outcome, year, n, mean, sd, p05, p25, p50, p75, p95, min, max FROM results "
               "ORDER BY point, policy, outcome, year");
  std::int64_t current = -1;
  PointDigest d;
  std::set<std::int64_t> seen;
  auto finish = [&] {
    if (current < 0) return;
    seen.insert(current);
    const auto it = stored.find(current);
    if (it != stored.end() && it->second != d.hex()) out.damaged.push_back(static_cast<std::uint64_t>(current));
    d = PointDigest{};
  };
  while (st.step()) {
    const std::int64_t point = st.integer(0);
    if (point != current) {
      finish();
      current = point;
    }
    d.text(st.text(1));
    d.text(st.text(2));
    d.real(st.real(3));
    d.integer(st.integer(4));
    for (int c = 5; c < 14; ++c) d.real(st.is_null(c) ? std::nan("") : st.real(c));
    d.end_row();
  }
  finish();
  // A finished point whose rows are all gone does not match either.
  for (const auto& [point, digest] : stored)
    if (!seen.count(point) && digest != PointDigest{}.hex()) out.damaged.push_back(static_cast<std::uint64_t>(point));
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
  dump("results",
       "SELECT point, policy, outcome, quote(year), n, quote(mean), quote(sd), quote(p05), quote(p25), quote(p50), "
       "quote(p75), quote(p95), quote(min), quote(max) FROM results ORDER BY point, policy, outcome, year",
       14);
  return out.str();
}

}  // namespace entente::analysis
