// entente play new|move|inject|adjudicate|fork|status|log|rewind|replay|report:
// a wargame session in one SQLite file (docs/wargaming.md).
#include <charconv>
#include <filesystem>
#include <iostream>

#include "analysis/play/play_session.hpp"
#include "cli/cli_common.hpp"
#include "models/register_builtin.hpp"
#include "sim/output/staged_dir.hpp"
#include "sim/util/progress.hpp"
#include "sim/util/suggest.hpp"
#include "cli/help_text.hpp"

namespace entente::cli {

int cmd_play_serve(const std::vector<std::string>& args);  // cli/cmd_play_serve.cpp

namespace {

const char* kPlayUsage =
    "Usage: entente play SUBCOMMAND ...\n"
    "\n"
    "A facilitated wargame on a scenario: teams own levers and set them each turn, the facilitator\n"
    "may inject events, and entente adjudicates each turn by running N Monte Carlo futures of it\n"
    "and taking one (drawn with the session's seed, or the one closest to the median). Everything\n"
    "is journalled in one SQLite session file; every command is one transaction, so a crash leaves\n"
    "the session as it was before the command or after it.\n"
    "\n"
    "Subcommands:\n"
    "  new FILE --session S --team NAME=LEVER,... ...   start a game\n"
    "  move S --team NAME --set LEVER=VALUE ...          a team sets its levers for the coming turn\n"
    "  inject S --event ID [--note TEXT]                 the facilitator injects an event\n"
    "  adjudicate S                                      play the turn; print the dashboard\n"
    "  status S                                          where the game stands\n"
    "  log S                                             the journal, abandoned entries marked\n"
    "  rewind S --turn K                                 branch from turn K (the journal keeps the rest)\n"
    "  fork S [--turn K] --runs M [--policy P] --out DIR M futures from turn K to the horizon\n"
    "  replay S                                          recompute the game and check every state\n"
    "  report S --out DIR                                the after-action report (report.html)\n"
    "  serve S [--listen HOST:PORT] [--new-links]        the game in a browser: facilitator and team screens\n"
    "\n"
    "'entente play SUBCOMMAND --help' explains each one.\n"
    "\n"
    "Example (docs/wargaming.md, scripts/wargame_demo.sh):\n"
    "  entente play new scenarios/sino_russia_2035.yaml --session game.sqlite --seed 7 \\\n"
    "      --team blue=us_sanctions_russia,secondary_sanctions_russia --team yellow=sino_russian_partnership\n"
    "  entente play move game.sqlite --team blue --set secondary_sanctions_russia=0.8\n"
    "  entente play inject game.sqlite --event taiwan_crisis --note \"PLA exercise turns into a blockade\"\n"
    "  entente play adjudicate game.sqlite\n"
    "  entente play fork game.sqlite --runs 2000 --out out/fork\n"
    "  entente play report game.sqlite --out out/aar\n";

// Options plus one positional argument (the session, or FILE for `new`).
bool parse_play(const std::vector<std::string>& args, const po::options_description& visible, const char* positional,
                const std::string& usage, const std::string& examples, po::variables_map& vm) {
  return parse_command(args, visible, usage, examples, vm, true, positional);
}

double parse_number(const std::string& text, const std::string& what) {
  double v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || p != text.data() + text.size())
    throw UsageError{what + ": '" + text + "' is not a number"};
  return v;
}

play::Team parse_team(const std::string& text) {
  const std::size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0)
    throw UsageError{"--team takes NAME=LEVER[,LEVER...], e.g. --team blue=sanctions_rus,export_controls; got '" +
                     text + "'"};
  play::Team t;
  t.id = text.substr(0, eq);
  std::size_t start = eq + 1;
  while (start <= text.size()) {
    const std::size_t comma = text.find(',', start);
    const std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!item.empty()) t.levers.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return t;
}

