// The threshold bar chart (compare): for each threshold, the probability of
// crossing it by the end year under each policy, as clustered bars with
// ±1.96 standard error bars.
#include <algorithm>
#include <sstream>
#include <utility>

#include "analysis/report/chart_style.hpp"
#include "analysis/report/charts.hpp"

namespace entente::analysis::report {

namespace {

// Tick labels of about `width` characters a line.
std::string wrap(const std::string& text, std::size_t width) {
  std::string out, line, word;
  std::istringstream in(text);
  while (in >> word) {
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      out += (out.empty() ? "" : "\n") + line;
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  if (!line.empty()) out += (out.empty() ? "" : "\n") + line;
  return out;
}

}  // namespace

std::vector<ChartJob> threshold_chart_jobs(const ReportData& data) {
  std::vector<ChartJob> jobs;
  if (data.kind != ReportKind::kCompare || data.thresholds.empty()) return jobs;
  // One group of bars per (outcome, threshold label), in file order.
  std::vector<std::pair<std::string, std::string>> groups;
  for (const auto& t : data.thresholds)
    if (std::find(groups.begin(), groups.end(), std::make_pair(t.outcome, t.label)) == groups.end())
      groups.emplace_back(t.outcome, t.label);
  auto find = [&](const std::string& policy, const std::pair<std::string, std::string>& g) -> const Threshold* {
    for (const auto& t : data.thresholds)
      if (t.policy == policy && t.outcome == g.first && t.label == g.second) return &t;
    return nullptr;
  };
  auto label_of = [&](const std::pair<std::string, std::string>& g) {
    std::size_t same = 0;
    for (const auto& h : groups) same += h.second == g.second ? std::size_t{1} : std::size_t{0};
    return same > 1 ? data.outcome(g.first)->label + ": " + g.second : g.second;
  };

  const std::string end_year = dat_number(data.years.back());
  ChartJob job;
  job.kind = ChartKind::kThreshold;
  job.stem = "thresholds";
  job.title = "Probability of crossing each threshold by " + end_year;

  std::ostringstream dat;
  dat << "# P(by " << end_year << ") in percent and 1.96 standard errors, per threshold (row) and policy\n# group";
  for (const auto& p : data.policies) dat << '\t' << p.id << "_p_by\t" << p.id << "_1.96se";
  dat << '\n';
  for (std::size_t g = 0; g < groups.size(); ++g) {
    dat << g;
    for (const auto& p : data.policies) {
      const Threshold* t = find(p.id, groups[g]);
      dat << '\t' << (t ? dat_number(100 * t->p_by.back()) : "NaN") << '\t'
          << (t ? dat_number(100 * 1.96 * t->se_by.back()) : "NaN");
    }
    dat << "  " << gp_comment(groups[g].first + ": " + groups[g].second) << '\n';
  }
  job.data = dat.str();

  const std::size_t width = groups.size() <= 3 ? 36 : groups.size() <= 6 ? 22 : 14;
  std::ostringstream settings;
  settings << errorbar_histogram_settings()
           << "set yrange [0:100]\n"
           << "set ylabel " << gp_string("probability by " + end_year + ", %") << "\n"
           << "set xtics nomirror scale 0 (";
  for (std::size_t g = 0; g < groups.size(); ++g)
    settings << (g ? ", " : "") << gp_multiline(wrap(label_of(groups[g]), width)) << " " << g;
  settings << ")\n"
           << "set xrange [-0.6:" << dat_number(static_cast<double>(groups.size()) - 0.4) << "]\n";

  const std::string file = gp_string(job.stem + ".dat");
  std::ostringstream plot;
  plot << "plot \\\n";
  for (std::size_t p = 0; p < data.policies.size(); ++p)
    plot << "  " << file << " using " << 2 + 2 * p << ":" << 3 + 2 * p << " lc rgb " << gp_string(policy_colour(p))
         << " title " << gp_string(data.policies[p].label) << (p + 1 < data.policies.size() ? ", \\\n" : "\n");
  job.script = chart_script(job.stem, job.title, settings.str(), plot.str());
  job.caption = "Share of runs in which the outcome crossed the threshold in any year up to " + end_year +
                ", per policy, with error bars of \u00b11.96 standard errors (Monte Carlo uncertainty).";
  jobs.push_back(std::move(job));
  return jobs;
}

}  // namespace entente::analysis::report
