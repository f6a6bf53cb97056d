// A sweep database as the input of `entente analyze`.
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "analysis/sweep/analysis_input.hpp"
#include "analysis/sweep/sweep_db.hpp"
#include "analysis/writers/number_format.hpp"

namespace entente::analysis {

AnalysisInput read_sweep_for_analysis(const std::string& path, const std::string& outcome, double year,
                                      const std::string& policy) {
  if (!std::filesystem::exists(path)) throw std::runtime_error(path + ": no such sweep database");
  SweepDatabase db(path);
  if (db.manifest_value("format") != "entente-sweep")
    throw std::runtime_error(path + ": not an entente sweep database (no 'format: entente-sweep' in its manifest)");
  if (db.manifest_value("format_version") != "1")
    throw std::runtime_error(path + ": sweep database format_version " + db.manifest_value("format_version") +
                             "; this entente reads version 1");
  const auto policies = nlohmann::json::parse(db.manifest_value("policies")).get<std::vector<std::string>>();
  std::string chosen = policy;
  if (chosen.empty()) chosen = policies.front();
  if (std::find(policies.begin(), policies.end(), chosen) == policies.end()) {
    std::string list;
    for (const auto& p : policies) list += (list.empty() ? "" : ", ") + p;
    throw std::runtime_error(path + ": no policy '" + chosen + "' in this sweep (it has " + list + ")");
  }
  AnalysisInput in;
  in.design_kind = db.manifest_value("design");
  in.second_order = db.manifest_value("second_order") == "1";
  if (in.design_kind == "morris") in.morris_levels = std::stoi(db.manifest_value("levels"));
  in.names = db.parameter_names();
  in.x = db.design_values(false);
  in.u = db.design_values(true);
  in.y = db.point_means(chosen, outcome, year);
  std::size_t missing = 0;
  for (double v : in.y) missing += std::isnan(v) ? 1 : 0;
  if (missing == in.y.size())
    throw std::runtime_error(path + ": no results for outcome '" + outcome + "' in " + format_number(year) +
                             " (policy " + chosen + "); check the outcome id and that the year was reported");
  if (missing > 0)
    throw std::runtime_error(path + ": " + std::to_string(missing) + " of " + std::to_string(in.y.size()) +
                             " points are not finished; complete the sweep with --resume first");
  in.response = outcome + " " + format_number(year) + " (" + chosen + ")";
  return in;
}

}  // namespace entente::analysis
