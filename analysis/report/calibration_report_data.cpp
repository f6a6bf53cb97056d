#include "analysis/report/calibration_report_data.hpp"

#include <algorithm>
#include <filesystem>

#include "analysis/report/csv_table.hpp"
#include "analysis/report/report.hpp"
#include "analysis/writers/number_format.hpp"
#include "sim/output/formats.hpp"

namespace entente::analysis::report {

namespace fs = std::filesystem;

namespace {

const char* const kHint = "expected the output directory of 'entente calibrate --out'";

// The uncertainty as written, without its source: "{dist: uniform, min: 0, max: 0.06}".
std::string flow_map(const Json& u) {
  std::string out = "{";
  for (const auto& [key, value] : u.items()) {
    if (key == "source") continue;
    out += (out.size() > 1 ? ", " : "") + key + ": ";
    if (value.is_number()) out += format_number(value.get<double>());
    else if (value.is_string()) out += value.get<std::string>();
    else out += value.dump();
  }
  return out + "}";
}

}  // namespace

CalibrationReportData load_calibration_report_data(const std::string& dir) {
  CalibrationReportData d;
  d.dir = dir;
  const JsonFile m((fs::path(dir) / "manifest.json").string(), kManifestFormat, kHint);
  const Json& root = m.root();
  d.manifest = root;
  if (m.string(root, "command", "") != "calibrate") m.fail("command", "is not 'calibrate'");
  const Json& scenario = m.object(root, "scenario", "");
  d.scenario_name = m.string(scenario, "name", "scenario");
  d.scenario_hash = m.string_or(scenario, "hash_sha256", "scenario", "");
  d.observed_file = m.string(m.object(root, "observed", ""), "file", "observed");
  d.policy = m.string_or(root, "policy", "", "");
  d.seed = m.count(root, "seed", "");
  const Json& resolved = m.object(root, "resolved_scenario", "");
  d.start_year = m.number(m.object(resolved, "time", "resolved_scenario"), "start", "resolved_scenario.time");
  const Json* uncertainties = m.find(resolved, "uncertainties", "resolved_scenario");
  const Json* outcomes = m.find(resolved, "outcomes", "resolved_scenario");

  const Json& cal = m.object(root, "calibration", "");
  if (m.count(cal, "format_version", "calibration") != static_cast<std::uint64_t>(kCalibrationSectionVersion))
    m.fail("calibration.format_version", "is not " + std::to_string(kCalibrationSectionVersion));
  d.method = m.string_or(cal, "method", "calibration", "");
  d.until = static_cast<int>(m.number(cal, "until", "calibration"));
  d.samples = m.count(cal, "samples", "calibration");
  d.runs_per_point = m.count(cal, "runs_per_point", "calibration");
  d.accept = m.number(cal, "accept", "calibration");
  d.accepted = m.count(cal, "accepted", "calibration");
  for (const auto& n : m.array(cal, "notes", "calibration"))
    if (n.is_string()) d.notes.push_back(n.get<std::string>());
  const Json& series = m.array(cal, "series", "calibration");
  for (std::size_t i = 0; i < series.size(); ++i) {
    const std::string at = item_path("calibration.series", i);
    CalibrationReportSeries s;
    s.series = m.string(series[i], "series", at);
    s.outcome = m.string(series[i], "outcome", at);
    s.observations = m.count(series[i], "observations", at);
    s.scale = m.number(series[i], "scale", at);
    s.label = s.outcome;
    if (outcomes && outcomes->is_object())
      if (auto it = outcomes->find(s.outcome); it != outcomes->end() && it->is_object()) {
        s.label = m.string_or(*it, "label", "resolved_scenario.outcomes." + s.outcome, s.outcome);
        s.unit = m.string_or(*it, "unit", "resolved_scenario.outcomes." + s.outcome, "");
      }
    d.series.push_back(std::move(s));
  }

  // The quantiles and suggestions, one row per parameter in the manifest's order.
  const CsvTable c((fs::path(dir) / "calibration.csv").string(), kHint);
  const std::size_t name = c.column("parameter"), suggested = c.column("suggested");
  const std::size_t cols[] = {c.column("prior_q05"),     c.column("prior_q50"),     c.column("prior_q95"),
                              c.column("posterior_q05"), c.column("posterior_q50"), c.column("posterior_q95"),
                              c.column("posterior_min"), c.column("posterior_max")};
  const Json& names = m.array(cal, "parameters", "calibration");
  if (names.size() != c.rows())
    throw ReportInputError(c.path() + ": " + std::to_string(c.rows()) + " parameters, but manifest.json's "
                           "calibration.parameters lists " + std::to_string(names.size()));
  for (std::size_t r = 0; r < c.rows(); ++r) {
    CalibrationReportParameter p;
    p.name = c.text(r, name);
    if (!names[r].is_string() || names[r].get<std::string>() != p.name)
      c.fail(r, "parameter '" + p.name + "' is not calibration.parameters[" + std::to_string(r) + "] of manifest.json");
    double* v[] = {&p.prior_q05, &p.prior_q50, &p.prior_q95, &p.post_q05, &p.post_q50, &p.post_q95,
                   &p.post_min,  &p.post_max};
    for (std::size_t k = 0; k < 8; ++k) *v[k] = c.number(r, cols[k]);
    p.suggestion = c.text(r, suggested);
    if (uncertainties && uncertainties->is_object())
      if (auto it = uncertainties->find(p.name); it != uncertainties->end() && it->is_object()) {
        p.prior = flow_map(*it);
        p.source = m.string_or(*it, "source", "resolved_scenario.uncertainties." + p.name, "");
      }
    d.params.push_back(std::move(p));
  }

  // Every prior point: its distance, whether it was kept and its values.
  const CsvTable pts((fs::path(dir) / "points.csv").string(), kHint);
  const std::size_t dist = pts.column("distance"), acc = pts.column("accepted");
  std::vector<std::size_t> pcols;
  for (const auto& p : d.params) pcols.push_back(pts.column(p.name));
  if (pts.rows() != d.samples)
    throw ReportInputError(pts.path() + ": " + std::to_string(pts.rows()) + " points, but manifest.json's "
                           "calibration.samples is " + std::to_string(d.samples));
  for (std::size_t r = 0; r < pts.rows(); ++r) {
    const double distance = pts.number(r, dist);
    const std::string& flag = pts.text(r, acc);
    if (flag != "0" && flag != "1") pts.fail(r, "accepted: expected 0 or 1, got '" + flag + "'");
    d.distance.push_back(distance);
    if (flag == "1") d.accepted_distance.push_back(distance);
    for (std::size_t k = 0; k < d.params.size(); ++k) {
      const double x = pts.number(r, pcols[k]);
      d.params[k].prior_sample.push_back(x);
      if (flag == "1") d.params[k].posterior_sample.push_back(x);
    }
  }
  if (d.accepted_distance.size() != d.accepted)
    throw ReportInputError(pts.path() + ": " + std::to_string(d.accepted_distance.size()) +
                           " points marked accepted, but manifest.json's calibration.accepted is " +
                           std::to_string(d.accepted));
  std::sort(d.accepted_distance.begin(), d.accepted_distance.end());
  return d;
}

}  // namespace entente::analysis::report
