#include "analysis/play_web/play_server.hpp"

#include <httplib.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "analysis/play/play_session.hpp"
#include "analysis/play_web/access_tokens.hpp"
#include "analysis/play_web/fork_job.hpp"
#include "analysis/play_web/session_version.hpp"
#include "analysis/play_web/turn_deadline.hpp"
#include "analysis/play_web/web_assets.hpp"
#include "analysis/play_web/web_view.hpp"
#include "sim/io/diagnostics.hpp"
#include "sim/util/sha256.hpp"

namespace entente::analysis::play_web {

namespace {

using play::Json;

// The page may run only its own script and style from this server, talk only
// to it, and never be framed; nothing inline, nothing remote.
constexpr const char* kCsp =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

// A refusal with the reason, as JSON.
struct HttpError {
  int status;
  std::string message;
};

void send_json(httplib::Response& res, int status, const Json& body) {
  res.status = status;
  res.set_content(safe_json_text(body), "application/json; charset=utf-8");
}

void send_error(httplib::Response& res, int status, const std::string& message) {
  send_json(res, status, Json{{"error", message}});
}

struct Caller {
  std::string token;
  std::string role;  // kFacilitatorRole or "team:ID"
  bool is_facilitator() const { return role == kFacilitatorRole; }
  std::string team() const { return role.rfind("team:", 0) == 0 ? role.substr(5) : ""; }
};

// Reads a JSON object body; malformed or not an object: 400.
Json parse_body(const httplib::Request& req) {
  const std::string type = req.get_header_value("Content-Type");
  if (type.rfind("application/json", 0) != 0) throw HttpError{415, "a write takes a JSON body (Content-Type: application/json)"};
  Json body;
  try {
    body = Json::parse(req.body);
  } catch (const std::exception&) {
    throw HttpError{400, "the body is not valid JSON"};
  }
  if (!body.is_object()) throw HttpError{400, "the body must be a JSON object"};
  return body;
}

std::string string_field(const Json& body, const char* name, bool required) {
  if (!body.contains(name)) {
    if (required) throw HttpError{400, std::string("missing field '") + name + "'"};
    return "";
  }
  if (!body.at(name).is_string()) throw HttpError{400, std::string("field '") + name + "' must be a string"};
  return body.at(name).get<std::string>();
}

// {"set": [{"lever": ID, "value": NUMBER}, ...]}: the settings `play move`
// takes as --set LEVER=VALUE. Their checks (the team owns the lever, the
// value is inside its range, the game is not over) are play_move's own.
std::vector<play::LeverSetting> settings_field(const Json& body) {
  if (!body.contains("set") || !body.at("set").is_array() || body.at("set").empty())
    throw HttpError{400, "a move takes {\"set\": [{\"lever\": ID, \"value\": NUMBER}, ...]}"};
  std::vector<play::LeverSetting> out;
  for (const auto& s : body.at("set")) {
    if (!s.is_object() || !s.contains("lever") || !s.at("lever").is_string() || !s.contains("value") ||
        !s.at("value").is_number())
      throw HttpError{400, "each setting is {\"lever\": ID, \"value\": NUMBER}"};
    out.push_back({s.at("lever").get<std::string>(), s.at("value").get<double>()});
  }
  return out;
}

// A fork from the browser: at most this many futures (a room waits for it;
// `entente play fork` runs up to 10^9).
constexpr std::uint64_t kMaxForkRuns = 1'000'000;

// Compares without stopping at the first difference.
bool same_secret(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// One role's view as last built.
struct CachedView {
  std::int64_t version = -1;
  std::string text;
  int coming_turn = 0;  // the turn the view's moves are for (its deadline's)
};

}  // namespace

struct PlayServer::Impl {
  std::string session;
  const ModelRegistry* registry;
  ServeOptions options;
  httplib::Server http;
  std::string csrf_secret = random_token();  // per process: a restart hands out new CSRF tokens
  std::mutex write_mutex;                    // one write of this server at a time
  std::mutex busy_mutex;
  std::string busy;  // what a long write is doing ("" when idle), shown on every screen
  std::mutex cache_mutex;
  std::map<std::string, CachedView> views;  // by role
  // Last member: destroyed first, so a running fork is stopped and joined
  // while everything it reports to still exists.
  ForkJob fork;

  std::string csrf_for(const Caller& c) const { return sha256_hex(csrf_secret + "|" + c.token); }

