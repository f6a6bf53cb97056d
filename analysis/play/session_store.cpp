#include "analysis/play/session_store.hpp"

#include <sqlite3.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "analysis/sqlite/statement.hpp"
#include "entente/version.hpp"
#include "sim/output/manifest.hpp"
#include "sim/util/sha256.hpp"
#include "sim/util/env_hooks.hpp"
#include "sim/output/formats.hpp"

namespace entente::analysis {

namespace {

constexpr const char* kFormat = kPlaySessionFormat.name;

// The journal is append-only: SQLite itself refuses to change or delete an
// entry or a stored state.
constexpr const char* kSchema = R"sql(
CREATE TABLE session (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE journal (seq INTEGER PRIMARY KEY, branch INTEGER NOT NULL, turn INTEGER NOT NULL,
                      kind TEXT NOT NULL, team TEXT NOT NULL, payload TEXT NOT NULL, created_utc TEXT NOT NULL);
CREATE TABLE states (seq INTEGER PRIMARY KEY REFERENCES journal (seq), branch INTEGER NOT NULL,
                     turn INTEGER NOT NULL, step INTEGER NOT NULL, sha256 TEXT NOT NULL, state BLOB NOT NULL);
CREATE TRIGGER journal_append_only_update BEFORE UPDATE ON journal
  BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
CREATE TRIGGER journal_append_only_delete BEFORE DELETE ON journal
  BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
CREATE TRIGGER states_append_only_update BEFORE UPDATE ON states
  BEGIN SELECT RAISE(ABORT, 'stored states are append-only'); END;
CREATE TRIGGER states_append_only_delete BEFORE DELETE ON states
  BEGIN SELECT RAISE(ABORT, 'stored states are append-only'); END;
)sql";

using sqlite::exec;
using sqlite::Statement;

sqlite3* open_db(const std::string& path, int flags) {
  sqlite3* db = sqlite::open(path, flags, 10000);
  // Full synchronous commits: a committed command survives kill -9 or a
  // power cut; the rollback journal undoes a half-written one.
  try {
    exec(db, path, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;");
  } catch (...) {
    sqlite3_close(db);
    throw;
  }
  return db;
}

// Fault injection for the crash tests: with ENTENTE_PLAY_TEST_CRASH=between-writes
// in the environment, a command that stores a state kills its own process
// after writing the journal entry and before writing the state (inside the
// transaction). Never set outside tests.
void maybe_crash_between_writes() {
  const char* v = env_hook(EnvHook::kPlayTestCrash);
  if (v && std::string(v) == "between-writes") std::raise(SIGKILL);
}

std::int64_t append_to(sqlite3* db, const play::Action& a, const std::string* state) {
  Statement j(db,
              "INSERT INTO journal (branch, turn, kind, team, payload, created_utc) VALUES (?, ?, ?, ?, ?, ?)");
  j.bind_int(1, a.branch);
  j.bind_int(2, a.turn);
  j.bind(3, std::string(play::kind_name(a.kind)));
  j.bind(4, a.team);
  j.bind(5, play::payload_text(a));
  j.bind(6, utc_timestamp());
  j.run();
  const std::int64_t seq = sqlite3_last_insert_rowid(db);
  if (state) {
    maybe_crash_between_writes();
    Statement s(db, "INSERT INTO states (seq, branch, turn, step, sha256, state) VALUES (?, ?, ?, ?, ?, ?)");
    s.bind_int(1, seq);
    s.bind_int(2, a.branch);
    s.bind_int(3, a.turn);
    // Only a new and an adjudicate entry store a state: where the world is.
    s.bind_int(4, a.kind == play::Action::Kind::kNew ? a.new_game().step : a.adjudication().step);
    s.bind(5, sha256_hex(*state));
    s.bind_blob(6, *state);
    s.run();
  }
  return seq;
}

}  // namespace

struct SessionStore::Impl {
  sqlite3* db = nullptr;
  std::string path;
  bool in_transaction = false;
};

void SessionStore::create(const std::string& path, const SessionInfo& info, const play::Action& first,
                          const std::string& state) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(path, ec))
    throw SessionInputError(path + ": already exists; choose another --session or remove it");
  // Like --out, a session may name a folder that does not exist yet
  // (docs/wargaming.md keeps its game under out/wargame_demo/).
  const fs::path parent = fs::path(path).parent_path();
  if (!parent.empty() && !fs::is_directory(parent, ec)) {
    fs::create_directories(parent, ec);
    if (ec) throw SessionInputError(path + ": cannot create its folder " + parent.string() + ": " + ec.message());
  }
  const std::string tmp = path + ".tmp" + std::to_string(::getpid());
  fs::remove(tmp, ec);
  sqlite3* db = nullptr;
  try {
    db = open_db(tmp, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    exec(db, tmp, "BEGIN IMMEDIATE");
    exec(db, tmp, kSchema);
    {
      // Scoped: a statement still alive makes sqlite3_close below fail with
      // SQLITE_BUSY and leak the connection (found by LeakSanitizer).
      Statement m(db, "INSERT INTO session (key, value) VALUES (?, ?)");
      const std::vector<std::pair<std::string, std::string>> rows = {
          {"format", kFormat},
          {"format_version", std::to_string(kPlaySessionFormat.version)},
          {"entente_version", info.entente_version},
          {"git_revision", info.git_revision},
          {"created_utc", info.created_utc},
          {"scenario_file", info.scenario_file},
          {"scenario_hash", info.scenario_hash},
          {"scenario", info.scenario_text},
          {"policy", info.policy},
          {"setup", play::setup_to_json(info.setup).dump()},
      };
      for (const auto& [k, v] : rows) {
        m.bind(1, k);
        m.bind(2, v);
        m.run();
      }
    }
    append_to(db, first, &state);
    exec(db, tmp, "COMMIT");
    sqlite3_close(db);
    db = nullptr;
    // No other process may have created it meanwhile: link() fails on an existing name.
    if (::link(tmp.c_str(), path.c_str()) != 0)
      throw SessionInputError(path + ": already exists; choose another --session or remove it");
    fs::remove(tmp, ec);
  } catch (...) {
    if (db) sqlite3_close(db);
    fs::remove(tmp, ec);
    throw;
  }
}

SessionStore::SessionStore(const std::string& path) : impl_(std::make_unique<Impl>()) {
  impl_->path = path;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw SessionInputError(path + ": no such session (start one with entente play new FILE --session " + path + ")");
  try {
    impl_->db = open_db(path, SQLITE_OPEN_READWRITE);
  } catch (const sqlite::DamagedStoreError& e) {
    throw SessionInputError(e.what());
  } catch (const std::exception&) {
    throw SessionInputError(path + ": not an entente play session");
  }
  std::string format, version;
  try {
    Statement st(impl_->db, "SELECT key, value FROM session WHERE key IN ('format', 'format_version')");
    while (st.step()) (st.text(0) == "format" ? format : version) = st.text(1);
  } catch (const std::exception&) {
    format.clear();
  }
  if (format != kFormat) {
    sqlite3_close(impl_->db);
    impl_->db = nullptr;
    throw SessionInputError(path + ": not an entente play session");
  }
  if (version != std::to_string(kPlaySessionFormat.version)) {
    sqlite3_close(impl_->db);
    impl_->db = nullptr;
    throw SessionInputError(path + ": session format version " + version + "; this entente reads version " +
                            std::to_string(kPlaySessionFormat.version));
  }
}

SessionStore::~SessionStore() {
  if (!impl_ || !impl_->db) return;
  if (impl_->in_transaction) sqlite3_exec(impl_->db, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(impl_->db);
}

const std::string& SessionStore::path() const { return impl_->path; }

void SessionStore::begin() {
  exec(impl_->db, impl_->path, "BEGIN IMMEDIATE");
  impl_->in_transaction = true;
}

void SessionStore::commit() {
  exec(impl_->db, impl_->path, "COMMIT");
  impl_->in_transaction = false;
}

SessionInfo SessionStore::info() const {
  SessionInfo info;
  std::string setup;
  Statement st(impl_->db, "SELECT key, value FROM session");
  while (st.step()) {
    const std::string k = st.text(0), v = st.text(1);
    if (k == "scenario_file") info.scenario_file = v;
    else if (k == "scenario_hash") info.scenario_hash = v;
    else if (k == "scenario") info.scenario_text = v;
    else if (k == "policy") info.policy = v;
    else if (k == "entente_version") info.entente_version = v;
    else if (k == "git_revision") info.git_revision = v;
    else if (k == "created_utc") info.created_utc = v;
    else if (k == "setup") setup = v;
  }
  play::Json json;
  try {
    json = play::Json::parse(setup);
  } catch (const std::exception& e) {
    throw SessionInputError(impl_->path + ": the session's setup is not JSON (" + e.what() + ")");
  }
  try {
    info.setup = play::setup_from_json(json, impl_->path + ": the session's setup");
  } catch (const play::RecordError& e) {
    throw SessionInputError(e.what());
  }
  return info;
}

std::vector<play::JournalRecord> SessionStore::journal() const {
  std::vector<play::JournalRecord> out;
  Statement st(impl_->db,
               "SELECT j.seq, j.branch, j.turn, j.kind, j.team, j.payload, s.state, s.sha256 FROM journal j "
               "LEFT JOIN states s ON s.seq = j.seq ORDER BY j.seq");
  while (st.step()) {
    play::JournalRecord r;
    r.seq = st.integer(0);
    r.action.branch = static_cast<int>(st.integer(1));
    r.action.turn = static_cast<int>(st.integer(2));
    const auto kind = play::parse_kind(st.text(3));
    if (!kind) throw std::runtime_error(impl_->path + ": journal entry " + std::to_string(r.seq) + " has kind '" +
                                        st.text(3) + "'");
    r.action.kind = *kind;
    r.action.team = st.text(4);
    r.payload_text = st.text(5);
    try {
      r.action.payload = play::decode_payload(*kind, r.payload_text,
                                              impl_->path + ": journal entry " + std::to_string(r.seq) + " (" +
                                                  std::string(play::kind_name(*kind)) + ")");
    } catch (const play::RecordError& e) {
      throw SessionInputError(e.what());
    }
    r.state = st.blob(6);
    // A state is trusted only if it still hashes to what was stored with it:
    // a flipped byte inside a blob passes SQLite's page checks.
    if (!st.is_null(6) && sha256_hex(r.state) != st.text(7))
      throw SessionInputError(impl_->path + ": the state stored with journal entry " + std::to_string(r.seq) +
                              " does not match its SHA-256; the session file is damaged. Restore a copy, or "
                              "start a new session (the damaged file is left as it is)");
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<std::string> SessionStore::created_times() const {
  std::vector<std::string> out;
  Statement st(impl_->db, "SELECT created_utc FROM journal ORDER BY seq");
  while (st.step()) out.push_back(st.text(0));
  return out;
}

std::int64_t SessionStore::append(const play::Action& action, const std::string* state) {
  if (!impl_->in_transaction) throw std::logic_error("SessionStore::append outside a transaction");
  return append_to(impl_->db, action, state);
}

std::string SessionStore::canonical_dump() const {
  std::string out;
  {
    Statement st(impl_->db,
                 "SELECT key, value FROM session WHERE key NOT IN ('created_utc', 'git_revision', 'entente_version') "
                 "ORDER BY key");
    while (st.step()) out += "session|" + st.text(0) + "|" + st.text(1) + "\n";
  }
  {
    Statement st(impl_->db, "SELECT seq, branch, turn, kind, team, payload FROM journal ORDER BY seq");
    while (st.step())
      out += "journal|" + std::to_string(st.integer(0)) + "|" + std::to_string(st.integer(1)) + "|" +
             std::to_string(st.integer(2)) + "|" + st.text(3) + "|" + st.text(4) + "|" + st.text(5) + "\n";
  }
  {
    Statement st(impl_->db, "SELECT seq, branch, turn, step, sha256, state FROM states ORDER BY seq");
    while (st.step())
      out += "states|" + std::to_string(st.integer(0)) + "|" + std::to_string(st.integer(1)) + "|" +
             std::to_string(st.integer(2)) + "|" + std::to_string(st.integer(3)) + "|" + st.text(4) + "|" +
             sha256_hex(st.blob(5)) + "\n";
  }
  return out;
}

}  // namespace entente::analysis
