// The SQLite helpers shared by the sweep database (analysis/sweep/sweep_db.cpp)
// and the play session file (analysis/play/session_store.cpp): a prepared
// statement that finalizes itself, exec and open. Errors are thrown as
// std::runtime_error: "sqlite: <message>" from a statement, "<path>: <message>"
// from exec and open. Only analysis code includes sqlite3.h; this header
// declares its handles without it.
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>
#include "sim/util/error.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace entente::analysis::sqlite {

class Statement {
 public:
  Statement(sqlite3* db, const char* sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  void bind(int i, const std::string& v);  // text
  void bind(int i, double v);
  void bind_int(int i, std::int64_t v);
  void bind_blob(int i, const std::string& v);
  // true for a row, false when done.
  bool step();
  // Steps once, then resets the statement and clears its bindings.
  void run();

  std::string text(int c) const;  // "" for NULL
  std::string blob(int c) const;  // "" for NULL
  double real(int c) const;
  std::int64_t integer(int c) const;
  bool is_null(int c) const;

 private:
  void check(int rc);
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// sqlite3_exec; errors name `path`.
void exec(sqlite3* db, const std::string& path, const char* sql);

// Rolls back the open transaction, if any, ignoring errors: called while an
// exception is in flight, it must not replace the cause. SQLite has already
// rolled back by itself after some errors (SQLITE_FULL, SQLITE_IOERR), and
// a second ROLLBACK would throw "cannot rollback - no transaction is active".
void rollback(sqlite3* db) noexcept;

// A store whose pages fail SQLite's own consistency check. Writing into it
// would spread the damage (a resumed sweep later reads "database disk image is
// malformed" or a changed value), so nothing opens it for writing.
class DamagedStoreError : public RuntimeFailure {
 public:
  using RuntimeFailure::RuntimeFailure;
};

// sqlite3_open_v2 with `flags`, then a busy timeout of `busy_timeout_ms`.
// Closes the handle and throws "<path>: <message>" when it cannot open.
// Opened for writing, an existing store is checked first (PRAGMA quick_check:
// every page and index, not the values' meaning) and a damaged one is refused
// with DamagedStoreError, untouched. A file that is not a database at all
// opens as before and is refused by the caller's own format check.
sqlite3* open(const std::string& path, int flags, int busy_timeout_ms);

}  // namespace entente::analysis::sqlite