  void set_busy(const std::string& what) {
    std::lock_guard<std::mutex> lock(busy_mutex);
    busy = what;
  }
  std::string busy_now() {
    std::lock_guard<std::mutex> lock(busy_mutex);
    return busy;
  }

  Caller authorise(const httplib::Request& req) const {
    const std::string auth = req.get_header_value("Authorization");
    const std::string prefix = "Bearer ";
    if (auth.rfind(prefix, 0) != 0) throw HttpError{401, "no access token: open the link you were given"};
    Caller c;
    c.token = auth.substr(prefix.size());
    const auto role = role_of_token(session, c.token);
    if (!role) throw HttpError{401, "unknown access token (the links may have been reissued)"};
    c.role = *role;
    return c;
  }

  // A write: the role's token, the CSRF token, and a same-origin request.
  Caller authorise_write(const httplib::Request& req) const {
    Caller c = authorise(req);
    const std::string origin = req.get_header_value("Origin");
    if (!origin.empty() && origin != "http://" + req.get_header_value("Host"))
      throw HttpError{403, "cross-origin write refused"};
    if (!same_secret(req.get_header_value("X-CSRF-Token"), csrf_for(c)))
      throw HttpError{403, "missing or wrong CSRF token"};
    return c;
  }

  static void require_facilitator(const Caller& c) {
    if (!c.is_facilitator()) throw HttpError{403, "only the facilitator may do this"};
  }
  static std::string require_team(const Caller& c) {
    if (c.team().empty()) throw HttpError{403, "only a team may do this"};
    return c.team();
  }

  // The role's view at the session's current version, rebuilt only when the
  // journal has grown since.
  CachedView view_of(const Caller& c) {
    const std::int64_t version = session_version(session);
    {
      std::lock_guard<std::mutex> lock(cache_mutex);
      auto it = views.find(c.role);
      if (it != views.end() && it->second.version == version) return it->second;
    }
    OpenSession s = open_session(session, *registry);
    const std::int64_t built = s.journal.empty() ? 0 : s.journal.back().seq;
    const std::string team = c.team();
    if (!team.empty() && !s.game->team(team)) throw HttpError{403, "team '" + team + "' is not in this game"};
    const Json v = c.is_facilitator() ? facilitator_view(s) : team_view(s, team);
    const CachedView entry{built, safe_json_text(v), s.game->turn() + 1};
    std::lock_guard<std::mutex> lock(cache_mutex);
    views[c.role] = entry;
    return entry;
  }

  void handle_view(const httplib::Request& req, httplib::Response& res) {
    const Caller c = authorise(req);
    const CachedView v = view_of(c);
    const std::string since = req.get_param_value("since");
    // Read on every poll: setting a deadline does not grow the journal.
    const auto due = deadline(session);
    const Json left = due && due->turn == v.coming_turn ? Json(due->due_unix - unix_now()) : Json(nullptr);
    const Json f = fork.status();
    std::string doing = busy_now();
    if (f.at("state") == "running")
      doing = "forking an ensemble from turn " + std::to_string(f.at("turn").get<int>()) + ": " +
             std::to_string(f.at("done").get<std::uint64_t>()) + " of " +
             std::to_string(f.at("total").get<std::uint64_t>()) + " futures (moves wait until it is done)";
    // The view is spliced in as already-safe JSON text.
    std::string body = "{\"version\":" + std::to_string(v.version) + ",\"busy\":" + safe_json_text(Json(doing)) +
                       ",\"csrf\":\"" + csrf_for(c) + "\",\"deadline_seconds_left\":" + left.dump();
    // The fork's progress and outcome: the facilitator's only (its out
    // folder and message name the session's place on disk).
    if (c.is_facilitator()) body += ",\"fork\":" + safe_json_text(fork_status_json(f));
    if (since == std::to_string(v.version)) body += ",\"unchanged\":true}";
    else body += ",\"view\":" + v.text + "}";
    res.status = 200;
    res.set_content(body, "application/json; charset=utf-8");
  }