play::LeverSetting parse_setting(const std::string& text) {
  const std::size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == text.size())
    throw UsageError{"--set takes LEVER=VALUE, e.g. --set us_sanctions_russia=0.8; got '" + text + "'"};
  return {text.substr(0, eq), parse_number(text.substr(eq + 1), "--set " + text.substr(0, eq))};
}

po::options_description threads_option(po::options_description o) {
  o.add_options()("threads,t", po::value<int>()->default_value(0)->value_name("T"),
                  "worker threads (0: all cores); results never depend on it");
  return o;
}

int cmd_play_new(const std::vector<std::string>& args) {
  po::options_description opts("Options");
  opts.add_options()("help,h", "this help")
      ("session", po::value<std::string>()->value_name("S.sqlite"), "the session file to create (must not exist)")
      ("team", po::value<std::vector<std::string>>()->composing()->value_name("NAME=LEVER,..."),
       "a team and the levers it owns; repeat for each team; a lever has at most one owner")
      ("seed,s", po::value<std::uint64_t>()->default_value(1)->value_name("N"),
       "the session seed: the world's draws, every turn's futures and every draw derive from it")
      ("mode", po::value<std::string>()->default_value("draw")->value_name("draw|median"),
       "adjudication: draw one of the turn's futures with the session's seeded stream, or take the future "
       "closest to the median path of the headline outcomes")
      ("runs-per-turn", po::value<std::uint64_t>()->default_value(200)->value_name("N"),
       "Monte Carlo futures of each turn (1 to 10^6)")
      ("turn-steps", po::value<int>()->default_value(1)->value_name("K"),
       "scenario steps per turn (1: a turn is one year, or one quarter in a quarterly scenario)")
      ("policy", po::value<std::string>()->default_value("")->value_name("NAME"),
       "start from a policy's lever settings (default: the file's own)")
      ("condition-on", po::value<std::string>()->value_name("CSV"),
       "start the game from what is known: the world is a particle of the ensemble conditioned on this "
       "observed history up to --origin (observation error from the CSV's sd or low/high, else 20% of the value)")
      ("origin", po::value<int>()->value_name("YEAR"),
       "with --condition-on: the last year assimilated and the year turn 1 starts from (default: the last "
       "observed year on the scenario)")
      ("particles", po::value<std::uint64_t>()->default_value(2000)->value_name("N"),
       "with --condition-on: the particle filter's ensemble size (2 to 10^6)");
  opts.add(scenario_options());
  opts.add(threads_option(po::options_description("Execution")));
  po::variables_map vm;
  if (!parse_play(args, opts, "scenario FILE",
                  "Usage: entente play new FILE --session S.sqlite --team NAME=LEVER[,LEVER...] [--team ...]\n"
                  "                        [--seed N] [--mode draw|median] [--runs-per-turn N] [--turn-steps K]\n"
                  "                        [--condition-on CSV [--origin YEAR] [--particles N]]",
                  "Creates the session file: the resolved scenario and its hash, the teams and their levers, "
                  "the seed, the adjudication mode and the turn length, and the journal's first entry. The "
                  "game world is run 0 of the seed: its uncertain parameters are drawn once and fixed.\n\n"
                  "With --condition-on, the game starts at --origin instead of the scenario's start year, "
                  "from the world that agrees with what has been observed: N particles are run through the "
                  "history with a particle filter (as entente run --condition-on does) and particle 0 of the "
                  "conditioned ensemble, a draw from it, becomes the world; its path up to the origin is the "
                  "history the game's charts show. entente play replay reruns the filter and needs the same "
                  "CSV (checked by its SHA-256).\n\n"
                  "Examples:\n"
                  "  entente play new scenarios/sino_russia_2035.yaml --session game.sqlite --seed 7 \\\n"
                  "      --team blue=us_sanctions_russia,secondary_sanctions_russia \\\n"
                  "      --team white=western_sanctions_russia,nato_defence_spending --team yellow=sino_russian_partnership\n"
                  "  entente play new scenarios/sino_russia_2035.yaml --session g.sqlite --team a=tariffs_china --mode median \\\n"
                  "      --runs-per-turn 1000\n"
                  "  entente play new scenarios/backcast_2000_2024.yaml --session from2018.sqlite \\\n"
                  "      --team west=eu_sanctions_russia,us_sanctions_russia --condition-on scenarios/data/history_2000_2021.csv "
                  "--origin 2018\n",
                  vm))
    return kOk;
  if (!vm.count("session")) throw UsageError{"missing --session S.sqlite, the session file to create"};
  if (!vm.count("team")) throw UsageError{"missing --team NAME=LEVER[,LEVER...]; a game needs at least one team"};
  analysis::PlayNewRequest req;
  req.load.file = vm["file"].as<std::string>();
  if (vm.count("overlay")) req.load.overlays = vm["overlay"].as<std::vector<std::string>>();
  if (vm.count("set")) req.load.sets = vm["set"].as<std::vector<std::string>>();
  req.session = vm["session"].as<std::string>();
  req.policy = vm["policy"].as<std::string>();
  for (const auto& t : vm["team"].as<std::vector<std::string>>()) req.setup.teams.push_back(parse_team(t));
  req.setup.seed = vm["seed"].as<std::uint64_t>();
  const auto mode = play::parse_mode(vm["mode"].as<std::string>());
  if (!mode) throw UsageError{"--mode must be draw or median, got '" + vm["mode"].as<std::string>() + "'"};
  req.setup.mode = *mode;
  req.setup.runs_per_turn = vm["runs-per-turn"].as<std::uint64_t>();
  req.setup.turn_steps = vm["turn-steps"].as<int>();
  req.particles = vm["particles"].as<std::uint64_t>();
  req.threads = vm["threads"].as<int>();
  if (vm.count("origin") && !vm.count("condition-on")) throw UsageError{"--origin needs --condition-on CSV"};
  if (vm.count("condition-on")) {
    analysis::ConditionRequest c;
    c.observed = vm["condition-on"].as<std::string>();
    if (vm.count("origin")) c.origin = vm["origin"].as<int>();
    req.condition = std::move(c);
  }
  std::cout << analysis::play_new(req, builtin_registry());
  return kOk;
}

