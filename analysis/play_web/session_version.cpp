#include "analysis/play_web/session_version.hpp"

#include <sqlite3.h>

#include "analysis/sqlite/statement.hpp"

namespace entente::analysis::play_web {

std::int64_t session_version(const std::string& session) {
  sqlite3* db = sqlite::open(session, SQLITE_OPEN_READONLY, 10000);
  std::int64_t v = 0;
  try {
    sqlite::Statement st(db, "SELECT max(seq) FROM journal");
    if (st.step()) v = st.integer(0);
  } catch (...) {
    sqlite3_close(db);
    throw;
  }
  sqlite3_close(db);
  return v;
}

}  // namespace entente::analysis::play_web
