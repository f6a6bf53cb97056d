// `entente play serve` over real HTTP: an in-process server on an ephemeral
// port, driven with cpp-httplib's client. Hostile requests are refused and
// change nothing; a team never sees another team's pending move or the
// facilitator's notes; a game played through the browser endpoints is the
// same journal as the same game played with the library calls `entente
// play` makes; an acknowledged action survives kill -9 of the server.
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "analysis/play/play_session.hpp"
#include "analysis/play_web/access_tokens.hpp"
#include "analysis/play_web/play_server.hpp"
#include "models/register_builtin.hpp"
#include "sim/play/play_scenario.hpp"
#include "sim/util/sha256.hpp"
#include "support/cli_runner.hpp"

namespace entente {
namespace {

namespace fs = std::filesystem;
using play::Json;
namespace web = analysis::play_web;

std::string new_session(const fs::path& dir, const std::string& name) {
  const std::string scenario = (dir / "mini_play.yaml").string();
  std::ofstream(scenario) << test::play_scenario_yaml();
  analysis::PlayNewRequest req;
  req.load.file = scenario;
  req.session = (dir / name).string();
  req.setup = test::play_setup();
  analysis::play_new(req, builtin_registry());
  return req.session;
}

std::string dump(const std::string& session) { return analysis::SessionStore(session).canonical_dump(); }

// A session served on 127.0.0.1:<ephemeral port> for the test's lifetime.
struct Served {
  fs::path dir;
  std::string session;
  std::map<std::string, std::string> token;  // role -> token
  std::unique_ptr<web::PlayServer> server;
  std::thread thread;
  int port = 0;