int cmd_play_move(const std::vector<std::string>& args) {
  po::options_description opts("Options");
  opts.add_options()("help,h", "this help")("team", po::value<std::string>()->value_name("NAME"), "the team moving")
      ("set", po::value<std::vector<std::string>>()->composing()->value_name("LEVER=VALUE"),
       "a lever the team owns and its intensity for the coming turn (within the lever's range); repeatable");
  po::variables_map vm;
  if (!parse_play(args, opts, "session file S.sqlite",
                  "Usage: entente play move S.sqlite --team NAME --set LEVER=VALUE [--set ...]",
                  "Submits a team's lever settings for the coming turn; they hold from then on until the\n"
                  "team changes them (an event may also switch a lever). A move is rejected, and nothing\n"
                  "changes, when the team does not own a lever, a value is outside the lever's range, or\n"
                  "the game is over. Several moves before one adjudication: the last setting counts.\n\n"
                  "Examples:\n"
                  "  entente play move game.sqlite --team blue --set secondary_sanctions_russia=0.8\n"
                  "  entente play move game.sqlite --team yellow --set sino_russian_partnership=0.6\n",
                  vm))
    return kOk;
  if (!vm.count("team")) throw UsageError{"missing --team NAME"};
  if (!vm.count("set")) throw UsageError{"missing --set LEVER=VALUE"};
  std::vector<play::LeverSetting> settings;
  for (const auto& s : vm["set"].as<std::vector<std::string>>()) settings.push_back(parse_setting(s));
  std::cout << analysis::play_move(vm["file"].as<std::string>(), vm["team"].as<std::string>(), settings,
                                   builtin_registry());
  return kOk;
}