  void handle_write(const httplib::Request& req, httplib::Response& res, const std::string& what) {
    const Caller c = authorise_write(req);
    const Json body = parse_body(req);
    if (what == "fork") require_facilitator(c);  // a team's fork is a 403, running or not
    std::lock_guard<std::mutex> lock(write_mutex);
    // A fork holds the session's write lock until it is journalled: every
    // other write would wait for it (and time out), so it is refused now.
    if (fork.running()) {
      const Json f = fork.status();
      throw HttpError{409, std::string(what == "fork" ? "a fork is already running" : "a fork is running") + " (" +
                               std::to_string(f.at("done").get<std::uint64_t>()) + " of " +
                               std::to_string(f.at("total").get<std::uint64_t>()) +
                               " futures); try again when it is done"};
    }
    std::string message;
    if (what == "fork") {
      message = start_fork(body);
      send_json(res, 202, Json{{"ok", true}, {"message", message}});
      return;
    }
    if (what == "move") {
      message = play_move(session, require_team(c), settings_field(body), *registry);
    } else if (what == "withdraw") {
      message = withdraw(require_team(c));
    } else if (what == "inject") {
      require_facilitator(c);
      message = play_inject(session, string_field(body, "event", true), string_field(body, "note", false), *registry);
    } else if (what == "adjudicate") {
      require_facilitator(c);
      play::AdjudicateOptions opt;
      opt.threads = options.threads;
      // {"runs": N}: this turn's futures, as --runs-per-turn (0 or absent: the session's setting).
      if (body.contains("runs")) {
        if (!body.at("runs").is_number_unsigned() || body.at("runs").get<std::uint64_t>() > play::kMaxRunsPerTurn)
          throw HttpError{400, "runs must be an integer from 0 to 10^6 (0: the session's futures per turn)"};
        opt.runs = body.at("runs").get<std::uint64_t>();
      }
      set_busy("adjudicating the turn");
      try {
        message = play_adjudicate(session, opt, *registry).text;
      } catch (...) {
        set_busy("");
        throw;
      }
      set_busy("");
    } else if (what == "rewind") {
      require_facilitator(c);
      if (!body.contains("turn") || !body.at("turn").is_number_integer())
        throw HttpError{400, "a rewind takes {\"turn\": K}"};
      message = play_rewind(session, body.at("turn").get<int>(), *registry);
    } else if (what == "deadline") {
      require_facilitator(c);
      message = set_turn_deadline(body);
    }
    send_json(res, 200, Json{{"ok", true}, {"message", message}});
  }

  // {"minutes": N}: the coming turn's moves are due N minutes from now; 0 clears it.
  std::string set_turn_deadline(const Json& body) {
    if (!body.contains("minutes") || !body.at("minutes").is_number_unsigned() ||
        body.at("minutes").get<std::uint64_t>() > 24 * 60)
      throw HttpError{400, "a deadline takes {\"minutes\": N}, N from 0 (none) to 1440"};
    const auto minutes = static_cast<std::int64_t>(body.at("minutes").get<std::uint64_t>());
    int turn = 0;
    {
      // Closed before set_deadline writes: it would wait for this session's write lock.
      OpenSession s = open_session(session, *registry);
      if (s.game->over()) throw HttpError{400, "the game is over: no turn to set a deadline for"};
      turn = s.game->turn() + 1;
    }
    if (minutes == 0) {
      set_deadline(session, std::nullopt);
      return "no deadline for turn " + std::to_string(turn);
    }
    set_deadline(session, TurnDeadline{turn, unix_now() + minutes * 60});
    return "moves for turn " + std::to_string(turn) + " are due in " + std::to_string(minutes) + " minutes";
  }

