// entente play serve S.sqlite [--listen HOST:PORT] [--new-links]: the
// wargame console in the browser (analysis/play_web/, docs/wargaming.md).
#include <algorithm>
#include <charconv>
#include <chrono>
#include <iostream>
#include <thread>

#include "analysis/play/play_session.hpp"
#include "analysis/play_web/access_tokens.hpp"
#include "analysis/play_web/play_server.hpp"
#include "cli/cli_common.hpp"
#include "models/register_builtin.hpp"

namespace entente::cli {

namespace {

// "HOST:PORT" (the port after the last colon; 0 picks a free one).
std::pair<std::string, int> parse_listen(const std::string& text) {
  const std::size_t colon = text.rfind(':');
  const std::string host = colon == std::string::npos ? "" : text.substr(0, colon);
  const std::string port_text = colon == std::string::npos ? "" : text.substr(colon + 1);
  int port = -1;
  auto [p, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (host.empty() || port_text.empty() || ec != std::errc() || p != port_text.data() + port_text.size() || port < 0 ||
      port > 65535)
    throw UsageError{"--listen takes HOST:PORT, e.g. --listen 127.0.0.1:8080 (or 0.0.0.0:8080 for other machines "
                     "of the room); got '" + text + "'"};
  return {host, port};
}

}  // namespace

int cmd_play_serve(const std::vector<std::string>& args) {
  po::options_description opts("Options");
  opts.add_options()("help,h", "this help")
      ("listen", po::value<std::string>()->default_value("127.0.0.1:8080")->value_name("HOST:PORT"),
       "the address to serve on; the default is this machine only. 0.0.0.0:PORT opens it to the network")
      ("new-links", "issue new access links for the facilitator and every team (the old ones stop working)")
      ("threads,t", po::value<int>()->default_value(0)->value_name("T"),
       "worker threads of each adjudication (0: all cores); results never depend on it");
  po::variables_map vm;
  if (!parse_command(args, opts, "Usage: entente play serve S.sqlite [--listen HOST:PORT] [--new-links]",
                     "Serves the game in a browser: a screen for the facilitator (every team and lever, the\n"
                     "moves submitted, inject, adjudicate, the dashboard and charts, rewind, fork into an\n"
                     "ensemble, the after-action report) and one for each team (its own levers, submit or withdraw its move, the shared\n"
                     "situation). Each role gets a link carrying a random access token, printed when the links\n"
                     "are issued (the first time, or with --new-links); the session keeps only their SHA-256.\n"
                     "The session stays the one journal: entente play commands work on it while it is served.\n"
                     "Ctrl-C stops the server; starting it again resumes the game with the same links.\n\n"
                     "Examples:\n"
                     "  entente play serve game.sqlite\n"
                     "  entente play serve game.sqlite --listen 0.0.0.0:8080 --new-links\n",
                     vm, true, "session file S.sqlite"))
    return kOk;
  const std::string session = vm["file"].as<std::string>();
  const auto [host, port] = parse_listen(vm["listen"].as<std::string>());
  const auto& registry = builtin_registry();
  play::GameSetup setup;
  {
    analysis::OpenSession s = analysis::open_session(session, registry);  // a session, readable: else exit 2
    setup = s.info.setup;
  }
  analysis::play_web::ServeOptions options;
  options.host = host;
  options.port = port;
  options.threads = vm["threads"].as<int>();
  analysis::play_web::PlayServer server(session, registry, options);
  const int bound = server.bind();
  std::vector<analysis::play_web::IssuedToken> links;
  if (vm.count("new-links") || !analysis::play_web::has_tokens(session, setup))
    links = analysis::play_web::issue_tokens(session, setup);
  const std::string base = "http://" + (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" +
                           std::to_string(bound) + "/";
  std::cout << "entente play serve: " << session << " on " << base << "\n";
  if (!links.empty()) {
    std::cout << "\nAccess links (shown this once; the session keeps only their hashes):\n";
    std::size_t width = 0;
    for (const auto& l : links) width = std::max(width, l.role.size());
    for (const auto& l : links)
      std::cout << "  " << l.role << std::string(width - l.role.size(), ' ') << "  " << base << "#" << l.token << "\n";
    std::cout << "\n";
  } else {
    std::cout << "The access links issued earlier still work; --new-links reissues them.\n";
  }
  std::cout << "Ctrl-C stops the server." << std::endl;
  const std::atomic<bool>* stop = install_stop_handlers();
  std::atomic<bool> done{false};
  std::thread watcher([&] {
    while (!done.load() && !stop->load()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    server.stop();
  });
  server.run();
  done = true;
  watcher.join();
  std::cout << "entente play serve: stopped; the session is as the last acknowledged action left it\n";
  return stop->load() ? kInterrupted : kOk;
}

}  // namespace entente::cli
