#include "analysis/play_web/turn_deadline.hpp"

#include <sqlite3.h>

#include "analysis/sqlite/statement.hpp"

namespace entente::analysis::play_web {

namespace {

constexpr const char* kSchema =
    "CREATE TABLE IF NOT EXISTS web_deadline (id INTEGER PRIMARY KEY CHECK (id = 1), turn INTEGER NOT NULL, "
    "due_unix INTEGER NOT NULL)";

}  // namespace

void set_deadline(const std::string& session, const std::optional<TurnDeadline>& due) {
  sqlite3* db = sqlite::open(session, SQLITE_OPEN_READWRITE, 10000);
  try {
    sqlite::exec(db, session, "PRAGMA synchronous = FULL");
    sqlite::exec(db, session, "BEGIN IMMEDIATE");
    sqlite::exec(db, session, kSchema);
    sqlite::exec(db, session, "DELETE FROM web_deadline");
    if (due) {
      sqlite::Statement ins(db, "INSERT INTO web_deadline (id, turn, due_unix) VALUES (1, ?, ?)");
      ins.bind_int(1, due->turn);
      ins.bind_int(2, due->due_unix);
      ins.run();
    }
    sqlite::exec(db, session, "COMMIT");
  } catch (...) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    throw;
  }
  sqlite3_close(db);
}

std::optional<TurnDeadline> deadline(const std::string& session) {
  sqlite3* db = sqlite::open(session, SQLITE_OPEN_READONLY, 10000);
  std::optional<TurnDeadline> out;
  try {
    sqlite::Statement exists(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'web_deadline'");
    if (exists.step()) {
      sqlite::Statement st(db, "SELECT turn, due_unix FROM web_deadline WHERE id = 1");
      if (st.step()) out = TurnDeadline{static_cast<int>(st.integer(0)), st.integer(1)};
    }
  } catch (...) {
    sqlite3_close(db);
    throw;
  }
  sqlite3_close(db);
  return out;
}

}  // namespace entente::analysis::play_web
