#include "analysis/play/dashboard.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "analysis/writers/number_format.hpp"
#include "sim/play/headline.hpp"

namespace entente::analysis {

namespace {

using play::Action;
using play::Json;

// Rows of cells printed with each column padded to its widest cell; the
// first column left-aligned, the others right-aligned.
std::string table(const std::vector<std::vector<std::string>>& rows, const std::string& indent = "  ",
                  bool left_all = false) {
  std::vector<std::size_t> width;
  auto cells = [](const std::string& s) {
    std::size_t n = 0;  // UTF-8 code points
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
  };
  for (const auto& r : rows)
    for (std::size_t c = 0; c < r.size(); ++c) {
      if (width.size() <= c) width.push_back(0);
      width[c] = std::max(width[c], cells(r[c]));
    }
  std::string out;
  for (const auto& r : rows) {
    std::string line = indent;
    for (std::size_t c = 0; c < r.size(); ++c) {
      const std::string pad(width[c] - cells(r[c]), ' ');
      if (c == 0) line += r[c] + pad;
      else if (left_all) line += "  " + r[c] + pad;
      else line += "  " + pad + r[c];
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

std::string year_text(double y) { return format_number(y); }

std::string label_of(const CompiledOutcome& o) {
  std::string s = o.spec.label.empty() ? o.spec.id : o.spec.label;
  if (!o.spec.unit.empty()) s += " (" + o.spec.unit + ")";
  return s;
}

double series_of(const CompiledScenario& sc, const RunState& s, std::size_t o) {
  return s.series[sc.outcomes[o].series_slot];
}

std::string trend(const CompiledOutcome& o, double change, double scale) {
  if (!(std::fabs(change) > 1e-9 * std::max(1.0, scale))) return "flat";
  const bool up = change > 0;
  std::string t = up ? "rising" : "falling";
  if (o.spec.direction == Direction::kLowerIsBetter) t += up ? ", worse" : ", better";
  if (o.spec.direction == Direction::kHigherIsBetter) t += up ? ", better" : ", worse";
  return t;
}

bool starts_with(const std::string& s, const std::string& p) { return s.rfind(p, 0) == 0; }

std::string input_text(const CompiledScenario& sc, const Action& a) {
  if (a.kind == Action::Kind::kInject) {
    const play::InjectRecord& in = a.inject();
    std::string s = "inject " + in.event;
    if (!in.note.empty()) s += " (\"" + in.note + "\")";
    return s;
  }
  std::string s = a.team + ":";
  bool first = true;
  for (const auto& x : a.move().set) {
    s += (first ? " " : ", ") + x.lever + " " + format_number(x.previous) + " -> " + format_number(x.value);
    first = false;
  }
  (void)sc;
  return s;
}

}  // namespace

std::vector<std::size_t> headline_outcomes(const CompiledScenario& sc) { return play::headline_outcomes(sc); }

std::string render_teams(const play::Game& g) {
  const CompiledScenario& sc = g.scenario();
  std::vector<std::vector<std::string>> rows = {{"team", "lever", "setting", "range", "set by"}};
  for (const auto& t : g.setup().teams)
    for (std::size_t i = 0; i < t.levers.size(); ++i) {
      const std::size_t l = *sc.lever_index(t.levers[i]);
      std::string by = "schedule";
      if (g.world().lever_override[l] >= 0) by = "held";
      for (const auto& p : g.pending())
        if (p.kind == Action::Kind::kMove)
          for (const auto& x : p.move().set)
            if (x.lever == t.levers[i]) by = "move, pending";
      rows.push_back({i == 0 ? t.id : "", t.levers[i], format_number(g.lever_setting(l)),
                      "[" + format_number(sc.levers[l].range_min) + ", " + format_number(sc.levers[l].range_max) + "]",
                      by});
    }
  std::string out = table(rows);
  if (!g.over()) {
    out += "\nSubmitted for turn " + std::to_string(g.turn() + 1) + ":";
    if (g.pending().empty()) out += " nothing yet\n";
    else {
      out += "\n";
      for (const auto& p : g.pending()) out += "  " + input_text(sc, p) + "\n";
    }
  }
  return out;
}

std::string render_state(const play::Game& g) {
  const CompiledScenario& sc = g.scenario();
  const RunState& now = g.world();
  const RunState& start = g.line().front().state;
  const RunState& prev = g.line().size() > 1 ? g.line()[g.line().size() - 2].state : start;
  std::vector<std::vector<std::string>> rows = {
      {"outcome", year_text(start.year), g.turn() > 0 ? year_text(prev.year) : "", year_text(now.year),
       "this turn", "since start", "trend since start"}};
  if (g.turn() == 0) rows[0] = {"outcome", year_text(start.year)};
  const bool show_prev = g.turn() > 1;
  if (!show_prev && g.turn() == 1) rows[0].erase(rows[0].begin() + 2);
  for (std::size_t o : headline_outcomes(sc)) {
    const double v0 = series_of(sc, start, o), vp = series_of(sc, prev, o), v = series_of(sc, now, o);
    if (g.turn() == 0)
      rows.push_back({label_of(sc.outcomes[o]), format_short(v)});
    else {
      rows.push_back({label_of(sc.outcomes[o]), format_short(v0), format_short(vp), format_short(v),
                      format_change(v - vp, std::max(std::fabs(vp), std::fabs(v))),
                      format_change(v - v0, std::max(std::fabs(v0), std::fabs(v))),
                      trend(sc.outcomes[o], v - v0, std::max(std::fabs(v0), std::fabs(v)))});
      if (!show_prev) rows.back().erase(rows.back().begin() + 2);
    }
  }
  std::string out = table(rows);

  // Signposts the facilitator asks about first, when the scenario has them.
  std::vector<std::vector<std::string>> status;
  std::string category;
  std::vector<std::string> crisis, cohesion;
  for (std::size_t o = 0; o < sc.outcomes.size(); ++o) {
    const std::string& series = sc.outcomes[o].spec.series;
    const double v = series_of(sc, now, o);
    if (starts_with(series, "alignment_is.") && v >= 0.5) {
      category = series.substr(series.rfind('.') + 1);
      std::replace(category.begin(), category.end(), '_', ' ');
    } else if (starts_with(series, "alignment_category.") && category.empty()) {
      static const char* kNames[] = {"convenience", "partnership", "quasi alliance", "alliance"};
      const int c = static_cast<int>(std::lround(v));
      category = c >= 1 && c <= 4 ? kNames[c - 1] : format_short(v);
    } else if (starts_with(series, "cohesion.")) {
      cohesion.push_back(format_short(v) + " (" + sc.outcomes[o].spec.label + ")");
    } else if (starts_with(series, "crisis_probability.")) {
      std::string label = sc.outcomes[o].spec.label.empty() ? sc.outcomes[o].spec.id : sc.outcomes[o].spec.label;
      crisis.push_back(label + " " + format_short(v));
    }
  }
  if (!category.empty()) status.push_back({"alignment category", category});
  for (const auto& c : cohesion) status.push_back({status.size() && status.back()[0] == "cohesion" ? "" : "cohesion", c});
  for (std::size_t i = 0; i < crisis.size(); ++i) status.push_back({i == 0 ? "crisis risk" : "", crisis[i]});
  if (!status.empty()) out += "\n" + table(status);
  return out;
}

std::string render_adjudication(const play::Game& g) {
  const CompiledScenario& sc = g.scenario();
  const play::TurnState& ts = g.line().back();
  if (ts.turn == 0) return "";
  const play::AdjudicationRecord& adj = *ts.adjudication;
  const RunState& before = g.line()[g.line().size() - 2].state;
  std::ostringstream out;
  const auto futures = adj.futures;
  out << "Turn " << ts.turn << " of " << g.n_turns() << ": " << year_text(before.year) << " -> "
      << year_text(ts.state.year) << ", " << futures << " futures; "
      << (adj.mode == play::Mode::kDraw ? "drawn" : "closest to the median path") << ": future " << adj.chosen
      << "\n\n";

  const auto heads = headline_outcomes(sc);
  std::vector<std::vector<std::string>> rows = {
      {"futures in " + year_text(ts.state.year), "p05", "p25", "median", "p75", "p95", "taken"}};
  for (std::size_t o : heads) {
    const play::OutcomeDistribution& d = adj.distribution.at(o);
    rows.push_back({label_of(sc.outcomes[o]), format_short(d.p05), format_short(d.p25), format_short(d.p50),
                    format_short(d.p75), format_short(d.p95), format_short(d.taken)});
  }
  out << table(rows) << "\nState after turn " << ts.turn << "\n" << render_state(g);

  // What changed most: the headline outcome with the largest change
  // relative to its size, and the inputs of the turn that moved it.
  std::size_t top = heads.front();
  double top_rel = -1;
  for (std::size_t o : heads) {
    const double a = series_of(sc, before, o), b = series_of(sc, ts.state, o);
    const double den = std::max(std::fabs(a), std::fabs(b));
    const double rel = den > 0 ? std::fabs(b - a) / den : 0;
    if (rel > top_rel) {
      top_rel = rel;
      top = o;
    }
  }
  const double a = series_of(sc, before, top), b = series_of(sc, ts.state, top);
  out << "\nWhat changed most: " << (sc.outcomes[top].spec.label.empty() ? sc.outcomes[top].spec.id
                                                                          : sc.outcomes[top].spec.label)
      << " " << format_change(b - a, std::max(std::fabs(a), std::fabs(b))) << " (" << format_short(a) << " -> "
      << format_short(b) << ")\n";
  std::vector<std::vector<std::string>> why;
  double explained = 0;
  for (const auto& e : adj.attribution) {
    const double eff = e.effect.at(top);
    explained += eff;
    std::string what = e.kind == play::InputEffect::Kind::kMove
                           ? e.team + " set " + e.lever + " " + format_number(e.from) + " -> " + format_number(e.to)
                           : "inject " + e.event;
    why.push_back({what, format_change(eff, std::max(std::fabs(a), std::fabs(b)))});
  }
  why.push_back({"the rest (shocks, events, dynamics, interactions)",
                 format_change((b - a) - explained, std::max(std::fabs(a), std::fabs(b)))});
  out << table(why, "    ");
  out << "  (each input's part: the same future without that input alone)\n";
  std::vector<std::string> fired;
  for (const auto& e : adj.events) fired.push_back(e.kind + " " + e.name + " (" + year_text(e.year) + ")");
  out << "  events this turn:" << (fired.empty() ? std::string(" none") : "") << "\n";
  for (const auto& f : fired) out << "    " << f << "\n";
  if (g.over()) out << "\nThe game has reached the scenario's end year.\n";
  return out.str();
}

std::string render_status(const play::Game& g, const std::string& session) {
  const CompiledScenario& sc = g.scenario();
  std::ostringstream out;
  out << session << ": " << sc.spec.name << ", turn " << g.turn() << " of " << g.n_turns() << " ("
      << year_text(g.world().year) << ")" << (g.over() ? ", game over" : "") << ", branch " << g.branch()
      << ", seed " << g.setup().seed << ", " << play::mode_name(g.setup().mode) << " mode, "
      << g.setup().runs_per_turn << " futures per turn, " << g.setup().turn_steps << " step"
      << (g.setup().turn_steps == 1 ? "" : "s") << " per turn\n\n";
  out << render_teams(g) << "\nState after turn " << g.turn() << "\n" << render_state(g);
  return out.str();
}

std::string render_log(const play::Game& g, const std::vector<play::JournalRecord>& journal,
                       const std::vector<std::string>& times) {
  const CompiledScenario& sc = g.scenario();
  const auto abandoned = play::abandoned_entries(journal);
  std::vector<std::vector<std::string>> rows = {{"seq", "time (UTC)", "branch", "turn", "entry", "", "what"}};
  for (std::size_t i = 0; i < journal.size(); ++i) {
    const auto& r = journal[i];
    const Action& a = r.action;
    std::string what;
    switch (a.kind) {
      case Action::Kind::kNew: {
        const play::NewRecord& n = a.new_game();
        what = std::to_string(n.setup.teams.size()) + " teams, seed " + std::to_string(n.setup.seed) + ", " +
               std::string(play::mode_name(n.setup.mode)) + " mode, start " + year_text(n.year);
        break;
      }
      case Action::Kind::kMove:
      case Action::Kind::kInject: what = input_text(sc, a); break;
      case Action::Kind::kAdjudicate: {
        const play::AdjudicationRecord& d = a.adjudication();
        what = std::to_string(d.futures) + " futures, " + std::string(play::mode_name(d.mode)) + ": future " +
               std::to_string(d.chosen) + " -> " + year_text(d.year);
        break;
      }
      case Action::Kind::kRewind: {
        const play::RewindRecord& w = a.rewind();
        what = "back to turn " + std::to_string(w.to_turn) + " from turn " + std::to_string(w.from_turn) +
               "; branch " + std::to_string(w.new_branch) + " starts";
        break;
      }
      case Action::Kind::kFork: {
        const play::ForkRecord& f = a.fork();
        what = std::to_string(f.runs) + " futures from turn " + std::to_string(f.from_turn) +
               (f.policy.empty() ? "" : " under policy " + f.policy) + " -> " + f.out;
        break;
      }
    }
    rows.push_back({std::to_string(r.seq), i < times.size() ? times[i] : "", std::to_string(a.branch),
                    std::to_string(a.turn), std::string(play::kind_name(a.kind)), abandoned[i] ? "abandoned" : "",
                    what});
  }
  return table(rows, "", true);
}

}  // namespace entente::analysis
