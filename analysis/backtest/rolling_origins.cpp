#include "analysis/backtest/rolling_origins.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "analysis/workflows/result_set.hpp"
#include "analysis/writers/csv_field.hpp"
#include "analysis/writers/number_format.hpp"
#include "analysis/writers/text_table.hpp"
#include "sim/io/diagnostics.hpp"
#include "sim/output/formats.hpp"

namespace entente::analysis {

std::vector<int> parse_origins(const std::string& text) {
  Diagnostics d;
  std::vector<int> out;
  std::size_t begin = 0;
  while (begin <= text.size()) {
    const std::size_t end = std::min(text.find(',', begin), text.size());
    const std::string item = text.substr(begin, end - begin);
    std::size_t used = 0;
    int year = 0;
    bool ok = !item.empty();
    if (ok) {
      try {
        year = std::stoi(item, &used);
        ok = used == item.size();
      } catch (const std::exception&) {
        ok = false;
      }
    }
    if (!ok) {
      d.error({"--origins", 0, static_cast<int>(begin) + 1}, "expected a year, got '" + item + "'");
    } else if (!out.empty() && year <= out.back()) {
      d.error({"--origins", 0, static_cast<int>(begin) + 1},
              "origins must increase, got " + std::to_string(year) + " after " + std::to_string(out.back()));
    } else {
      out.push_back(year);
    }
    begin = end + 1;
  }
  if (d.empty() && out.size() < 2)
    d.error({"--origins", 0, 0}, "give at least two origins (one origin is --origin YEAR)");
  d.throw_if_any();
  return out;
}

namespace {

// Scores of lead `lead` over the rows `pick` selects across every origin's
// run; `pooled` divides each row by its origin's series scale.
RollingLead score_lead(const RollingResult& r, const std::string& series, int lead, bool pooled) {
  std::vector<const BacktestRow*> rows;
  std::vector<double> scales;
  std::size_t origins = 0;
  for (const auto& run : r.runs) {
    bool contributed = false;
    for (const auto& s : run.series) {
      if (!pooled && s.series != series) continue;
      for (const auto& row : s.rows)
        if (!row.in_sample && row.scored && row.lead == lead) {
          rows.push_back(&row);
          scales.push_back(pooled ? s.scale : 1.0);
          contributed = true;
        }
    }
    origins += contributed ? 1 : 0;
  }
  RollingLead l;
  l.series = pooled ? "(all)" : series;
  l.lead = lead;
  l.origins = origins;
  l.scores = score_backtest_rows(rows, [](const BacktestRow&) { return true; }, scales);
  return l;
}

}  // namespace

RollingResult execute_rolling_backtest(const BacktestRequest& request, const std::vector<int>& origins,
                                       const ModelRegistry& registry) {
  RollingResult res;
  res.origins = origins;
  res.max_lead = request.max_lead > 0 ? request.max_lead : kRollingDefaultMaxLead;
  for (int origin : origins) {
    BacktestRequest one = request;
    one.until = origin;
    one.condition = true;
    one.max_lead = res.max_lead;
    BacktestResult r = execute_backtest(one, registry);
    if (r.interrupted) {
      res.interrupted = true;
      return res;
    }
    res.runs.push_back(std::move(r));
  }
  // Series in the order of their first appearance (the same in every run:
  // the matching does not depend on the origin).
  std::vector<std::string> names;
  for (const auto& run : res.runs)
    for (const auto& s : run.series)
      if (std::find(names.begin(), names.end(), s.series) == names.end()) names.push_back(s.series);
  for (int lead = 1; lead <= res.max_lead; ++lead) {
    for (const auto& name : names) {
      RollingLead l = score_lead(res, name, lead, false);
      if (l.scores.n > 0) res.leads.push_back(std::move(l));
    }
    RollingLead all = score_lead(res, "", lead, true);
    if (all.scores.n > 0) res.leads.push_back(std::move(all));
  }
  return res;
}

std::string rolling_csv(const RollingResult& r) {
  std::ostringstream out;
  out << "origin,series,lead,origins," << kScoreColumns << "\n";
  for (const auto& l : r.leads)
    out << "all," << csv_field(l.series) << ',' << l.lead << ',' << l.origins << ',' << score_csv_fields(l.scores)
        << '\n';
  for (std::size_t k = 0; k < r.runs.size(); ++k)
    for (const auto& l : r.runs[k].leads)
      out << r.origins[k] << ',' << csv_field(l.series) << ',' << l.lead << ",1," << score_csv_fields(l.scores)
          << '\n';
  return out.str();
}

std::string rolling_json(const RollingResult& r) {
  nlohmann::ordered_json j;
  j["format"] = kBacktestRollingFormat.name;
  j["format_version"] = kBacktestRollingFormat.version;
  j["manifest"] = "manifest.json";
  j["origins"] = r.origins;
  j["max_lead"] = r.max_lead;
  auto per_origin = nlohmann::ordered_json::array();
  for (std::size_t k = 0; k < r.runs.size(); ++k)
    per_origin.push_back({{"origin", r.origins[k]},
                          {"dir", "origin_" + std::to_string(r.origins[k])},
                          {"relative_error", r.runs[k].relative_error}});
  j["runs"] = per_origin;
  auto leads = nlohmann::ordered_json::array();
  for (const auto& l : r.leads) {
    const auto& s = l.scores;
    leads.push_back({{"series", l.series},
                     {"lead", l.lead},
                     {"origins", l.origins},
                     {"n", s.n},
                     {"coverage_50", s.coverage_50},
                     {"coverage_90", s.coverage_90},
                     {"coverage_90_walk", s.coverage_90_walk},
                     {"crps_model", s.crps_model},
                     {"crps_persistence", s.crps_persistence},
                     {"crps_trend", s.crps_trend},
                     {"crps_walk", s.crps_walk},
                     {"sharpness", s.sharpness},
                     {"pit_histogram", s.pit_histogram}});
  }
  j["leads"] = leads;
  return j.dump(2) + "\n";
}

std::string rolling_table(const RollingResult& r) {
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"series", "lead", "origins", "n", "cov50", "cov90", "width/med", "CRPS model", "persistence",
                  "trend", "walk", "skill/pers", "skill/trend", "skill/walk"});
  auto opt = [](const std::optional<double>& v) { return v ? format_short(*v) : std::string("-"); };
  for (const auto& l : r.leads) {
    const auto& s = l.scores;
    rows.push_back({l.series == "(all)" ? "all (CRPS / mean |obs|)" : l.series, std::to_string(l.lead),
                    std::to_string(l.origins), std::to_string(s.n), format_short(s.coverage_50),
                    format_short(s.coverage_90), format_short(s.sharpness), format_short(s.crps_model),
                    format_short(s.crps_persistence), format_short(s.crps_trend), format_short(s.crps_walk),
                    opt(s.skill_persistence), opt(s.skill_trend), opt(s.skill_walk)});
  }
  std::ostringstream out;
  out << "rolling origins";
  for (std::size_t k = 0; k < r.origins.size(); ++k) out << (k ? ", " : " ") << r.origins[k];
  out << ": out-of-sample scores by lead (years after the origin), pooled over the origins\n";
  out << format_text_table(rows);
  out << "each origin conditions on the observations up to it and forecasts the years after; its baselines are "
         "built at that origin. Per-origin files: origin_YEAR/ under --out\n";
  return out.str();
}

void write_rolling_outputs(const RollingResult& r, const std::string& dir) {
  for (std::size_t k = 0; k < r.runs.size(); ++k)
    write_backtest_outputs(r.runs[k], (std::filesystem::path(dir) / ("origin_" + std::to_string(r.origins[k]))).string());
  const BacktestResult& first = r.runs.front();
  nlohmann::ordered_json manifest = make_manifest(first.loaded, first.settings);
  manifest["observed"] = {{"file", first.observed.file}, {"sha256", first.observed.sha256}};
  manifest["backtest"] = {{"origins", r.origins}, {"conditioned", true},
                          {"discrepancy", first.discrepancy ? "ar1" : "none"}, {"max_lead", r.max_lead},
                          {"trend_window", first.trend_window}};
  write_result_set(dir, {{"rolling.csv", rolling_csv(r)}, {"rolling.json", rolling_json(r)}}, manifest);
}

}  // namespace entente::analysis
