#include "analysis/sqlite/statement.hpp"

#include <sqlite3.h>

#include <stdexcept>

namespace entente::analysis::sqlite {

Statement::Statement(sqlite3* db, const char* sql) : db_(db) {
  if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK)
    throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(db));
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

void Statement::bind(int i, const std::string& v) {
  check(sqlite3_bind_text(stmt_, i, v.c_str(), -1, SQLITE_TRANSIENT));
}

void Statement::bind(int i, double v) { check(sqlite3_bind_double(stmt_, i, v)); }

void Statement::bind_int(int i, std::int64_t v) { check(sqlite3_bind_int64(stmt_, i, v)); }

void Statement::bind_blob(int i, const std::string& v) {
  check(sqlite3_bind_blob(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(db_));
}

void Statement::run() {
  step();
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string Statement::text(int c) const {
  const auto* p = sqlite3_column_text(stmt_, c);
  return p ? reinterpret_cast<const char*>(p) : "";
}

std::string Statement::blob(int c) const {
  const void* p = sqlite3_column_blob(stmt_, c);
  const int n = sqlite3_column_bytes(stmt_, c);
  return p ? std::string(static_cast<const char*>(p), static_cast<std::size_t>(n)) : std::string();
}

double Statement::real(int c) const { return sqlite3_column_double(stmt_, c); }

std::int64_t Statement::integer(int c) const { return sqlite3_column_int64(stmt_, c); }

bool Statement::is_null(int c) const { return sqlite3_column_type(stmt_, c) == SQLITE_NULL; }

void Statement::check(int rc) {
  if (rc != SQLITE_OK) throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(db_));
}

void exec(sqlite3* db, const std::string& path, const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    throw std::runtime_error(path + ": " + msg);
  }
}

void rollback(sqlite3* db) noexcept {
  if (db && !sqlite3_get_autocommit(db)) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
}

namespace {

// The first problem PRAGMA quick_check reports, "" when it reports "ok" or
// when the file is not a database (SQLITE_NOTADB: the caller's format check
// says that better). quick_check reads every page once: a few milliseconds
// for a session, about a second for a 100 MB sweep.
std::string first_integrity_problem(sqlite3* db) {
  sqlite3_stmt* st = nullptr;
  int rc = sqlite3_prepare_v2(db, "PRAGMA quick_check(1)", -1, &st, nullptr);
  std::string problem;
  if (rc == SQLITE_OK) rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) {
    const auto* p = sqlite3_column_text(st, 0);
    const std::string row = p ? reinterpret_cast<const char*>(p) : "";
    if (row != "ok") problem = row;
  } else if (rc != SQLITE_DONE && (rc & 0xff) != SQLITE_NOTADB && (rc & 0xff) != SQLITE_BUSY) {
    problem = sqlite3_errmsg(db);
  }
  sqlite3_finalize(st);
  return problem;
}

}  // namespace

sqlite3* open(const std::string& path, int flags, int busy_timeout_ms) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    const std::string msg = db ? sqlite3_errmsg(db) : "cannot open";
    sqlite3_close(db);
    throw std::runtime_error(path + ": " + msg);
  }
  sqlite3_busy_timeout(db, busy_timeout_ms);
  if (flags & SQLITE_OPEN_READWRITE) {
    const std::string problem = first_integrity_problem(db);
    if (!problem.empty()) {
      sqlite3_close(db);
      throw DamagedStoreError(path + ": the database is damaged (" + problem +
                              "); entente will not write into it. Restore a copy, or start again under "
                              "another name (the damaged file is left as it is)");
    }
  }
  return db;
}

}  // namespace entente::analysis::sqlite
