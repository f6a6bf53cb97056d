#include "analysis/report/report_data.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "analysis/report/report.hpp"
#include "sim/util/sha256.hpp"

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

std::size_t ReportData::policy_index(const std::string& id) const {
  for (std::size_t i = 0; i < policies.size(); ++i)
    if (policies[i].id == id) return i;
  return policies.size();
}

std::size_t ReportData::year_index(double year) const {
  for (std::size_t i = 0; i < years.size(); ++i)
    if (std::fabs(years[i] - year) < 1e-9) return i;
  return years.size();
}

std::vector<const OutcomeInfo*> ReportData::headline_outcomes() const {
  std::vector<const OutcomeInfo*> out;
  for (const auto& o : outcomes)
    if (o.headline) out.push_back(&o);
  if (out.empty())
    for (const auto& o : outcomes) out.push_back(&o);
  return out;
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
  JsonFile manifest(manifest_path, "entente-manifest", 1,
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
  else manifest.fail("command", "is '" + command + "'; a report is made from the output of 'run' or 'compare'");
  verify_files(dir, manifest, data);
  return data;
}

}  // namespace entente::analysis::report
