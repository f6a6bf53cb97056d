#include "analysis/play_web/access_tokens.hpp"

#include <sqlite3.h>
#include <sys/random.h>

#include <cerrno>
#include <stdexcept>

#include "analysis/sqlite/statement.hpp"
#include "sim/output/manifest.hpp"
#include "sim/util/sha256.hpp"

namespace entente::analysis::play_web {

namespace {

// Not append-only like the journal: a reissue replaces the rows. Created on
// first use, so sessions written before `play serve` existed work unchanged.
constexpr const char* kSchema =
    "CREATE TABLE IF NOT EXISTS web_access (role TEXT PRIMARY KEY, token_sha256 TEXT NOT NULL, "
    "issued_utc TEXT NOT NULL)";

struct Db {
  sqlite3* db;
  std::string path;
  Db(const std::string& p, int flags) : db(sqlite::open(p, flags, 10000)), path(p) {}
  ~Db() { sqlite3_close(db); }
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
};

bool table_exists(sqlite3* db) {
  sqlite::Statement st(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'web_access'");
  return st.step();
}

std::vector<std::string> roles_of(const play::GameSetup& setup) {
  std::vector<std::string> roles = {kFacilitatorRole};
  for (const auto& t : setup.teams) roles.push_back(team_role(t.id));
  return roles;
}

}  // namespace

std::string team_role(const std::string& team) { return "team:" + team; }

std::string random_token() {
  unsigned char bytes[32];
  std::size_t got = 0;
  while (got < sizeof bytes) {
    const ssize_t n = ::getrandom(bytes + got, sizeof bytes - got, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error("getrandom: no random bytes from the OS for the access tokens");
    }
    got += static_cast<std::size_t>(n);
  }
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

std::vector<IssuedToken> issue_tokens(const std::string& session, const play::GameSetup& setup) {
  Db d(session, SQLITE_OPEN_READWRITE);
  sqlite::exec(d.db, session, "PRAGMA synchronous = FULL");
  sqlite::exec(d.db, session, "BEGIN IMMEDIATE");
  std::vector<IssuedToken> out;
  try {
    sqlite::exec(d.db, session, kSchema);
    sqlite::exec(d.db, session, "DELETE FROM web_access");
    sqlite::Statement ins(d.db, "INSERT INTO web_access (role, token_sha256, issued_utc) VALUES (?, ?, ?)");
    const std::string now = utc_timestamp();
    for (const auto& role : roles_of(setup)) {
      IssuedToken t{role, random_token()};
      ins.bind(1, role);
      ins.bind(2, sha256_hex(t.token));
      ins.bind(3, now);
      ins.run();
      out.push_back(std::move(t));
    }
  } catch (...) {
    sqlite3_exec(d.db, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
  sqlite::exec(d.db, session, "COMMIT");
  return out;
}

bool has_tokens(const std::string& session, const play::GameSetup& setup) {
  Db d(session, SQLITE_OPEN_READONLY);
  if (!table_exists(d.db)) return false;
  sqlite::Statement st(d.db, "SELECT 1 FROM web_access WHERE role = ?");
  for (const auto& role : roles_of(setup)) {
    st.bind(1, role);
    const bool found = st.step();
    st.run();  // reset
    if (!found) return false;
  }
  return true;
}

std::optional<std::string> role_of_token(const std::string& session, const std::string& token) {
  // A token is 64 hex digits; anything else is not looked up at all.
  if (token.size() != 64 || token.find_first_not_of("0123456789abcdef") != std::string::npos) return std::nullopt;
  Db d(session, SQLITE_OPEN_READONLY);
  if (!table_exists(d.db)) return std::nullopt;
  sqlite::Statement st(d.db, "SELECT role FROM web_access WHERE token_sha256 = ?");
  st.bind(1, sha256_hex(token));
  if (!st.step()) return std::nullopt;
  return st.text(0);
}

}  // namespace entente::analysis::play_web
