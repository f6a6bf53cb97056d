// entente play report: the after-action report of a game. The timeline of
// the current line (each team's moves, injects, the distribution of each
// adjudication and the future taken), one chart per headline outcome (the
// path taken, each turn's futures, the baseline projection from turn 0) and
// the final outcomes against that baseline. Charts are drawn by gnuplot
// (analysis/report) and embedded inline; report.html is written atomically.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "analysis/play/dashboard.hpp"
#include "analysis/play/play_session.hpp"
#include "analysis/report/chart_gnuplot.hpp"
#include "analysis/report/chart_style.hpp"
#include "analysis/report/html.hpp"
#include "analysis/report/report_css.hpp"
#include "analysis/writers/number_format.hpp"
#include "entente/version.hpp"
#include "sim/engine/ensemble.hpp"
#include "sim/output/atomic_file.hpp"
#include "sim/output/manifest.hpp"
#include "sim/util/sample_quantile.hpp"

namespace entente::analysis {

namespace {

namespace fs = std::filesystem;
using report::html_escape;

// Keeps every run's trace, in run order (the baseline is small).
class TraceCollector final : public EnsembleReducer {
 public:
  explicit TraceCollector(std::size_t trace_len) : len_(trace_len) {}
  struct Block final : BlockAccumulator {
    std::size_t len;
    std::vector<std::pair<std::uint64_t, std::vector<double>>> runs;
    explicit Block(std::size_t n) : len(n) {}
    void add_run(std::uint64_t run, const double* const* traces) override {
      runs.emplace_back(run, std::vector<double>(traces[0], traces[0] + len));
    }
  };
  std::unique_ptr<BlockAccumulator> make_block() override { return std::make_unique<Block>(len_); }
  void absorb(BlockAccumulator& b) override {
    for (auto& [run, trace] : static_cast<Block&>(b).runs) traces.push_back(std::move(trace));
  }
  std::vector<std::vector<double>> traces;