  explicit Served(const std::string& name) : dir(test::scratch_dir(name)), session(new_session(dir, "s.sqlite")) {
    for (const auto& t : web::issue_tokens(session, test::play_setup())) token[t.role] = t.token;
    web::ServeOptions o;
    o.port = 0;
    o.threads = 1;
    o.report_baseline_runs = 20;
    server = std::make_unique<web::PlayServer>(session, builtin_registry(), o);
    port = server->bind();
    thread = std::thread([this] { server->run(); });
    for (int i = 0; i < 200 && !client().Get("/"); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ~Served() {
    server->stop();
    thread.join();
  }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(30, 0);
    return c;
  }
  httplib::Headers auth(const std::string& role) const { return {{"Authorization", "Bearer " + token.at(role)}}; }
  Json view(const std::string& role) const {
    auto r = client().Get("/api/view", auth(role));
    REQUIRE(r);
    REQUIRE(r->status == 200);
    return Json::parse(r->body);
  }
  std::string csrf(const std::string& role) const { return view(role).at("csrf").get<std::string>(); }
  // A write as the page makes it: token, CSRF token, JSON body.
  httplib::Result post(const std::string& role, const std::string& path, const std::string& body) const {
    auto h = auth(role);
    h.emplace("X-CSRF-Token", csrf(role));
    return client().Post(path.c_str(), h, body, "application/json");
  }
  Json ok(const std::string& role, const std::string& path, const Json& body) const {
    auto r = post(role, path, body.dump());
    REQUIRE(r);
    INFO(r->body);
    REQUIRE(r->status == 200);
    return Json::parse(r->body);
  }
};

const char* kFac = "facilitator";
const std::string kBlue = "team:blue", kRed = "team:red", kYellow = "team:yellow";

int status_of(const httplib::Result& r) { return r ? r->status : -1; }
std::string error_of(const httplib::Result& r) { return r ? Json::parse(r->body).at("error").get<std::string>() : ""; }

}  // namespace

TEST_CASE("play web: writes without a valid token, with another role's token or without CSRF change nothing",
          "[play][web]") {
  Served s("play_web_auth");
  s.ok(kBlue, "/api/move", {{"set", {{{"lever", "a_sanctions_b"}, {"value", 0.6}}}}});
  const std::string before = dump(s.session);
  const std::string move = Json{{"set", {{{"lever", "b_sanctions_a"}, {"value", 0.5}}}}}.dump();
  auto c = s.client();
  const httplib::Headers none;
  const std::string stranger(64, 'a');  // well formed, issued to nobody
  for (const char* path :
       {"/api/move", "/api/withdraw", "/api/inject", "/api/adjudicate", "/api/rewind", "/api/deadline"}) {
    INFO(path);
    CHECK(status_of(c.Post(path, none, move, "application/json")) == 401);
    CHECK(status_of(c.Post(path, {{"Authorization", "Bearer " + stranger}}, move, "application/json")) == 401);
    CHECK(status_of(c.Post(path, {{"Authorization", "Bearer ../../etc/passwd"}}, move, "application/json")) == 401);
    // The right token without the CSRF token, or with another role's.
    CHECK(status_of(c.Post(path, s.auth(kRed), move, "application/json")) == 403);
    auto h = s.auth(kRed);
    h.emplace("X-CSRF-Token", s.csrf(kBlue));
    CHECK(error_of(c.Post(path, h, move, "application/json")) == "missing or wrong CSRF token");
    // A cross-origin page that somehow had both tokens is still refused.
    auto x = s.auth(kRed);
    x.emplace("X-CSRF-Token", s.csrf(kRed));
    x.emplace("Origin", "http://evil.example");
    CHECK(status_of(c.Post(path, x, move, "application/json")) == 403);
  }
  // Team tokens on the facilitator's actions, the facilitator's on a team's.
  for (const char* path : {"/api/inject", "/api/adjudicate", "/api/rewind", "/api/deadline"}) {
    auto r = s.post(kRed, path, Json{{"event", "crisis"}, {"turn", 0}}.dump());
    CHECK(status_of(r) == 403);
    CHECK(error_of(r) == "only the facilitator may do this");
  }
  CHECK(error_of(s.post(kFac, "/api/move", move)) == "only a team may do this");
  CHECK(status_of(c.Get("/api/report", s.auth(kBlue))) == 403);
  CHECK(status_of(c.Get("/api/view")) == 401);
  CHECK(dump(s.session) == before);

  // The session holds each token's SHA-256, never the token.
  const std::string file = test::slurp(s.session);
  CHECK(file.find(s.token.at(kFac)) == std::string::npos);
  CHECK(file.find(sha256_hex(s.token.at(kFac))) != std::string::npos);
  // Reissued links: the old token stops working at once.
  const std::string old = s.token.at(kBlue);
  web::issue_tokens(s.session, test::play_setup());
  CHECK(status_of(c.Get("/api/view", {{"Authorization", "Bearer " + old}})) == 401);
}

TEST_CASE("play web: request bodies are size-limited and checked like play move", "[play][web]") {
  Served s("play_web_bodies");
  const std::string before = dump(s.session);
  auto big = s.auth(kBlue);
  big.emplace("X-CSRF-Token", s.csrf(kBlue));
  CHECK(status_of(s.client().Post("/api/move", big, std::string(20000, ' '), "application/json")) == 413);
  CHECK(error_of(s.post(kBlue, "/api/move", "{\"set\": [")) == "the body is not valid JSON");
  CHECK(error_of(s.post(kBlue, "/api/move", "[1, 2]")) == "the body must be a JSON object");
  CHECK(error_of(s.post(kBlue, "/api/move", R"({"set": [{"lever": "a_sanctions_b", "value": "0.5"}]})")) ==
        "each setting is {\"lever\": ID, \"value\": NUMBER}");
  CHECK(status_of(s.client().Post("/api/move", big, "lever=a_sanctions_b&value=0.5",
                                   "application/x-www-form-urlencoded")) == 415);
  // The rules' own messages, as `entente play move` prints them.
  CHECK(error_of(s.post(kBlue, "/api/move", R"({"set": [{"lever": "b_sanctions_a", "value": 0.5}]})")) ==
        "team 'blue' does not own lever 'b_sanctions_a' (team 'red' does); blue owns a_sanctions_b or a_sanctions_c");
  const auto range = s.post(kYellow, "/api/move", R"({"set": [{"lever": "c_sanctions_a", "value": 0.9}]})");
  CHECK(status_of(range) == 400);
  CHECK_THROWS_WITH(analysis::play_move(s.session, "yellow", {{"c_sanctions_a", 0.9}}, builtin_registry()),
                    error_of(range));
  CHECK(error_of(s.post(kFac, "/api/inject", R"({"event": "nothing"})")).find("unknown event 'nothing'") == 0);
  CHECK(error_of(s.post(kFac, "/api/rewind", R"({"turn": "1"})")) == "a rewind takes {\"turn\": K}");
  CHECK(status_of(s.post(kFac, "/api/adjudicate", R"({"runs": -5})")) == 400);
  CHECK(status_of(s.post(kFac, "/api/adjudicate", R"({"runs": 2000000})")) == 400);
  CHECK(status_of(s.post(kBlue, "/api/withdraw", "{}")) == 409);
  CHECK(dump(s.session) == before);
}

TEST_CASE("play web: a team never sees another team's pending move or the facilitator's notes", "[play][web]") {
  Served s("play_web_secrets");
  s.ok(kBlue, "/api/move", {{"set", {{{"lever", "a_sanctions_b"}, {"value", 0.6}}}}});
  const std::string note = "<script>alert('x')</script> secret plan & more";
  s.ok(kFac, "/api/inject", {{"event", "crisis"}, {"note", note}});
  auto red = s.client().Get("/api/view", s.auth(kRed));
  REQUIRE(status_of(red) == 200);
  CHECK(red->body.find("a_sanctions_b") == std::string::npos);
  CHECK(red->body.find("secret plan") == std::string::npos);
  const Json rv = Json::parse(red->body).at("view");
  CHECK(rv.at("levers").size() == 1);
  CHECK(rv.at("my_pending").empty());
  const Json bv = s.view(kBlue).at("view");
  REQUIRE(bv.at("my_pending").size() == 1);
  CHECK(bv.at("my_pending")[0].at("set")[0].at("value").get<double>() == 0.6);
  // The facilitator sees the note, and no response carries it as markup.
  auto fac = s.client().Get("/api/view", s.auth(kFac));
  REQUIRE(status_of(fac) == 200);
  CHECK(fac->body.find('<') == std::string::npos);
  CHECK(fac->body.find("\\u003cscript\\u003e") != std::string::npos);
  const Json fv = Json::parse(fac->body).at("view");
  CHECK(fv.at("pending")[1].at("note").get<std::string>() == note);
  // After the turn the inject is an event everyone sees, still without the note.
  s.ok(kFac, "/api/adjudicate", Json::object());
  auto after = s.client().Get("/api/view", s.auth(kRed));
  CHECK(after->body.find("secret plan") == std::string::npos);
  CHECK(after->body.find("\"injected\",\"name\":\"crisis\"") != std::string::npos);
  CHECK(Json::parse(after->body).at("view").at("charts").size() == 3);
}

TEST_CASE("play web: unknown paths are 404, nothing is read from disk, pages carry a strict CSP", "[play][web]") {
  Served s("play_web_paths");
  auto c = s.client();
  for (const char* p : {"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/app.js/../../../etc/passwd",
                        "/api/../../etc/passwd", "/api/", "/index.html", "/s.sqlite", "/api/view/../report"}) {
    INFO(p);
    auto r = c.Get(p, s.auth(kFac));
    REQUIRE(r);
    CHECK((r->status == 404 || r->status == 400));
    CHECK(r->body.find("root:") == std::string::npos);
  }
  auto page = c.Get("/");
  REQUIRE(status_of(page) == 200);
  const std::string csp = page->get_header_value("Content-Security-Policy");
  CHECK(csp.find("default-src 'none'") != std::string::npos);
  CHECK(csp.find("script-src 'self'") != std::string::npos);
  CHECK(csp.find("unsafe-inline") == std::string::npos);
  CHECK(page->get_header_value("X-Content-Type-Options") == "nosniff");
  CHECK(page->body.find("http://") == std::string::npos);  // nothing remote
  CHECK(page->body.find("https://") == std::string::npos);
  auto js = c.Get("/app.js");
  REQUIRE(status_of(js) == 200);
  CHECK(js->body.find("innerHTML") == std::string::npos);
}

TEST_CASE("play web: a game played through HTTP is the journal entente play reads", "[play][web]") {
  Served s("play_web_game");
  const auto& reg = builtin_registry();
  s.ok(kBlue, "/api/move", {{"set", {{{"lever", "a_sanctions_b"}, {"value", 0.6}}}}});
  s.ok(kRed, "/api/move", {{"set", {{{"lever", "b_sanctions_a"}, {"value", 0.3}}}}});
  s.ok(kRed, "/api/withdraw", Json::object());
  s.ok(kYellow, "/api/move", {{"set", {{{"lever", "c_sanctions_a"}, {"value", 0.5}}}}});
  s.ok(kFac, "/api/inject", {{"event", "crisis"}, {"note", "a test crisis"}});
  s.ok(kFac, "/api/adjudicate", Json::object());
  s.ok(kBlue, "/api/move", {{"set", {{{"lever", "a_sanctions_c"}, {"value", 0.4}}}}});
  s.ok(kFac, "/api/adjudicate", Json::object());
  s.ok(kFac, "/api/rewind", {{"turn", 1}});
  s.ok(kFac, "/api/adjudicate", Json::object());
  const Json fv = s.view(kFac).at("view");
  CHECK(fv.at("turn") == 2);
  CHECK(fv.at("branch") == 1);
  CHECK(fv.at("dashboard_text").get<std::string>().find("Turn 2 of 10") == 0);

  // The same game with the library calls of the command line.
  const fs::path dir = test::scratch_dir("play_web_game_cli");
  const std::string cli = new_session(dir, "c.sqlite");
  analysis::play_move(cli, "blue", {{"a_sanctions_b", 0.6}}, reg);
  analysis::play_move(cli, "red", {{"b_sanctions_a", 0.3}}, reg);
  analysis::play_move(cli, "red", {{"b_sanctions_a", 0}}, reg);  // the withdrawal
  analysis::play_move(cli, "yellow", {{"c_sanctions_a", 0.5}}, reg);
  analysis::play_inject(cli, "crisis", "a test crisis", reg);
  analysis::play_adjudicate(cli, {}, reg);
  analysis::play_move(cli, "blue", {{"a_sanctions_c", 0.4}}, reg);
  analysis::play_adjudicate(cli, {}, reg);
  analysis::play_rewind(cli, 1, reg);
  analysis::play_adjudicate(cli, {}, reg);
  auto strip = [](std::string d, const std::string& path) {
    for (std::size_t p; (p = d.find(path)) != std::string::npos;) d.erase(p, path.size());
    return d;
  };
  CHECK(strip(dump(s.session), s.dir.string()) == strip(dump(cli), dir.string()));

  // The command line reads and continues the served session, and the screens follow.
  const auto status = test::run_cli("play status " + s.session);
  CHECK(status.code == 0);
  CHECK(status.out.find("turn 2 of 10 (2022), branch 1") != std::string::npos);
  CHECK(test::run_cli("play move " + s.session + " --team blue --set a_sanctions_b=0.1").code == 0);
  const Json bv = s.view(kBlue).at("view");
  REQUIRE(bv.at("my_pending").size() == 1);
  CHECK(bv.at("my_pending")[0].at("set")[0].at("value").get<double>() == 0.1);
  CHECK(test::run_cli("play replay " + s.session).code == 0);

  // The after-action report, as a download for the facilitator only.
  auto report = s.client().Get("/api/report", s.auth(kFac));
  REQUIRE(status_of(report) == 200);
  CHECK(report->get_header_value("Content-Disposition") == "attachment; filename=\"after_action_report.html\"");
  CHECK(report->body.find("<html") != std::string::npos);
  CHECK(report->body.find("a test crisis") != std::string::npos);
}

TEST_CASE("play web: three teams moving at once lose nothing and duplicate nothing", "[play][web]") {
  Served s("play_web_concurrent");
  constexpr int kEach = 40;
  const std::vector<std::pair<std::string, std::string>> teams = {
      {kBlue, "a_sanctions_b"}, {kRed, "b_sanctions_a"}, {kYellow, "c_sanctions_a"}};
  std::vector<std::thread> threads;
  std::atomic<int> acknowledged{0};
  for (const auto& [role, lever] : teams)
    threads.emplace_back([&, role = role, lever = lever] {
      const std::string csrf = s.csrf(role);
      auto c = s.client();
      for (int i = 1; i <= kEach; ++i) {
        auto h = s.auth(role);
        h.emplace("X-CSRF-Token", csrf);
        const Json body = {{"set", {{{"lever", lever}, {"value", i / 100.0}}}}};
        auto r = c.Post("/api/move", h, body.dump(), "application/json");
        if (r && r->status == 200) ++acknowledged;
      }
    });
  // Meanwhile the facilitator's screen polls: every poll is answered.
  std::atomic<int> polled{0};
  threads.emplace_back([&] {
    auto c = s.client();
    for (int i = 0; i < 2 * kEach; ++i) {
      auto r = c.Get("/api/view", s.auth(kFac));
      if (r && r->status == 200) ++polled;
    }
  });
  for (auto& t : threads) t.join();
  CHECK(acknowledged == 3 * kEach);
  CHECK(polled == 2 * kEach);
  analysis::OpenSession o = analysis::open_session(s.session, builtin_registry());
  CHECK(o.journal.size() == 1 + 3 * kEach);
  CHECK(o.game->pending().size() == 3 * kEach);
  // Each team's moves are journalled once each, in the order sent: 0.01, 0.02, ...
  std::map<std::string, int> next;
  for (const auto& a : o.game->pending()) {
    const int i = ++next[a.team];
    CHECK(a.move().set[0].value == Approx(i / 100.0));
  }
  CHECK(next["blue"] == kEach);
  CHECK(next["red"] == kEach);
  CHECK(next["yellow"] == kEach);
}

TEST_CASE("play web: entente play serve killed with -9 keeps every acknowledged action and resumes",
          "[play][web][crash]") {
  const fs::path dir = test::scratch_dir("play_web_kill9");
  const std::string session = new_session(dir, "s.sqlite");
  const fs::path out = dir / "serve.out";
  auto start = [&] {
    const std::string cmd = std::string("exec ") + ENTENTE_CLI_PATH + " play serve " + session +
                            " --listen 127.0.0.1:0 >" + out.string() + " 2>&1";
    const pid_t pid = ::fork();
    if (pid == 0) {
      ::execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    return pid;
  };
  // The port and links from what the server prints.
  auto read_out = [&](const std::string& key) {
    for (int i = 0; i < 500; ++i) {
      const std::string text = test::slurp(out);
      if (text.find("Ctrl-C") != std::string::npos && text.find(key) != std::string::npos) return text;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return test::slurp(out);
  };
  auto port_of = [](const std::string& text) {
    const auto p = text.find("http://127.0.0.1:") + 17;
    return std::stoi(text.substr(p, text.find('/', p) - p));
  };
  auto token_of = [](const std::string& text, const std::string& role) {
    const auto p = text.find("  " + role + " ");
    REQUIRE(p != std::string::npos);
    const auto h = text.find('#', p);
    return text.substr(h + 1, 64);
  };
  pid_t pid = start();
  std::string text = read_out("Access links");
  INFO(text);
  const std::string blue = token_of(text, "team:blue");
  httplib::Client c("127.0.0.1", port_of(text));
  const httplib::Headers auth = {{"Authorization", "Bearer " + blue}};
  auto v = c.Get("/api/view", auth);
  REQUIRE(status_of(v) == 200);
  auto h = auth;
  h.emplace("X-CSRF-Token", Json::parse(v->body).at("csrf").get<std::string>());
  REQUIRE(status_of(c.Post("/api/move", h, R"({"set": [{"lever": "a_sanctions_b", "value": 0.7}]})",
                           "application/json")) == 200);
  ::kill(pid, SIGKILL);
  int st = 0;
  ::waitpid(pid, &st, 0);
  CHECK(WIFSIGNALED(st));
  CHECK(test::run_cli("play status " + session).out.find("move, pending") != std::string::npos);
  // Restarted, it resumes with the same links.
  pid = start();
  text = read_out("still work");
  httplib::Client c2("127.0.0.1", port_of(text));
  auto again = c2.Get("/api/view", auth);
  REQUIRE(status_of(again) == 200);
  CHECK(Json::parse(again->body).at("view").at("my_pending").size() == 1);
  ::kill(pid, SIGTERM);
  ::waitpid(pid, &st, 0);
  CHECK(WIFEXITED(st));
  CHECK(WEXITSTATUS(st) == 130);
}

}  // namespace entente

namespace entente {

TEST_CASE("play web: entente play serve refuses a bad address or a file that is not a session", "[play][web]") {
  const fs::path dir = test::scratch_dir("play_web_cli_errors");
  const std::string session = new_session(dir, "s.sqlite");
  const auto no_port = test::run_cli("play serve " + session + " --listen 127.0.0.1");
  CHECK(no_port.code == 2);
  CHECK(no_port.err ==
        "entente: error: --listen takes HOST:PORT, e.g. --listen 127.0.0.1:8080 (or 0.0.0.0:8080 for other machines "
        "of the room); got '127.0.0.1'\n");
  CHECK(test::run_cli("play serve " + session + " --listen 127.0.0.1:70000").code == 2);
  const auto missing = test::run_cli("play serve " + (dir / "none.sqlite").string());
  CHECK(missing.code == 2);
  CHECK(missing.err.find("none.sqlite: no such session") != std::string::npos);
  const auto not_session = test::run_cli("play serve " + (dir / "mini_play.yaml").string());
  CHECK(not_session.code == 2);
  CHECK(not_session.err.find("mini_play.yaml: not an entente play session") != std::string::npos);
}

}  // namespace entente

namespace entente {

TEST_CASE("play web: the facilitator's turn deadline reaches every screen and lapses with the turn", "[play][web]") {
  Served s("play_web_deadline");
  CHECK(s.view(kBlue).at("deadline_seconds_left").is_null());
  CHECK(status_of(s.post(kBlue, "/api/deadline", R"({"minutes": 5})")) == 403);
  CHECK(error_of(s.post(kFac, "/api/deadline", R"({"minutes": -1})")) ==
        "a deadline takes {\"minutes\": N}, N from 0 (none) to 1440");
  const std::string before = dump(s.session);
  s.ok(kFac, "/api/deadline", {{"minutes", 5}});
  CHECK(dump(s.session) == before);  // not a journal entry
  for (const auto& role : {kBlue, kRed, std::string(kFac)}) {
    const auto left = s.view(role).at("deadline_seconds_left").get<std::int64_t>();
    CHECK(left > 290);
    CHECK(left <= 300);
  }
  s.ok(kFac, "/api/adjudicate", Json::object());
  CHECK(s.view(kRed).at("deadline_seconds_left").is_null());  // it was turn 1's
  s.ok(kFac, "/api/deadline", {{"minutes", 1}});
  s.ok(kFac, "/api/deadline", {{"minutes", 0}});
  CHECK(s.view(kRed).at("deadline_seconds_left").is_null());
}

}  // namespace entente

namespace entente {
namespace {

// Polls the facilitator's view until the fork is no longer running.
Json fork_when_finished(const Served& s) {
  for (int i = 0; i < 1200; ++i) {
    const Json f = s.view(kFac).at("fork");
    if (f.at("state") != "running") return f;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  FAIL("the fork did not finish in 60 s");
  return {};
}

std::string file_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("play web: a fork from the browser is entente play fork's, for the facilitator only", "[play][web][fork]") {
  Served s("play_web_fork");
  const auto& reg = builtin_registry();
  s.ok(kBlue, "/api/move", {{"set", {{{"lever", "a_sanctions_b"}, {"value", 0.6}}}}});
  s.ok(kFac, "/api/adjudicate", Json::object());
  const std::string before = dump(s.session);
  CHECK(s.view(kFac).at("fork").at("state") == "idle");
  CHECK_FALSE(s.view(kBlue).contains("fork"));

  // A team may not fork; a bad request is refused at once and starts nothing.
  auto team = s.post(kRed, "/api/fork", R"({"runs": 50})");
  CHECK(status_of(team) == 403);
  CHECK(error_of(team) == "only the facilitator may do this");
  CHECK(status_of(s.client().Post("/api/fork", s.auth(kFac), R"({"runs": 50})", "application/json")) == 403);  // no CSRF
  for (const char* bad : {R"({})", R"({"runs": 0})", R"({"runs": -3})", R"({"runs": 2000000})", R"({"runs": "50"})",
                          R"({"runs": 50, "turn": "1"})", R"({"runs": 50, "policy": 3})"}) {
    INFO(bad);
    CHECK(status_of(s.post(kFac, "/api/fork", bad)) == 400);
  }
  CHECK(error_of(s.post(kFac, "/api/fork", R"({"runs": 50, "turn": 7})")).find("turn 7") != std::string::npos);
  CHECK(error_of(s.post(kFac, "/api/fork", R"({"runs": 50, "policy": "nope"})")).rfind("unknown policy 'nope'", 0) == 0);
  CHECK(dump(s.session) == before);
  CHECK(s.view(kFac).at("fork").at("state") == "idle");

  // A path in the request goes nowhere: the server names the folder.
  const fs::path elsewhere = s.dir / "elsewhere";
  auto started = s.post(kFac, "/api/fork", Json{{"turn", 1}, {"runs", 50}, {"out", elsewhere.string()}}.dump());
  REQUIRE(status_of(started) == 202);
  const Json f = fork_when_finished(s);
  INFO(f.dump());
  REQUIRE(f.at("state") == "done");
  const fs::path out = s.dir / "s_forks" / "turn1_branch0_seq4";  // entries: new, move, adjudicate, fork
  CHECK(f.at("out") == out.string());
  CHECK(f.at("done") == 50);
  CHECK(f.at("message").get<std::string>().find("50 futures") != std::string::npos);
  CHECK_FALSE(fs::exists(elsewhere));
  for (const char* file : {"summary.csv", "thresholds.csv", "summary.json", "manifest.json", "report.html"})
    CHECK(fs::exists(out / file));
  CHECK_FALSE(s.view(kBlue).contains("fork"));

  // Its report and summary, for the facilitator only, by journal entry.
  auto report = s.client().Get(f.at("report").get<std::string>(), s.auth(kFac));
  REQUIRE(status_of(report) == 200);
  CHECK(report->get_header_value("Content-Disposition") == "attachment; filename=\"fork_4_report.html\"");
  CHECK(report->body == file_text(out / "report.html"));
  auto summary = s.client().Get("/api/fork/summary?seq=4", s.auth(kFac));
  REQUIRE(status_of(summary) == 200);
  CHECK(summary->body == file_text(out / "summary.csv"));
  CHECK(status_of(s.client().Get("/api/fork/report?seq=4", s.auth(kBlue))) == 403);
  CHECK(status_of(s.client().Get("/api/fork/report?seq=3", s.auth(kFac))) == 404);  // an adjudication
  for (const char* q : {"", "?seq=", "?seq=../s.sqlite", "?seq=4/../../x", "?seq=-4", "?seq=99999999999999999999"})
    CHECK(status_of(s.client().Get((std::string("/api/fork/report") + q).c_str(), s.auth(kFac))) == 400);

  // The same game and fork with the library calls of the command line.
  const fs::path dir = test::scratch_dir("play_web_fork_cli");
  const std::string cli = new_session(dir, "s.sqlite");
  analysis::play_move(cli, "blue", {{"a_sanctions_b", 0.6}}, reg);
  analysis::play_adjudicate(cli, {}, reg);
  analysis::PlayForkRequest req;
  req.session = cli;
  req.turn = 1;
  req.runs = 50;
  req.threads = 1;
  req.out = (dir / "s_forks" / "turn1_branch0_seq4").string();
  analysis::play_fork(req, reg);
  auto strip = [](std::string d, const std::string& path) {
    for (std::size_t p; (p = d.find(path)) != std::string::npos;) d.erase(p, path.size());
    return d;
  };
  CHECK(strip(dump(s.session), s.dir.string()) == strip(dump(cli), dir.string()));
  CHECK(file_text(out / "summary.csv") == file_text(fs::path(req.out) / "summary.csv"));
  // A CLI fork written elsewhere is journalled but not served.
  CHECK(test::run_cli("play fork " + s.session + " --runs 20 --no-report --quiet --out " + (s.dir / "cli_fork").string())
            .code == 0);
  CHECK(status_of(s.client().Get("/api/fork/summary?seq=5", s.auth(kFac))) == 404);
}

TEST_CASE("play web: one fork at a time, nothing else meanwhile, and a stop leaves nothing half-written",
          "[play][web][fork]") {
  Served s("play_web_fork_stop");
  s.ok(kBlue, "/api/move", {{"set", {{{"lever", "a_sanctions_b"}, {"value", 0.6}}}}});
  const std::string before = dump(s.session);
  REQUIRE(status_of(s.post(kFac, "/api/fork", R"({"runs": 1000000})")) == 202);
  auto second = s.post(kFac, "/api/fork", R"({"runs": 10})");
  CHECK(status_of(second) == 409);
  CHECK(error_of(second).rfind("a fork is already running", 0) == 0);
  CHECK(status_of(s.post(kBlue, "/api/move", Json{{"set", {{{"lever", "a_sanctions_c"}, {"value", 0.2}}}}}.dump())) ==
        409);
  CHECK(status_of(s.post(kFac, "/api/adjudicate", "{}")) == 409);
  CHECK(status_of(s.post(kRed, "/api/fork", R"({"runs": 10})")) == 403);
  // Every screen keeps its view (built before the fork took the session) and says what is going on.
  const Json team = s.view(kBlue);
  CHECK(team.at("busy").get<std::string>().rfind("forking an ensemble from turn 0: ", 0) == 0);
  CHECK(team.at("view").at("my_pending").size() == 1);
  const Json f = s.view(kFac).at("fork");
  CHECK(f.at("state") == "running");  // 10^6 futures take far longer than this test's requests
  CHECK(f.at("total") == 1000000);

  s.server->stop();  // what Ctrl-C of `entente play serve` does
  CHECK(dump(s.session) == before);  // not journalled
  CHECK(fs::is_empty(s.dir / "s_forks"));  // nothing written, no staging folder left
}

}  // namespace entente