  // {"turn": K (optional), "runs": M, "policy": P (optional)}: `entente play
  // fork S [--turn K] --runs M [--policy P] --out DIR` with DIR the server's
  // choice (fork_job.hpp), run in the background. The request is checked
  // here with play_fork's own checks, so a bad one is a 400 at once.
  std::string start_fork(const Json& body) {
    PlayForkRequest r;
    r.session = session;
    r.threads = options.threads;
    if (body.contains("turn") && !body.at("turn").is_null()) {
      if (!body.at("turn").is_number_integer()) throw HttpError{400, "turn must be an integer (absent: now)"};
      r.turn = body.at("turn").get<int>();
    }
    if (!body.contains("runs") || !body.at("runs").is_number_unsigned() || body.at("runs").get<std::uint64_t>() < 1 ||
        body.at("runs").get<std::uint64_t>() > kMaxForkRuns)
      throw HttpError{400, "a fork takes {\"runs\": M}, M from 1 to 10^6 (entente play fork runs more)"};
    r.runs = body.at("runs").get<std::uint64_t>();
    r.policy = string_field(body, "policy", false);
    int k = 0;
    std::int64_t seq = 0;
    {
      OpenSession s = open_session(session, *registry);
      k = check_play_fork(s, r);
      seq = s.journal.back().seq + 1;
      r.out = fork_dir(session, k, s.game->branch(), seq);
      // Every screen's view, built now: while the fork holds the session
      // nothing changes, and a screen opened meanwhile needs no lock.
      std::lock_guard<std::mutex> lock(cache_mutex);
      const std::int64_t built = s.journal.back().seq;
      const int coming = s.game->turn() + 1;
      views[kFacilitatorRole] = {built, safe_json_text(facilitator_view(s)), coming};
      for (const auto& t : s.game->setup().teams) views["team:" + t.id] = {built, safe_json_text(team_view(s, t.id)), coming};
    }
    std::error_code ec;
    std::filesystem::create_directories(forks_dir(session), ec);
    if (ec) throw HttpError{500, "cannot make " + forks_dir(session) + ": " + ec.message()};
    if (!fork.start(r, seq, k, *registry)) throw HttpError{409, "a fork is already running"};
    return "forking " + std::to_string(r.runs) + " futures from turn " + std::to_string(k) +
           (r.policy.empty() ? "" : " under policy " + r.policy) + " into " + r.out;
  }

  // The fork's status for the facilitator's screen, with where to fetch a
  // finished fork's report and summary.
  static Json fork_status_json(Json f) {
    if (f.at("state") == "done") {
      const std::string seq = std::to_string(f.at("seq").get<std::int64_t>());
      f["report"] = "/api/fork/report?seq=" + seq;
      f["summary"] = "/api/fork/summary?seq=" + seq;
    }
    return f;
  }

  // GET /api/fork/report|summary?seq=N: a file of the fork journalled as
  // entry N, when it is one this server wrote (fork_job.hpp). Only digits
  // come from the request; the folder comes from the journal.
  void handle_fork_file(const httplib::Request& req, httplib::Response& res, bool report) {
    require_facilitator(authorise(req));
    const std::string text = req.get_param_value("seq");
    if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
      throw HttpError{400, "seq must be a journal entry number"};
    const auto dir = served_fork_dir(session, std::stoll(text));
    if (!dir) throw HttpError{404, "journal entry " + text + " is not a fork written by entente play serve"};
    const auto path = std::filesystem::path(*dir) / (report ? "report.html" : "summary.csv");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw HttpError{404, "the fork's " + path.filename().string() + " is no longer there"};
    std::ostringstream ss;
    ss << in.rdbuf();
    res.status = 200;
    if (report) {
      res.set_header("Content-Disposition", "attachment; filename=\"fork_" + text + "_report.html\"");
      res.set_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox");
      res.set_content(ss.str(), "text/html; charset=utf-8");
    } else {
      res.set_header("Content-Disposition", "attachment; filename=\"fork_" + text + "_summary.csv\"");
      res.set_content(ss.str(), "text/csv; charset=utf-8");
    }
  }

  // Withdrawing a team's move for the coming turn is a move back to the
  // settings its levers had before the team's pending moves: the journal
  // keeps both, and `entente play status` shows the same as the browser.
  std::string withdraw(const std::string& team) {
    OpenSession s = open_session(session, *registry);
    std::vector<play::LeverSetting> back;
    for (const auto& a : s.game->pending()) {
      if (a.kind != play::Action::Kind::kMove || a.team != team) continue;
      for (const auto& x : a.move().set) {
        bool seen = false;
        for (const auto& b : back) seen = seen || b.lever == x.lever;
        if (!seen) back.push_back({x.lever, x.previous});
      }
    }
    if (back.empty()) throw HttpError{409, "team " + team + " has no move pending for this turn"};
    const play::Action a = s.game->make_move(team, back);
    s.store->append(a, nullptr);
    s.store->commit();
    return "team " + team + ": move for turn " + std::to_string(a.turn) + " withdrawn";
  }