int cmd_play_inject(const std::vector<std::string>& args) {
  po::options_description opts("Options");
  opts.add_options()("help,h", "this help")("event", po::value<std::string>()->value_name("ID"),
                                             "an event of the scenario")
      ("note", po::value<std::string>()->default_value("")->value_name("TEXT"), "the facilitator's note, journalled");
  po::variables_map vm;
  if (!parse_play(args, opts, "session file S.sqlite", "Usage: entente play inject S.sqlite --event ID [--note TEXT]",
                  "The event fires at the start of the coming turn, outside its hazard, with all its effects,\n"
                  "in every future of the turn. A non-repeatable event that has happened cannot be injected.\n\n"
                  "Examples:\n"
                  "  entente play inject game.sqlite --event taiwan_crisis --note \"blockade after an exercise\"\n",
                  vm))
    return kOk;
  if (!vm.count("event")) throw UsageError{"missing --event ID"};
  std::cout << analysis::play_inject(vm["file"].as<std::string>(), vm["event"].as<std::string>(),
                                     vm["note"].as<std::string>(), builtin_registry());
  return kOk;
}

int cmd_play_adjudicate(const std::vector<std::string>& args) {
  po::options_description opts("Options");
  opts.add_options()("help,h", "this help")
      ("runs-per-turn", po::value<std::uint64_t>()->default_value(0)->value_name("N"),
       "futures for this turn (0: the session's setting); journalled, so replay uses it")
      ("quiet,q", "print nothing but errors");
  opts.add(threads_option(po::options_description("Execution")));
  po::variables_map vm;
  if (!parse_play(args, opts, "session file S.sqlite", "Usage: entente play adjudicate S.sqlite [--runs-per-turn N]",
                  "Runs N futures of the coming turn from the current state under the submitted moves and\n"
                  "injects, prints the distribution of each headline outcome for the turn, and advances to\n"
                  "one future: drawn with the session's seeded stream (draw mode) or the one closest to the\n"
                  "median path (median mode). Then prints the dashboard: headline outcomes and their trend\n"
                  "since the start, alignment category, cohesion, crisis risk, and what changed most this\n"
                  "turn and why: each move's and inject's part is the same future without it.\n"
                  "Interrupted (Ctrl-C) or killed, it leaves the session at the previous turn.\n\n"
                  "Examples:\n"
                  "  entente play adjudicate game.sqlite\n"
                  "  entente play adjudicate game.sqlite --runs-per-turn 5000\n",
                  vm))
    return kOk;
  play::AdjudicateOptions opt;
  opt.runs = vm["runs-per-turn"].as<std::uint64_t>();
  opt.threads = vm["threads"].as<int>();
  opt.stop = install_stop_handlers();
  test_phase("computing", opt.stop);
  const auto r = analysis::play_adjudicate(vm["file"].as<std::string>(), opt, builtin_registry());
  if (r.interrupted) {
    std::cerr << "entente: interrupted; the turn was not played and the session is unchanged\n";
    return kInterrupted;
  }
  if (!vm.count("quiet")) std::cout << r.text;
  return kOk;
}

int cmd_play_simple(const std::string& sub, const std::vector<std::string>& args) {
  po::options_description opts("Options");
  opts.add_options()("help,h", "this help");
  std::string usage = "Usage: entente play " + sub + " S.sqlite", text;
  if (sub == "status")
    text = "Prints the turn, the teams with their levers' settings and the moves submitted for the\n"
           "coming turn, and the state after the last turn.\n\nExamples:\n  entente play status game.sqlite\n";
  else
    text = "Prints the journal: every entry with its time, branch and turn; entries a rewind\n"
           "abandoned are marked. The journal is append-only: nothing is ever deleted.\n\n"
           "Examples:\n  entente play log game.sqlite\n"
           "  sqlite3 game.sqlite 'SELECT seq, turn, kind, team, payload FROM journal'\n";
  po::variables_map vm;
  if (!parse_play(args, opts, "session file S.sqlite", usage, text, vm)) return kOk;
  const std::string s = vm["file"].as<std::string>();
  std::cout << (sub == "status" ? analysis::play_status(s, builtin_registry()) : analysis::play_log(s, builtin_registry()));
  return kOk;
}

