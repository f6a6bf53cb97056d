// A sweep database as the input of `entente analyze`.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "analysis/sweep/analysis_input.hpp"
#include "analysis/sweep/sweep_db.hpp"
#include "analysis/writers/number_format.hpp"
#include "sim/util/suggest.hpp"
#include "sim/scenario/year_step.hpp"
#include "sim/output/formats.hpp"

namespace entente::analysis {

AnalysisInput read_sweep_for_analysis(const std::string& path, const std::string& outcome, double year,
                                      const std::string& policy, const std::string& versus,
                                      const std::string& statistic) {
  const auto& statistics = point_statistics();
  if (std::find(statistics.begin(), statistics.end(), statistic) == statistics.end())
    throw std::runtime_error("no statistic '" + statistic + "' in a sweep" + did_you_mean(statistic, statistics) +
                             "; a sweep stores " + join_alternatives(statistics) + " per point");
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw std::runtime_error(path + ": no such sweep database");
  // An empty file is not a sweep: opening it would write a schema into it.
  if (std::filesystem::is_regular_file(path, ec) && std::filesystem::file_size(path, ec) == 0)
    throw std::runtime_error(path + ": empty file, not an entente sweep database (nothing was written to it)");
  SweepDatabase db(path);
  if (db.manifest_value("format") != kSweepFormat.name)
    throw std::runtime_error(path + ": not an entente sweep database (no 'format: " + kSweepFormat.name +
                             "' in its manifest)");
  // Version 1 (an older entente's) is read as well: its `results` table has
  // the columns of version 2's view.
  const std::string version = db.manifest_value("format_version");
  if (version != std::to_string(kSweepFormat.version) || db.layout_version() != kSweepFormat.version) {
    if (version != "1" || db.layout_version() != 1)
      throw std::runtime_error(path + ": sweep database format_version " + version + "; this entente reads versions 1 and " +
                               std::to_string(kSweepFormat.version));
  }
  db.require_intact();
  const auto policies = nlohmann::json::parse(db.manifest_value("policies")).get<std::vector<std::string>>();
  std::string chosen = policy;
  if (chosen.empty()) chosen = policies.front();
  for (const std::string* p : {static_cast<const std::string*>(&chosen), &versus}) {
    if (p->empty() || std::find(policies.begin(), policies.end(), *p) != policies.end()) continue;
    std::string list;
    for (const auto& q : policies) list += (list.empty() ? "" : ", ") + q;
    throw std::runtime_error(path + ": no policy '" + *p + "' in this sweep (it has " + list + ")");
  }
  AnalysisInput in;
  in.design_kind = db.manifest_value("design");
  in.second_order = db.manifest_value("second_order") == "1";
  if (in.design_kind == "morris") in.morris_levels = std::stoi(db.manifest_value("levels"));
  in.names = db.parameter_names();
  in.x = db.design_values(false);
  in.u = db.design_values(true);
  in.y = db.point_values(chosen, outcome, year, statistic);
  std::size_t missing = 0;
  for (double v : in.y) missing += std::isnan(v) ? 1 : 0;
  if (missing == in.y.size()) {
    // Name what the sweep holds: a misspelt outcome, or a year it did not store.
    std::vector<std::string> outcomes;
    std::vector<double> years;
    try {
      const auto scenario = nlohmann::json::parse(db.manifest_value("resolved_scenario"));
      if (scenario.contains("outcomes") && scenario["outcomes"].is_object())
        for (const auto& [id, spec] : scenario["outcomes"].items()) outcomes.push_back(id);
      years = nlohmann::json::parse(db.manifest_value("years")).get<std::vector<double>>();
    } catch (const std::exception&) {
      // An older or damaged manifest: the plain message below.
    }
    if (!outcomes.empty() && std::find(outcomes.begin(), outcomes.end(), outcome) == outcomes.end())
      throw std::runtime_error(path + ": no outcome '" + outcome + "' in this sweep" + did_you_mean(outcome, outcomes) +
                               "; its outcomes: " + join_alternatives(outcomes));
    if (!years.empty() && !year_step(years, year)) {
      const double nearest = *std::min_element(years.begin(), years.end(), [&](double a, double b) {
        return std::fabs(a - year) < std::fabs(b - year);
      });
      throw std::runtime_error(path + ": no year " + format_number(year) + " in this sweep (did you mean " +
                               format_number(nearest) + "?); it stored " +
                               (years.size() > 6 ? format_number(years.front()) + " to " + format_number(years.back())
                                                 : [&] {
                                                     std::vector<std::string> t;
                                                     for (double y : years) t.push_back(format_number(y));
                                                     return join_alternatives(t);
                                                   }()));
    }
    throw std::runtime_error(path + ": no results for outcome '" + outcome + "' in " + format_number(year) +
                             " (policy " + chosen + "); check the outcome id and that the year was reported");
  }
  if (missing > 0)
    throw std::runtime_error(path + ": " + std::to_string(missing) + " of " + std::to_string(in.y.size()) +
                             " points are not finished; complete the sweep with --resume first");
  // "russia_dependence_on_china 2035 (baseline)"; another statistic than the
  // mean is named: "russia_dependence_on_china p95 2035 (baseline)".
  const std::string what = outcome + (statistic == "mean" ? "" : " " + statistic) + " " + format_number(year);
  in.response = what + " (" + chosen + ")";
  if (!versus.empty()) {
    const auto base = db.point_values(versus, outcome, year, statistic);
    for (std::size_t i = 0; i < in.y.size(); ++i) in.y[i] -= base[i];
    in.response = what + " (" + chosen + " - " + versus + ")";
  }
  return in;
}

}  // namespace entente::analysis