  void handle_report(const httplib::Request& req, httplib::Response& res) {
    require_facilitator(authorise(req));
    if (fork.running()) throw HttpError{409, "a fork is running; the after-action report can be written when it is done"};
    namespace fs = std::filesystem;
    std::string tmpl = (fs::temp_directory_path() / "entente_report_XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) throw HttpError{500, "cannot make a temporary directory for the report"};
    const fs::path dir = tmpl;
    std::string html;
    try {
      PlayReportRequest r;
      r.session = session;
      r.out = (dir / "aar").string();
      r.baseline_runs = options.report_baseline_runs;
      r.threads = options.threads;
      const std::string path = play_report(r, *registry);
      std::ifstream in(path, std::ios::binary);
      std::ostringstream ss;
      ss << in.rdbuf();
      html = ss.str();
    } catch (...) {
      std::error_code ec;
      fs::remove_all(dir, ec);
      throw;
    }
    std::error_code ec;
    fs::remove_all(dir, ec);
    res.status = 200;
    // A download, opened from disk: it never runs in this origin.
    res.set_header("Content-Disposition", "attachment; filename=\"after_action_report.html\"");
    res.set_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox");
    res.set_content(html, "text/html; charset=utf-8");
  }

  // Runs a handler, turning every refusal into its status and a JSON reason.
  template <class F>
  static httplib::Server::Handler guarded(F f) {
    return [f](const httplib::Request& req, httplib::Response& res) {
      try {
        f(req, res);
      } catch (const HttpError& e) {
        send_error(res, e.status, e.message);
      } catch (const play::PlayError& e) {
        send_error(res, 400, e.what());
      } catch (const SessionInputError& e) {
        send_error(res, 400, e.what());
      } catch (const ScenarioError& e) {
        send_error(res, 400, e.what());
      } catch (const std::exception& e) {
        send_error(res, 500, e.what());
      }
    };
  }

  void routes() {
    http.set_payload_max_length(options.max_body);
    http.set_default_headers({{"Content-Security-Policy", kCsp},
                              {"X-Content-Type-Options", "nosniff"},
                              {"X-Frame-Options", "DENY"},
                              {"Referrer-Policy", "no-referrer"},
                              {"Cache-Control", "no-store"}});
    for (const auto& asset : web_assets()) {
      const WebAsset a = asset;
      http.Get(a.path, [a](const httplib::Request&, httplib::Response& res) { res.set_content(a.body, a.content_type); });
    }
    http.Get("/api/view", guarded([this](const auto& q, auto& r) { handle_view(q, r); }));
    http.Get("/api/report", guarded([this](const auto& q, auto& r) { handle_report(q, r); }));
    http.Get("/api/fork/report", guarded([this](const auto& q, auto& r) { handle_fork_file(q, r, true); }));
    http.Get("/api/fork/summary", guarded([this](const auto& q, auto& r) { handle_fork_file(q, r, false); }));
    for (const char* w : {"move", "withdraw", "inject", "adjudicate", "rewind", "deadline", "fork"}) {
      const std::string what = w;
      http.Post("/api/" + what, guarded([this, what](const auto& q, auto& r) { handle_write(q, r, what); }));
    }
    // Anything else (no files are served from disk, so no path reaches one).
    http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
      if (res.status == 413) return send_error(res, 413, "request body too large");
      if (res.body.empty()) send_error(res, res.status, res.status == 404 ? "not found" : "bad request");
    });
  }
};

PlayServer::PlayServer(std::string session, const ModelRegistry& registry, ServeOptions options)
    : impl_(std::make_unique<Impl>()) {
  impl_->session = std::move(session);
  impl_->registry = &registry;
  impl_->options = std::move(options);
  impl_->routes();
}

PlayServer::~PlayServer() = default;

int PlayServer::bind() {
  auto& o = impl_->options;
  if (o.port == 0) {
    const int port = impl_->http.bind_to_any_port(o.host);
    if (port < 0) throw std::runtime_error("cannot listen on " + o.host);
    o.port = port;
  } else if (!impl_->http.bind_to_port(o.host, o.port)) {
    throw std::runtime_error("cannot listen on " + o.host + ":" + std::to_string(o.port) +
                             " (in use, or not an address of this machine)");
  }
  return o.port;
}

void PlayServer::run() { impl_->http.listen_after_bind(); }

// A running fork is stopped and waited for first: its output is either put
// in place whole and journalled, or not at all.
void PlayServer::stop() {
  impl_->fork.stop();
  impl_->http.stop();
}

}  // namespace entente::analysis::play_web