int cmd_play_rewind(const std::vector<std::string>& args) {
  po::options_description opts("Options");
  opts.add_options()("help,h", "this help")("turn", po::value<int>()->value_name("K"), "the turn to go back to");
  po::variables_map vm;
  if (!parse_play(args, opts, "session file S.sqlite", "Usage: entente play rewind S.sqlite --turn K",
                  "Goes back to the state after turn K and starts a new branch from there; moves and\n"
                  "injects submitted since are dropped. The abandoned turns stay in the journal, marked.\n"
                  "Futures of the new branch differ from the abandoned ones (the branch is in their key).\n\n"
                  "Examples:\n  entente play rewind game.sqlite --turn 1\n",
                  vm))
    return kOk;
  if (!vm.count("turn")) throw UsageError{"missing --turn K"};
  std::cout << analysis::play_rewind(vm["file"].as<std::string>(), vm["turn"].as<int>(), builtin_registry());
  return kOk;
}

int cmd_play_replay(const std::vector<std::string>& args) {
  po::options_description opts = threads_option(po::options_description("Options"));
  opts.add_options()("help,h", "this help");
  po::variables_map vm;
  if (!parse_play(args, opts, "session file S.sqlite", "Usage: entente play replay S.sqlite [--threads T]",
                  "Recomputes the whole game from the journal (every adjudication of every branch) and\n"
                  "checks that each state matches the stored one byte for byte; a mismatch is an error\n"
                  "naming the turn (exit code 1).\n\nExamples:\n  entente play replay game.sqlite\n",
                  vm))
    return kOk;
  std::cout << analysis::play_replay(vm["file"].as<std::string>(), vm["threads"].as<int>(), builtin_registry());
  return kOk;
}

int cmd_play_fork(const std::vector<std::string>& args) {
  po::options_description opts("Options");
  opts.add_options()("help,h", "this help")
      ("turn", po::value<int>()->value_name("K"),
       "fork from the state after turn K of the current branch (default: now, with the moves and injects "
       "submitted for the coming turn)")
      ("runs,n", po::value<std::uint64_t>()->default_value(1000)->value_name("M"), "futures to run to the horizon")
      ("policy", po::value<std::string>()->default_value("")->value_name("NAME"),
       "a scenario policy on top: its levers follow the policy from the fork on")
      ("out,o", po::value<std::string>()->value_name("DIR"),
       "write summary.csv, thresholds.csv, summary.json, manifest.json, charts/ and report.html here")
      ("no-report", "with --out: skip the charts and report.html")
      ("quiet,q", "print nothing but errors; no progress bar");
  opts.add(threads_option(po::options_description("Execution")));
  po::variables_map vm;
  if (!parse_play(args, opts, "session file S.sqlite",
                  "Usage: entente play fork S.sqlite [--turn K] --runs M [--policy P] [--out DIR]",
                  "From the state after turn K, runs M futures to the scenario's horizon under the game's\n"
                  "lever settings and summarises them as 'entente run' does (fan charts: the game's path\n"
                  "up to turn K, then the futures). The game itself does not change; the fork is journalled.\n\n"
                  "Examples:\n"
                  "  entente play fork game.sqlite --runs 5000 --out out/fork_now\n"
                  "  entente play fork game.sqlite --turn 2 --runs 5000 --policy maximum_pressure --out out/fork2\n",
                  vm))
    return kOk;
  analysis::PlayForkRequest req;
  req.session = vm["file"].as<std::string>();
  if (vm.count("turn")) req.turn = vm["turn"].as<int>();
  req.runs = vm["runs"].as<std::uint64_t>();
  req.policy = vm["policy"].as<std::string>();
  if (vm.count("out")) req.out = vm["out"].as<std::string>();
  req.report = !vm.count("no-report");
  req.threads = vm["threads"].as<int>();
  const bool quiet = vm.count("quiet") > 0;
  req.progress = !quiet;
  req.stop = install_stop_handlers();
  test_phase("computing", req.stop);
  analysis::PlayForkResult r;
  const bool out_existed = !req.out.empty() && std::filesystem::exists(req.out);
  try {
    r = analysis::play_fork(req, builtin_registry());
  } catch (const Interrupted&) {
    std::cerr << "entente: the fork was not journalled; ";
    return report_interrupted_writing(req.out, out_existed);
  }
  if (r.interrupted) return report_interrupted(r.runs_completed, req.runs);
  if (!quiet) std::cout << r.text;
  return kOk;
}

