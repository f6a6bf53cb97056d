// `entente play serve`: the wargame console in the browser. An HTTP server
// (cpp-httplib) on one session file: the facilitator's screen and one per
// team, served from the binary (web_assets.cpp), talking JSON to /api/.
//
// Security (docs/wargaming.md, "Running a game in a room"): every /api/
// request carries its role's access token (Authorization: Bearer), checked
// against the hashes in the session each time; what a role may see and do is
// decided here (web_view.cpp), never in the page. Writes also need the
// CSRF token the view hands out (X-CSRF-Token), a JSON body of at most
// ServeOptions::max_body bytes, and are checked by the same library calls
// as `entente play move|inject|adjudicate|rewind`. Every write is one
// transaction of the session; the reply is sent after COMMIT, so an
// acknowledged action survives kill -9.
#pragma once
#include <cstddef>
#include <memory>
#include <string>

namespace entente {
class ModelRegistry;
}

namespace entente::analysis::play_web {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (tests)
  int threads = 0;  // adjudication worker threads (0: all cores)
  std::size_t max_body = 16 * 1024;
  std::uint64_t report_baseline_runs = 500;
};

class PlayServer {
 public:
  PlayServer(std::string session, const ModelRegistry& registry, ServeOptions options);
  ~PlayServer();
  PlayServer(const PlayServer&) = delete;
  PlayServer& operator=(const PlayServer&) = delete;

  // Binds the address; returns the port (the chosen one when options.port
  // is 0). Throws std::runtime_error when it cannot.
  int bind();
  // Serves until stop() (from another thread or a signal handler's thread).
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace entente::analysis::play_web