 private:
  std::size_t len_;
};

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string label(const CompiledOutcome& o) { return o.spec.label.empty() ? o.spec.id : o.spec.label; }

}  // namespace

std::string play_report(const PlayReportRequest& req, const ModelRegistry& registry) {
  OpenSession s = open_session(req.session, registry);
  const play::Game& g = *s.game;
  const CompiledScenario& sc = *s.compiled;
  const std::size_t n_out = sc.outcomes.size();
  const std::size_t n_years = sc.years.size();
  if (req.baseline_runs < 1 || req.baseline_runs > 100'000)
    throw play::PlayError("--baseline-runs must be between 1 and 10^5");

  // The baseline projection: the game's world from turn 0 with no move,
  // the futures `play fork --turn 0` would run on branch 0.
  const RunState& start = g.line().front().state;
  const std::vector<double> prefix = line_path(g, 0);
  TraceCollector baseline(n_years * n_out);
  EnsembleOptions opt;
  opt.seed = g.setup().seed;
  opt.design_point = play::fork_point(0, 0);
  opt.runs = req.baseline_runs;
  opt.threads = req.threads;
  opt.start = &start;
  opt.start_prefix = prefix.data();
  run_ensemble(sc, opt, baseline);
  auto base_q = [&](std::size_t step, std::size_t o, double q) {
    std::vector<double> v;
    for (const auto& t : baseline.traces) v.push_back(t[step * n_out + o]);
    return sample_quantile(std::move(v), q);
  };
  const std::vector<double> path = line_path(g, g.turn());
  const std::size_t last_step = path.size() / n_out - 1;

  // Charts: one per headline outcome.
  const auto heads = headline_outcomes(sc);
  std::vector<report::ChartJob> jobs;
  for (std::size_t o : heads) {
    report::ChartJob job;
    job.kind = report::ChartKind::kFan;
    job.outcome = sc.outcomes[o].spec.id;
    job.stem = "game_" + report::file_stem(job.outcome);
    job.title = label(sc.outcomes[o]);
    std::ostringstream dat;
    dat << "# index 0: baseline projection from turn 0 (" << req.baseline_runs
        << " futures)\n# year\tp05\tp25\tp50\tp75\tp95\n";
    for (std::size_t k = 0; k < n_years; ++k)
      dat << report::dat_number(sc.years[k]) << '\t' << report::dat_number(base_q(k, o, 0.05)) << '\t'
          << report::dat_number(base_q(k, o, 0.25)) << '\t' << report::dat_number(base_q(k, o, 0.5)) << '\t'
          << report::dat_number(base_q(k, o, 0.75)) << '\t' << report::dat_number(base_q(k, o, 0.95)) << '\n';
    dat << "\n\n# index 1: the path taken\n# year\tvalue\n";
    for (std::size_t k = 0; k <= last_step; ++k)
      dat << report::dat_number(sc.years[k]) << '\t' << report::dat_number(path[k * n_out + o]) << '\n';
    dat << "\n\n# index 2: each adjudication's futures at the end of its turn\n# year\tp05\tp25\tp50\tp75\tp95\ttaken\n";
    bool any = false;
    for (std::size_t t = 1; t < g.line().size(); ++t) {
      const play::OutcomeDistribution& d = g.line()[t].adjudication->distribution.at(o);
      dat << report::dat_number(g.line()[t].state.year) << '\t' << report::dat_number(d.p05) << '\t'
          << report::dat_number(d.p25) << '\t' << report::dat_number(d.p50) << '\t' << report::dat_number(d.p75)
          << '\t' << report::dat_number(d.p95) << '\t' << report::dat_number(d.taken) << '\n';
      any = true;
    }
    if (!any) dat << "NaN\tNaN\tNaN\tNaN\tNaN\tNaN\tNaN\n";
    job.data = dat.str();
    const std::string file = report::gp_string(job.stem + ".dat");
    std::ostringstream plot;
    plot << "plot \\\n  " << file << " index 0 using 1:2:6 with filledcurves fc rgb \"#999999\" fs transparent solid 0.18 "
         << "noborder title \"baseline 5th-95th\", \\\n  " << file
         << " index 0 using 1:3:5 with filledcurves fc rgb \"#999999\" fs transparent solid 0.3 noborder title "
            "\"baseline 25th-75th\", \\\n  "
         << file << " index 0 using 1:4 with lines lw 1.5 dt 2 lc rgb \"#666666\" title \"baseline median\", \\\n  "
         << file << " index 2 using 1:3:2:6:5 with candlesticks whiskerbars 0.5 lw 1.2 lc rgb "
         << report::gp_string(report::policy_colour(1)) << " title \"turn futures (5th-25th-75th-95th)\", \\\n  " << file
         << " index 1 using 1:2 with linespoints lw 2.5 pt 7 ps 0.8 lc rgb " << report::gp_string(report::policy_colour(0))
         << " title \"path taken\"\n";
    const std::string settings = report::year_axis(sc.years) + "set ylabel " +
                                 report::gp_string(sc.outcomes[o].spec.unit) + "\nset boxwidth 0.25\n";
    job.script = report::chart_script(job.stem, job.title, settings, plot.str());
    job.caption = "The game's path (line), the futures of each adjudication at the end of its turn (box: 25th-75th "
                  "percentile, whiskers: 5th-95th) and the baseline projection from turn 0 without any move (grey bands "
                  "and dashed median, " + std::to_string(req.baseline_runs) + " futures).";
    jobs.push_back(std::move(job));
  }
  const std::string charts_dir = (fs::path(req.out) / "charts").string();
  ensure_directory(charts_dir);
  report::draw_charts(report::find_gnuplot(), charts_dir, jobs);

  // The page.
  std::ostringstream h;
  h << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    << "<meta name=\"generator\" content=\"entente " << html_escape(kVersion) << "\">\n<title>"
    << html_escape(sc.spec.name) << " \u2014 after-action report</title>\n<style>" << report::kReportCss
    << "</style>\n</head>\n<body>\n<header>\n<p class=\"kind\">entente \u00b7 wargame after-action report</p>\n<h1>"
    << html_escape(sc.spec.name) << "</h1>\n";
  if (!sc.spec.description.empty()) h << "<p class=\"description\">" << html_escape(sc.spec.description) << "</p>\n";
  auto fact = [&](const std::string& k, const std::string& v) {
    h << "<dt>" << html_escape(k) << "</dt><dd>" << html_escape(v) << "</dd>\n";
  };
  h << "<dl class=\"facts\">\n";
  fact("Session", req.session);
  fact("Scenario file", s.info.scenario_file);
  fact("Scenario hash (SHA-256)", s.info.scenario_hash);
  if (!s.info.policy.empty()) fact("Starting policy", s.info.policy);
  fact("Seed", std::to_string(g.setup().seed));
  fact("Adjudication", std::string(play::mode_name(g.setup().mode)) + ", " + std::to_string(g.setup().runs_per_turn) +
                           " futures per turn, " + std::to_string(g.setup().turn_steps) + " step(s) per turn");
  fact("Turns played", std::to_string(g.turn()) + " of " + std::to_string(g.n_turns()) + " (branch " +
                           std::to_string(g.branch()) + ")");
  std::string teams;
  for (const auto& t : g.setup().teams) {
    std::string levers;
    for (const auto& l : t.levers) levers += (levers.empty() ? "" : ", ") + l;
    teams += (teams.empty() ? "" : "; ") + t.id + ": " + levers;
  }
  fact("Teams", teams);
  fact("Created (UTC)", utc_timestamp());
  h << "</dl>\n</header>\n<main>\n";

  // Final outcomes against the baseline.
  h << "<section id=\"final\">\n<h2>Outcomes in " << format_number(sc.years[last_step])
    << " against the baseline projection</h2>\n<table>\n<thead><tr><th>outcome</th><th>game</th><th>baseline "
       "median</th><th>baseline 5th\u201395th</th><th>game's percentile in the baseline</th></tr></thead>\n<tbody>\n";
  for (std::size_t o : heads) {
    const double v = path[last_step * n_out + o];
    std::size_t below = 0, equal = 0;
    for (const auto& t : baseline.traces) {
      below += t[last_step * n_out + o] < v;
      equal += t[last_step * n_out + o] == v;
    }
    const double pct = 100.0 * (static_cast<double>(below) + 0.5 * static_cast<double>(equal)) /
                       static_cast<double>(baseline.traces.size());
    h << "<tr><td>" << html_escape(label(sc.outcomes[o])) << "</td><td>" << report::fmt_value(v) << "</td><td>"
      << report::fmt_value(base_q(last_step, o, 0.5)) << "</td><td>" << report::fmt_value(base_q(last_step, o, 0.05))
      << " \u2013 " << report::fmt_value(base_q(last_step, o, 0.95)) << "</td><td>" << format_short(pct) << "</td></tr>\n";
  }
  h << "</tbody>\n</table>\n</section>\n";

  // Charts.
  h << "<section id=\"charts\">\n<h2>Headline outcomes over the game</h2>\n";
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    const fs::path svg = fs::path(charts_dir) / (jobs[i].stem + ".svg");
    h << "<figure>\n" << report::inline_svg(read_file(svg), "g" + std::to_string(i) + "-", jobs[i].title)
      << "\n<figcaption>" << html_escape(jobs[i].caption) << "</figcaption>\n</figure>\n";
  }
  h << "</section>\n";

  // Timeline.
  h << "<section id=\"timeline\">\n<h2>Timeline</h2>\n";
  for (std::size_t t = 1; t < g.line().size(); ++t) {
    const play::TurnState& ts = g.line()[t];
    const play::AdjudicationRecord& adj = *ts.adjudication;
    h << "<h3>Turn " << ts.turn << ": " << format_number(g.line()[t - 1].state.year) << " \u2192 "
      << format_number(ts.state.year) << "</h3>\n<ul>\n";
    if (ts.inputs.empty()) h << "<li>No move, no inject.</li>\n";
    for (const auto& a : ts.inputs) {
      if (a.kind == play::Action::Kind::kMove) {
        h << "<li><b>" << html_escape(a.team) << "</b> set ";
        bool first = true;
        for (const auto& x : a.move().set) {
          h << (first ? "" : ", ") << "<code>" << html_escape(x.lever) << "</code> " << report::fmt_value(x.previous)
            << " \u2192 " << report::fmt_value(x.value);
          first = false;
        }
        h << "</li>\n";
      } else {
        const std::string& note = a.inject().note;
        h << "<li><b>inject</b> <code>" << html_escape(a.inject().event) << "</code>"
          << (note.empty() ? "" : ": " + html_escape(note)) << "</li>\n";
      }
    }
    std::string events;
    for (const auto& e : adj.events) events += (events.empty() ? "" : ", ") + e.kind + " " + e.name;
    h << "<li>Events in the future taken: " << html_escape(events.empty() ? "none" : events) << "</li>\n";
    h << "<li>Adjudication: " << adj.futures << " futures, " << html_escape(std::string(play::mode_name(adj.mode)))
      << " mode, future " << adj.chosen
      << " taken</li>\n</ul>\n";
    h << "<table>\n<thead><tr><th>outcome</th><th>before</th><th>5th</th><th>25th</th><th>median</th><th>75th</th>"
         "<th>95th</th><th>taken</th></tr></thead>\n<tbody>\n";
    for (std::size_t o : heads) {
      const play::OutcomeDistribution& d = adj.distribution.at(o);
      h << "<tr><td>" << html_escape(label(sc.outcomes[o])) << "</td><td>" << report::fmt_value(d.before)
        << "</td><td>" << report::fmt_value(d.p05) << "</td><td>" << report::fmt_value(d.p25) << "</td><td>"
        << report::fmt_value(d.p50) << "</td><td>" << report::fmt_value(d.p75) << "</td><td>"
        << report::fmt_value(d.p95) << "</td><td><b>" << report::fmt_value(d.taken)
        << "</b></td></tr>\n";
    }
    h << "</tbody>\n</table>\n";
  }
  if (g.line().size() == 1) h << "<p>No turn has been played yet.</p>\n";
  h << "</section>\n</main>\n</body>\n</html>\n";

  const std::string out = (fs::path(req.out) / "report.html").string();
  write_file_atomic(out, h.str());
  return out;
}

}  // namespace entente::analysis