int cmd_play_report(const std::vector<std::string>& args) {
  po::options_description opts("Options");
  opts.add_options()("help,h", "this help")("out,o", po::value<std::string>()->value_name("DIR"),
                                             "write report.html and charts/ here")
      ("baseline-runs", po::value<std::uint64_t>()->default_value(500)->value_name("N"),
       "futures of the baseline projection from turn 0 (1 to 10^5)");
  opts.add(threads_option(po::options_description("Execution")));
  po::variables_map vm;
  if (!parse_play(args, opts, "session file S.sqlite", "Usage: entente play report S.sqlite --out DIR",
                  "The after-action report, one self-contained HTML file with the charts embedded: the\n"
                  "timeline of turns (each team's moves, injects, the distribution of each adjudication and\n"
                  "the future taken), a chart per headline outcome (the path taken, each turn's futures and\n"
                  "the baseline projection from turn 0 without any move), and the final outcomes against\n"
                  "that baseline.\n\nExamples:\n  entente play report game.sqlite --out out/aar\n",
                  vm))
    return kOk;
  if (!vm.count("out")) throw UsageError{"missing --out DIR"};
  analysis::PlayReportRequest req;
  req.session = vm["file"].as<std::string>();
  req.out = vm["out"].as<std::string>();
  req.baseline_runs = vm["baseline-runs"].as<std::uint64_t>();
  req.threads = vm["threads"].as<int>();
  std::cout << "report: " << analysis::play_report(req, builtin_registry()) << "\n";
  return kOk;
}

}  // namespace

int cmd_play(const std::vector<std::string>& args) {
  const auto [sub, rest] = split_kind(args);
  if (sub.empty()) {
    if (!args.empty() && (args[0] == "-h" || args[0] == "--help")) {
      std::cout << fit_help(kPlayUsage);
      return kOk;
    }
    std::cerr << fit_help(kPlayUsage);
    return kBadInput;
  }
  if (sub == "new") return cmd_play_new(rest);
  if (sub == "move") return cmd_play_move(rest);
  if (sub == "inject") return cmd_play_inject(rest);
  if (sub == "adjudicate") return cmd_play_adjudicate(rest);
  if (sub == "status" || sub == "log") return cmd_play_simple(sub, rest);
  if (sub == "rewind") return cmd_play_rewind(rest);
  if (sub == "replay") return cmd_play_replay(rest);
  if (sub == "fork") return cmd_play_fork(rest);
  if (sub == "report") return cmd_play_report(rest);
  if (sub == "serve") return cmd_play_serve(rest);
  const std::vector<std::string> subs = {"new",    "move",   "inject", "adjudicate", "status",
                                         "log",    "rewind", "replay", "fork",       "report", "serve"};
  throw UsageError{"unknown play subcommand '" + sub + "'" + did_you_mean(sub, subs) +
                   "; subcommands: " + join_alternatives(subs) + " (see entente play --help)"};
}

}  // namespace entente::cli
