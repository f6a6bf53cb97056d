#include "analysis/backtest/observation_match.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "sim/io/diagnostics.hpp"
#include "sim/util/suggest.hpp"
#include "sim/scenario/year_step.hpp"

namespace entente::analysis {

namespace {

std::vector<std::string> outcome_ids(const CompiledScenario& sc) {
  std::vector<std::string> ids;
  for (const auto& o : sc.outcomes) ids.push_back(o.spec.id);
  return ids;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> parse_series_map(const std::vector<std::string>& items,
                                                                  const ObservedData& data,
                                                                  const CompiledScenario& sc) {
  Diagnostics d;
  std::vector<std::pair<std::string, std::string>> out;
  const auto ids = outcome_ids(sc);
  const auto series = data.series();
  for (const auto& item : items) {
    const std::size_t eq = item.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == item.size()) {
      d.error({"--map", 0, 0}, "expected SERIES=OUTCOME, got '" + item + "'");
      continue;
    }
    const std::string s = item.substr(0, eq), o = item.substr(eq + 1);
    if (std::find(ids.begin(), ids.end(), o) == ids.end()) {
      d.error({"--map", 0, 0}, "'" + item + "': the scenario has no outcome '" + o + "'" + did_you_mean(o, ids));
      continue;
    }
    if (std::find(series.begin(), series.end(), s) == series.end()) {
      d.error({"--map", 0, 0}, "'" + item + "': " + data.file + " has no series '" + s + "'" + did_you_mean(s, series));
      continue;
    }
    bool twice = false;
    for (const auto& [ps, po] : out) twice = twice || ps == s;
    if (twice) {
      d.error({"--map", 0, 0}, "series '" + s + "' is mapped twice");
      continue;
    }
    out.emplace_back(s, o);
  }
  d.throw_if_any();
  return out;
}

ObservationMatch match_observations(const ObservedData& data, const CompiledScenario& sc,
                                    const std::vector<std::pair<std::string, std::string>>& map) {
  ObservationMatch m;
  const auto ids = outcome_ids(sc);
  for (const auto& name : data.series()) {
    std::string target = name;
    for (const auto& [s, o] : map)
      if (s == name) target = o;
    const auto it = std::find(ids.begin(), ids.end(), target);
    if (it == ids.end()) {
      m.unmatched.push_back(name);
      continue;
    }
    MatchedSeries ms;
    ms.series = name;
    ms.outcome = static_cast<std::size_t>(it - ids.begin());
    for (std::size_t r = 0; r < data.rows.size(); ++r) {
      const Observation& o = data.rows[r];
      if (o.series != name) continue;
      if (ms.observed_unit.empty()) ms.observed_unit = o.unit;
      const std::optional<std::size_t> step = year_step(sc.years, o.year);
      if (!step) {
        m.off_steps.push_back(name + " " + std::to_string(o.year));
        continue;
      }
      ms.obs.push_back({r, *step, static_cast<double>(o.year), o.value});
    }
    std::sort(ms.obs.begin(), ms.obs.end(), [](const auto& a, const auto& b) { return a.year < b.year; });
    for (const auto& o : ms.obs) m.last_year = std::max(m.last_year, o.year);
    if (!ms.obs.empty()) m.series.push_back(std::move(ms));
  }
  if (m.series.empty()) {
    Diagnostics d;
    d.error({data.file, 0, 0},
            "no observed series matches an outcome of the scenario on one of its years (" +
                std::to_string(static_cast<long long>(sc.years.front())) + " to " +
                std::to_string(static_cast<long long>(sc.years.back())) +
                "); name outcomes like the series, or map them with --map SERIES=OUTCOME");
    d.throw_if_any();
  }
  return m;
}

std::vector<std::string> match_notes(const ObservationMatch& m) {
  std::vector<std::string> notes;
  if (!m.unmatched.empty()) {
    std::string s = "skipped " + std::to_string(m.unmatched.size()) + " observed series with no outcome of that id (use --map SERIES=OUTCOME): ";
    for (std::size_t i = 0; i < m.unmatched.size(); ++i) s += (i ? ", " : "") + m.unmatched[i];
    notes.push_back(s);
  }
  if (!m.off_steps.empty()) {
    // Per series, in order: "gdp_ru 2000-2020 (21)", or "gdp_ru 1995" for one.
    std::vector<std::pair<std::string, std::vector<int>>> by_series;
    for (const auto& item : m.off_steps) {
      const std::size_t sp = item.rfind(' ');
      const std::string name = item.substr(0, sp);
      const int year = std::stoi(item.substr(sp + 1));
      if (by_series.empty() || by_series.back().first != name) by_series.push_back({name, {}});
      by_series.back().second.push_back(year);
    }
    std::string s = "skipped " + std::to_string(m.off_steps.size()) + " observations on no year of the scenario: ";
    for (std::size_t i = 0; i < by_series.size(); ++i) {
      const auto& [name, years] = by_series[i];
      const auto [lo, hi] = std::minmax_element(years.begin(), years.end());
      s += (i ? ", " : "") + name + " " + std::to_string(*lo);
      if (years.size() > 1) s += "-" + std::to_string(*hi) + " (" + std::to_string(years.size()) + ")";
    }
    notes.push_back(s);
  }
  return notes;
}

}  // namespace entente::analysis
