#include "analysis/report/report_data.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "analysis/report/report.hpp"
#include "sim/util/sha256.hpp"
#include "sim/scenario/year_step.hpp"
#include "sim/output/formats.hpp"

namespace entente::analysis::report {

namespace fs = std::filesystem;

const OutcomeInfo* ReportData::outcome(const std::string& id) const {
  for (const auto& o : outcomes)
    if (o.id == id) return &o;
  return nullptr;
}

const PolicyInfo* ReportData::policy(const std::string& id) const {
  for (const auto& p : policies)
    if (p.id == id) return &p;
  return nullptr;
}

const std::string& ReportData::policy_label(const std::string& id) const {
  const PolicyInfo* p = policy(id);
  return p && !p->label.empty() ? p->label : id;
}

std::size_t ReportData::policy_index(const std::string& id) const {
  for (std::size_t i = 0; i < policies.size(); ++i)
    if (policies[i].id == id) return i;
  return policies.size();
}

std::size_t ReportData::year_index(double year) const {
  return year_step(years, year).value_or(years.size());
}

std::vector<const OutcomeInfo*> ReportData::headline_outcomes() const {
  std::vector<const OutcomeInfo*> out;
  for (const auto& o : outcomes)
    if (o.headline) out.push_back(&o);
  if (out.empty())
    for (const auto& o : outcomes) out.push_back(&o);
  return out;
}

void mark_binary_outcomes(ReportData& data) {
  // The quantile sketch returns 0 exactly and 1 within its relative accuracy.
  auto zero_or_one = [](double v) { return v == 0 || std::fabs(v - 1) <= 0.02; };
  for (auto& o : data.outcomes) {
    bool binary = !data.summaries.empty();
    for (const auto& [policy, per_outcome] : data.summaries) {
      auto it = per_outcome.find(o.id);
      if (it == per_outcome.end()) {
        binary = false;
        break;
      }
      const Bands& b = it->second;
      for (std::size_t y = 0; binary && y < b.p50.size(); ++y)
        binary = zero_or_one(b.p05[y]) && zero_or_one(b.p25[y]) && zero_or_one(b.p50[y]) && zero_or_one(b.p75[y]) &&
                 zero_or_one(b.p95[y]) && b.mean[y] >= 0 && b.mean[y] <= 1;
      if (!binary) break;
    }
    o.binary = binary;
  }
}

namespace {

// The manifest lists the SHA-256 of every other file of its set: a report of
// a mixed or edited set says so instead of failing.
void verify_files(const std::string& dir, const JsonFile& manifest, ReportData& data) {
  const Json* files = manifest.find(manifest.root(), "files", "");
  if (!files || !files->is_object()) return;
  for (const auto& [name, hash] : files->items()) {
    if (!hash.is_string()) continue;
    const fs::path p = fs::path(dir) / name;
    std::ifstream in(p, std::ios::binary);
    if (!in) {
      data.integrity_problems.push_back({name, "listed in manifest.json but missing"});
      continue;
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (sha256_hex(bytes.str()) == hash.get<std::string>()) data.verified_files.push_back(name);
    else data.integrity_problems.push_back({name, "its SHA-256 differs from the one in manifest.json"});
  }
}

}  // namespace

ReportData load_report_data(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw ReportInputError(dir + ": not a directory; expected the output directory of 'entente run --out' or "
                                 "'entente compare --out'");
  ReportData data;
  data.dir = dir;
  const std::string manifest_path = (fs::path(dir) / "manifest.json").string();
  JsonFile manifest(manifest_path, kManifestFormat,
                    "expected the output directory of 'entente run --out' (manifest.json, summary.json) or "
                    "'entente compare --out' (manifest.json, compare.json)");
  data.manifest = manifest.root();
  const std::string command = manifest.string(manifest.root(), "command", "");
  const Json& scenario = manifest.object(manifest.root(), "scenario", "");
  data.scenario_name = manifest.string(scenario, "name", "scenario");
  data.hash = manifest.string_or(scenario, "hash_sha256", "scenario", "");
  data.runs = manifest.count(manifest.root(), "runs", "");
  data.seed = manifest.count(manifest.root(), "seed", "");
  if (command == "run") load_run(dir, data);
  else if (command == "compare") load_compare(dir, data);
  else manifest.fail("command", "is '" + command + "'; a report is made from the output of 'run', 'compare' or 'backtest'");
  mark_binary_outcomes(data);
  verify_files(dir, manifest, data);
  return data;
}

}  // namespace entente::analysis::report
